import { type GuardedPage, guardedRoutes, lazyPage } from './guarded-routes.tsx';
import { COMMAND_PATH } from './pages/command/command-api.ts';
import { ASSESSMENTS_PATH, ROSTER_PATH } from './pages/field/field-api.ts';

const PAGES: GuardedPage[] = [
  [
    COMMAND_PATH,
    'command.receive',
    lazyPage(
      () => import('./pages/command/command-page.tsx'),
      (m) => m.CommandPage,
    ),
  ],
  [
    ROSTER_PATH,
    'field.read',
    lazyPage(
      () => import('./pages/field/roster-page.tsx'),
      (m) => m.RosterPage,
    ),
  ],
  [
    ASSESSMENTS_PATH,
    'field.read',
    lazyPage(
      () => import('./pages/field/assessment-page.tsx'),
      (m) => m.AssessmentPage,
    ),
  ],
];

/** The flat command and grid worker <Route>s, to be placed inside the console layout's route. */
export function fieldRoutes() {
  return guardedRoutes(PAGES);
}
