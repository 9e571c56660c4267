// Asks why the plaintext is needed (and, optionally, for which case) before the audited reveal.
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { ApiError, api } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { registerApi } from '../shared/registers.ts';
import type { TRevealResult } from '../shared/types.ts';
import { REVEAL_SECONDS } from './use-revealed.ts';

interface Props {
  personId: string;
  onClose: () => void;
  onRevealed: (result: TRevealResult) => void;
}

interface Values {
  reason: string;
  caseId?: string;
}

export function RevealDialog({ personId, onClose, onRevealed }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const reveal = async ({ reason, caseId }: Values) => {
    setBusy(true);
    setFailure(null);
    try {
      const body = { reason: reason.trim(), ...(caseId?.trim() ? { caseId: caseId.trim() } : {}) };
      const result = await api.post<TRevealResult>(
        `${registerApi('persons')}/${encodeURIComponent(personId)}/reveal`,
        body,
      );
      onRevealed(result);
    } catch (error) {
      if (error instanceof ApiError && (error.field === 'reason' || error.field === 'caseId')) {
        form.setFields([{ name: error.field, errors: [error.message] }]);
      } else {
        setFailure(describeError(error, t));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('person.revealTitle')}
      okText={t('person.reveal')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title={t('person.revealAudited', { seconds: REVEAL_SECONDS })}
        style={{ marginBottom: 16 }}
      />
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={reveal} data-testid="reveal-form">
        <Form.Item
          name="reason"
          label={t('person.revealReason')}
          extra={t('person.revealReasonHint')}
          rules={[{ required: true, whitespace: true, min: 4, message: t('person.revealReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount autoFocus data-testid="reveal-reason" />
        </Form.Item>
        <Form.Item name="caseId" label={t('person.revealCase')}>
          <Input maxLength={40} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
