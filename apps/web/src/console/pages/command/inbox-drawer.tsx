// An instruction the user received: opening it sends the read receipt; a reply is written here. Both carry
// a client id, so a second press after a lost answer records nothing twice.
import { App, Button, Descriptions, Drawer, Form, Input, List, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { formatTime } from '../../../lib/time.ts';
import { INSTRUCTIONS_API, newClientId, type TInstruction, type TMyReceipt } from './command-api.ts';

interface Props {
  instruction: TInstruction & { mine: TMyReceipt };
  onClose: () => void;
  onChanged: () => void;
}

export function InboxDrawer({ instruction, onClose, onChanged }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const [replyId, setReplyId] = useState(newClientId);
  const readId = useMemo(newClientId, []);
  const [replies, setReplies] = useState(instruction.mine.replies);
  const [busy, setBusy] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: one receipt per opening
  useEffect(() => {
    if (instruction.mine.readAt) return;
    void api
      .post(`${INSTRUCTIONS_API}/${instruction.id}/read`, { clientId: readId })
      .then(onChanged, () => {});
  }, [instruction.id]);

  const reply = async ({ body }: { body: string }) => {
    setBusy(true);
    try {
      const answer = await api.post<{ reply: TMyReceipt['replies'][number] }>(
        `${INSTRUCTIONS_API}/${instruction.id}/replies`,
        { clientId: replyId, body },
      );
      setReplies((list) => (list.some((r) => r.id === answer.reply.id) ? list : [...list, answer.reply]));
      setReplyId(newClientId());
      form.resetFields();
      message.success(t('command.reply.sent'));
      onChanged();
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open width={640} title={instruction.title} onClose={onClose} data-testid="inbox-drawer">
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('command.field.sender')}>
          {instruction.sender.unit} · {instruction.sender.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('command.field.sentAt')}>
          {formatTime(instruction.sentAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('command.field.deadline')}>
          {formatTime(instruction.deadline) ?? t('common.none')}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{instruction.body}</Typography.Paragraph>
      <Typography.Title level={5}>{t('command.myReplies')}</Typography.Title>
      <List
        size="small"
        dataSource={replies}
        locale={{ emptyText: t('common.none') }}
        renderItem={(r) => (
          <List.Item>
            <Typography.Text type="secondary">{formatTime(r.writtenAt)}</Typography.Text>&nbsp;{r.body}
          </List.Item>
        )}
      />
      <Form form={form} layout="vertical" onFinish={reply} style={{ marginTop: 16 }}>
        <Form.Item name="body" rules={[{ required: true, max: 2000 }]}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('command.reply.placeholder')}
            data-testid="inbox-reply"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="inbox-reply-send">
          {t('command.reply')}
        </Button>
      </Form>
    </Drawer>
  );
}
