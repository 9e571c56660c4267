// The houses of a building, in unit / floor / room order as the server gives them.
import { Table, type TableColumnsType } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { THouseSummary } from '../shared/types.ts';
import { RefTag } from './ref-tag.tsx';

export function BuildingHousesTable({ houses }: { houses: THouseSummary[] }) {
  const t = useT();
  const none = t('common.none');
  const columns: TableColumnsType<THouseSummary> = [
    {
      title: t('field.houses.code'),
      dataIndex: 'code',
      render: (_, h) => <RefTag kind="houses" id={h.id} label={h.code} />,
    },
    { title: t('field.houses.unit'), dataIndex: 'unit', render: (_, h) => h.unit ?? none },
    { title: t('field.houses.floor'), dataIndex: 'floor', render: (_, h) => h.floor ?? none },
    { title: t('field.houses.room'), dataIndex: 'room', render: (_, h) => h.room ?? none },
    { title: t('field.houses.areaM2'), dataIndex: 'areaM2', render: (_, h) => h.areaM2 ?? none },
    { title: t('field.houses.use'), dataIndex: 'use', render: (_, h) => t(`enum.houseUse.${h.use}`) },
    { title: t('field.houses.registeredResidents'), dataIndex: 'registeredResidents' },
    { title: t('field.houses.residents'), dataIndex: 'residents' },
  ];
  return (
    <Table<THouseSummary>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={houses}
      pagination={houses.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      data-testid="building-houses"
    />
  );
}
