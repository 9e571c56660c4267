// Route guard for one page: the server refuses anyway, but a clear page beats a stream of 403s.
import type { Action } from '@civgrid/domain';
import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useT } from '../../i18n/i18n-provider.tsx';
import { hasPermission } from '../nav.ts';
import { useUser } from './session-provider.tsx';

export function RequirePermission({ action, children }: { action: Action; children: ReactNode }) {
  const user = useUser();
  const t = useT();
  if (!hasPermission(user, action)) {
    return <Result status="403" title={t('page.forbidden')} subTitle={t('page.forbiddenHint')} />;
  }
  return children;
}
