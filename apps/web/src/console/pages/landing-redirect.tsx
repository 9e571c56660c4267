// `/console/` itself: go to the first page this user may open.
import { Result } from 'antd';
import { Navigate } from 'react-router';
import { useT } from '../../i18n/i18n-provider.tsx';
import { landingPath } from '../nav.ts';
import { useUser } from '../session/session-provider.tsx';

export function LandingRedirect() {
  const user = useUser();
  const t = useT();
  const path = landingPath(user);
  if (path) return <Navigate to={path} replace />;
  return <Result status="info" title={t('page.noMenu')} />;
}
