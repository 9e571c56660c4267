// End a person's attention category; the reason is kept with the tag's history.
import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { registerApi } from '../shared/registers.ts';
import type { TPersonDossier } from '../shared/types.ts';

interface Props {
  personId: string;
  tagId: string;
  categoryName: string;
  onClose: () => void;
  onSaved: (dossier: TPersonDossier) => void;
}

export function TagEndDialog({ personId, tagId, categoryName, onClose, onSaved }: Props) {
  const t = useT();
  const [form] = Form.useForm<{ reason: string }>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const end = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setFailure(null);
    try {
      const path = `${registerApi('persons')}/${encodeURIComponent(personId)}/tags/${encodeURIComponent(tagId)}/end`;
      onSaved(await api.post<TPersonDossier>(path, { reason: reason.trim() }));
    } catch (error) {
      setFailure(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('tags.endTitle', { name: categoryName })}
      okText={t('tags.end')}
      okButtonProps={{ danger: true }}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={end}>
        <Form.Item
          name="reason"
          label={t('tags.endReason')}
          rules={[{ required: true, whitespace: true, message: t('tags.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="tag-end-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
