// The entries as a table: the masked subject with its dossier, reason, window, status, who asked and who
// decided, how many alerts it raised, and the steps the viewer may take.
import { Button, Space, Table, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { formatMinute } from '../../../lib/time.ts';
import { serverPagination } from '../../components/server-paging.ts';
import { dossierRoute } from '../sensing/shared/dossier-link.tsx';
import type { TWatchEntry, TWatchList, WatchStatus, WatchStep } from './types.ts';

const STATUS_COLOR: Record<WatchStatus, string> = {
  pending: 'gold',
  active: 'red',
  expired: 'default',
  rejected: 'default',
  revoked: 'default',
};

interface Props {
  list: TWatchList | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  onStep: (entry: TWatchEntry, step: WatchStep) => void;
}

export function WatchlistTable({ list, loading, page, pageSize, onPage, onStep }: Props) {
  const t = useT();
  const columns: TableColumnsType<TWatchEntry> = [
    {
      title: t('watchlist.col.subject'),
      key: 'subject',
      width: 230,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          <Space size={6}>
            <Tag style={{ marginInlineEnd: 0 }}>{t(`watchlist.kind.${e.subject.kind}`)}</Tag>
            <Typography.Text code>{e.subject.display}</Typography.Text>
          </Space>
          {e.dossier && (
            <Link to={dossierRoute(e.dossier)} style={{ fontSize: 12 }}>
              {t('watchlist.dossier', { label: e.dossier.label })}
            </Link>
          )}
        </Space>
      ),
    },
    {
      title: t('watchlist.col.reason'),
      dataIndex: 'reason',
      ellipsis: true,
    },
    {
      title: t('watchlist.col.window'),
      key: 'window',
      width: 170,
      render: (_, e) => (
        <Typography.Text style={{ fontSize: 12 }}>
          {formatMinute(e.from)}
          <br />
          {formatMinute(e.to)}
        </Typography.Text>
      ),
    },
    {
      title: t('watchlist.col.status'),
      dataIndex: 'status',
      width: 90,
      render: (_, e) => (
        <Tag color={STATUS_COLOR[e.status]} data-testid={`watchlist-status-${e.id}`}>
          {t(`watchlist.status.${e.status}`)}
        </Tag>
      ),
    },
    {
      title: t('watchlist.col.requester'),
      key: 'requester',
      width: 150,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          {e.requestedBy.name}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {e.unit.name}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('watchlist.col.decider'),
      key: 'decider',
      width: 120,
      render: (_, e) => e.decidedBy?.name ?? e.revokedBy?.name ?? t('common.none'),
    },
    {
      title: t('watchlist.col.hits'),
      key: 'hits',
      width: 110,
      render: (_, e) => (
        <Space orientation="vertical" size={0}>
          {e.hits}
          {e.lastHitAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('watchlist.lastHit', { time: formatMinute(e.lastHitAt) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      render: (_, e) => (
        <Space size={0} wrap>
          {e.allowed.map((step) => (
            <Button
              key={step}
              type="link"
              size="small"
              danger={step !== 'approve'}
              onClick={() => onStep(e, step)}
              data-testid={`watchlist-${step}-${e.id}`}
            >
              {t(`watchlist.${step}`)}
            </Button>
          ))}
        </Space>
      ),
    },
  ];

  return (
    <Table<TWatchEntry>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={list?.entries ?? []}
      loading={loading}
      data-testid="watchlist-table"
      pagination={serverPagination(t, { page, pageSize, total: list?.total, onPage })}
    />
  );
}
