// The grids under a unit, paged on the server; a row click selects that grid.
import type { TGrid } from '@civgrid/contracts';
import { Alert, Flex, Input, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { query } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { serverPagination, usePaging } from '../../components/server-paging.ts';

interface GridList {
  grids: TGrid[];
  total: number;
}

interface Props {
  under: string;
  onSelect: (code: string) => void;
}

export function GridsTable({ under, onSelect }: Props) {
  const t = useT();
  const [q, setQ] = useState('');
  const { page, pageSize, setPage, onPage } = usePaging(10);
  const path = `/api/v1/org/grids${query({ under, q, limit: pageSize, offset: (page - 1) * pageSize })}`;
  const { data, error, loading } = useApiGet<GridList>(path);

  const columns: TableColumnsType<TGrid> = [
    { title: t('org.grids.code'), dataIndex: 'code', width: 110 },
    { title: t('org.grids.name'), dataIndex: 'name' },
    { title: t('org.grids.village'), dataIndex: 'village' },
    { title: t('org.grids.township'), dataIndex: 'township' },
    { title: t('org.grids.county'), dataIndex: 'county' },
  ];

  return (
    <Flex vertical gap={12}>
      <Input.Search
        allowClear
        placeholder={t('org.grids.search')}
        style={{ maxWidth: 320 }}
        onSearch={(value) => {
          setQ(value.trim());
          setPage(1);
        }}
      />
      {error !== undefined && <Alert type="error" showIcon title={describeError(error, t)} />}
      <Table<TGrid>
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={data?.grids ?? []}
        loading={loading}
        onRow={(grid) => ({ onClick: () => onSelect(grid.code), style: { cursor: 'pointer' } })}
        pagination={serverPagination(t, { page, pageSize, total: data?.total, onPage })}
        data-testid="grids-table"
      />
    </Flex>
  );
}
