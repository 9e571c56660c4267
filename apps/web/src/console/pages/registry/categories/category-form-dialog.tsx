// Create an attention category or edit one (the code is its identity and cannot change).
import { Alert, App, Form, Input, InputNumber, Modal, Switch } from 'antd';
import { useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { ApiError, api } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import type { TAttentionCategory } from '../shared/types.ts';

interface Props {
  category: TAttentionCategory | undefined;
  onClose: () => void;
  onSaved: () => void;
}

type Values = Omit<TAttentionCategory, 'careLimitHours'> & { careLimitHours?: number | null };

const CODE = /^[a-z][a-z0-9-]{1,39}$/;
const FIELDS = ['code', 'nameZh', 'nameEn', 'careLimitHours', 'isActive'];

export function CategoryFormDialog({ category, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const editing = category !== undefined;

  const save = async (values: Values) => {
    setBusy(true);
    setFailure(null);
    const body = {
      nameZh: values.nameZh.trim(),
      nameEn: values.nameEn.trim(),
      careLimitHours: values.careLimitHours ?? null,
      isActive: values.isActive,
    };
    try {
      if (editing) {
        await api.patch(`/api/v1/registry/categories/${encodeURIComponent(category.code)}`, body);
      } else {
        await api.post('/api/v1/registry/categories', { code: values.code, ...body });
      }
      message.success(t('categories.saved', { name: body.nameZh }));
      onSaved();
    } catch (error) {
      if (error instanceof ApiError && error.field && FIELDS.includes(error.field)) {
        form.setFields([{ name: error.field as keyof Values, errors: [error.message] }]);
      } else {
        setFailure(describeError(error, t));
      }
    } finally {
      setBusy(false);
    }
  };

  const required = { required: true, whitespace: true, message: t('categories.required') };
  return (
    <Modal
      open
      title={t(editing ? 'categories.editTitle' : 'categories.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Alert type="info" showIcon title={t('categories.note')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={category ?? { isActive: true, careLimitHours: null }}
        data-testid="category-form"
      >
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
      </Form>
    </Modal>
  );
}
