// 预警列表: the alerts of the user's jurisdiction, filtered by rule, status and grid, paged by the server;
// a row opens its alert.
import { ALERT_RULES, ALERT_STATUSES } from '@civgrid/domain';
import { Alert, Card, Flex, Input, Select, Switch, Table, type TableColumnsType, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { query } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { formatMinute } from '../../../lib/time.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { serverPagination, usePaging } from '../../components/server-paging.ts';
import { AlertMap } from './alert-map.tsx';
import { SeverityTag, StatusTag, SubjectText, useLocalised } from './alert-tags.tsx';
import { ALERTS_PATH, type TAlertList, type TAlertSummary } from './types.ts';

type StatusFilter = 'open' | (typeof ALERT_STATUSES)[number];

export function AlertListPage() {
  const t = useT();
  const localised = useLocalised();
  const navigate = useNavigate();
  const [rule, setRule] = useState<string | undefined>(undefined);
  const [status, setStatus] = useState<StatusFilter | undefined>('open');
  const [grid, setGrid] = useState('');
  const [isMine, setMine] = useState(false);
  const { page, pageSize, setPage, onPage } = usePaging(20);
  const filters = { rule, status, grid: grid.trim(), mine: isMine ? 'true' : undefined };
  const { data, error, loading } = useApiGet<TAlertList>(
    `/api/v1/alerts${query({ ...filters, page, pageSize })}`,
  );

  const columns: TableColumnsType<TAlertSummary> = [
    { title: t('alerts.col.rule'), key: 'rule', render: (_, row) => localised(row.ruleLabel) },
    { title: t('alerts.col.subject'), key: 'subject', render: (_, row) => <SubjectText alert={row} /> },
    {
      title: t('alerts.col.grid'),
      key: 'grid',
      render: (_, row) => (
        <span>
          {row.gridName} <Typography.Text type="secondary">{row.gridCode}</Typography.Text>
        </span>
      ),
    },
    {
      title: t('alerts.col.severity'),
      dataIndex: 'severity',
      width: 80,
      render: (_, row) => <SeverityTag severity={row.severity} />,
    },
    {
      title: t('alerts.col.status'),
      dataIndex: 'status',
      width: 110,
      render: (_, row) => <StatusTag alert={row} />,
    },
    {
      title: t('alerts.col.assignee'),
      key: 'assignee',
      render: (_, row) => row.assignee?.name ?? t('alerts.unassigned'),
    },
    {
      title: t('alerts.col.createdAt'),
      dataIndex: 'createdAt',
      width: 150,
      render: (value: string) => formatMinute(value),
    },
  ];

  const filterChanged =
    <V,>(set: (value: V) => void) =>
    (value: V) => {
      set(value);
      setPage(1);
    };

  return (
    <Card title={t('alerts.title')}>
      <Typography.Paragraph type="secondary">{t('alerts.intro')}</Typography.Paragraph>
      <Flex gap={12} wrap style={{ marginBottom: 16 }} align="center">
        <Select<string>
          allowClear
          style={{ width: 240 }}
          placeholder={t('alerts.filter.rule')}
          value={rule}
          onChange={filterChanged(setRule)}
          options={ALERT_RULES.map((value) => ({ value, label: t(`alerts.rule.${value}`) }))}
          data-testid="alerts-rule"
        />
        <Select<StatusFilter>
          allowClear
          style={{ width: 160 }}
          placeholder={t('alerts.filter.status')}
          value={status}
          onChange={filterChanged(setStatus)}
          options={[
            { value: 'open', label: t('alerts.filter.open') },
            ...ALERT_STATUSES.map((value) => ({ value, label: t(`alerts.status.${value}`) })),
          ]}
          data-testid="alerts-status"
        />
        <Input.Search
          allowClear
          style={{ width: 220 }}
          placeholder={t('alerts.filter.grid')}
          onSearch={filterChanged(setGrid)}
          data-testid="alerts-grid"
        />
        <Flex gap={6} align="center">
          <Switch checked={isMine} onChange={filterChanged(setMine)} data-testid="alerts-mine" />
          {t('alerts.filter.mine')}
        </Flex>
      </Flex>
      <AlertMap search={query(filters)} />
      {error !== undefined && (
        <Alert type="error" showIcon title={describeError(error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<TAlertSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.alerts ?? []}
        pagination={serverPagination(t, { page, pageSize, total: data?.total, onPage })}
        onRow={(row) => ({
          onClick: () => navigate(`${ALERTS_PATH}/${row.id}`),
          style: { cursor: 'pointer' },
          'data-testid': 'alert-row',
        })}
        data-testid="alerts-table"
      />
    </Card>
  );
}
