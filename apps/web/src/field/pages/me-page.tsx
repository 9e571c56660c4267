// Me (我的): the daily check-in (签到 / 签退) with the phone's position, patrol recording, what waits to sync,
// the language and logging out.
import { Button, Card, Dialog, List, Tag, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import type { FieldMessageKey } from '../../i18n/field-app-zh-CN.ts';
import type { CheckinView } from '../field-work-api.ts';
import { clockTime, localDay, shortTime } from '../format.ts';
import { currentFix } from '../geo.ts';
import { useOutbox, usePatrol } from '../hooks.ts';
import { useFieldI18n } from '../i18n.tsx';
import { useCached } from '../offline/cache.ts';
import { type CheckinPayload, outbox } from '../offline/senders.ts';
import { patrol } from '../patrol.ts';
import { useSession, useUser } from '../session.tsx';
import { AssessmentCard } from './assessment-card.tsx';
import { QueuedTag } from './shared.tsx';

const ROLE_KEYS: Record<string, FieldMessageKey> = {
  'grid-worker': 'field.role.grid-worker',
  police: 'field.role.police',
};

function CheckinCard() {
  const { t } = useFieldI18n();
  const box = useOutbox();
  const server = useCached<{ items: CheckinView[] }>('/api/v1/field/checkins/mine');
  const { reload } = server;
  useEffect(() => {
    if (box.synced > 0) reload();
  }, [box.synced, reload]);
  const [busy, setBusy] = useState<'in' | 'out' | null>(null);
  const today = localDay(Date.now());
  const queued = box.items
    .filter((i) => i.kind === 'checkin')
    .map((i) => ({ clientId: i.id, ...(i.payload as CheckinPayload), isQueued: true }));
  const sent = (server.data?.items ?? [])
    .filter((c) => !queued.some((q) => q.clientId === c.clientId))
    .map((c) => ({ clientId: c.clientId, kind: c.kind, at: c.at, isQueued: false }));
  const todays = [...sent, ...queued]
    .filter((c) => localDay(c.at) === today)
    .sort((a, b) => a.at.localeCompare(b.at));

  const checkIn = async (kind: 'in' | 'out') => {
    setBusy(kind);
    try {
      const at = new Date().toISOString();
      const fix = await currentFix(8_000);
      const payload: CheckinPayload = {
        kind,
        at,
        position: fix ? { lng: fix.lng, lat: fix.lat, accuracy: fix.accuracy } : null,
      };
      await outbox.add('checkin', payload);
      Toast.show({
        icon: 'success',
        content: t(kind === 'in' ? 'field.checkin.doneIn' : 'field.checkin.doneOut', { time: clockTime(at) }),
      });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card className="field-card" title={t('field.checkin.title')}>
      <div className="field-buttons">
        <Button
          color="primary"
          loading={busy === 'in'}
          onClick={() => void checkIn('in')}
          data-testid="field-checkin"
        >
          {t('field.checkin.in')}
        </Button>
        <Button loading={busy === 'out'} onClick={() => void checkIn('out')} data-testid="field-checkout">
          {t('field.checkin.out')}
        </Button>
      </div>
      <div className="field-gap" data-testid="field-checkins-today">
        {todays.length === 0 ? (
          <span className="field-muted">{t('field.checkin.none')}</span>
        ) : (
          todays.map((c) => (
            <div key={c.clientId} className="field-history" data-testid="field-checkin-row">
              {t(c.kind === 'in' ? 'field.checkin.in' : 'field.checkin.out')} {clockTime(c.at)}{' '}
              {c.isQueued ? (
                <QueuedTag />
              ) : (
                <Tag color="success" fill="outline">
                  {t('field.outbox.synced')}
                </Tag>
              )}
            </div>
          ))
        )}
      </div>
    </Card>
  );
}

function PatrolCard() {
  const { t } = useFieldI18n();
  const state = usePatrol();
  const active = state.active;
  return (
    <Card className="field-card" title={t('field.patrol.title')}>
      {active ? (
        <>
          <div data-testid="field-patrol-active">
            <Tag color="success" fill="solid">
              {t('field.patrol.on')}
            </Tag>{' '}
            {t('field.patrol.since', { time: shortTime(active.startedAt), points: active.points })}
          </div>
          <div className="field-muted">
            {t('field.patrol.interval', { seconds: state.intervalS })}
            {state.isLowBattery ? ` · ${t('field.patrol.lowBattery')}` : ''}
          </div>
          {state.lastFix && (
            <div className="field-muted">
              {t('field.patrol.lastFix', {
                time: clockTime(state.lastFix.at),
                accuracy: state.lastFix.accuracy,
              })}
            </div>
          )}
          {state.error && (
            <div className="field-warning">
              {t(state.error === 'denied' ? 'field.patrol.denied' : 'field.patrol.unavailable')}
            </div>
          )}
          <Button
            block
            color="danger"
            className="field-gap"
            onClick={() => void patrol.stop()}
            data-testid="field-patrol-stop"
          >
            {t('field.patrol.stop')}
          </Button>
        </>
      ) : (
        <>
          <div className="field-muted">{t('field.patrol.hint')}</div>
          <Button
            block
            color="primary"
            className="field-gap"
            onClick={() => void patrol.start()}
            data-testid="field-patrol-start"
          >
            {t('field.patrol.start')}
          </Button>
        </>
      )}
    </Card>
  );
}

export function MePage() {
  const { t, toggle } = useFieldI18n();
  const user = useUser();
  const { logout, isUnconfirmed } = useSession();
  const navigate = useNavigate();
  const box = useOutbox();
  const role = ROLE_KEYS[user.role];

  const confirmLogout = () =>
    void Dialog.confirm({
      content:
        box.items.length > 0
          ? t('field.me.logout.waiting', { count: box.items.length })
          : t('field.me.logout.confirm'),
      onConfirm: async () => {
        await patrol.stop();
        await logout();
        navigate('/login', { replace: true });
      },
    });

  return (
    <div data-testid="field-me">
      <Card className="field-card">
        <div className="field-card-title">{user.displayName}</div>
        <div className="field-muted">
          {role ? t(role) : user.role} · {user.scope.name}
        </div>
        {isUnconfirmed && <div className="field-warning">{t('field.me.unconfirmed')}</div>}
      </Card>
      <CheckinCard />
      <PatrolCard />
      <AssessmentCard />
      <List>
        <List.Item
          onClick={() => navigate('/outbox')}
          extra={
            box.pending + box.failed > 0
              ? t('field.outbox.count', { count: box.pending + box.failed })
              : t('field.outbox.empty.short')
          }
        >
          {t('field.title.outbox')}
        </List.Item>
        <List.Item onClick={toggle} extra={t('field.lang.switch')}>
          {t('field.me.language')}
        </List.Item>
        <List.Item onClick={confirmLogout} data-testid="field-logout">
          {t('field.me.logout')}
        </List.Item>
      </List>
    </div>
  );
}
