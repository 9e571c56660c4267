// An alert assigned to me: what the model saw, and my steps — acknowledge (签收), resolve (处置) or close as
// a false alarm (误报), both with a note. Offline, the alert is shown from the task list's copy and the
// step waits in the outbox; a step someone else already took is settled when it is sent.
import { Button, Card, ErrorBlock, Tag, TextArea, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import type { FieldMessageKey } from '../../i18n/field-app-zh-CN.ts';
import type { AlertCommand, FieldAlert, FieldAlertPage } from '../field-api.ts';
import { fullTime, shortTime } from '../format.ts';
import { useOutbox, useTasks } from '../hooks.ts';
import { useFieldI18n } from '../i18n.tsx';
import { useCached } from '../offline/cache.ts';
import { type AlertStepPayload, outbox } from '../offline/senders.ts';
import { describeFieldError, QueuedTag, StaleNote } from './shared.tsx';

type Closing = Exclude<AlertCommand, 'ack'>;

/** The steps an alert's status allows (what the server answers as `allowed`, for a copy without it). */
function allowedFor(alert: FieldAlert): AlertCommand[] {
  if (alert.status === 'new' || alert.status === 'dispatched') return ['ack', 'resolve', 'false-alarm'];
  if (alert.status === 'acknowledged') return ['resolve', 'false-alarm'];
  return [];
}

const ACTION_KEYS: Record<string, FieldMessageKey> = {
  raise: 'field.alert.action.raise',
  dispatch: 'field.alert.action.dispatch',
  acknowledge: 'field.alert.action.acknowledge',
  resolve: 'field.alert.action.resolve',
  'false-alarm': 'field.alert.action.false-alarm',
  escalate: 'field.alert.action.escalate',
  case: 'field.alert.action.case',
};

const FROM_SERVER: Record<string, AlertCommand> = {
  acknowledge: 'ack',
  resolve: 'resolve',
  'false-alarm': 'false-alarm',
};

export function AlertPage() {
  const { t, side } = useFieldI18n();
  const { id = '' } = useParams();
  const box = useOutbox();
  const list = useTasks();
  const page = useCached<FieldAlertPage>(`/api/v1/alerts/${encodeURIComponent(id)}`);
  const { reload } = page;
  // Read the alert again once the outbox has sent something (a step of ours may have moved it).
  useEffect(() => {
    if (box.synced > 0) reload();
  }, [box.synced, reload]);
  const [closing, setClosing] = useState<Closing | null>(null);
  const [note, setNote] = useState('');

  const alert: FieldAlert | undefined = page.data ?? list.alerts?.find((a) => a.id === id);
  if (!alert) {
    if (page.error)
      return <ErrorBlock status="empty" title={describeFieldError(page.error, t)} description="" />;
    return <div className="field-empty">{t('field.loading')}</div>;
  }
  const queued = box.items.filter(
    (i) => i.kind === 'alert-step' && (i.payload as AlertStepPayload).alertId === id,
  );
  const queuedCommands = new Set(queued.map((i) => (i.payload as AlertStepPayload).command));
  const isClosingQueued = queuedCommands.has('resolve') || queuedCommands.has('false-alarm');
  const allowed = (
    page.data && !page.isStale
      ? page.data.allowed.map((a) => FROM_SERVER[a]).filter((a): a is AlertCommand => a !== undefined)
      : allowedFor(alert)
  ).filter((command) => !isClosingQueued && !queuedCommands.has(command));

  const enqueue = async (command: AlertCommand, text?: string) => {
    const payload: AlertStepPayload = {
      alertId: id,
      title: alert.ruleLabel.zh,
      command,
      ...(text ? { note: text } : {}),
    };
    await outbox.add('alert-step', payload, { chain: `alert:${id}` });
    setClosing(null);
    setNote('');
    Toast.show({
      icon: 'success',
      content: navigator.onLine ? t('field.action.sent') : t('field.action.queued'),
    });
  };

  return (
    <div data-testid="field-alert">
      <StaleNote at={page.at} isStale={page.isStale} />
      <Card className="field-card">
        <div className="field-card-title">{alert.ruleLabel[side]}</div>
        <div className="field-gap">
          <Tag color={alert.severity === 'high' ? 'danger' : 'warning'} fill="solid">
            {t(`field.alert.severity.${alert.severity}`)}
          </Tag>{' '}
          <Tag color="primary" fill="outline" data-testid="field-alert-status">
            {alert.statusLabel[side]}
          </Tag>{' '}
          {queued.length > 0 && <QueuedTag />}
        </div>
        <div className="field-description">{alert.evidence.summary[side]}</div>
        <dl className="field-facts">
          {alert.subject?.label && (
            <>
              <dt>{t('field.alert.subject')}</dt>
              <dd>
                {alert.subject.label}
                {alert.subject.idNumberMask ? ` · ${alert.subject.idNumberMask}` : ''}
              </dd>
            </>
          )}
          {page.data?.house && (
            <>
              <dt>{t('field.alert.house')}</dt>
              <dd>{page.data.house.address}</dd>
            </>
          )}
          <dt>{t('field.alert.grid')}</dt>
          <dd>{alert.gridName}</dd>
          <dt>{t('field.alert.raisedAt')}</dt>
          <dd>{fullTime(alert.createdAt)}</dd>
          <dt>{t('field.alert.ackDue')}</dt>
          <dd>{fullTime(alert.ackDueAt)}</dd>
        </dl>
      </Card>
      {allowed.length > 0 && (
        <Card className="field-card">
          {closing ? (
            <>
              <div className="field-card-title">
                {t(closing === 'resolve' ? 'field.alert.resolve' : 'field.alert.falseAlarm')}
              </div>
              <TextArea
                className="field-textarea"
                placeholder={t('field.alert.note.placeholder')}
                value={note}
                onChange={setNote}
                autoSize={{ minRows: 3, maxRows: 6 }}
                maxLength={2000}
                data-testid="field-alert-note"
              />
              <div className="field-buttons">
                <Button onClick={() => setClosing(null)}>{t('field.action.cancel')}</Button>
                <Button
                  color="primary"
                  disabled={!note.trim()}
                  onClick={() => void enqueue(closing, note.trim())}
                  data-testid="field-alert-confirm"
                >
                  {t('field.action.submit')}
                </Button>
              </div>
            </>
          ) : (
            <div className="field-buttons">
              {allowed.includes('ack') && (
                <Button color="primary" onClick={() => void enqueue('ack')} data-testid="field-alert-ack">
                  {t('field.alert.ack')}
                </Button>
              )}
              {allowed.includes('resolve') && (
                <Button
                  color="success"
                  onClick={() => setClosing('resolve')}
                  data-testid="field-alert-resolve"
                >
                  {t('field.alert.resolve')}
                </Button>
              )}
              {allowed.includes('false-alarm') && (
                <Button onClick={() => setClosing('false-alarm')} data-testid="field-alert-false">
                  {t('field.alert.falseAlarm')}
                </Button>
              )}
            </div>
          )}
        </Card>
      )}
      {page.data && page.data.history.length > 0 && (
        <Card className="field-card" title={t('field.alert.history')}>
          {page.data.history.map((h) => (
            <div key={`${h.at}-${h.action}`} className="field-history">
              <span className="field-muted">{shortTime(h.at)}</span>{' '}
              {ACTION_KEYS[h.action] ? t(ACTION_KEYS[h.action]!) : h.action} · {h.actor}
              {h.note && <div className="field-muted">{h.note}</div>}
            </div>
          ))}
        </Card>
      )}
    </div>
  );
}
