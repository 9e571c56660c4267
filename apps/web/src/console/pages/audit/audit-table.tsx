import type { TAuditEntry, TAuditList } from '@civgrid/contracts';
import { Table, type TableColumnsType, Typography } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { formatTime } from '../../../lib/time.ts';
import { serverPagination } from '../../components/server-paging.ts';
import { OutcomeTag } from './outcome-tag.tsx';

interface Props {
  list: TAuditList | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
}

/** Audit entries, newest as the server orders them; each row expands to its details as JSON. */
export function AuditTable({ list, loading, page, pageSize, onPage }: Props) {
  const t = useT();
  const none = t('common.none');
  const columns: TableColumnsType<TAuditEntry> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: (_, e) => formatTime(e.at) ?? none },
    { title: t('audit.actor'), dataIndex: 'actor', width: 120 },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      render: (_, e) => <Typography.Text code>{e.action}</Typography.Text>,
    },
    {
      title: t('audit.outcome'),
      dataIndex: 'outcome',
      width: 90,
      render: (_, e) => <OutcomeTag outcome={e.outcome} />,
    },
    {
      title: t('audit.target'),
      key: 'target',
      render: (_, e) => (e.targetType ? `${e.targetType}${e.targetId ? `:${e.targetId}` : ''}` : none),
    },
    { title: t('audit.orgPath'), dataIndex: 'orgPath', render: (_, e) => e.orgPath ?? none },
    { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (_, e) => e.ip ?? none },
  ];

  return (
    <Table<TAuditEntry>
      rowKey="seq"
      size="small"
      columns={columns}
      dataSource={list?.items ?? []}
      loading={loading}
      data-testid="audit-table"
      expandable={{
        expandedRowRender: (entry) => (
          <pre style={{ margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }}>
            {JSON.stringify(entry.details, null, 2)}
          </pre>
        ),
      }}
      pagination={serverPagination(t, { page, pageSize, total: list?.total, onPage })}
    />
  );
}
