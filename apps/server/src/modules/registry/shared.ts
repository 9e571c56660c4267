// Pieces every register's queries and presenters share.
import type { TPageQuery } from '@civgrid/contracts';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findInScope, pathWithin } from '../../platform/scope.ts';

/** The grid code at the end of an org path (records live in grids). */
export const gridCodeOf = (table: string) =>
  sql<string>`subpath(${sql.ref(`${table}.org_path`)}, -1)::text`.as('grid_code');

/** Escapes LIKE wildcards in user input. */
export const likePrefix = (value: string) => `${value.replace(/[%_\\]/g, '\\$&')}%`;
export const likeAnywhere = (value: string) => `%${value.replace(/[%_\\]/g, '\\$&')}%`;

export function paging(query: TPageQuery) {
  return { limit: query.pageSize, offset: (query.page - 1) * query.pageSize };
}

/** The org path of a unit the actor may see, for `under=` filters; 404 when it may not. */
export async function underPath(
  ctx: Context,
  actor: Actor,
  code: string | undefined,
): Promise<string | undefined> {
  if (!code) return undefined;
  const unit = await findInScope(
    ctx.db,
    actor,
    { table: 'org_unit', column: 'code', value: code },
    async () => {
      const { rows } = await sql<{ org_path: string }>`select org_path::text from org_unit
      where code = ${code} and ${pathWithin('org_path', actor.scopePath)}`.execute(ctx.db);
      return rows[0];
    },
    ctx.now(),
  );
  if (!unit) throw new AppError('NOT_FOUND');
  return unit.org_path;
}

export interface Ref {
  id: string;
  code: string;
  label: string;
}

export const iso = (d: Date) => d.toISOString();
