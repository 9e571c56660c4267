// Asks why the plaintext is needed (and, optionally, for which case) before the audited reveal.
import { Alert, Form, Input } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { fieldsNamed, useFormSubmit } from '../../../components/use-form-submit.ts';
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

const placeField = fieldsNamed(['reason', 'caseId']);

export function RevealDialog({ personId, onClose, onRevealed }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const submit = useFormSubmit(form, placeField);

  const reveal = ({ reason, caseId }: Values) =>
    submit.run(async () => {
      const body = { reason: reason.trim(), ...(caseId?.trim() ? { caseId: caseId.trim() } : {}) };
      const path = `${registerApi('persons')}/${encodeURIComponent(personId)}/reveal`;
      onRevealed(await api.post<TRevealResult>(path, body));
    });

  return (
    <FormDialog
      title={t('person.revealTitle')}
      okText={t('person.reveal')}
      form={form}
      submit={submit}
      onClose={onClose}
      notice={
        <Alert
          type="warning"
          showIcon
          title={t('person.revealAudited', { seconds: REVEAL_SECONDS })}
          style={{ marginBottom: 16 }}
        />
      }
      onFinish={reveal}
      testId="reveal-form"
    >
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
    </FormDialog>
  );
}
