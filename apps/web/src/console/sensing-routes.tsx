// The sensing pages' routes (感知研判): the device map, and the insight queries, which only the roles
// allowed to track people (centres and community police) are offered. Each page is its own chunk; the
// contacts page alone brings ECharts.
import type { Action } from '@civgrid/domain';
import { type ComponentType, lazy } from 'react';
import { Route } from 'react-router';
import { RequirePermission } from './session/require-permission.tsx';

function page<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return lazy(() => load().then((module) => ({ default: pick(module) })));
}

const PAGES: [path: string, action: Action, Page: ComponentType][] = [
  [
    '/sensing/devices',
    'device.read',
    page(
      () => import('./pages/sensing/devices/device-map-page.tsx'),
      (m) => m.DeviceMapPage,
    ),
  ],
  [
    '/sensing/trajectory',
    'insight.query',
    page(
      () => import('./pages/sensing/trajectory/trajectory-page.tsx'),
      (m) => m.TrajectoryPage,
    ),
  ],
  [
    '/sensing/collision',
    'insight.query',
    page(
      () => import('./pages/sensing/collision/collision-page.tsx'),
      (m) => m.CollisionPage,
    ),
  ],
  [
    '/sensing/contacts',
    'insight.query',
    page(
      () => import('./pages/sensing/contacts/contacts-page.tsx'),
      (m) => m.ContactsPage,
    ),
  ],
];

/** The sensing <Route>s, to be placed inside the console layout's route. */
export function sensingRoutes() {
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
