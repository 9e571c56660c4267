import { type GuardedPage, guardedRoutes, lazyPage } from './guarded-routes.tsx';

const PAGES: GuardedPage[] = [
  [
    '/sensing/devices',
    'device.read',
    lazyPage(
      () => import('./pages/sensing/devices/device-map-page.tsx'),
      (m) => m.DeviceMapPage,
    ),
  ],
  [
    '/sensing/trajectory',
    'insight.query',
    lazyPage(
      () => import('./pages/sensing/trajectory/trajectory-page.tsx'),
      (m) => m.TrajectoryPage,
    ),
  ],
  [
    '/sensing/collision',
    'insight.query',
    lazyPage(
      () => import('./pages/sensing/collision/collision-page.tsx'),
      (m) => m.CollisionPage,
    ),
  ],
  [
    '/sensing/contacts',
    'insight.query',
    lazyPage(
      () => import('./pages/sensing/contacts/contacts-page.tsx'),
      (m) => m.ContactsPage,
    ),
  ],
];

/** The sensing <Route>s, to be placed inside the console layout's route. */
export function sensingRoutes() {
  return guardedRoutes(PAGES);
}
