// The six registers (一人一档、一房一档、一车一档、一机一档, plus buildings and organisations): where each
// lives in the console and on the server. Plain data, so no page pulls zod in just to list kinds.
import type { TImportKind } from '@civgrid/contracts';

export type RegisterKind = TImportKind;

export const REGISTER_KINDS: readonly RegisterKind[] = [
  'persons',
  'houses',
  'buildings',
  'vehicles',
  'devices',
  'organisations',
];

/** One page of a register's list, as every list endpoint answers. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function listPath(kind: RegisterKind): string {
  return `/registry/${kind}`;
}

export function dossierPath(kind: RegisterKind, id: string): string {
  return `/registry/${kind}/${encodeURIComponent(id)}`;
}

export function registerApi(kind: RegisterKind): string {
  return `/api/v1/registry/${kind}`;
}

/** The label sheet of a grid; `highlight` marks one building, `only` prints just that one. */
export function labelsPath(grid: string, options: { highlight?: string; only?: string } = {}): string {
  const search = new URLSearchParams({ grid });
  if (options.highlight) search.set('highlight', options.highlight);
  if (options.only) search.set('only', options.only);
  return `/registry/labels?${search.toString()}`;
}
