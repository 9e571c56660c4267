// The watchlist page's route (布控管理), for the roles that may read watchlists; its own chunk.
import { guarded, lazyPage } from './guarded-routes.tsx';

const WatchlistPage = lazyPage(
  () => import('./pages/watchlist/watchlist-page.tsx'),
  (m) => m.WatchlistPage,
);

/** The watchlist <Route>, to be placed inside the console layout's route. */
export function watchlistRoutes() {
  return guarded('/watchlist', 'watchlist.read', WatchlistPage);
}
