// 实有房屋: houses of the user's jurisdiction, found by an address fragment or code.
import type { TableColumnsType } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { THouseSummary } from '../shared/types.ts';
import { RegisterList } from './register-list.tsx';

export function HousesListPage() {
  const t = useT();
  const none = t('common.none');
  // Building, unit, floor and room are part of the address; the dossier shows them one by one.
  const columns: TableColumnsType<THouseSummary> = [
    { title: t('field.houses.code'), dataIndex: 'code', fixed: 'start' },
    { title: t('field.houses.address'), dataIndex: 'address' },
    { title: t('field.houses.use'), dataIndex: 'use', render: (_, h) => t(`enum.houseUse.${h.use}`) },
    { title: t('field.houses.areaM2'), dataIndex: 'areaM2', render: (_, h) => h.areaM2 ?? none },
    { title: t('field.houses.registeredResidents'), dataIndex: 'registeredResidents' },
    { title: t('field.houses.residents'), dataIndex: 'residents' },
    { title: t('field.houses.gridCode'), dataIndex: 'gridCode' },
  ];
  return <RegisterList<THouseSummary> kind="houses" columns={columns} />;
}
