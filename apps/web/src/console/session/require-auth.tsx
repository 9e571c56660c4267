// Route guard: signed-in users pass; others go to the login page, which may bring them back here.
import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageSpin } from '../layout/full-page-spin.tsx';
import { useSession } from './session-provider.tsx';

export interface LoginRedirectState {
  from?: string;
}

export function RequireAuth() {
  const { ready, user } = useSession();
  const location = useLocation();
  if (!ready) return <FullPageSpin />;
  if (!user) {
    const state: LoginRedirectState = { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  return <Outlet />;
}
