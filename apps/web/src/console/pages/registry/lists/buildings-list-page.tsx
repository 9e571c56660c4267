// 楼栋: buildings of the user's jurisdiction, found by an address fragment or code.
import type { TableColumnsType } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { TBuildingSummary } from '../shared/types.ts';
import { RegisterList } from './register-list.tsx';

export function BuildingsListPage() {
  const t = useT();
  const columns: TableColumnsType<TBuildingSummary> = [
    { title: t('field.buildings.code'), dataIndex: 'code', fixed: 'start' },
    { title: t('field.buildings.name'), dataIndex: 'name' },
    { title: t('field.buildings.address'), dataIndex: 'address' },
    { title: t('field.buildings.gridCode'), dataIndex: 'gridCode' },
    { title: t('field.buildings.units'), dataIndex: 'units' },
    { title: t('field.buildings.floors'), dataIndex: 'floors' },
    { title: t('field.buildings.houses'), dataIndex: 'houses' },
    { title: t('field.buildings.residents'), dataIndex: 'residents' },
  ];
  return <RegisterList<TBuildingSummary> kind="buildings" columns={columns} />;
}
