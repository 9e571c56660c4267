// 一房一档: a house, its building, the people living there and the devices installed in it.
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { THouseDossier } from '../shared/types.ts';
import { DossierSection, RecordDossier } from './record-dossier.tsx';
import { OptionalRefTag } from './ref-tag.tsx';
import { RefTags } from './ref-tags.tsx';
import { ResidentsTable } from './residents-table.tsx';

export function HouseDossierPage() {
  const t = useT();
  const none = t('common.none');
  return (
    <RecordDossier<THouseDossier>
      kind="houses"
      title={(d) => d.house.address}
      record={({ house, devices }) => [
        { key: 'code', label: t('field.houses.code'), children: house.code },
        { key: 'address', label: t('field.houses.address'), children: house.address },
        {
          key: 'building',
          label: t('field.houses.building'),
          children: <OptionalRefTag kind="buildings" target={house.building} />,
        },
        { key: 'unit', label: t('field.houses.unit'), children: house.unit ?? none },
        { key: 'floor', label: t('field.houses.floor'), children: house.floor ?? none },
        { key: 'room', label: t('field.houses.room'), children: house.room ?? none },
        { key: 'areaM2', label: t('field.houses.areaM2'), children: house.areaM2 ?? none },
        { key: 'use', label: t('field.houses.use'), children: t(`enum.houseUse.${house.use}`) },
        {
          key: 'registeredResidents',
          label: t('field.houses.registeredResidents'),
          children: house.registeredResidents,
        },
        { key: 'residents', label: t('field.houses.residents'), children: house.residents },
        { key: 'gridCode', label: t('field.houses.gridCode'), children: house.gridCode },
        { key: 'devices', label: t('dossier.devices'), children: <RefTags kind="devices" refs={devices} /> },
      ]}
      sections={({ residents }) => (
        <DossierSection title={t('dossier.residents')}>
          <ResidentsTable residents={residents} />
        </DossierSection>
      )}
    />
  );
}
