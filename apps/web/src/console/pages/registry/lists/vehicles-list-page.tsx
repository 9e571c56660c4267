// 车辆: vehicles of the user's jurisdiction, found by plate or its beginning.
import type { TableColumnsType } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { plateKindName } from '../shared/plate-kind.ts';
import type { TVehicleSummary } from '../shared/types.ts';
import { RegisterList } from './register-list.tsx';

export function VehiclesListPage() {
  const t = useT();
  const none = t('common.none');
  const columns: TableColumnsType<TVehicleSummary> = [
    { title: t('field.vehicles.plate'), dataIndex: 'plate', fixed: 'start' },
    {
      title: t('field.vehicles.plateKind'),
      dataIndex: 'plateKind',
      render: (_, v) => plateKindName(v.plateKind, t),
    },
    { title: t('field.vehicles.owner'), key: 'owner', render: (_, v) => v.owner?.label ?? none },
    { title: t('field.vehicles.brand'), dataIndex: 'brand', render: (_, v) => v.brand ?? none },
    { title: t('field.vehicles.colour'), dataIndex: 'colour', render: (_, v) => v.colour ?? none },
    { title: t('field.vehicles.gridCode'), dataIndex: 'gridCode' },
  ];
  return <RegisterList<TVehicleSummary> kind="vehicles" columns={columns} />;
}
