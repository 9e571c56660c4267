// Documents read while online, kept in IndexedDB per user, so the app shows the last known grid, tasks and
// pages when the network is gone. A screen shows the stored copy at once and replaces it when the network
// answers; offline, the copy stays, marked with the time it was read.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../lib/api.ts';
import { idb } from './idb.ts';

interface CacheEntry<T> {
  key: string;
  at: number;
  data: T;
}

let cacheUser: string | null = null;

/** Whose copies are read and written (each user sees only what was read under their own login). */
export function setCacheUser(userId: string | null): void {
  cacheUser = userId;
}

const keyOf = (name: string) => `${cacheUser ?? '-'}:${name}`;

export async function readCached<T>(name: string): Promise<{ data: T; at: number } | undefined> {
  const entry = await idb.get<CacheEntry<T>>('cache', keyOf(name)).catch(() => undefined);
  return entry ? { data: entry.data, at: entry.at } : undefined;
}

export async function writeCached<T>(name: string, data: T): Promise<void> {
  const entry: CacheEntry<T> = { key: keyOf(name), at: Date.now(), data };
  await idb.put('cache', entry).catch(() => undefined);
}

/** What a screen needs offline without having been opened online: read ahead after login and on `online`. */
const AHEAD = ['/api/v1/cases/categories', '/api/v1/field/checkins/mine', '/api/v1/field/assessments/mine'];

/** Reads the documents screens need offline into the device's copy (failures are left for next time). */
export async function readAhead(): Promise<void> {
  await Promise.all(
    AHEAD.map((path) =>
      api.get<unknown>(path).then(
        (data) => writeCached(path, data),
        () => undefined,
      ),
    ),
  );
}

export interface CachedState<T> {
  data: T | undefined;
  /** When `data` was read from the server (ms); null before anything arrived. */
  at: number | null;
  /** True while `data` is the stored copy because the network did not answer. */
  isStale: boolean;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Reads `name` through `load` (a GET of `name` by default), falling back to the stored copy. */
export function useCached<T>(
  name: string | null,
  load?: (signal: AbortSignal) => Promise<T>,
): CachedState<T> {
  const [state, setState] = useState<Omit<CachedState<T>, 'reload'>>({
    data: undefined,
    at: null,
    isStale: false,
    error: undefined,
    loading: name !== null,
  });
  const [version, setVersion] = useState(0);
  const loader = useRef(load);
  loader.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` only triggers reload()
  useEffect(() => {
    if (name === null) return;
    const controller = new AbortController();
    let live = true;
    setState((s) => ({ ...s, loading: true, error: undefined }));
    void readCached<T>(name).then((stored) => {
      if (live && stored)
        setState((s) => (s.data === undefined || s.isStale ? { ...s, data: stored.data, at: stored.at } : s));
    });
    const fetcher = loader.current ?? ((signal: AbortSignal) => api.get<T>(name, { signal }));
    fetcher(controller.signal)
      .then(async (data) => {
        if (!live) return;
        setState({ data, at: Date.now(), isStale: false, error: undefined, loading: false });
        await writeCached(name, data);
      })
      .catch(async (error: unknown) => {
        if (!live) return;
        const stored = await readCached<T>(name);
        // Offline (or a server that does not answer): the stored copy is the answer, marked as old.
        const isUnreachable = error instanceof ApiError ? error.isNetwork || error.status >= 500 : true;
        if (stored && isUnreachable)
          setState({ data: stored.data, at: stored.at, isStale: true, error: undefined, loading: false });
        else setState({ data: undefined, at: null, isStale: false, error, loading: false });
      });
    return () => {
      live = false;
      controller.abort();
    };
  }, [name, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}
