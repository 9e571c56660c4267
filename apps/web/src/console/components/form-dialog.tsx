// The modal every form dialog of the console uses: OK submits its (vertical) form, a click beside it
// does not close it (a half-filled form would be lost), and the submit's failure shows above the form.
import { Alert, type ButtonProps, Form, type FormInstance, type FormProps, Modal } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n-provider.tsx';
import type { FormSubmit } from './use-form-submit.ts';

interface Props<V> {
  title: ReactNode;
  /** The OK button's text; "save" unless the action is something else. */
  okText?: ReactNode;
  okButtonProps?: ButtonProps & { 'data-testid'?: string };
  width?: number;
  form: FormInstance<V>;
  submit: Pick<FormSubmit, 'isBusy' | 'failure'>;
  onFinish: (values: V) => unknown;
  onClose: () => void;
  initialValues?: FormProps<V>['initialValues'];
  testId?: string;
  /** Shown above the failure and outside the form (a warning that holds whatever happens). */
  notice?: ReactNode;
  /** The form's items. */
  children: ReactNode;
}

export function FormDialog<V>(props: Props<V>) {
  const { form, submit, onFinish, onClose, initialValues, testId, notice, children, okText, ...modal } =
    props;
  const t = useT();
  return (
    <Modal
      {...modal}
      open
      okText={okText ?? t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={submit.isBusy}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
    >
      {notice}
      {submit.failure && <Alert type="error" showIcon title={submit.failure} style={{ marginBottom: 16 }} />}
      <Form<V>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        initialValues={initialValues}
        data-testid={testId}
      >
        {children}
      </Form>
    </Modal>
  );
}
