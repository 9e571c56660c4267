// Units for the scope picker, as a flat list (TreeSelect's "simple mode" nests them by parentCode).
// Flat, because a unit found by typing its code can be added before its parents are loaded.
import type { TOrgUnit } from '@civgrid/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, query } from '../../../lib/api.ts';

interface UnitList {
  units: TOrgUnit[];
}

export interface UnitOptions {
  units: TOrgUnit[];
  loadedCodes: string[];
  loadChildren: (code: string) => Promise<void>;
  add: (unit: TOrgUnit) => void;
}

export function useUnitOptions(): UnitOptions {
  const [units, setUnits] = useState<TOrgUnit[]>([]);
  const [loadedCodes, setLoadedCodes] = useState<string[]>([]);
  const loading = useRef(new Set<string>());

  const merge = useCallback((incoming: TOrgUnit[]) => {
    setUnits((previous) => {
      const seen = new Set(previous.map((u) => u.code));
      return [...previous, ...incoming.filter((u) => !seen.has(u.code))];
    });
  }, []);

  useEffect(() => {
    api
      .get<UnitList>('/api/v1/org/units')
      .then(({ units: roots }) => merge(roots))
      .catch(() => undefined); // the form still accepts a typed code
  }, [merge]);

  const loadChildren = useCallback(
    async (code: string) => {
      if (loading.current.has(code)) return;
      loading.current.add(code);
      try {
        const { units: children } = await api.get<UnitList>(`/api/v1/org/units${query({ parent: code })}`);
        merge(children);
        setLoadedCodes((previous) => [...previous, code]);
      } catch {
        loading.current.delete(code);
      }
    },
    [merge],
  );

  const add = useCallback((unit: TOrgUnit) => merge([unit]), [merge]);

  return { units, loadedCodes, loadChildren, add };
}
