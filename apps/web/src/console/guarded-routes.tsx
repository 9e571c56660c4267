// The console's feature routes: each page its own lazily loaded chunk, each behind the permission it needs.
import type { Action } from '@civgrid/domain';
import { type ComponentType, lazy } from 'react';
import { Route } from 'react-router';
import { RequirePermission } from './session/require-permission.tsx';

/** A page component loaded on first use from the module `load` brings. */
export function lazyPage<M>(load: () => Promise<M>, pick: (module: M) => ComponentType) {
  return lazy(() => load().then((module) => ({ default: pick(module) })));
}

/** A <Route> at `path` showing `Page` to users who may take `action`. */
export function guarded(path: string, action: Action, Page: ComponentType) {
  return (
    <Route
      key={path}
      path={path}
      element={
        <RequirePermission action={action}>
          <Page />
        </RequirePermission>
      }
    />
  );
}

export type GuardedPage = readonly [path: string, action: Action, Page: ComponentType];

/** The <Route>s of a list of pages, to be placed inside the console layout's route. */
export function guardedRoutes(pages: readonly GuardedPage[]) {
  return pages.map(([path, action, Page]) => guarded(path, action, Page));
}
