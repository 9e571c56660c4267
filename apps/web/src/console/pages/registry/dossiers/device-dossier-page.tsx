// 一机一档: a sensing device (or a resident's registered phone), where it is and whose it is.
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { TDeviceDossier } from '../shared/types.ts';
import { lngLat, RecordDossier } from './record-dossier.tsx';
import { OptionalRefTag } from './ref-tag.tsx';

export function DeviceDossierPage() {
  const t = useT();
  return (
    <RecordDossier<TDeviceDossier>
      kind="devices"
      title={(d) => d.device.name}
      record={({ device }) => [
        { key: 'code', label: t('field.devices.code'), children: device.code },
        { key: 'type', label: t('field.devices.type'), children: t(`enum.deviceType.${device.type}`) },
        { key: 'name', label: t('field.devices.name'), children: device.name },
        { key: 'gridCode', label: t('field.devices.gridCode'), children: device.gridCode },
        { key: 'location', label: t('dossier.location'), children: lngLat(device) },
        {
          key: 'building',
          label: t('field.devices.building'),
          children: <OptionalRefTag kind="buildings" target={device.building} />,
        },
        {
          key: 'house',
          label: t('field.devices.house'),
          children: <OptionalRefTag kind="houses" target={device.house} />,
        },
        {
          key: 'owner',
          label: t('field.devices.owner'),
          children: <OptionalRefTag kind="persons" target={device.owner} />,
        },
      ]}
    />
  );
}
