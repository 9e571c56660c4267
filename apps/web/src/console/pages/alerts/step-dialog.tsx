// A step on an alert with its note: acknowledging may say nothing, resolving and a false alarm must say
// why (the server requires the note); the dialog is itself the confirmation.
import { Alert, App, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
import { type AlertStep, STEP_PATHS, type TAlertPage } from './types.ts';

interface Props {
  alert: TAlertPage;
  step: AlertStep;
  onClose: () => void;
  onDone: (alert: TAlertPage) => void;
}

export function StepDialog({ alert, step, onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [isBusy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const isNoteRequired = step !== 'acknowledge';

  const onOk = async () => {
    if (isNoteRequired && !note.trim()) {
      setFailure(t('alerts.noteRequired'));
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      const next = await api.post<TAlertPage>(`/api/v1/alerts/${alert.id}/${STEP_PATHS[step]}`, {
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      message.success(t(`alerts.done.${step}`));
      onDone(next);
    } catch (error) {
      setFailure(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t(`alerts.step.${step}`)}
      okText={t(`alerts.step.${step}`)}
      okButtonProps={{ danger: step === 'false-alarm', ...{ 'data-testid': 'alert-step-ok' } }}
      cancelText={t('common.cancel')}
      confirmLoading={isBusy}
      onOk={onOk}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>{t(`alerts.confirm.${step}`)}</Typography.Paragraph>
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 12 }} />}
      <Input.TextArea
        rows={3}
        maxLength={2000}
        placeholder={t('alerts.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        data-testid="alert-step-note"
      />
    </Modal>
  );
}
