// 感知设备: cameras, door controllers, probes, checkpoints and residents' phones in the jurisdiction.
import type { TableColumnsType } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { TDeviceSummary } from '../shared/types.ts';
import { RegisterList } from './register-list.tsx';

export function DevicesListPage() {
  const t = useT();
  const none = t('common.none');
  const columns: TableColumnsType<TDeviceSummary> = [
    { title: t('field.devices.code'), dataIndex: 'code', fixed: 'start' },
    { title: t('field.devices.type'), dataIndex: 'type', render: (_, d) => t(`enum.deviceType.${d.type}`) },
    { title: t('field.devices.name'), dataIndex: 'name' },
    { title: t('field.devices.building'), key: 'building', render: (_, d) => d.building?.label ?? none },
    { title: t('field.devices.house'), key: 'house', render: (_, d) => d.house?.label ?? none },
    { title: t('field.devices.owner'), key: 'owner', render: (_, d) => d.owner?.label ?? none },
    { title: t('field.devices.gridCode'), dataIndex: 'gridCode' },
  ];
  return <RegisterList<TDeviceSummary> kind="devices" columns={columns} />;
}
