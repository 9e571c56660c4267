// The devices of the map as a table, paged in the browser (the map already holds them all); a row
// picked here is picked on the map, and a marker clicked there turns the table to its page.
import type { TDeviceStatus } from '@civgrid/contracts';
import { Badge, Table, type TableColumnsType, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { formatTime } from '../../../../lib/time.ts';
import { deviceTypeName } from '../shared/device-names.ts';

interface Props {
  devices: TDeviceStatus[];
  loading: boolean;
  selected: string | null;
  onSelect: (code: string) => void;
}

const PAGE_SIZE = 10;

export function DeviceStatusTable({ devices, loading, selected, onSelect }: Props) {
  const t = useT();
  const [page, setPage] = useState(1);

  useEffect(() => {
    const index = selected ? devices.findIndex((d) => d.code === selected) : -1;
    if (index >= 0) setPage(Math.floor(index / PAGE_SIZE) + 1);
  }, [selected, devices]);

  const columns: TableColumnsType<TDeviceStatus> = [
    {
      title: t('sensing.devices.state'),
      dataIndex: 'online',
      width: 84,
      render: (_, d) =>
        d.online ? (
          <Badge status="success" text={t('sensing.devices.online')} />
        ) : (
          <Badge status="default" text={t('sensing.devices.offline')} />
        ),
    },
    {
      title: t('sensing.devices.device'),
      dataIndex: 'name',
      render: (_, d) => (
        <div>
          <Typography.Text ellipsis={{ tooltip: d.name }} style={{ maxWidth: 260 }}>
            {d.name}
          </Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.code} · {deviceTypeName(d.type, t)} · {d.gridCode}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('sensing.devices.lastSeen'),
      dataIndex: 'lastSeen',
      width: 168,
      render: (_, d) => formatTime(d.lastSeen) ?? t('sensing.devices.neverSeen'),
    },
  ];

  return (
    <Table<TDeviceStatus>
      rowKey="code"
      size="small"
      columns={columns}
      dataSource={devices}
      loading={loading}
      rowClassName={(d) => (d.code === selected ? 'ant-table-row-selected' : '')}
      onRow={(d) => ({ onClick: () => onSelect(d.code), style: { cursor: 'pointer' } })}
      pagination={{
        current: page,
        pageSize: PAGE_SIZE,
        showSizeChanger: false,
        size: 'small',
        showTotal: (total) => t('common.total', { total }),
        onChange: setPage,
      }}
      data-testid="device-status-table"
    />
  );
}
