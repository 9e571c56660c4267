// 一车一档: a vehicle, its owner and its history (plate sightings arrive with the sensing module).
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { plateKindName } from '../shared/plate-kind.ts';
import type { TVehicleDossier } from '../shared/types.ts';
import { RecordDossier } from './record-dossier.tsx';
import { OptionalRefTag } from './ref-tag.tsx';

export function VehicleDossierPage() {
  const t = useT();
  const none = t('common.none');
  return (
    <RecordDossier<TVehicleDossier>
      kind="vehicles"
      title={(d) => d.vehicle.plate}
      record={({ vehicle }) => [
        { key: 'plate', label: t('field.vehicles.plate'), children: vehicle.plate },
        {
          key: 'plateKind',
          label: t('field.vehicles.plateKind'),
          children: plateKindName(vehicle.plateKind, t),
        },
        { key: 'gridCode', label: t('field.vehicles.gridCode'), children: vehicle.gridCode },
        {
          key: 'owner',
          label: t('field.vehicles.owner'),
          children: <OptionalRefTag kind="persons" target={vehicle.owner} />,
        },
        { key: 'brand', label: t('field.vehicles.brand'), children: vehicle.brand ?? none },
        { key: 'colour', label: t('field.vehicles.colour'), children: vehicle.colour ?? none },
      ]}
    />
  );
}
