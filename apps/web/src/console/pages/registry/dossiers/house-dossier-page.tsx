// 一房一档: a house, its building, the people living there and the devices installed in it.
import { Card, Descriptions } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { THouseDossier } from '../shared/types.ts';
import { DossierFrame } from './dossier-frame.tsx';
import { DossierTabs } from './dossier-tabs.tsx';
import { RefTag } from './ref-tag.tsx';
import { RefTags } from './ref-tags.tsx';
import { ResidentsTable } from './residents-table.tsx';
import { useDossier } from './use-dossier.ts';

export function HouseDossierPage() {
  const t = useT();
  const state = useDossier<THouseDossier>('houses');
  const none = t('common.none');
  return (
    <DossierFrame kind="houses" state={state} title={(d) => d.house.address}>
      {({ house, residents, devices, history }) => (
        <>
          <Card title={t('dossier.record')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: 'code', label: t('field.houses.code'), children: house.code },
                { key: 'address', label: t('field.houses.address'), children: house.address },
                {
                  key: 'building',
                  label: t('field.houses.building'),
                  children: house.building ? (
                    <RefTag kind="buildings" id={house.building.id} label={house.building.label} />
                  ) : (
                    none
                  ),
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
                {
                  key: 'devices',
                  label: t('dossier.devices'),
                  children: <RefTags kind="devices" refs={devices} />,
                },
              ]}
            />
          </Card>
          <Card title={t('dossier.residents')} size="small" style={{ marginBottom: 16 }}>
            <ResidentsTable residents={residents} />
          </Card>
          <DossierTabs kind="houses" history={history} />
        </>
      )}
    </DossierFrame>
  );
}
