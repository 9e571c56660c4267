// The watchlist page's route (布控管理), for the roles that may read watchlists; its own chunk.
import { lazy } from 'react';
import { Route } from 'react-router';
import { RequirePermission } from './session/require-permission.tsx';

const WatchlistPage = lazy(() =>
  import('./pages/watchlist/watchlist-page.tsx').then((m) => ({ default: m.WatchlistPage })),
);

/** The watchlist <Route>, to be placed inside the console layout's route. */
export function watchlistRoutes() {
  return (
    <Route
      key="/watchlist"
      path="/watchlist"
      element={
        <RequirePermission action="watchlist.read">
          <WatchlistPage />
        </RequirePermission>
      }
    />
  );
}
