import { type GuardedPage, guardedRoutes, lazyPage } from './guarded-routes.tsx';
import { HOTLINE_PATH, QUEUE_PATH, STATS_PATH } from './pages/cases/shared/cases.ts';

const PAGES: GuardedPage[] = [
  [
    QUEUE_PATH,
    'case.read',
    lazyPage(
      () => import('./pages/cases/queue/queue-page.tsx'),
      (m) => m.QueuePage,
    ),
  ],
  [
    `${QUEUE_PATH}/:id`,
    'case.read',
    lazyPage(
      () => import('./pages/cases/case/case-page.tsx'),
      (m) => m.CasePage,
    ),
  ],
  [
    HOTLINE_PATH,
    'case.open',
    lazyPage(
      () => import('./pages/cases/intake/hotline-page.tsx'),
      (m) => m.HotlinePage,
    ),
  ],
  [
    STATS_PATH,
    'case.read',
    lazyPage(
      () => import('./pages/cases/stats/stats-page.tsx'),
      (m) => m.StatsPage,
    ),
  ],
];

/** The case <Route>s, to be placed inside the console layout's route. */
export function caseRoutes() {
  return guardedRoutes(PAGES);
}
