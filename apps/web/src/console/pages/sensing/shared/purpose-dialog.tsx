// Asks why before a dossier's sensing timeline is read; the answer is remembered for the session.
import { Alert, Form } from 'antd';
import { useT } from '../../../../i18n/i18n-provider.tsx';
import { FormDialog } from '../../../components/form-dialog.tsx';
import type { Purpose } from './purpose.ts';
import { PurposeFields } from './purpose-fields.tsx';

interface Props {
  initial: Purpose | null;
  onClose: () => void;
  onStated: (purpose: Purpose) => void;
}

interface Values {
  purpose: Purpose;
}

export function PurposeDialog({ initial, onClose, onStated }: Props) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  return (
    <FormDialog<Values>
      title={t('sensing.purpose.title')}
      okText={t('common.confirm')}
      okButtonProps={{ 'data-testid': 'purpose-ok' }}
      width={480}
      form={form}
      submit={{ isBusy: false, failure: null }}
      onClose={onClose}
      initialValues={initial ? { purpose: initial } : undefined}
      notice={
        <Alert type="info" showIcon title={t('sensing.purpose.audited')} style={{ marginBottom: 16 }} />
      }
      onFinish={({ purpose }) => onStated(purpose)}
      testId="purpose-form"
    >
      <PurposeFields autoFocus />
    </FormDialog>
  );
}
