// How many cases each work queue holds (with the same status filter as the list): one request per queue
// for a single row, read for its total. Refreshed with the list.
import { useEffect, useState } from 'react';
import { api, query } from '../../../../lib/api.ts';
import { CASES_API, QUEUES, type Queue, type TCaseList } from '../shared/cases.ts';

export type QueueCounts = Partial<Record<Queue, number>>;

export function useQueueCounts(status: string | undefined, refresh: number): QueueCounts {
  const [counts, setCounts] = useState<QueueCounts>({});
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` only triggers a reload
  useEffect(() => {
    const controller = new AbortController();
    for (const queue of QUEUES) {
      api
        .get<TCaseList>(`${CASES_API}${query({ queue, status, pageSize: 1 })}`, {
          signal: controller.signal,
        })
        .then((list) => setCounts((previous) => ({ ...previous, [queue]: list.total })))
        .catch(() => undefined); // the tab shows no number; the list says what went wrong
    }
    return () => controller.abort();
  }, [status, refresh]);
  return counts;
}
