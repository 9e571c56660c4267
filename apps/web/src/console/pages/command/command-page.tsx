// 扁平指挥: the instructions sent from the user's jurisdiction with their receipt counts (a row opens who
// received, read and replied), the instructions the user received, and the dialog that sends one.
import { ReloadOutlined, SendOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Flex, Progress, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { query } from '../../../lib/api.ts';
import { formatTime } from '../../../lib/time.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { serverPagination, usePaging } from '../../components/server-paging.ts';
import { hasPermission } from '../../nav.ts';
import { useUser } from '../../session/session-provider.tsx';
import { INSTRUCTIONS_API, type TInbox, type TInstruction, type TSentList } from './command-api.ts';
import { InboxDrawer } from './inbox-drawer.tsx';
import { InstructionDrawer } from './instruction-drawer.tsx';
import { SendDialog } from './send-dialog.tsx';

type Tab = 'sent' | 'inbox';

export function CommandPage() {
  const t = useT();
  const user = useUser();
  const { message } = App.useApp();
  const canSend = hasPermission(user, 'command.send');
  const [tab, setTab] = useState<Tab>(canSend ? 'sent' : 'inbox');
  const sentPaging = usePaging(20);
  const inboxPaging = usePaging(20);
  const sent = useApiGet<TSentList>(
    canSend && tab === 'sent'
      ? `${INSTRUCTIONS_API}${query({ page: sentPaging.page, pageSize: sentPaging.pageSize })}`
      : null,
  );
  const inbox = useApiGet<TInbox>(
    `${INSTRUCTIONS_API}/mine${query({ page: inboxPaging.page, pageSize: inboxPaging.pageSize })}`,
  );
  const [sending, setSending] = useState(false);
  const [following, setFollowing] = useState<TInstruction | null>(null);
  const [reading, setReading] = useState<TInbox['items'][number] | null>(null);

  const time = (iso: string | null) => formatTime(iso) ?? t('common.none');
  const sentTable = (
    <Table<TSentList['items'][number]>
      rowKey="id"
      size="middle"
      loading={sent.loading}
      dataSource={sent.data?.items ?? []}
      pagination={serverPagination(t, { ...sentPaging, total: sent.data?.total })}
      onRow={(row) => ({
        onClick: () => setFollowing(row),
        style: { cursor: 'pointer' },
        'data-testid': 'sent-row',
      })}
      columns={[
        { title: t('command.field.title'), dataIndex: 'title' },
        { title: t('command.field.sender'), render: (_, r) => `${r.sender.unit} · ${r.sender.name}` },
        { title: t('command.field.sentAt'), render: (_, r) => time(r.sentAt) },
        { title: t('command.field.deadline'), render: (_, r) => time(r.deadline) },
        { title: t('command.field.recipients'), render: (_, r) => r.counts.recipients },
        {
          title: t('command.field.read'),
          render: (_, r) => (
            <Progress
              size="small"
              style={{ width: 120 }}
              percent={Math.round((100 * r.counts.read) / Math.max(1, r.counts.recipients))}
              format={() => `${r.counts.read}/${r.counts.recipients}`}
            />
          ),
        },
        {
          title: t('command.field.replied'),
          render: (_, r) =>
            r.replyRequired ? `${r.counts.replied}/${r.counts.recipients}` : t('common.none'),
        },
        {
          title: t('command.field.overdue'),
          render: (_, r) => (r.counts.overdue > 0 ? <Tag color="red">{r.counts.overdue}</Tag> : 0),
        },
      ]}
      data-testid="sent-table"
    />
  );
  const inboxTable = (
    <Table<TInbox['items'][number]>
      rowKey="id"
      size="middle"
      loading={inbox.loading}
      dataSource={inbox.data?.items ?? []}
      pagination={serverPagination(t, { ...inboxPaging, total: inbox.data?.total })}
      onRow={(row) => ({
        onClick: () => setReading(row),
        style: { cursor: 'pointer' },
        'data-testid': 'inbox-row',
      })}
      columns={[
        { title: t('command.field.title'), dataIndex: 'title' },
        { title: t('command.field.sender'), render: (_, r) => `${r.sender.unit} · ${r.sender.name}` },
        { title: t('command.field.sentAt'), render: (_, r) => time(r.sentAt) },
        { title: t('command.field.deadline'), render: (_, r) => time(r.deadline) },
        {
          title: t('command.field.status'),
          render: (_, r) =>
            r.mine.replies.length > 0 ? (
              <Tag color="green">{t('command.status.replied')}</Tag>
            ) : r.mine.readAt ? (
              <Tag>{t('command.status.read')}</Tag>
            ) : (
              <Tag color="orange">{t('command.status.unread')}</Tag>
            ),
        },
      ]}
      data-testid="inbox-table"
    />
  );

  return (
    <Card
      title={t('nav.command')}
      extra={
        <Flex gap={8}>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              sent.reload();
              inbox.reload();
            }}
          >
            {t('command.refresh')}
          </Button>
          {canSend && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              onClick={() => setSending(true)}
              data-testid="command-send"
            >
              {t('command.send')}
            </Button>
          )}
        </Flex>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        items={[
          ...(canSend ? [{ key: 'sent', label: t('command.tab.sent'), children: sentTable }] : []),
          {
            key: 'inbox',
            label: (
              <span>
                {t('command.tab.inbox')} <Badge count={inbox.data?.unread ?? 0} />
              </span>
            ),
            children: inboxTable,
          },
        ]}
      />
      {sending && (
        <SendDialog
          onClose={() => setSending(false)}
          onSent={(page) => {
            setSending(false);
            message.success(t('command.sent', { count: page.counts?.recipients ?? 0 }));
            sent.reload();
            setFollowing(page.instruction);
          }}
        />
      )}
      {following && <InstructionDrawer instruction={following} onClose={() => setFollowing(null)} />}
      {reading && (
        <InboxDrawer
          instruction={reading}
          onClose={() => setReading(null)}
          onChanged={() => inbox.reload()}
        />
      )}
    </Card>
  );
}
