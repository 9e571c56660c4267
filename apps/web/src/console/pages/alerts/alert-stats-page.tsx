// 预警统计: per rule, within what the viewer sees, how many alerts were raised and how they ended — the
// false-alarm share first of all, which is what tuning a rule's thresholds starts from.
import { Alert, Card, Table, type TableColumnsType, Typography } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { describeError } from '../../../lib/describe-error.ts';
import { formatMinute } from '../../../lib/time.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { useLocalised } from './alert-tags.tsx';
import type { TAlertStats } from './types.ts';

type Row = TAlertStats['rules'][number];

export function AlertStatsPage() {
  const t = useT();
  const localised = useLocalised();
  const { data, error, loading } = useApiGet<TAlertStats>('/api/v1/alerts/stats');
  const count = (key: keyof Row, label: Parameters<typeof t>[0]) => ({
    title: t(label),
    dataIndex: key,
    align: 'right' as const,
  });
  const columns: TableColumnsType<Row> = [
    { title: t('alerts.col.rule'), key: 'rule', render: (_, row) => localised(row.label) },
    count('raised', 'alerts.stats.raised'),
    count('open', 'alerts.stats.open'),
    count('acknowledged', 'alerts.stats.acknowledged'),
    count('resolved', 'alerts.stats.resolved'),
    count('falseAlarms', 'alerts.stats.falseAlarms'),
    {
      title: t('alerts.stats.falseAlarmRate'),
      dataIndex: 'falseAlarmRate',
      align: 'right',
      render: (value: number | null) => (value === null ? '—' : `${(value * 100).toFixed(1)}%`),
    },
    count('escalated', 'alerts.stats.escalated'),
    count('withCase', 'alerts.stats.withCase'),
    {
      title: t('alerts.stats.medianAck'),
      dataIndex: 'medianAckMinutes',
      align: 'right',
      render: (value: number | null) => (value === null ? '—' : Math.round(value)),
    },
  ];
  return (
    <Card title={t('alerts.stats.title')}>
      <Typography.Paragraph type="secondary">
        {t('alerts.stats.intro')}
        {data && ` ${t('alerts.stats.range', { from: formatMinute(data.from), to: formatMinute(data.to) })}`}
      </Typography.Paragraph>
      {error !== undefined && (
        <Alert type="error" showIcon title={describeError(error, t)} style={{ marginBottom: 16 }} />
      )}
      <Table<Row>
        rowKey="rule"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={data?.rules ?? []}
        pagination={false}
        data-testid="alert-stats-table"
      />
    </Card>
  );
}
