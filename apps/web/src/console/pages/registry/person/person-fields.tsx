// The editable fields of a person, shared by the edit form and a correction request (where every
// field is optional and lives under `changes`).
import { Form, Input, Select } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';

export const HOUSEHOLD_TYPES = ['registered', 'floating', 'overseas'] as const;

export interface PersonFieldValues {
  name?: string;
  phone?: string;
  householdType?: (typeof HOUSEHOLD_TYPES)[number];
  relation?: string;
  houseCode?: string;
}

export const PERSON_FIELDS: readonly (keyof PersonFieldValues)[] = [
  'name',
  'phone',
  'householdType',
  'relation',
  'houseCode',
];

interface Props {
  /** Form path above the fields (`['changes']` in a rights request). */
  prefix?: string[];
  isNameRequired?: boolean;
}

export function PersonFields({ prefix = [], isNameRequired = false }: Props) {
  const t = useT();
  return (
    <>
      <Form.Item
        name={[...prefix, 'name']}
        label={t('field.persons.name')}
        rules={
          isNameRequired ? [{ required: true, whitespace: true, message: t('person.nameRequired') }] : []
        }
      >
        <Input maxLength={50} data-testid="person-form-name" />
      </Form.Item>
      <Form.Item name={[...prefix, 'phone']} label={t('field.persons.phone')} extra={t('person.phoneKeep')}>
        <Input maxLength={20} inputMode="tel" autoComplete="off" data-testid="person-form-phone" />
      </Form.Item>
      <Form.Item name={[...prefix, 'householdType']} label={t('field.persons.householdType')}>
        <Select
          allowClear={!isNameRequired}
          options={HOUSEHOLD_TYPES.map((type) => ({ value: type, label: t(`enum.householdType.${type}`) }))}
        />
      </Form.Item>
      <Form.Item
        name={[...prefix, 'relation']}
        label={t('field.persons.relation')}
        extra={t('person.relationHint')}
      >
        <Input maxLength={20} />
      </Form.Item>
      <Form.Item
        name={[...prefix, 'houseCode']}
        label={t('field.persons.houseCode')}
        extra={t('person.houseCodeHint')}
      >
        <Input maxLength={40} allowClear />
      </Form.Item>
    </>
  );
}
