// The audit log as auditors read it: scoped like everything else, and reading it is itself audited.
import type { TAuditEntry } from '@civgrid/contracts';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit, auditAlone, chainCommitted, verifyAuditChain } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import type { AuditLogTable } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { findInScope, scopedFrom } from '../../platform/scope.ts';

type AuditRow = Omit<Selectable<AuditLogTable>, 'prev_hash' | 'hash' | 'actor_id'>;

function present(row: AuditRow): TAuditEntry {
  return {
    seq: Number(row.seq),
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action,
    outcome: row.outcome,
    targetType: row.target_type,
    targetId: row.target_id,
    orgPath: row.org_path,
    ip: row.ip,
    details: row.details,
  };
}

const columns = [
  'seq',
  'at',
  'actor',
  'action',
  'outcome',
  'target_type',
  'target_id',
  sql<string | null>`org_path::text`.as('org_path'),
  'ip',
  'details',
] as const;

interface AuditQuery {
  page: number;
  pageSize: number;
  actor?: string;
  action?: string;
  outcome?: 'ok' | 'denied' | 'failed';
  from?: string;
  to?: string;
}

function filtered(db: Queryable, actor: Actor, q: AuditQuery) {
  let query = scopedFrom(db, actor, 'audit_log');
  if (q.actor) query = query.where('actor', '=', q.actor);
  if (q.action) query = query.where('action', 'like', `${q.action.replace(/[%_\\]/g, '\\$&')}%`);
  if (q.outcome) query = query.where('outcome', '=', q.outcome);
  if (q.from) query = query.where('at', '>=', new Date(q.from));
  if (q.to) query = query.where('at', '<', new Date(q.to));
  return query;
}

export async function listAudit(ctx: Context, actor: Actor, q: AuditQuery) {
  const now = ctx.now();
  // Rows background work committed in the last half second join the chain before the list is read.
  await chainCommitted(ctx.db);
  return ctx.db.transaction().execute(async (tx) => {
    const [rows, { total }] = await Promise.all([
      filtered(tx, actor, q)
        .select(columns)
        .orderBy('seq', 'desc')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      filtered(tx, actor, q).select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
    ]);
    await appendAudit(tx, actor, { action: 'audit.list', details: { ...q, returned: rows.length } }, now);
    return { items: rows.map(present), total, page: q.page, pageSize: q.pageSize };
  });
}

export async function getAuditEntry(ctx: Context, actor: Actor, seq: string): Promise<TAuditEntry> {
  const row = await findInScope(
    ctx.db,
    actor,
    { table: 'audit_log', column: 'seq', value: seq },
    () => scopedFrom(ctx.db, actor, 'audit_log').select(columns).where('seq', '=', seq).executeTakeFirst(),
    ctx.now(),
  );
  if (!row) throw new AppError('NOT_FOUND');
  await auditAlone(
    ctx.db,
    actor,
    { action: 'audit.read', targetType: 'audit_log', targetId: seq },
    ctx.now(),
  );
  return present(row);
}

export async function verifyChain(ctx: Context, actor: Actor) {
  await chainCommitted(ctx.db);
  const verdict = await verifyAuditChain(ctx.db);
  await auditAlone(
    ctx.db,
    actor,
    { action: 'audit.verify', outcome: verdict.ok ? 'ok' : 'failed', details: { ...verdict } },
    ctx.now(),
  );
  return verdict;
}
