// End a person's attention category; the reason is kept with the tag's history.
import { Form, Input } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { useFormSubmit } from '../../../components/use-form-submit.ts';
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
  const submit = useFormSubmit(form);

  const end = ({ reason }: { reason: string }) =>
    submit.run(async () => {
      const path = `${registerApi('persons')}/${encodeURIComponent(personId)}/tags/${encodeURIComponent(tagId)}/end`;
      onSaved(await api.post<TPersonDossier>(path, { reason: reason.trim() }));
    });

  return (
    <FormDialog
      title={t('tags.endTitle', { name: categoryName })}
      okText={t('tags.end')}
      okButtonProps={{ danger: true }}
      form={form}
      submit={submit}
      onClose={onClose}
      onFinish={end}
    >
      <Form.Item
        name="reason"
        label={t('tags.endReason')}
        rules={[{ required: true, whitespace: true, message: t('tags.reasonRequired') }]}
      >
        <Input.TextArea rows={3} maxLength={200} showCount data-testid="tag-end-reason" />
      </Form.Item>
    </FormDialog>
  );
}
