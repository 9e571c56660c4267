// The case category tree (GET /api/v1/cases/categories): names by code, the path of names of a code, and
// the active categories as cascader options nested by their dotted codes.
import type { TCaseCategoryTree } from '@civgrid/contracts';
import { parentCategoryCode } from '@civgrid/domain';
import { useMemo } from 'react';
import { useApiGet } from '../../../../lib/use-api-get.ts';
import { CASES_API } from './cases.ts';
import { useMessage } from './use-message.ts';

export interface CategoryOption {
  value: string;
  label: string;
  children?: CategoryOption[];
}

export interface CaseCategories {
  loading: boolean;
  error: unknown;
  /** The category's name, or its code when the tree does not know it. */
  nameOf: (code: string) => string;
  /** `environment.refuse` → ['environment', 'environment.refuse'] (codes, top first). */
  pathOf: (code: string) => string[];
  options: CategoryOption[];
}

export function useCaseCategories(): CaseCategories {
  const message = useMessage();
  const { data, error, loading } = useApiGet<TCaseCategoryTree>(`${CASES_API}/categories`);
  return useMemo(() => {
    const all = data?.categories ?? [];
    const names = new Map(all.map((c) => [c.code, message(c.name)]));
    const nodes = new Map<string, CategoryOption>();
    const roots: CategoryOption[] = [];
    for (const category of all) {
      if (!category.isActive) continue;
      nodes.set(category.code, { value: category.code, label: message(category.name) });
    }
    for (const [code, node] of nodes) {
      const parent = parentCategoryCode(code);
      const holder = parent === null ? undefined : nodes.get(parent);
      if (holder) holder.children = [...(holder.children ?? []), node];
      else if (parent === null) roots.push(node);
    }
    const pathOf = (code: string) => {
      const path: string[] = [];
      for (let at: string | null = code; at !== null; at = parentCategoryCode(at)) path.unshift(at);
      return path;
    };
    return { loading, error, nameOf: (code) => names.get(code) ?? code, pathOf, options: roots };
  }, [data, error, loading, message]);
}
