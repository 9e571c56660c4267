// 统计分析: the cases opened in a date range, grouped by status, category, grid, department or level —
// how many were opened, closed and are overdue, how long handling took, the on-time rate and the
// residents' satisfaction — as charts, a table and an Excel sheet. Choices live in the URL.
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import type { TCaseStats } from '@civgrid/contracts';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Flex,
  Row,
  Segmented,
  Statistic,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { query } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { formatTime, toZonedIso, zonedNow } from '../../../../lib/time.ts';
import { useApiGet } from '../../../../lib/use-api-get.ts';
import { CASES_API } from '../shared/cases.ts';
import { useMessage } from '../shared/use-message.ts';
import { exportStats } from './export-stats.ts';
import { CountsChart, QualityChart } from './stats-charts.tsx';
import { duration, percent, rating } from './stats-format.ts';
import { StatsTable } from './stats-table.tsx';

/** The dimensions the server groups by (CASE_STATS_DIMENSIONS), as plain data. */
const DIMENSIONS = ['status', 'category', 'grid', 'department', 'level'] as const;
type Dimension = (typeof DIMENSIONS)[number];
const DAY = 'YYYY-MM-DD';
const DEFAULT_DAYS = 30;

function day(value: string | null, fallback: Dayjs): Dayjs {
  const parsed = value && /^\d{4}-\d{2}-\d{2}$/.test(value) ? dayjs(value) : null;
  return parsed?.isValid() ? parsed : fallback;
}

export function StatsPage() {
  const t = useT();
  const message = useMessage();
  const { message: toast } = App.useApp();
  const [params, setParams] = useSearchParams();
  const by: Dimension = DIMENSIONS.find((d) => d === params.get('by')) ?? 'status';
  const today = zonedNow().startOf('day');
  const to = day(params.get('to'), today);
  const from = day(params.get('from'), to.subtract(DEFAULT_DAYS - 1, 'day'));
  // Whole days in the city's time: from the first day's start to the day after the last.
  const path = `${CASES_API}/stats${query({
    by,
    from: toZonedIso(from.startOf('day')),
    to: toZonedIso(to.add(1, 'day').startOf('day')),
  })}`;
  const { data: stats, error, loading, reload } = useApiGet<TCaseStats>(path);
  const [exporting, setExporting] = useState(false);
  const range = `${from.format('YYYYMMDD')}-${to.format('YYYYMMDD')}`;

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const exportSheet = async () => {
    if (!stats) return;
    setExporting(true);
    try {
      await exportStats(stats, range, t, message);
      toast.success(t('cases.stats.exported'));
    } catch (reason) {
      toast.error(describeError(reason, t));
    } finally {
      setExporting(false);
    }
  };

  const totals = stats?.totals;
  return (
    <Flex vertical gap={16}>
      <Card
        title={t('nav.cases.stats')}
        extra={
          <Flex gap={8} wrap>
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading}>
              {t('cases.refresh')}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              onClick={exportSheet}
              loading={exporting}
              disabled={!stats}
              data-testid="stats-export"
            >
              {t('cases.export')}
            </Button>
          </Flex>
        }
      >
        <Flex gap={16} wrap align="center" style={{ marginBottom: 16 }}>
          <Segmented<Dimension>
            value={by}
            options={DIMENSIONS.map((d) => ({ value: d, label: t(`cases.stats.by.${d}`) }))}
            onChange={(value) => update({ by: value })}
            data-testid="stats-by"
          />
          <DatePicker.RangePicker
            value={[from, to]}
            allowClear={false}
            disabledDate={(d) => d.isAfter(today, 'day')}
            onChange={(values) => {
              const [start, end] = values ?? [];
              if (start && end) update({ from: start.format(DAY), to: end.format(DAY) });
            }}
            presets={[7, 30, 90, 365].map((days) => ({
              label: t('cases.stats.lastDays', { days }),
              value: [today.subtract(days - 1, 'day'), today] as [Dayjs, Dayjs],
            }))}
            data-testid="stats-range"
          />
          {stats && (
            <Typography.Text type="secondary" data-testid="stats-generated">
              {t('cases.stats.generatedAt', { at: formatTime(stats.generatedAt) ?? '' })}
            </Typography.Text>
          )}
        </Flex>
        {error !== undefined && (
          <Alert type="error" showIcon title={describeError(error, t)} style={{ marginBottom: 16 }} />
        )}
        <Row gutter={[16, 16]} data-testid="stats-totals">
          {[
            [t('cases.stats.opened'), totals?.opened],
            [t('cases.stats.closed'), totals?.closed],
            [t('cases.stats.overdueOpen'), totals?.overdueOpen],
            [t('cases.stats.handlingP50'), totals && duration(totals.handlingMinutes.p50, t)],
            [t('cases.stats.onTimeRate'), totals && percent(totals.onTimeRate, t)],
            [t('cases.stats.satisfaction'), totals && rating(totals.satisfaction.mean, t)],
          ].map(([title, value]) => (
            <Col key={String(title)} xs={12} md={8} xl={4}>
              <Statistic
                title={title}
                value={value ?? t('common.none')}
                loading={stats === undefined && loading}
              />
            </Col>
          ))}
        </Row>
      </Card>
      {stats && stats.groups.length === 0 ? (
        <Card>
          <Empty description={t('cases.stats.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('cases.stats.countsChart')}>
              {stats && <CountsChart stats={stats} />}
            </Card>
          </Col>
          <Col xs={24} xl={12}>
            <Card size="small" title={t('cases.stats.qualityChart')}>
              {stats && <QualityChart stats={stats} />}
            </Card>
          </Col>
        </Row>
      )}
      <Card size="small" title={t('cases.stats.table')}>
        <StatsTable stats={stats} loading={loading} />
      </Card>
    </Flex>
  );
}
