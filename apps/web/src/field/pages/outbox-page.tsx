// What waits to sync (待同步): every write still in the outbox, oldest first — when it was made, whether it
// waits for the network or was refused by the server (with the server's reason, to send again or give
// up). A patrol's points are one line.
import { Button, Card, Dialog, List, Tag } from 'antd-mobile';
import type { FieldMessageKey } from '../../i18n/field-app-zh-CN.ts';
import { clockTime, shortTime } from '../format.ts';
import { useOutbox } from '../hooks.ts';
import type { FieldTranslate } from '../i18n.tsx';
import { useFieldI18n } from '../i18n.tsx';
import type { OutboxItem, OutboxKind } from '../offline/outbox.ts';
import {
  type AlertStepPayload,
  type CaseReportPayload,
  type CaseStepPayload,
  type CheckinPayload,
  type InstructionReadPayload,
  type InstructionReplyPayload,
  outbox,
  PHOTO_UPLOAD_UNSUPPORTED,
} from '../offline/senders.ts';

const KIND_KEYS: Record<OutboxKind, FieldMessageKey> = {
  'case-report': 'field.outbox.kind.case-report',
  'case-step': 'field.outbox.kind.case-step',
  checkin: 'field.outbox.kind.checkin',
  'patrol-start': 'field.outbox.kind.patrol-start',
  'patrol-point': 'field.outbox.kind.patrol-point',
  'patrol-stop': 'field.outbox.kind.patrol-stop',
  'alert-step': 'field.outbox.kind.alert-step',
  'instruction-read': 'field.outbox.kind.instruction-read',
  'instruction-reply': 'field.outbox.kind.instruction-reply',
};

/** One line about what the item carries. */
function summary(item: OutboxItem, t: FieldTranslate): string {
  switch (item.kind) {
    case 'case-report': {
      const p = item.payload as CaseReportPayload;
      const photos = p.photos.length ? ` · ${t('field.outbox.photos', { count: p.photos.length })}` : '';
      return `${p.body.title}${photos}`;
    }
    case 'case-step':
      return (item.payload as CaseStepPayload).title;
    case 'checkin': {
      const p = item.payload as CheckinPayload;
      return `${t(p.kind === 'in' ? 'field.checkin.in' : 'field.checkin.out')} ${clockTime(p.at)}`;
    }
    case 'alert-step':
      return (item.payload as AlertStepPayload).title;
    case 'instruction-read':
      return (item.payload as InstructionReadPayload).title;
    case 'instruction-reply':
      return (item.payload as InstructionReplyPayload).body;
    default:
      return '';
  }
}

interface Row {
  key: string;
  items: OutboxItem[];
}

/** Items in order, a chain's consecutive patrol points folded into one row. */
function rows(items: readonly OutboxItem[]): Row[] {
  const out: Row[] = [];
  for (const item of items) {
    const last = out.at(-1);
    const head = last?.items[0];
    if (
      head &&
      item.kind === 'patrol-point' &&
      head.kind === 'patrol-point' &&
      head.chain === item.chain &&
      head.state === item.state
    )
      last!.items.push(item);
    else out.push({ key: item.id, items: [item] });
  }
  return out;
}

export function OutboxPage() {
  const { t } = useFieldI18n();
  const box = useOutbox();

  const discard = (row: Row) =>
    void Dialog.confirm({
      content: t('field.outbox.discard.confirm'),
      onConfirm: async () => {
        for (const item of row.items) await outbox.discard(item.id);
      },
    });

  return (
    <div data-testid="field-outbox">
      <Card className="field-card">
        <div className="field-grid-head">
          <div>
            <div className="field-card-title" data-testid="field-outbox-status">
              {box.pending + box.failed === 0
                ? t('field.outbox.empty')
                : t('field.outbox.waiting', { count: box.pending + box.failed })}
            </div>
            <div className="field-muted">
              {!box.isOnline
                ? t('field.outbox.offline')
                : box.isSyncing
                  ? t('field.outbox.syncing')
                  : box.lastSyncedAt
                    ? t('field.outbox.lastSynced', { time: shortTime(box.lastSyncedAt), count: box.synced })
                    : t('field.outbox.online')}
            </div>
          </div>
          <Button
            size="small"
            color="primary"
            disabled={!box.isOnline || box.pending === 0}
            onClick={() => outbox.wake()}
            data-testid="field-outbox-sync"
          >
            {t('field.outbox.syncNow')}
          </Button>
        </div>
      </Card>
      <List>
        {rows(box.items).map((row) => {
          const head = row.items[0]!;
          const isFailed = head.state === 'failed';
          return (
            <List.Item
              key={row.key}
              description={
                <>
                  <div>
                    {row.items.length > 1
                      ? t('field.outbox.points', { count: row.items.length })
                      : summary(head, t)}
                  </div>
                  {isFailed ? (
                    <div className="field-warning" data-testid="field-outbox-error">
                      {head.errorCode === PHOTO_UPLOAD_UNSUPPORTED
                        ? t('field.outbox.photosUnsupported', {
                            trackingNo: (head.payload as CaseReportPayload).trackingNo ?? '',
                          })
                        : head.error}
                    </div>
                  ) : head.attempts > 0 ? (
                    <div className="field-muted">
                      {t('field.outbox.retry', { attempts: head.attempts, time: clockTime(head.nextAt) })}
                    </div>
                  ) : null}
                  {isFailed && (
                    <div className="field-buttons field-gap">
                      <Button size="mini" onClick={() => row.items.forEach((i) => void outbox.retry(i.id))}>
                        {t('field.outbox.retryNow')}
                      </Button>
                      <Button size="mini" color="danger" fill="outline" onClick={() => discard(row)}>
                        {t('field.outbox.discard')}
                      </Button>
                    </div>
                  )}
                </>
              }
              extra={<span className="field-muted">{shortTime(head.createdAt)}</span>}
              data-testid="field-outbox-item"
            >
              {t(KIND_KEYS[head.kind])}{' '}
              {isFailed ? (
                <Tag color="danger" fill="solid">
                  {t('field.outbox.failed')}
                </Tag>
              ) : (
                <Tag color="warning" fill="outline">
                  {t('field.outbox.pending')}
                </Tag>
              )}
            </List.Item>
          );
        })}
      </List>
    </div>
  );
}
