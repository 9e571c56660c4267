// One instruction as its sender's centre follows it: the text, the counts, and who received, read and
// replied (filtered, paged), with reminders to those who have not read or replied.
import { BellOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Flex, Segmented, Statistic, Table, Typography } from 'antd';
import { useState } from 'react';
import type { FieldWorkMessageKey } from '../../../i18n/field-zh-CN.ts';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api, query } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { formatTime } from '../../../lib/time.ts';
import { useApiGet } from '../../../lib/use-api-get.ts';
import { serverPagination, usePaging } from '../../components/server-paging.ts';
import {
  INSTRUCTIONS_API,
  RECIPIENT_STATUSES,
  type RecipientStatus,
  type TInstruction,
  type TRecipient,
  type TRecipientList,
} from './command-api.ts';

export function InstructionDrawer({
  instruction,
  onClose,
}: {
  instruction: TInstruction;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [status, setStatus] = useState<RecipientStatus>('all');
  const { page, pageSize, setPage, onPage } = usePaging(50);
  const list = useApiGet<TRecipientList>(
    `${INSTRUCTIONS_API}/${instruction.id}/recipients${query({ status, page, pageSize })}`,
  );
  const [busy, setBusy] = useState(false);
  const counts = list.data?.counts;

  const remind = async (target: 'unread' | 'unreplied') => {
    setBusy(true);
    try {
      const answer = await api.post<{ reminded: number }>(`${INSTRUCTIONS_API}/${instruction.id}/reminders`, {
        target,
      });
      message.success(t('command.reminded', { count: answer.reminded }));
      list.reload();
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const time = (iso: string | null) => formatTime(iso) ?? t('common.none');
  return (
    <Drawer open width={900} title={instruction.title} onClose={onClose} data-testid="instruction-drawer">
      <Descriptions size="small" column={2} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('command.field.sender')}>
          {instruction.sender.unit} · {instruction.sender.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('command.field.sentAt')}>{time(instruction.sentAt)}</Descriptions.Item>
        <Descriptions.Item label={t('command.field.deadline')}>
          {time(instruction.deadline)}
        </Descriptions.Item>
        <Descriptions.Item label={t('command.field.replyRequired')}>
          {instruction.replyRequired ? t('command.yes') : t('command.no')}
        </Descriptions.Item>
        <Descriptions.Item label={t('command.field.body')} span={2}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
            {instruction.body}
          </Typography.Paragraph>
        </Descriptions.Item>
      </Descriptions>
      {counts && (
        <Flex gap={32} style={{ marginBottom: 16 }} data-testid="instruction-counts">
          {(['recipients', 'received', 'read', 'replied', 'overdue', 'reminders'] as const).map((key) => (
            <Statistic
              key={key}
              title={t(`command.field.${key}` as FieldWorkMessageKey)}
              value={counts[key]}
            />
          ))}
        </Flex>
      )}
      <Flex justify="space-between" gap={8} wrap style={{ marginBottom: 12 }}>
        <Segmented<RecipientStatus>
          value={status}
          onChange={(value) => {
            setStatus(value);
            setPage(1);
          }}
          options={RECIPIENT_STATUSES.map((s) => ({
            value: s,
            label: t(`command.status.${s}` as FieldWorkMessageKey),
          }))}
        />
        <Flex gap={8}>
          <Button
            icon={<BellOutlined />}
            loading={busy}
            onClick={() => remind('unread')}
            data-testid="remind-unread"
          >
            {t('command.remind.unread')}
          </Button>
          {instruction.replyRequired && (
            <Button icon={<BellOutlined />} loading={busy} onClick={() => remind('unreplied')}>
              {t('command.remind.unreplied')}
            </Button>
          )}
        </Flex>
      </Flex>
      <Table<TRecipient>
        rowKey="userId"
        size="small"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        pagination={serverPagination(t, { page, pageSize, total: list.data?.total, onPage })}
        columns={[
          { title: t('command.field.name'), dataIndex: 'name' },
          {
            title: t('command.field.role'),
            dataIndex: 'role',
            render: (role: string) => t(`command.role.${role}` as FieldWorkMessageKey),
          },
          { title: t('command.field.unit'), render: (_, r) => r.unit.name },
          { title: t('command.field.received'), render: (_, r) => time(r.receivedAt) },
          { title: t('command.field.read'), render: (_, r) => time(r.readAt) },
          {
            title: t('command.field.replies'),
            render: (_, r) =>
              r.replies.length === 0
                ? t('common.none')
                : r.replies.map((x) => (
                    <div key={x.writtenAt}>
                      <Typography.Text type="secondary">{formatTime(x.writtenAt)}</Typography.Text> {x.body}
                    </div>
                  )),
          },
          { title: t('command.field.reminders'), dataIndex: 'reminders' },
        ]}
        data-testid="recipients-table"
      />
    </Drawer>
  );
}
