// A record's change history, newest first: when, who, what was done, and each field from → to.
// Entries come from the audit chain, so the action names are the audit's; known ones are translated.
import { Empty, Timeline, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { isMessageKey, type Translate } from '../../../../i18n/lang.ts';
import { formatTime } from '../../../../lib/time.ts';
import type { RegisterKind } from '../shared/registers.ts';
import type { THistoryEntry } from '../shared/types.ts';

function actionLabel(action: string, t: Translate): string {
  // `person.update` and `update` both read as the same verb.
  for (const candidate of [action, action.split('.').at(-1) ?? action]) {
    const key = `history.action.${candidate}`;
    if (isMessageKey(key)) return t(key);
  }
  return action;
}

function fieldLabel(kind: RegisterKind, field: string, t: Translate): string {
  const key = `field.${kind}.${field}`;
  return isMessageKey(key) ? t(key) : field;
}

function valueText(value: unknown, t: Translate): string {
  if (value === null || value === undefined || value === '') return t('common.none');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

export function HistoryTimeline({
  kind,
  entries,
}: {
  kind: RegisterKind;
  entries: readonly THistoryEntry[];
}) {
  const t = useT();
  if (entries.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dossier.historyEmpty')} />;
  }
  const newestFirst = [...entries].sort((a, b) => b.seq - a.seq);
  return (
    <Timeline
      data-testid="dossier-history"
      items={newestFirst.map((entry) => ({
        key: entry.seq,
        title: formatTime(entry.at),
        content: (
          <div>
            <Typography.Text strong>{actionLabel(entry.action, t)}</Typography.Text>
            <Typography.Text type="secondary"> · {entry.actor}</Typography.Text>
            {Object.entries(entry.changes ?? {}).map(([field, change]) => (
              <div key={field}>
                {t('dossier.historyChange', {
                  field: fieldLabel(kind, field, t),
                  from: valueText(change.from, t),
                  to: valueText(change.to, t),
                })}
              </div>
            ))}
            {entry.note && <Typography.Paragraph type="secondary">{entry.note}</Typography.Paragraph>}
          </div>
        ),
      }))}
    />
  );
}
