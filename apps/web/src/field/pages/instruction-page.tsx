// An instruction from a centre (扁平指挥): opening it sends the read receipt; the reply box answers it. Both
// wait in the outbox with their client ids, so a receipt or reply sent twice counts once.
import { Button, Card, ErrorBlock, Tag, TextArea, Toast } from 'antd-mobile';
import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { fullTime, shortTime } from '../format.ts';
import { useOutbox, useTasks } from '../hooks.ts';
import { useFieldI18n } from '../i18n.tsx';
import { type InstructionReadPayload, type InstructionReplyPayload, outbox } from '../offline/senders.ts';
import { isInstructionReadQueued } from '../tasks-store.ts';
import { QueuedTag } from './shared.tsx';

export function InstructionPage() {
  const { t } = useFieldI18n();
  const { id = '' } = useParams();
  const list = useTasks();
  const box = useOutbox();
  const [reply, setReply] = useState('');
  const instruction = list.instructions?.find((i) => i.id === id);
  const isRead = instruction?.mine.readAt !== null || isInstructionReadQueued(box.items, id);

  // Opening it is reading it: one receipt, queued once.
  const receipted = useRef(false);
  useEffect(() => {
    if (!instruction || isRead || receipted.current) return;
    receipted.current = true;
    const payload: InstructionReadPayload = {
      instructionId: id,
      title: instruction.title,
      at: new Date().toISOString(),
    };
    void outbox.add('instruction-read', payload, { chain: `instruction:${id}` });
  }, [instruction, isRead, id]);

  if (!instruction) {
    if (list.instructions)
      return <ErrorBlock status="empty" title={t('field.instruction.missing')} description="" />;
    return <div className="field-empty">{t('field.loading')}</div>;
  }
  const queuedReplies = box.items
    .filter(
      (i) => i.kind === 'instruction-reply' && (i.payload as InstructionReplyPayload).instructionId === id,
    )
    .map((i) => ({ id: i.id, body: (i.payload as InstructionReplyPayload).body, at: i.createdAt }));

  const send = async () => {
    const body = reply.trim();
    if (!body) return;
    const payload: InstructionReplyPayload = {
      instructionId: id,
      title: instruction.title,
      body,
      at: new Date().toISOString(),
    };
    await outbox.add('instruction-reply', payload, { chain: `instruction:${id}` });
    setReply('');
    Toast.show({
      icon: 'success',
      content: navigator.onLine ? t('field.action.sent') : t('field.action.queued'),
    });
  };

  return (
    <div data-testid="field-instruction">
      <Card className="field-card">
        <div className="field-card-title">{instruction.title}</div>
        <div className="field-muted">
          {instruction.sender.name} · {instruction.sender.unit} · {fullTime(instruction.sentAt)}
        </div>
        <div className="field-gap">
          {instruction.deadline && (
            <Tag color="warning" fill="outline">
              {t('field.tasks.deadline', { time: shortTime(instruction.deadline) })}
            </Tag>
          )}{' '}
          {instruction.replyRequired && (
            <Tag color="primary" fill="outline">
              {t('field.instruction.replyRequired')}
            </Tag>
          )}
        </div>
        <div className="field-description">{instruction.body}</div>
      </Card>
      <Card className="field-card" title={t('field.instruction.replies')}>
        {instruction.mine.replies.map((r) => (
          <div key={r.id} className="field-history">
            <span className="field-muted">{shortTime(r.writtenAt)}</span> {r.body}
          </div>
        ))}
        {queuedReplies
          .filter((q) => !instruction.mine.replies.some((r) => r.clientId === q.id))
          .map((q) => (
            <div key={q.id} className="field-history">
              <span className="field-muted">{shortTime(q.at)}</span> {q.body} <QueuedTag />
            </div>
          ))}
        <TextArea
          className="field-textarea"
          placeholder={t('field.instruction.reply.placeholder')}
          value={reply}
          onChange={setReply}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          data-testid="field-instruction-reply-text"
        />
        <Button
          block
          color="primary"
          disabled={!reply.trim()}
          onClick={() => void send()}
          data-testid="field-instruction-reply"
        >
          {t('field.instruction.reply')}
        </Button>
      </Card>
    </div>
  );
}
