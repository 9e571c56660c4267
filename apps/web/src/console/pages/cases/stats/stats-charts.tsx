// The statistics as two charts: cases opened, closed and overdue per group (bars), and the on-time rate
// (bars, %) with the mean satisfaction (line, 1–5) per group. ECharts is taken in parts (bar and line
// series, grid, tooltip, legend, canvas) so the page carries only what it draws.
import type { TCaseStats } from '@civgrid/contracts';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { useMessage } from '../shared/use-message.ts';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** More groups than this crowd the axis; the table lists them all. */
export const CHART_GROUPS = 20;
const HEIGHT = 320;
const COLOURS = {
  opened: '#1458c8',
  closed: '#389e0d',
  overdue: '#cf1322',
  onTime: '#13a8a8',
  rating: '#d46b08',
};

function useChart(option: echarts.EChartsCoreOption, testId: string) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = echarts.init(element);
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={container} style={{ height: HEIGHT, width: '100%' }} data-testid={testId} />;
}

const axisLabel = { interval: 0, rotate: 30, width: 90, overflow: 'truncate' } as const;

export function CountsChart({ stats }: { stats: TCaseStats }) {
  const t = useT();
  const message = useMessage();
  const option = useMemo((): echarts.EChartsCoreOption => {
    const groups = stats.groups.slice(0, CHART_GROUPS);
    return {
      color: [COLOURS.opened, COLOURS.closed, COLOURS.overdue],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 36, bottom: 72 },
      xAxis: { type: 'category', data: groups.map((g) => message(g.label)), axisLabel },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('cases.stats.opened'), type: 'bar', data: groups.map((g) => g.opened) },
        { name: t('cases.stats.closed'), type: 'bar', data: groups.map((g) => g.closed) },
        { name: t('cases.stats.overdueOpen'), type: 'bar', data: groups.map((g) => g.overdueOpen) },
      ],
    };
  }, [stats, t, message]);
  return useChart(option, 'stats-counts-chart');
}

export function QualityChart({ stats }: { stats: TCaseStats }) {
  const t = useT();
  const message = useMessage();
  const option = useMemo((): echarts.EChartsCoreOption => {
    const groups = stats.groups.slice(0, CHART_GROUPS);
    const round = (value: number | null, scale: number) =>
      value === null ? null : Math.round(value * scale * 10) / 10;
    return {
      color: [COLOURS.onTime, COLOURS.rating],
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 48, right: 48, top: 36, bottom: 72 },
      xAxis: { type: 'category', data: groups.map((g) => message(g.label)), axisLabel },
      yAxis: [
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
        { type: 'value', min: 0, max: 5, interval: 1, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('cases.stats.onTimeRate'),
          type: 'bar',
          data: groups.map((g) => round(g.onTimeRate, 100)),
        },
        {
          name: t('cases.stats.satisfaction'),
          type: 'line',
          yAxisIndex: 1,
          connectNulls: true,
          data: groups.map((g) => round(g.satisfaction.mean, 1)),
        },
      ],
    };
  }, [stats, t, message]);
  return useChart(option, 'stats-quality-chart');
}
