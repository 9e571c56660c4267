// The user's grid, read once per session (and on "refresh") and kept on the device: every screen about
// buildings, houses and residents reads it from here, so they open offline and without a request each.
import { useEffect, useSyncExternalStore } from 'react';
import { ApiError } from '../lib/api.ts';
import { type GridDocument, loadGrid } from './field-api.ts';
import { readCached, writeCached } from './offline/cache.ts';

export interface GridSnapshot {
  doc: GridDocument | null;
  /** When `doc` was read from the server (ms). */
  at: number | null;
  isStale: boolean;
  loading: boolean;
  error: unknown;
}

const CACHE_NAME = 'my-grid';

class GridStore {
  private snapshot: GridSnapshot = { doc: null, at: null, isStale: false, loading: false, error: undefined };
  private readonly listeners = new Set<() => void>();
  private userId: string | null = null;
  private scope: { code: string; name: string } | null = null;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  /** Loads the user's grid once (the device's copy first, then the server's). */
  ensure(userId: string, scope: { code: string; name: string }): void {
    if (this.userId === userId) return;
    this.userId = userId;
    this.scope = scope;
    this.set({ doc: null, at: null, isStale: false, loading: true, error: undefined });
    void readCached<GridDocument>(CACHE_NAME).then((stored) => {
      if (stored && this.userId === userId && this.snapshot.doc === null)
        this.set({ doc: stored.data, at: stored.at });
    });
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const userId = this.userId;
    const scope = this.scope;
    if (!userId || !scope) return;
    this.set({ loading: true, error: undefined });
    try {
      const doc = await loadGrid(scope);
      if (this.userId !== userId) return;
      this.set({ doc, at: Date.now(), isStale: false, loading: false });
      await writeCached(CACHE_NAME, doc);
    } catch (error) {
      if (this.userId !== userId) return;
      const isUnreachable = !(error instanceof ApiError) || error.isNetwork || error.status >= 500;
      this.set({
        loading: false,
        isStale: this.snapshot.doc !== null,
        error: isUnreachable && this.snapshot.doc ? undefined : error,
      });
    }
  }

  private set(patch: Partial<GridSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

export const gridStore = new GridStore();

/** The signed-in user's grid document (loading it on first use). */
export function useGrid(user: { id: string; scope: { code: string; name: string } }): GridSnapshot {
  useEffect(() => gridStore.ensure(user.id, user.scope), [user.id, user.scope]);
  return useSyncExternalStore(gridStore.subscribe, gridStore.getSnapshot);
}
