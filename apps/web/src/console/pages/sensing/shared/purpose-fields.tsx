// The purpose's two fields, for any form that runs an insight query: why (required) and, when there is
// one, the case it serves. Named `purpose.reason` and `purpose.caseId`, as the API names them.
import { Form, Input } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { PURPOSE_MIN_LENGTH } from './purpose.ts';

export function PurposeFields({ autoFocus = false }: { autoFocus?: boolean }) {
  const t = useT();
  return (
    <>
      <Form.Item
        name={['purpose', 'reason']}
        label={t('sensing.purpose.reason')}
        extra={t('sensing.purpose.hint')}
        rules={[
          {
            required: true,
            whitespace: true,
            min: PURPOSE_MIN_LENGTH,
            message: t('sensing.purpose.required', { min: PURPOSE_MIN_LENGTH }),
          },
        ]}
      >
        <Input.TextArea
          rows={2}
          maxLength={200}
          autoFocus={autoFocus}
          placeholder={t('sensing.purpose.placeholder')}
          data-testid="purpose-reason"
        />
      </Form.Item>
      <Form.Item name={['purpose', 'caseId']} label={t('sensing.purpose.caseId')}>
        <Input maxLength={40} data-testid="purpose-case" />
      </Form.Item>
    </>
  );
}

/** Where a server error about the purpose shows on a form with these fields. */
export function purposeField(field: string): string[] | undefined {
  if (field === 'purpose' || field === 'purpose.reason' || field === 'reason') return ['purpose', 'reason'];
  if (field === 'purpose.caseId') return ['purpose', 'caseId'];
  return undefined;
}
