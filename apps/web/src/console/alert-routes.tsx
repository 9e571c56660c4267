// The alert centre's routes (预警中心): the list, one alert and the per-rule statistics, for the roles that
// read alerts, and the thresholds' dry run for admins; each page is its own chunk.
import { type GuardedPage, guardedRoutes, lazyPage } from './guarded-routes.tsx';
import { ALERT_STATS_PATH, ALERTS_PATH, RULE_SETTINGS_PATH } from './pages/alerts/types.ts';

const AlertListPage = lazyPage(
  () => import('./pages/alerts/alert-list-page.tsx'),
  (m) => m.AlertListPage,
);
const AlertPage = lazyPage(
  () => import('./pages/alerts/alert-page.tsx'),
  (m) => m.AlertPage,
);
const AlertStatsPage = lazyPage(
  () => import('./pages/alerts/alert-stats-page.tsx'),
  (m) => m.AlertStatsPage,
);

const RuleSettingsPage = lazyPage(
  () => import('./pages/alerts/rule-settings-page.tsx'),
  (m) => m.RuleSettingsPage,
);

const PAGES: GuardedPage[] = [
  [ALERTS_PATH, 'alert.read', AlertListPage],
  [`${ALERTS_PATH}/:id`, 'alert.read', AlertPage],
  [ALERT_STATS_PATH, 'alert.read', AlertStatsPage],
  [RULE_SETTINGS_PATH, 'alert.manage', RuleSettingsPage],
];

/** The alert centre's <Route>s, to be placed inside the console layout's route. */
export function alertRoutes() {
  return guardedRoutes(PAGES);
}
