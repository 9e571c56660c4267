// The case pages' routes (案件办理): the work queues, one case, the hotline intake form for operators and
// the statistics. Each page is its own chunk; only the statistics bring ECharts, and only the queue's
// export brings the spreadsheet writer.
import type { Action } from '@civgrid/domain';
import { type ComponentType, lazy } from 'react';
import { Route } from 'react-router';
import { HOTLINE_PATH, QUEUE_PATH, STATS_PATH } from './pages/cases/shared/cases.ts';
import { RequirePermission } from './session/require-permission.tsx';

function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return lazy(() => load().then((module) => ({ default: pick(module) })));
}

const PAGES: [path: string, action: Action, Page: ComponentType][] = [
  [
    QUEUE_PATH,
    'case.read',
    page(
      () => import('./pages/cases/queue/queue-page.tsx'),
      (m) => m.QueuePage,
    ),
  ],
  [
    `${QUEUE_PATH}/:id`,
    'case.read',
    page(
      () => import('./pages/cases/case/case-page.tsx'),
      (m) => m.CasePage,
    ),
  ],
  [
    HOTLINE_PATH,
    'case.open',
    page(
      () => import('./pages/cases/intake/hotline-page.tsx'),
      (m) => m.HotlinePage,
    ),
  ],
  [
    STATS_PATH,
    'case.read',
    page(
      () => import('./pages/cases/stats/stats-page.tsx'),
      (m) => m.StatsPage,
    ),
  ],
];

/** The case <Route>s, to be placed inside the console layout's route. */
export function caseRoutes() {
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
