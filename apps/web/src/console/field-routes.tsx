// The pages of flat command (扁平指挥) and the grid workers (网格员队伍、考核评价). Each page is its own
// chunk; the track map brings Leaflet and the export the spreadsheet writer only when used.
import type { Action } from '@civgrid/domain';
import { type ComponentType, lazy } from 'react';
import { Route } from 'react-router';
import { COMMAND_PATH } from './pages/command/command-api.ts';
import { ASSESSMENTS_PATH, ROSTER_PATH } from './pages/field/field-api.ts';
import { RequirePermission } from './session/require-permission.tsx';

function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return lazy(() => load().then((module) => ({ default: pick(module) })));
}

const PAGES: [path: string, action: Action, Page: ComponentType][] = [
  [
    COMMAND_PATH,
    'command.receive',
    page(
      () => import('./pages/command/command-page.tsx'),
      (m) => m.CommandPage,
    ),
  ],
  [
    ROSTER_PATH,
    'field.read',
    page(
      () => import('./pages/field/roster-page.tsx'),
      (m) => m.RosterPage,
    ),
  ],
  [
    ASSESSMENTS_PATH,
    'field.read',
    page(
      () => import('./pages/field/assessment-page.tsx'),
      (m) => m.AssessmentPage,
    ),
  ],
];

/** The flat command and grid worker <Route>s, to be placed inside the console layout's route. */
export function fieldRoutes() {
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
