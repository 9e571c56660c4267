// Put a person in an attention category, with the reason and, optionally, a period.
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { ApiError, api } from '../../../../lib/api.ts';
import { describeError } from '../../../../lib/describe-error.ts';
import { toZonedIso } from '../../../../lib/time.ts';
import { registerApi } from '../shared/registers.ts';
import type { TPersonDossier, TTagCreate } from '../shared/types.ts';
import type { Categories } from '../shared/use-categories.ts';

interface Props {
  personId: string;
  categories: Categories;
  /** Categories the person is already in (an open tag per category at most). */
  activeCodes: string[];
  onClose: () => void;
  onSaved: (dossier: TPersonDossier) => void;
}

interface Values {
  category: string;
  reason: string;
  from?: Dayjs | null;
  until?: Dayjs | null;
}

const FIELDS = ['category', 'reason', 'from', 'until'];

export function TagAddDialog({ personId, categories, activeCodes, onClose, onSaved }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const options = categories.categories
    .filter((c) => c.isActive && !activeCodes.includes(c.code))
    .map((c) => ({ value: c.code, label: categories.nameOf(c.code) }));

  const save = async (values: Values) => {
    setBusy(true);
    setFailure(null);
    const body: TTagCreate = { category: values.category, reason: values.reason.trim() };
    if (values.from) body.from = toZonedIso(values.from);
    if (values.until) body.until = toZonedIso(values.until);
    try {
      onSaved(
        await api.post<TPersonDossier>(
          `${registerApi('persons')}/${encodeURIComponent(personId)}/tags`,
          body,
        ),
      );
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

  return (
    <Modal
      open
      title={t('tags.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={save} data-testid="tag-form">
        <Form.Item
          name="category"
          label={t('tags.category')}
          rules={[{ required: true, message: t('tags.categoryRequired') }]}
        >
          <Select options={options} loading={categories.loading} data-testid="tag-form-category" />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('tags.reason')}
          rules={[{ required: true, whitespace: true, message: t('tags.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="tag-form-reason" />
        </Form.Item>
        <Form.Item name="from" label={t('tags.from')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="until" label={t('tags.until')}>
          <DatePicker showTime style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
