// The live alert bell in the console's header: one Server-Sent Events stream (GET /api/v1/live) per open
// console, for users who may read alerts. A newly raised alert pops a notification and counts on the
// badge; the bell lists the latest ones with their current state. The browser's EventSource reconnects by
// itself and sends the last event id, so nothing raised meanwhile is lost.
import { BellOutlined } from '@ant-design/icons';
import { App, Badge, Button, Empty, Flex, Popover, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useLang, useT } from '../../../i18n/i18n-provider.tsx';
import { formatMinute } from '../../../lib/time.ts';
import { hasPermission, mayOpen } from '../../nav.ts';
import { useUser } from '../../session/session-provider.tsx';

interface Message {
  zh: string;
  en: string;
}

/** What the stream sends of an alert (the list's shape; only what the bell shows). */
interface LiveAlert {
  id: string;
  rule: string;
  ruleLabel: Message;
  severity: 'low' | 'medium' | 'high';
  status: string;
  statusLabel: Message;
  gridCode: string;
  gridName: string;
  createdAt: string;
  evidence: { summary: Message };
}

const SEVERITY_COLOR = { low: 'blue', medium: 'orange', high: 'red' } as const;
const KEPT = 20;

export function LiveAlertBell() {
  const user = useUser();
  return hasPermission(user, 'alert.read') ? <Bell /> : null;
}

function Bell() {
  const t = useT();
  const { lang } = useLang();
  const user = useUser();
  const { notification } = App.useApp();
  const [alerts, setAlerts] = useState<LiveAlert[]>([]);
  const [unread, setUnread] = useState(0);
  const [isConnected, setConnected] = useState(true);
  // The stream outlives a language switch; handlers read the current words through refs.
  const words = useRef({ t, lang, notification });
  words.current = { t, lang, notification };

  useEffect(() => {
    const source = new EventSource('/api/v1/live', { withCredentials: true });
    const seen = new Set<string>();
    source.addEventListener('alert', (event) => {
      const alert = JSON.parse((event as MessageEvent<string>).data) as LiveAlert;
      const isNew = !seen.has(alert.id);
      seen.add(alert.id);
      setAlerts((list) => [alert, ...list.filter((a) => a.id !== alert.id)].slice(0, KEPT));
      if (isNew && (alert.status === 'new' || alert.status === 'dispatched')) {
        setUnread((n) => n + 1);
        const { t: tr, lang: current, notification: notify } = words.current;
        const say = (m: Message) => (current === 'en' ? m.en : m.zh);
        notify[alert.severity === 'high' ? 'error' : 'warning']({
          key: `alert-${alert.id}`,
          title: tr('live.new', { rule: say(alert.ruleLabel) }),
          description: (
            <>
              {say(alert.evidence.summary)}
              <br />
              <Typography.Text type="secondary">
                {tr('live.where', { grid: alert.gridName, time: formatMinute(alert.createdAt) })}
              </Typography.Text>
            </>
          ),
          placement: 'bottomRight',
        });
      }
    });
    source.addEventListener('resync', () => {
      const { t: tr, notification: notify } = words.current;
      notify.info({ key: 'live-resync', title: tr('live.resync'), placement: 'bottomRight' });
    });
    // The session ended: stop here; the next request of the page meets the 401 and signs out.
    source.addEventListener('end', () => source.close());
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, []);

  const say = (m: Message) => (lang === 'en' ? m.en : m.zh);
  const content = (
    <div style={{ width: 360 }}>
      <Typography.Text type={isConnected ? 'secondary' : 'warning'} style={{ fontSize: 12 }}>
        {t(isConnected ? 'live.connected' : 'live.reconnecting')}
      </Typography.Text>
      {alerts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('live.empty')} />
      ) : (
        <Flex vertical style={{ maxHeight: 420, overflowY: 'auto' }} data-testid="live-alerts">
          {alerts.map((alert) => {
            const path = `/alerts/${alert.id}`;
            const summary = say(alert.evidence.summary);
            return (
              <Space
                key={alert.id}
                orientation="vertical"
                size={0}
                style={{ width: '100%', padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}
              >
                <Space size={6}>
                  <Tag color={SEVERITY_COLOR[alert.severity]}>{say(alert.ruleLabel)}</Tag>
                  <Tag>{say(alert.statusLabel)}</Tag>
                </Space>
                <Typography.Text style={{ fontSize: 12 }}>
                  {mayOpen(user, path) ? <Link to={path}>{summary}</Link> : summary}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('live.where', { grid: alert.gridName, time: formatMinute(alert.createdAt) })}
                </Typography.Text>
              </Space>
            );
          })}
        </Flex>
      )}
    </div>
  );

  return (
    <Popover
      title={t('live.title')}
      content={content}
      trigger="click"
      placement="bottomRight"
      onOpenChange={(open) => open && setUnread(0)}
    >
      <Badge count={unread} size="small" offset={[-4, 4]}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('live.title')}
          data-testid="live-alert-bell"
          style={{ color: isConnected ? undefined : '#faad14' }}
        />
      </Badge>
    </Popover>
  );
}
