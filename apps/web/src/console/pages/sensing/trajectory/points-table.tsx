// The points of a trajectory in time order; the current one is highlighted and its page shown, and a
// click on a row moves the playback there.
import type { TTrajectory } from '@civgrid/contracts';
import { Table, type TableColumnsType, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { formatTime } from '../../../../lib/time.ts';
import { deviceTypeName, directionName } from '../shared/device-names.ts';

type Point = TTrajectory['points'][number];
type Row = Point & { index: number };

const PAGE_SIZE = 10;

export function PointsTable({
  points,
  current,
  onSelect,
}: {
  points: Point[];
  current: number;
  onSelect: (index: number) => void;
}) {
  const t = useT();
  const [page, setPage] = useState(1);
  const rows = useMemo(() => points.map((p, index) => ({ ...p, index })), [points]);
  useEffect(() => setPage(Math.floor(current / PAGE_SIZE) + 1), [current]);

  const columns: TableColumnsType<Row> = [
    { title: '#', dataIndex: 'index', width: 56, render: (_, p) => p.index + 1 },
    { title: t('sensing.point.time'), dataIndex: 'time', width: 176, render: (_, p) => formatTime(p.time) },
    {
      title: t('sensing.point.device'),
      dataIndex: 'deviceName',
      render: (_, p) => (
        <div>
          <div>{p.deviceName}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {p.deviceCode}
          </Typography.Text>
        </div>
      ),
    },
    { title: t('sensing.point.type'), dataIndex: 'type', render: (_, p) => deviceTypeName(p.type, t) },
    {
      title: t('sensing.point.direction'),
      dataIndex: 'direction',
      render: (_, p) => directionName(p.direction, t),
    },
    { title: t('sensing.point.grid'), dataIndex: 'gridCode' },
  ];

  return (
    <Table<Row>
      rowKey="index"
      size="small"
      columns={columns}
      dataSource={rows}
      rowClassName={(p) => (p.index === current ? 'ant-table-row-selected' : '')}
      onRow={(p) => ({ onClick: () => onSelect(p.index), style: { cursor: 'pointer' } })}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        showSizeChanger: false,
        showTotal: (total) => t('common.total', { total }),
        onChange: setPage,
      }}
      scroll={{ x: 'max-content' }}
      data-testid="trajectory-points"
    />
  );
}
