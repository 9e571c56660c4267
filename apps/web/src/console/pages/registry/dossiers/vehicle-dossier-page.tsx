// 一车一档: a vehicle, its owner and its history (plate sightings arrive with the sensing module).
import { Card, Descriptions } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { plateKindName } from '../shared/plate-kind.ts';
import type { TVehicleDossier } from '../shared/types.ts';
import { DossierFrame } from './dossier-frame.tsx';
import { DossierTabs } from './dossier-tabs.tsx';
import { RefTag } from './ref-tag.tsx';
import { useDossier } from './use-dossier.ts';

export function VehicleDossierPage() {
  const t = useT();
  const state = useDossier<TVehicleDossier>('vehicles');
  const none = t('common.none');
  return (
    <DossierFrame kind="vehicles" state={state} title={(d) => d.vehicle.plate}>
      {({ vehicle, history }) => (
        <>
          <Card title={t('dossier.record')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
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
                  children: vehicle.owner ? (
                    <RefTag kind="persons" id={vehicle.owner.id} label={vehicle.owner.label} />
                  ) : (
                    none
                  ),
                },
                { key: 'brand', label: t('field.vehicles.brand'), children: vehicle.brand ?? none },
                { key: 'colour', label: t('field.vehicles.colour'), children: vehicle.colour ?? none },
              ]}
            />
          </Card>
          <DossierTabs kind="vehicles" history={history} />
        </>
      )}
    </DossierFrame>
  );
}
