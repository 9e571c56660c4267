// Create a user, or edit one (name, role, scope, password reset). Rule violations the server finds
// (password rules, scope level) appear under the field it names, in the server's own words.
import type { TCreateUser, TUpdateUser, TUser } from '@civgrid/contracts';
import { ROLES, type Role, SCOPE_LEVELS } from '@civgrid/domain';
import { App, Form, Input, Select } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api } from '../../../lib/api.ts';
import { FormDialog } from '../../components/form-dialog.tsx';
import { fieldsNamed, useFormSubmit } from '../../components/use-form-submit.ts';
import { ScopePicker } from './scope-picker.tsx';

interface Props {
  /** The user to edit; undefined to create one. */
  user: TUser | undefined;
  onClose: () => void;
  onSaved: () => void;
}

interface Values {
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string;
  password?: string;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const placeField = fieldsNamed(['username', 'displayName', 'role', 'scopeCode', 'password']);

export function UserFormDialog({ user, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const submit = useFormSubmit(form, placeField);
  const editing = user !== undefined;

  const save = (values: Values) =>
    submit.run(async () => {
      if (editing) {
        const patch: TUpdateUser = {
          displayName: values.displayName,
          role: values.role,
          scopeCode: values.scopeCode,
        };
        if (values.password) patch.password = values.password;
        await api.patch(`/api/v1/users/${encodeURIComponent(user.id)}`, patch);
        message.success(t('users.updatedDone', { name: values.displayName }));
      } else {
        const body: TCreateUser = { ...values, password: values.password ?? '' };
        await api.post('/api/v1/users', body);
        message.success(t('users.createdDone', { name: values.displayName }));
      }
      onSaved();
    });

  const levels = role ? SCOPE_LEVELS[role].map((level) => t(`level.${level}`)).join(' / ') : null;

  return (
    <FormDialog
      title={t(editing ? 'users.editTitle' : 'users.createTitle')}
      width={560}
      form={form}
      submit={submit}
      onClose={onClose}
      onFinish={save}
      initialValues={
        user
          ? {
              username: user.username,
              displayName: user.displayName,
              role: user.role,
              scopeCode: user.scope.code,
            }
          : undefined
      }
      testId="user-form"
    >
      <Form.Item
        name="username"
        label={t('users.username')}
        rules={[
          { required: true, message: t('users.usernameRequired') },
          { pattern: USERNAME, message: t('users.usernamePattern') },
        ]}
      >
        <Input disabled={editing} autoComplete="off" data-testid="user-form-username" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t('users.displayName')}
        rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
      >
        <Input maxLength={50} data-testid="user-form-display-name" />
      </Form.Item>
      <Form.Item
        name="role"
        label={t('users.role')}
        rules={[{ required: true, message: t('users.roleRequired') }]}
      >
        <Select
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          data-testid="user-form-role"
        />
      </Form.Item>
      <Form.Item
        name="scopeCode"
        label={t('users.scope')}
        extra={levels ? t('users.scopeLevels', { levels }) : undefined}
        rules={[{ required: true, message: t('users.scopeRequired') }]}
      >
        <ScopePicker role={role} />
      </Form.Item>
      <Form.Item
        name="password"
        label={t(editing ? 'users.newPassword' : 'users.password')}
        extra={editing ? t('users.passwordKeep') : t('users.passwordHint')}
        rules={editing ? [] : [{ required: true, message: t('users.passwordRequired') }]}
      >
        <Input.Password autoComplete="new-password" data-testid="user-form-password" />
      </Form.Item>
    </FormDialog>
  );
}
