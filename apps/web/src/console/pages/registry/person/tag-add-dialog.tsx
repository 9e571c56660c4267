// Put a person in an attention category, with the reason and, optionally, a period.
import { DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { api } from '../../../../lib/api.ts';
import { toZonedIso } from '../../../../lib/time.ts';
import { FormDialog } from '../../../components/form-dialog.tsx';
import { fieldsNamed, useFormSubmit } from '../../../components/use-form-submit.ts';
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

const placeField = fieldsNamed(['category', 'reason', 'from', 'until']);

export function TagAddDialog({ personId, categories, activeCodes, onClose, onSaved }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const submit = useFormSubmit(form, placeField);
  const options = categories.categories
    .filter((c) => c.isActive && !activeCodes.includes(c.code))
    .map((c) => ({ value: c.code, label: categories.nameOf(c.code) }));

  const save = (values: Values) =>
    submit.run(async () => {
      const body: TTagCreate = { category: values.category, reason: values.reason.trim() };
      if (values.from) body.from = toZonedIso(values.from);
      if (values.until) body.until = toZonedIso(values.until);
      const path = `${registerApi('persons')}/${encodeURIComponent(personId)}/tags`;
      onSaved(await api.post<TPersonDossier>(path, body));
    });

  return (
    <FormDialog
      title={t('tags.addTitle')}
      form={form}
      submit={submit}
      onClose={onClose}
      onFinish={save}
      testId="tag-form"
    >
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
    </FormDialog>
  );
}
