// The one place jurisdiction is enforced. Every table whose rows belong somewhere has `org_path`;
// repositories start their queries from `scopedFrom`, which keeps only rows inside the actor's subtree.
// An out-of-scope row is indistinguishable from a missing one: `findInScope` answers null for both,
// and records the attempt as a denial when the row exists.
import { type Expression, type SelectQueryBuilder, type SqlBool, sql } from 'kysely';
import type { Actor } from './actor.ts';
import { auditAlone } from './audit.ts';
import type { Db, Queryable } from './db.ts';
import type { DB } from './db-types.ts';

export type ScopedTable =
  | 'org_unit'
  | 'building'
  | 'house'
  | 'person'
  | 'person_tag'
  | 'vehicle'
  | 'device'
  | 'organisation'
  | 'data_subject_request'
  | 'app_user'
  | 'audit_log'
  | 'api_key'
  | 'case_file'
  | 'alert';

/** `column` lies in the subtree at `path` (ltree `<@`), written so a btree index on `org_path::text`
 *  answers it: GiST on ltree made every insert into a million-row table twice as slow, while a btree
 *  serves the same prefix question. Every subtree filter in the code goes through here. */
export function pathWithin(column: string, path: string): Expression<SqlBool> {
  // `_` is a LIKE wildcard and legal in ltree labels, so it is escaped; `%` cannot occur in a label.
  const descendants = `${path.replace(/[\\_%]/g, '\\$&')}.%`;
  return sql<SqlBool>`(${sql.ref(column)}::text = ${path} or ${sql.ref(column)}::text like ${descendants})`;
}

/** `<table>.org_path` inside the actor's scope, for joins that need the condition on another table. */
export function inScope(actor: Actor, table: ScopedTable): Expression<SqlBool> {
  return pathWithin(`${table}.org_path`, actor.scopePath);
}

/** What Kysely's query builder has selected before any `select` call. */
type NoSelection = Record<never, never>;

/** `select … from <table>` limited to the actor's jurisdiction. */
export function scopedFrom<T extends ScopedTable>(
  db: Queryable,
  actor: Actor,
  table: T,
): SelectQueryBuilder<DB, T, NoSelection> {
  // Kysely cannot follow a generic table name through selectFrom; the cast restores the precise type.
  const query = db.selectFrom(table as ScopedTable) as unknown as SelectQueryBuilder<DB, T, NoSelection>;
  return query.where(inScope(actor, table));
}

/** Runs a scoped lookup; when it finds nothing but the row exists outside the scope, audits the denial.
 *  The caller answers 404 either way, so a probe learns nothing. */
export async function findInScope<R>(
  db: Db,
  actor: Actor,
  target: { table: ScopedTable; column: 'id' | 'code' | 'seq'; value: string },
  lookup: () => Promise<R | undefined>,
  now: Date,
): Promise<R | undefined> {
  const found = await lookup();
  if (found !== undefined) return found;
  const outside = await sql<{ org_path: string }>`select org_path::text from ${sql.table(target.table)}
    where ${sql.ref(target.column)} = ${target.value} limit 1`.execute(db);
  if (outside.rows.length > 0) {
    await auditAlone(
      db,
      actor,
      {
        action: 'access.out-of-scope',
        outcome: 'denied',
        targetType: target.table,
        targetId: target.value,
        orgPath: outside.rows[0]!.org_path,
      },
      now,
    );
  }
  return undefined;
}
