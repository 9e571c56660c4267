// Disable or enable an account, always after a confirmation: it locks a colleague out at once.
import type { TUser } from '@civgrid/contracts';
import { App, Button, Popconfirm } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n-provider.tsx';
import { api } from '../../../lib/api.ts';
import { describeError } from '../../../lib/describe-error.ts';

interface Props {
  user: TUser;
  onChanged: () => void;
}

export function UserToggleButton({ user, onChanged }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const disabling = !user.disabled;
  const name = user.displayName;

  const onConfirm = async () => {
    setBusy(true);
    try {
      await api.post(`/api/v1/users/${encodeURIComponent(user.id)}/${disabling ? 'disable' : 'enable'}`);
      message.success(t(disabling ? 'users.disabledDone' : 'users.enabledDone', { name }));
      onChanged();
    } catch (error) {
      message.error(describeError(error, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Popconfirm
      title={t(disabling ? 'users.disableConfirm' : 'users.enableConfirm', { name })}
      okText={t('common.confirm')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: disabling }}
      onConfirm={onConfirm}
    >
      <Button
        type="link"
        size="small"
        danger={disabling}
        loading={busy}
        data-testid={`user-${disabling ? 'disable' : 'enable'}-${user.username}`}
      >
        {t(disabling ? 'users.disable' : 'users.enable')}
      </Button>
    </Popconfirm>
  );
}
