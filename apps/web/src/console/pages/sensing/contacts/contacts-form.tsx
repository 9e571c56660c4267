// 密接排查's question: whose contacts, over which time, how close in time counts as met, and why.
import { SearchOutlined } from '@ant-design/icons';
import { Button, Form, type FormInstance, InputNumber } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { FormSubmit } from '../../../components/use-form-submit.ts';
import type { Purpose } from '../shared/purpose.ts';
import { PurposeFields } from '../shared/purpose-fields.tsx';
import { SubjectFields, type SubjectValues } from '../shared/subject-fields.tsx';
import { recentRange, type TimeRange, TimeRangeField } from '../shared/time-range.tsx';

export interface ContactsValues extends SubjectValues {
  range: TimeRange;
  windowMinutes: number;
  purpose: Purpose;
}

/** The API's bounds on the window, and the usual choice of epidemiological investigations. */
const WINDOW = { min: 1, max: 240, initial: 15 } as const;

interface Props {
  form: FormInstance<ContactsValues>;
  purpose: Purpose | null;
  submit: FormSubmit;
  onFinish: (values: ContactsValues) => void;
}

export function ContactsForm({ form, purpose, submit, onFinish }: Props) {
  const t = useT();
  return (
    <Form<ContactsValues>
      form={form}
      layout="vertical"
      initialValues={{
        subjectType: 'person',
        range: recentRange(24 * 14),
        windowMinutes: WINDOW.initial,
        purpose: purpose ?? undefined,
      }}
      onFinish={onFinish}
      data-testid="contacts-form"
    >
      <SubjectFields />
      <TimeRangeField />
      <Form.Item
        name="windowMinutes"
        label={t('sensing.contacts.window')}
        extra={t('sensing.contacts.windowHint')}
        rules={[{ required: true, message: t('sensing.contacts.windowRequired') }]}
      >
        <InputNumber<number>
          min={WINDOW.min}
          max={WINDOW.max}
          precision={0}
          prefix="±"
          suffix={t('sensing.contacts.minutes')}
          style={{ width: 180 }}
          data-testid="contacts-window"
        />
      </Form.Item>
      <PurposeFields />
      <Button
        type="primary"
        htmlType="submit"
        icon={<SearchOutlined />}
        loading={submit.isBusy}
        block
        data-testid="contacts-submit"
      >
        {t('sensing.contacts.submit')}
      </Button>
    </Form>
  );
}
