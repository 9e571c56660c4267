// Every group's figures, with the totals underneath (by department the totals count each case once,
// so they are not the sum of the rows).
import type { TCaseStats, TCaseStatsFigures, TCaseStatsGroup } from '@civgrid/contracts';
import { Table, type TableColumnsType, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { Translate } from '../../../../i18n/lang.ts';
import { useMessage } from '../shared/use-message.ts';
import { duration, percent, rating } from './stats-format.ts';

/** The figure columns, shared by the table and the Excel sheet: header and text of a row. */
export function figureColumns(t: Translate): [string, (f: TCaseStatsFigures) => string | number][] {
  return [
    [t('cases.stats.opened'), (f) => f.opened],
    [t('cases.stats.closed'), (f) => f.closed],
    [t('cases.stats.open'), (f) => f.open],
    [t('cases.stats.overdueOpen'), (f) => f.overdueOpen],
    [t('cases.stats.resolved'), (f) => f.resolved],
    [t('cases.stats.closedUnfixed'), (f) => f.closedUnfixed],
    [t('cases.stats.declined'), (f) => f.declined],
    [t('cases.stats.handlingMean'), (f) => duration(f.handlingMinutes.mean, t)],
    [t('cases.stats.handlingP50'), (f) => duration(f.handlingMinutes.p50, t)],
    [t('cases.stats.handlingP90'), (f) => duration(f.handlingMinutes.p90, t)],
    [t('cases.stats.onTimeRate'), (f) => percent(f.onTimeRate, t)],
    [t('cases.stats.rated'), (f) => f.satisfaction.rated],
    [t('cases.stats.satisfaction'), (f) => rating(f.satisfaction.mean, t)],
    [t('cases.stats.goodShare'), (f) => percent(f.satisfaction.goodShare, t)],
    [t('cases.stats.reopens'), (f) => f.reopens],
  ];
}

export function StatsTable({ stats, loading }: { stats: TCaseStats | undefined; loading: boolean }) {
  const t = useT();
  const message = useMessage();
  const figures = figureColumns(t);
  const columns: TableColumnsType<TCaseStatsGroup> = [
    {
      title: t(`cases.stats.by.${stats?.by ?? 'status'}`),
      key: 'label',
      fixed: 'start',
      render: (_, g) => message(g.label),
    },
    ...figures.map(([title, value], index) => ({
      title,
      key: `f${index}`,
      align: 'right' as const,
      render: (_: unknown, g: TCaseStatsGroup) => value(g),
    })),
  ];
  return (
    <Table<TCaseStatsGroup>
      rowKey={(g) => g.key ?? '∅'}
      size="small"
      columns={columns}
      dataSource={stats?.groups ?? []}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
      data-testid="stats-table"
      summary={() =>
        stats ? (
          <Table.Summary fixed>
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>
                <Typography.Text strong>{t('cases.stats.totals')}</Typography.Text>
              </Table.Summary.Cell>
              {figures.map(([title, value], index) => (
                <Table.Summary.Cell key={title} index={index + 1} align="right">
                  <Typography.Text strong>{value(stats.totals)}</Typography.Text>
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          </Table.Summary>
        ) : null
      }
    />
  );
}
