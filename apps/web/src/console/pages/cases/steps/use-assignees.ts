// The people a task on this case can go to, by kind (GET /api/v1/cases/{id}/assignees?kind=): the same
// rule the step checks, so the pickers offer only whom the server will accept.
import type { AssigneeKind } from '@civgrid/domain';
import { useEffect, useState } from 'react';
import { api, query } from '../../../../lib/api.ts';
import { caseApi, type TAssignee } from '../shared/cases.ts';

export interface AssigneeLists {
  lists: Partial<Record<AssigneeKind, TAssignee[]>>;
  error: unknown;
}

export function useAssignees(caseId: string, kinds: readonly AssigneeKind[]): AssigneeLists {
  const [lists, setLists] = useState<AssigneeLists['lists']>({});
  const [error, setError] = useState<unknown>(undefined);
  const key = kinds.join(',');
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for kinds
  useEffect(() => {
    const controller = new AbortController();
    for (const kind of kinds) {
      api
        .get<{ assignees: TAssignee[] }>(`${caseApi(caseId)}/assignees${query({ kind })}`, {
          signal: controller.signal,
        })
        .then(({ assignees }) => setLists((previous) => ({ ...previous, [kind]: assignees })))
        .catch((reason: unknown) => {
          if (!controller.signal.aborted) setError(reason);
        });
    }
    return () => controller.abort();
  }, [caseId, key]);
  return { lists, error };
}
