// 新建布控: who (a person by identity number, a vehicle by plate, a phone by MAC address or by its device
// code in the registers), why, and for how long; checked here by the rules the server applies, then filed
// for a second person's approval.
import {
  checkIdNumber,
  checkPlate,
  normalizeIdNumber,
  normalizeMacAddress,
  normalizePlate,
} from '@civgrid/domain';
import { Alert, App, DatePicker, Form, type FormRule, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useT } from '../../../i18n/i18n-provider.tsx';
import type { Translate } from '../../../i18n/lang.ts';
import { api } from '../../../lib/api.ts';
import { displayTimeZone, toZonedIso, zonedNow } from '../../../lib/time.ts';
import { FormDialog } from '../../components/form-dialog.tsx';
import { useFormSubmit } from '../../components/use-form-submit.ts';
import type { TWatchSubject } from './types.ts';

type SubjectForm = 'person' | 'vehicle' | 'mac' | 'deviceCode';
const SUBJECT_FORMS: readonly SubjectForm[] = ['person', 'vehicle', 'mac', 'deviceCode'];
const MAX_DAYS = 366;

interface Values {
  form: SubjectForm;
  value: string;
  reason: string;
  window: [Dayjs, Dayjs];
}

export function toWatchSubject(form: SubjectForm, value: string): TWatchSubject {
  const text = value.trim();
  if (form === 'person') return { type: 'person', idNumber: normalizeIdNumber(text) };
  if (form === 'vehicle') return { type: 'vehicle', plate: normalizePlate(text) };
  if (form === 'mac') return { type: 'device', mac: normalizeMacAddress(text) ?? text };
  return { type: 'device', deviceCode: text };
}

function isValid(form: SubjectForm, text: string): boolean {
  if (form === 'person') return checkIdNumber(normalizeIdNumber(text)) === null;
  if (form === 'vehicle') return checkPlate(normalizePlate(text)) === null;
  if (form === 'mac') return normalizeMacAddress(text) !== null;
  return /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(text);
}

function valueRule(t: Translate, form: SubjectForm): FormRule {
  return {
    validator: async (_, value: unknown) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (!text) throw new Error(t('watchlist.form.required'));
      if (!isValid(form, text)) throw new Error(t(`watchlist.form.invalid.${form}`));
    },
  };
}

function windowRule(t: Translate): FormRule {
  return {
    validator: async (_, value: unknown) => {
      const range = value as [Dayjs | null, Dayjs | null] | null | undefined;
      if (!range?.[0] || !range[1]) throw new Error(t('watchlist.form.window.required'));
      if (!range[0].isBefore(range[1])) throw new Error(t('watchlist.form.window.order'));
      if (!range[1].isAfter(zonedNow())) throw new Error(t('watchlist.form.window.past'));
      if (range[1].diff(range[0], 'day', true) > MAX_DAYS) throw new Error(t('watchlist.form.window.long'));
    },
  };
}

interface Props {
  onClose: () => void;
  onCreated: () => void;
}

export function EntryFormDialog({ onClose, onCreated }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  // The server names `subject…`, `from` or `to`; they show under the field that holds them.
  const submit = useFormSubmit(form, (field) => {
    if (field.startsWith('subject')) return 'value';
    if (field === 'from' || field === 'to') return 'window';
    return field === 'reason' ? 'reason' : undefined;
  });
  const subjectForm = Form.useWatch('form', form) ?? 'person';
  const start = zonedNow().startOf('minute');

  const onFinish = (values: Values) =>
    submit.run(async () => {
      await api.post('/api/v1/watchlist', {
        subject: toWatchSubject(values.form, values.value),
        reason: values.reason.trim(),
        from: toZonedIso(values.window[0]),
        to: toZonedIso(values.window[1]),
      });
      message.success(t('watchlist.created'));
      onCreated();
    });

  return (
    <FormDialog<Values>
      title={t('watchlist.create')}
      okText={t('watchlist.form.submit')}
      okButtonProps={{ 'data-testid': 'watchlist-submit' }}
      width={560}
      form={form}
      submit={submit}
      onFinish={onFinish}
      onClose={onClose}
      initialValues={{ form: 'person', window: [start, start.add(7, 'day')] }}
      testId="watchlist-form"
      notice={<Alert type="info" showIcon title={t('watchlist.form.notice')} style={{ marginBottom: 16 }} />}
    >
      <Form.Item name="form" label={t('watchlist.form.type')}>
        <Select<SubjectForm>
          options={SUBJECT_FORMS.map((value) => ({ value, label: t(`watchlist.form.type.${value}`) }))}
          onChange={() => form.setFields([{ name: 'value', errors: [] }])}
          data-testid="watchlist-subject-type"
        />
      </Form.Item>
      <Form.Item name="value" label={t('watchlist.form.value')} rules={[valueRule(t, subjectForm)]} required>
        <Input
          allowClear
          placeholder={t(`watchlist.form.placeholder.${subjectForm}`)}
          data-testid="watchlist-subject-value"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('watchlist.form.reason')}
        rules={[{ required: true, whitespace: true, message: t('watchlist.form.reason.required') }]}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          placeholder={t('watchlist.form.reason.placeholder')}
          data-testid="watchlist-reason"
        />
      </Form.Item>
      <Form.Item
        name="window"
        label={t('watchlist.form.window')}
        extra={t('watchlist.form.window.zone', { zone: displayTimeZone() })}
        rules={[windowRule(t)]}
        required
      >
        <DatePicker.RangePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          data-testid="watchlist-window"
        />
      </Form.Item>
    </FormDialog>
  );
}
