// The hierarchy as far as it has been opened: the scope root(s), then children fetched on demand.
import type { TOrgUnit } from '@civgrid/contracts';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, query } from '../../../lib/api.ts';

interface UnitList {
  units: TOrgUnit[];
}

export interface OrgTreeState {
  roots: TOrgUnit[] | undefined;
  rootError: unknown;
  childrenOf: Record<string, TOrgUnit[]>;
  expandedKeys: string[];
  setExpandedKeys: (keys: string[]) => void;
  loadChildren: (code: string) => Promise<void>;
  /** Opens the tree down through `codes` (top first), skipping those outside the user's scope. */
  reveal: (codes: string[]) => Promise<void>;
  /** True for units the tree has seen, i.e. inside the user's scope. */
  isKnown: (code: string) => boolean;
}

export function useOrgTree(): OrgTreeState {
  const [roots, setRoots] = useState<TOrgUnit[]>();
  const [rootError, setRootError] = useState<unknown>();
  const [childrenOf, setChildrenOf] = useState<Record<string, TOrgUnit[]>>({});
  const [expandedKeys, setExpandedKeys] = useState<string[]>([]);
  // Refs, not state: reveal() walks down several levels within one call and needs answers at once.
  const known = useRef(new Set<string>());
  const pending = useRef(new Map<string, Promise<void>>());

  const remember = useCallback((units: TOrgUnit[]) => {
    for (const unit of units) known.current.add(unit.code);
  }, []);

  const loadChildren = useCallback(
    (code: string) => {
      const inFlight = pending.current.get(code);
      if (inFlight) return inFlight;
      const loading = api
        .get<UnitList>(`/api/v1/org/units${query({ parent: code })}`)
        .then(({ units }) => {
          remember(units);
          setChildrenOf((previous) => ({ ...previous, [code]: units }));
        })
        .catch((error: unknown) => {
          pending.current.delete(code); // let a later expand try again
          throw error;
        });
      pending.current.set(code, loading);
      return loading;
    },
    [remember],
  );

  useEffect(() => {
    api
      .get<UnitList>('/api/v1/org/units')
      .then(({ units }) => {
        remember(units);
        setRoots(units);
        // Open the first level so the page does not start as a single closed node.
        const openable = units.filter((u) => u.childCount > 0);
        return Promise.all(openable.map((u) => loadChildren(u.code))).then(() =>
          setExpandedKeys(openable.map((u) => u.code)),
        );
      })
      .catch(setRootError);
  }, [remember, loadChildren]);

  const reveal = useCallback(
    async (codes: string[]) => {
      const opened: string[] = [];
      for (const code of codes) {
        if (!known.current.has(code)) continue;
        await loadChildren(code);
        opened.push(code);
      }
      setExpandedKeys((previous) => [...new Set([...previous, ...opened])]);
    },
    [loadChildren],
  );

  const isKnown = useCallback((code: string) => known.current.has(code), []);

  return { roots, rootError, childrenOf, expandedKeys, setExpandedKeys, loadChildren, reveal, isKnown };
}
