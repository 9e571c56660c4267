// Create a user, or edit one (name, role, scope, password reset). Rule violations the server finds
// (password rules, scope level) appear under the field it names, in the server's own words.
import type { TCreateUser, TUpdateUser, TUser } from '@civgrid/contracts';
import { ROLES, type Role, SCOPE_LEVELS } from '@civgrid/domain';
import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { ApiError, api } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';
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
const FIELDS = new Set<string>(['username', 'displayName', 'role', 'scopeCode', 'password']);

export function UserFormDialog({ user, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const editing = user !== undefined;

  const save = async (values: Values) => {
    setSaving(true);
    setFormError(null);
    try {
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
    } catch (error) {
      if (error instanceof ApiError && error.field && FIELDS.has(error.field)) {
        form.setFields([{ name: error.field as keyof Values, errors: [error.message] }]);
      } else {
        setFormError(describeError(error, t));
      }
    } finally {
      setSaving(false);
    }
  };

  const levels = role ? SCOPE_LEVELS[role].map((level) => t(`level.${level}`)).join(' / ') : null;

  return (
    <Modal
      open
      title={t(editing ? 'users.editTitle' : 'users.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      width={560}
    >
      {formError && <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
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
        data-testid="user-form"
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
      </Form>
    </Modal>
  );
}
