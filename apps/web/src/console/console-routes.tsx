// The console's routes. Feature pages load on first visit, so the login page stays light.
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { alertRoutes } from './alert-routes.tsx';
import { caseRoutes } from './case-routes.tsx';
import { fieldRoutes } from './field-routes.tsx';
import { ConsoleLayout } from './layout/console-layout.tsx';
import { LandingRedirect } from './pages/landing-redirect.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { registryRoutes } from './registry-routes.tsx';
import { sensingRoutes } from './sensing-routes.tsx';
import { RequireAuth } from './session/require-auth.tsx';
import { RequirePermission } from './session/require-permission.tsx';
import { watchlistRoutes } from './watchlist-routes.tsx';

const OrgPage = lazy(() => import('./pages/org/org-page.tsx').then((m) => ({ default: m.OrgPage })));
const UsersPage = lazy(() => import('./pages/users/users-page.tsx').then((m) => ({ default: m.UsersPage })));
const AuditPage = lazy(() => import('./pages/audit/audit-page.tsx').then((m) => ({ default: m.AuditPage })));

export function ConsoleRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route element={<RequireAuth />}>
        <Route element={<ConsoleLayout />}>
          <Route index element={<LandingRedirect />} />
          <Route
            path="/org"
            element={
              <RequirePermission action="org.read">
                <OrgPage />
              </RequirePermission>
            }
          />
          {registryRoutes()}
          {sensingRoutes()}
          {watchlistRoutes()}
          {alertRoutes()}
          {caseRoutes()}
          {fieldRoutes()}
          <Route
            path="/users"
            element={
              <RequirePermission action="user.read">
                <UsersPage />
              </RequirePermission>
            }
          />
          <Route
            path="/audit"
            element={
              <RequirePermission action="audit.read">
                <AuditPage />
              </RequirePermission>
            }
          />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Route>
    </Routes>
  );
}
