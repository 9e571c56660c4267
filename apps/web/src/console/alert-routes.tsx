// The alert centre's routes (预警中心): the list, one alert and the per-rule statistics, for the roles that
// read alerts, and the thresholds' dry run for admins; each page is its own chunk.
import { lazy } from 'react';
import { Route } from 'react-router';
import { ALERT_STATS_PATH, ALERTS_PATH, RULE_SETTINGS_PATH } from './pages/alerts/types.ts';
import { RequirePermission } from './session/require-permission.tsx';

const AlertListPage = lazy(() =>
  import('./pages/alerts/alert-list-page.tsx').then((m) => ({ default: m.AlertListPage })),
);
const AlertPage = lazy(() => import('./pages/alerts/alert-page.tsx').then((m) => ({ default: m.AlertPage })));
const AlertStatsPage = lazy(() =>
  import('./pages/alerts/alert-stats-page.tsx').then((m) => ({ default: m.AlertStatsPage })),
);

const RuleSettingsPage = lazy(() =>
  import('./pages/alerts/rule-settings-page.tsx').then((m) => ({ default: m.RuleSettingsPage })),
);

const PAGES = [
  [ALERTS_PATH, 'alert.read', AlertListPage],
  [`${ALERTS_PATH}/:id`, 'alert.read', AlertPage],
  [ALERT_STATS_PATH, 'alert.read', AlertStatsPage],
  [RULE_SETTINGS_PATH, 'alert.manage', RuleSettingsPage],
] as const;

/** The alert centre's <Route>s, to be placed inside the console layout's route. */
export function alertRoutes() {
  return PAGES.map(([path, action, Page]) => (
    <Route
      key={path}
      path={path}
      element={
        <RequirePermission action={action}>
          <Page />
        </RequirePermission>
      }
    />
  ));
}
