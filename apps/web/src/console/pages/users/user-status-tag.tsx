import type { TUser } from '@civgrid/contracts';
import { Tag } from 'antd';
import { useT } from '../../../i18n/i18n-provider.tsx';

/** Disabled (by an administrator) outranks locked (by failed logins): it is the one to act on. */
export function UserStatusTag({ user }: { user: TUser }) {
  const t = useT();
  if (user.disabled) return <Tag color="red">{t('users.status.disabled')}</Tag>;
  if (user.locked) return <Tag color="orange">{t('users.status.locked')}</Tag>;
  return <Tag color="green">{t('users.status.active')}</Tag>;
}
