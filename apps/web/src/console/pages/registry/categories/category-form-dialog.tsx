// Create an attention category or edit one (the code is its identity and cannot change).
import { Alert, App, Form, Input, InputNumber, Switch } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { fieldsNamed, useFormSubmit } from '../../../components/use-form-submit.ts';
import type { TAttentionCategory } from '../shared/types.ts';

interface Props {
  category: TAttentionCategory | undefined;
  onClose: () => void;
  onSaved: () => void;
}

type Values = Omit<TAttentionCategory, 'careLimitHours'> & { careLimitHours?: number | null };

const CODE = /^[a-z][a-z0-9-]{1,39}$/;
const placeField = fieldsNamed(['code', 'nameZh', 'nameEn', 'careLimitHours', 'isActive']);

export function CategoryFormDialog({ category, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const submit = useFormSubmit(form, placeField);
  const editing = category !== undefined;

  const save = (values: Values) =>
    submit.run(async () => {
      const body = {
        nameZh: values.nameZh.trim(),
        nameEn: values.nameEn.trim(),
        careLimitHours: values.careLimitHours ?? null,
        isActive: values.isActive,
      };
      if (editing) {
        await api.patch(`/api/v1/registry/categories/${encodeURIComponent(category.code)}`, body);
      } else {
        await api.post('/api/v1/registry/categories', { code: values.code, ...body });
      }
      message.success(t('categories.saved', { name: body.nameZh }));
      onSaved();
    });

  const required = { required: true, whitespace: true, message: t('categories.required') };
  return (
    <FormDialog
      title={t(editing ? 'categories.editTitle' : 'categories.createTitle')}
      form={form}
      submit={submit}
      onClose={onClose}
      onFinish={save}
      initialValues={category ?? { isActive: true, careLimitHours: null }}
      testId="category-form"
    >
      <Alert type="info" showIcon title={t('categories.note')} style={{ marginBottom: 16 }} />
      <Form.Item
        name="code"
        label={t('categories.code')}
        rules={[required, { pattern: CODE, message: t('categories.codePattern') }]}
        extra={editing ? undefined : t('categories.codePattern')}
      >
        <Input disabled={editing} maxLength={40} data-testid="category-form-code" />
      </Form.Item>
      <Form.Item name="nameZh" label={t('categories.nameZh')} rules={[required]}>
        <Input maxLength={40} data-testid="category-form-name-zh" />
      </Form.Item>
      <Form.Item name="nameEn" label={t('categories.nameEn')} rules={[required]}>
        <Input maxLength={60} data-testid="category-form-name-en" />
      </Form.Item>
      <Form.Item
        name="careLimitHours"
        label={t('categories.careLimit')}
        extra={t('categories.careLimitHint')}
      >
        <InputNumber min={1} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="isActive" label={t('categories.active')} valuePropName="checked">
        <Switch />
      </Form.Item>
    </FormDialog>
  );
}
