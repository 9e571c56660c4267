// A record's change history, newest first: when, who, what was done, and each field from → to.
// Entries come from the audit chain, so the action names are the audit's; known ones are translated,
// as are fixed-list values and attention-category changes (`tag:<code>`).
import { Empty, Timeline, Typography } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { isMessageKey, type Translate } from '../../../../i18n/lang.ts';
import { formatTime } from '../../../../lib/time.ts';
import type { RegisterKind } from '../shared/registers.ts';
import type { THistoryEntry } from '../shared/types.ts';

interface Props {
  kind: RegisterKind;
  entries: readonly THistoryEntry[];
  /** Names attention categories in `tag:<code>` changes; codes are shown without it. */
  categoryName?: (code: string) => string;
}

/** Fields whose values are codes from a fixed list, and that list's message prefix. */
const FIELD_LISTS: Record<string, string> = {
  gender: 'gender',
  householdType: 'householdType',
  use: 'houseUse',
  type: 'deviceType',
  kind: 'orgKind',
  plateKind: 'plateKind',
};
const TAG_STATES: Record<string, 'tags.active' | 'tags.ended'> = {
  active: 'tags.active',
  ended: 'tags.ended',
};

function translated(key: string, t: Translate, fallback: string): string {
  return isMessageKey(key) ? t(key) : fallback;
}

function actionLabel(action: string, t: Translate): string {
  // `person.update` reads as `update`, whatever the record.
  const verb = action.split('.').at(-1) ?? action;
  return translated(`history.action.${verb}`, t, action);
}

export function HistoryTimeline({ kind, entries, categoryName = (code) => code }: Props) {
  const t = useT();
  if (entries.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dossier.historyEmpty')} />;
  }

  const fieldLabel = (field: string) =>
    field.startsWith('tag:')
      ? t('dossier.historyTag', { name: categoryName(field.slice('tag:'.length)) })
      : translated(`field.${kind}.${field}`, t, field);

  const valueText = (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === '') return t('common.none');
    if (typeof value === 'object') return JSON.stringify(value);
    const text = String(value);
    if (field.startsWith('tag:')) return TAG_STATES[text] ? t(TAG_STATES[text]) : text;
    const list = FIELD_LISTS[field];
    return list ? translated(`enum.${list}.${text}`, t, text) : text;
  };

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
                  field: fieldLabel(field),
                  from: valueText(field, change.from),
                  to: valueText(field, change.to),
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
