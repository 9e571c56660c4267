// Every sensing device of the jurisdiction (or under one unit) with its state, for a map: the status
// list is paged (200 at most a page), so the pages after the first are fetched side by side.
import type { TDeviceStatus } from '@civgrid/contracts';
import { useCallback, useEffect, useState } from 'react';
import { api, query } from '../../../../lib/api.ts';

interface StatusPage {
  items: TDeviceStatus[];
  total: number;
  online: number;
  offline: number;
}

const PAGE_SIZE = 200;
/** Enough for a whole city (157 smart communities hold under 5,000 devices). */
const MAX_PAGES = 50;

export interface AllDevices {
  devices: TDeviceStatus[];
  online: number;
  offline: number;
  /** More devices exist than a map holds (MAX_PAGES pages); the map shows the first ones. */
  isCapped: boolean;
  /** False until the first answer: the counts are not zero, they are unknown. */
  hasLoaded: boolean;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

export function useAllDevices(filter: {
  under?: string | undefined;
  online?: boolean | undefined;
}): AllDevices {
  const [state, setState] = useState<Omit<AllDevices, 'reload' | 'loading' | 'error'>>({
    devices: [],
    online: 0,
    offline: 0,
    isCapped: false,
    hasLoaded: false,
  });
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(undefined);
  const [version, setVersion] = useState(0);
  const { under } = filter;
  const online = filter.online === undefined ? undefined : String(filter.online);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` only triggers reload()
  useEffect(() => {
    const controller = new AbortController();
    const fetchPage = (page: number) =>
      api.get<StatusPage>(`/api/v1/devices/status${query({ under, online, page, pageSize: PAGE_SIZE })}`, {
        signal: controller.signal,
      });
    setLoading(true);
    (async () => {
      const first = await fetchPage(1);
      const pages = Math.min(Math.ceil(first.total / PAGE_SIZE), MAX_PAGES);
      const rest = await Promise.all(Array.from({ length: pages - 1 }, (_, i) => fetchPage(i + 2)));
      return {
        devices: [first, ...rest].flatMap((page) => page.items),
        online: first.online,
        offline: first.offline,
        isCapped: first.total > pages * PAGE_SIZE,
        hasLoaded: true,
      };
    })()
      .then((next) => {
        setState(next);
        setError(undefined);
        setLoading(false);
      })
      .catch((reason: unknown) => {
        if (controller.signal.aborted) return;
        setError(reason);
        setLoading(false);
      });
    return () => controller.abort();
  }, [under, online, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, loading, error, reload };
}
