// 网格员队伍: the grid workers of the jurisdiction — badge, title, grids, masked identity number, dates —
// searchable and filtered by whether they are at their post; a row opens the worker's file.
import { Alert, Card, Flex, Input, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { query } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { serverPagination, usePaging } from '../../components/server-paging.ts';
import { FIELD_API, type TRoster, type TWorkerSummary } from './field-api.ts';
import { WorkerDrawer } from './worker-drawer.tsx';

type Status = 'active' | 'left' | 'all';

export function RosterPage() {
  const t = useT();
  const [q, setQ] = useState<string | undefined>();
  const [status, setStatus] = useState<Status>('active');
  const { page, pageSize, setPage, onPage } = usePaging(20);
  const list = useApiGet<TRoster>(`${FIELD_API}/workers${query({ q, status, page, pageSize })}`);
  const [open, setOpen] = useState<string | null>(null);

  return (
    <Card title={t('nav.fieldwork.roster')}>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('fieldwork.search')}
          style={{ width: 260 }}
          onSearch={(value) => {
            setQ(value.trim() || undefined);
            setPage(1);
          }}
          data-testid="roster-search"
        />
        <Segmented<Status>
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={(['active', 'left', 'all'] as const).map((s) => ({
            value: s,
            label: t(`fieldwork.status.${s}`),
          }))}
        />
      </Flex>
      {list.error !== undefined && (
        <Alert type="error" showIcon title={describeError(list.error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<TWorkerSummary>
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={serverPagination(t, { page, pageSize, total: list.data?.total, onPage })}
        onRow={(row) => ({
          onClick: () => setOpen(row.id),
          style: { cursor: 'pointer' },
          'data-testid': 'roster-row',
        })}
        columns={[
          { title: t('fieldwork.field.name'), dataIndex: 'name' },
          { title: t('fieldwork.field.badgeNo'), render: (_, r) => r.badgeNo ?? t('common.none') },
          { title: t('fieldwork.field.title'), render: (_, r) => r.title ?? t('common.none') },
          { title: t('fieldwork.field.unit'), render: (_, r) => `${r.unit.name} ${r.unit.code}` },
          {
            title: t('fieldwork.field.grids'),
            render: (_, r) => r.grids.map((g) => <Tag key={g.code}>{g.code}</Tag>),
          },
          { title: t('fieldwork.field.idNumber'), render: (_, r) => r.idNumber ?? t('common.none') },
          { title: t('fieldwork.field.recruitedOn'), render: (_, r) => r.recruitedOn ?? t('common.none') },
          {
            title: t('fieldwork.field.status'),
            render: (_, r) =>
              r.isActive ? (
                <Tag color="green">{t('fieldwork.status.active')}</Tag>
              ) : (
                <Tag>
                  {t('fieldwork.status.left')} {r.leftOn ?? ''}
                </Tag>
              ),
          },
        ]}
        data-testid="roster-table"
      />
      {open && <WorkerDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />}
    </Card>
  );
}
