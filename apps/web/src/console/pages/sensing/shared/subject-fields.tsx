// Who a query is about: a person by identity number, a vehicle by plate or a phone by its MAC address,
// checked here by the same rules the server applies, so a typo is caught before the purpose is spent.
import type { TSubject } from '@civgrid/contracts';
import {
  checkIdNumber,
  checkPlate,
  maskIdNumber,
  normalizeIdNumber,
  normalizeMacAddress,
  normalizePlate,
} from '@civgrid/domain';
import { Form, type FormRule, Input, Select, Space } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import type { Translate } from '../../../../i18n/lang.ts';

export type SubjectType = TSubject['type'];
export const SUBJECT_TYPES: readonly SubjectType[] = ['person', 'vehicle', 'device'];

export interface SubjectValues {
  subjectType: SubjectType;
  subjectValue: string;
}

/** The subject as the API takes it, normalised (upper-case X, plate without separators, colon MAC). */
export function toSubject({ subjectType, subjectValue }: SubjectValues): TSubject {
  if (subjectType === 'person') return { type: 'person', idNumber: normalizeIdNumber(subjectValue) };
  if (subjectType === 'vehicle') return { type: 'vehicle', plate: normalizePlate(subjectValue) };
  return { type: 'device', mac: normalizeMacAddress(subjectValue) ?? subjectValue.trim() };
}

/** How the subject is shown back (an identity number masked, as everywhere else). */
export function subjectLabel(subject: TSubject): string {
  if (subject.type === 'person') return maskIdNumber(subject.idNumber);
  return subject.type === 'vehicle' ? subject.plate : subject.mac;
}

function problemOf(type: SubjectType, value: string): boolean {
  if (type === 'person') return checkIdNumber(normalizeIdNumber(value)) !== null;
  if (type === 'vehicle') return checkPlate(normalizePlate(value)) !== null;
  return normalizeMacAddress(value) === null;
}

function valueRule(t: Translate, type: SubjectType): FormRule {
  return {
    validator: async (_, value: unknown) => {
      const text = typeof value === 'string' ? value.trim() : '';
      if (!text) throw new Error(t(`sensing.subject.required.${type}`));
      if (problemOf(type, text)) throw new Error(t(`sensing.subject.invalid.${type}`));
    },
  };
}

export function SubjectFields() {
  const t = useT();
  const form = Form.useFormInstance<SubjectValues>();
  const type = Form.useWatch('subjectType', form) ?? 'person';
  return (
    <Form.Item label={t('sensing.subject')} required>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="subjectType" noStyle>
          <Select<SubjectType>
            style={{ width: 112 }}
            options={SUBJECT_TYPES.map((value) => ({ value, label: t(`sensing.subjectType.${value}`) }))}
            onChange={() => form.setFields([{ name: 'subjectValue', errors: [] }])}
            data-testid="subject-type"
          />
        </Form.Item>
        <Form.Item name="subjectValue" noStyle rules={[valueRule(t, type)]}>
          <Input
            allowClear
            placeholder={t(`sensing.subject.placeholder.${type}`)}
            data-testid="subject-value"
          />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}
