// An alert's evidence: the sentence, the figures compared and the thresholds used, and the events behind it.
import { Card, Descriptions, Empty, Table, type TableColumnsType, Typography } from 'antd';
import { alertsZhCN } from '../../../i18n/alerts-zh-CN.ts';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { formatTime } from '../../../lib/time.ts';
import { useLocalised } from './alert-tags.tsx';
import type { TAlertSummary, TEvidenceEvent } from './types.ts';

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A figure or threshold as a person reads it: times in the city's time, lists joined. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string' && ISO_TIME.test(value)) return formatTime(value) ?? value;
  if (Array.isArray(value)) return value.join('、');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const KNOWN = new Set<string>(Object.keys(alertsZhCN));

/** `prefix + name` in the reader's language (a figure's or threshold's name, a history step); a name
 *  with no text yet as the server sends it. */
export function useNamed(prefix: 'alerts.key.' | 'alerts.step.'): (name: string) => string {
  const t = useT();
  return (name) => {
    const id = `${prefix}${name}`;
    return KNOWN.has(id) ? t(id as keyof typeof alertsZhCN) : name;
  };
}

export function EvidenceCard({ evidence }: { evidence: TAlertSummary['evidence'] }) {
  const t = useT();
  const keyName = useNamed('alerts.key.');
  const localised = useLocalised();
  const columns: TableColumnsType<TEvidenceEvent> = [
    { title: t('alerts.event.time'), dataIndex: 'time', render: (value: string) => formatTime(value) },
    { title: t('alerts.event.device'), dataIndex: 'deviceCode' },
    { title: t('alerts.event.type'), dataIndex: 'type' },
    {
      title: t('alerts.event.direction'),
      dataIndex: 'direction',
      render: (value: TEvidenceEvent['direction']) => (value ? t(`alerts.direction.${value}`) : '—'),
    },
  ];
  const figures = Object.entries(evidence.figures);
  const thresholds = Object.entries(evidence.thresholds);
  return (
    <Card title={t('alerts.evidence')} size="small" data-testid="alert-evidence">
      <Typography.Paragraph strong>{localised(evidence.summary)}</Typography.Paragraph>
      {figures.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={2}
          title={t('alerts.evidence.figures')}
          style={{ marginBottom: 16 }}
          items={figures.map(([key, value]) => ({ key, label: keyName(key), children: showValue(value) }))}
        />
      )}
      {thresholds.length > 0 && (
        <Descriptions
          size="small"
          bordered
          column={2}
          title={t('alerts.evidence.thresholds')}
          style={{ marginBottom: 16 }}
          items={thresholds.map(([key, value]) => ({ key, label: keyName(key), children: showValue(value) }))}
        />
      )}
      <Typography.Title level={5}>{t('alerts.evidence.events')}</Typography.Title>
      {evidence.events.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('alerts.evidence.noEvents')} />
      ) : (
        <Table<TEvidenceEvent>
          rowKey="eventId"
          size="small"
          pagination={false}
          columns={columns}
          dataSource={evidence.events}
        />
      )}
    </Card>
  );
}
