// 一机一档: a sensing device (or a resident's registered phone), where it is and whose it is.
import { Card, Descriptions } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { TDeviceDossier } from '../shared/types.ts';
import { DossierFrame } from './dossier-frame.tsx';
import { DossierTabs } from './dossier-tabs.tsx';
import { RefTag } from './ref-tag.tsx';
import { useDossier } from './use-dossier.ts';

export function DeviceDossierPage() {
  const t = useT();
  const state = useDossier<TDeviceDossier>('devices');
  const none = t('common.none');
  return (
    <DossierFrame kind="devices" state={state} title={(d) => d.device.name}>
      {({ device, history }) => (
        <>
          <Card title={t('dossier.record')} size="small" style={{ marginBottom: 16 }}>
            <Descriptions
              column={{ xs: 1, md: 2, xl: 3 }}
              items={[
                { key: 'code', label: t('field.devices.code'), children: device.code },
                {
                  key: 'type',
                  label: t('field.devices.type'),
                  children: t(`enum.deviceType.${device.type}`),
                },
                { key: 'name', label: t('field.devices.name'), children: device.name },
                { key: 'gridCode', label: t('field.devices.gridCode'), children: device.gridCode },
                {
                  key: 'location',
                  label: t('dossier.location'),
                  children: `${device.lng.toFixed(6)}, ${device.lat.toFixed(6)}`,
                },
                {
                  key: 'building',
                  label: t('field.devices.building'),
                  children: device.building ? (
                    <RefTag kind="buildings" id={device.building.id} label={device.building.label} />
                  ) : (
                    none
                  ),
                },
                {
                  key: 'house',
                  label: t('field.devices.house'),
                  children: device.house ? (
                    <RefTag kind="houses" id={device.house.id} label={device.house.label} />
                  ) : (
                    none
                  ),
                },
                {
                  key: 'owner',
                  label: t('field.devices.owner'),
                  children: device.owner ? (
                    <RefTag kind="persons" id={device.owner.id} label={device.owner.label} />
                  ) : (
                    none
                  ),
                },
              ]}
            />
          </Card>
          <DossierTabs kind="devices" history={history} />
        </>
      )}
    </DossierFrame>
  );
}
