// Approving, rejecting or revoking an entry: a confirmation that says what follows, with an optional note
// kept in the entry and its audit row.
import { Alert, App, type ButtonProps, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import type { TWatchEntry, WatchStep } from './types.ts';

interface Props {
  entry: TWatchEntry;
  step: WatchStep;
  onClose: () => void;
  onDone: (entry: TWatchEntry) => void;
}

export function DecisionDialog({ entry, step, onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const onOk = async () => {
    setBusy(true);
    setFailure(null);
    try {
      const next = await api.post<TWatchEntry>(`/api/v1/watchlist/${entry.id}/${step}`, {
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      message.success(t(`watchlist.done.${step}`));
      onDone(next);
    } catch (error) {
      setFailure(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  const okButton: ButtonProps & { 'data-testid': string } = {
    danger: step !== 'approve',
    'data-testid': 'watchlist-decision-ok',
  };
  return (
    <Modal
      open
      title={`${t(`watchlist.${step}`)} · ${entry.subject.display}`}
      okText={t(`watchlist.${step}`)}
      okButtonProps={okButton}
      cancelText={t('common.cancel')}
      confirmLoading={isBusy}
      onOk={onOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t(`watchlist.confirm.${step}`)}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('watchlist.col.reason')}：{entry.reason}
      </Typography.Paragraph>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Input.TextArea
        rows={2}
        maxLength={500}
        placeholder={t('watchlist.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="watchlist-decision-note"
      />
    </Modal>
  );
}
