// The audit chain. Each row's hash is sha256(prev_hash ‖ canonical row); `audit_head` holds the last
// seq and hash, and its row lock makes appenders take turns, so seq has no gaps and the chain no forks.
// Rows are appended in the caller's transaction: the work and its audit row commit or vanish together.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Actor } from './actor.ts';
import type { Db, Queryable } from './db.ts';

export interface AuditEntry {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  targetType?: string | null;
  targetId?: string | null;
  /** Where it happened; scopes who may read the row. Defaults to the actor's scope. */
  orgPath?: string | null;
  details?: Record<string, unknown>;
}

interface ChainedRow {
  seq: string;
  at: Date;
  actor_id: string | null;
  actor: string;
  action: string;
  outcome: 'ok' | 'denied' | 'failed';
  target_type: string | null;
  target_id: string | null;
  org_path: string | null;
  ip: string | null;
  details: Record<string, unknown>;
  prev_hash: string;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function rowHash(row: ChainedRow): string {
  const canonical = canonicalJson({
    seq: String(row.seq),
    at: row.at.toISOString(),
    actorId: row.actor_id,
    actor: row.actor,
    action: row.action,
    outcome: row.outcome,
    targetType: row.target_type,
    targetId: row.target_id,
    orgPath: row.org_path,
    ip: row.ip,
    details: row.details,
  });
  return createHash('sha256').update(row.prev_hash).update(canonical).digest('hex');
}

/** Appends one audit row inside `tx` (which must be a transaction for the lock to mean anything). */
export function appendAudit(tx: Queryable, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  return appendAuditRows(tx, [{ actor, entry, at }]);
}

interface PendingAudit {
  actor: Actor;
  entry: AuditEntry;
  at: Date;
}

/** Appends rows in order under one turn of the head's lock: one lock, one insert, one head update. */
async function appendAuditRows(tx: Queryable, items: readonly PendingAudit[]): Promise<void> {
  const head = await sql<{ seq: string; hash: string }>`select seq, hash from audit_head for update`.execute(
    tx,
  );
  let { seq, hash } = head.rows[0]!;
  const rows = items.map(({ actor, entry, at }) => {
    const row: ChainedRow = {
      seq: String(BigInt(seq) + 1n),
      at,
      actor_id: actor.kind === 'user' ? actor.id : null,
      actor: actor.kind === 'apikey' ? `apikey:${actor.name}` : actor.name,
      action: entry.action,
      outcome: entry.outcome ?? 'ok',
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      org_path: entry.orgPath === undefined ? actor.scopePath || null : entry.orgPath,
      ip: actor.ip,
      // A round trip through jsonb must not change what was hashed, so hash what jsonb will give back.
      details: JSON.parse(JSON.stringify(entry.details ?? {})),
      prev_hash: hash,
    };
    seq = row.seq;
    hash = rowHash(row);
    return { ...row, details: JSON.stringify(row.details), hash };
  });
  await tx.insertInto('audit_log').values(rows).execute();
  await tx.updateTable('audit_head').set({ seq, hash }).execute();
}

interface AuditBatch {
  items: PendingAudit[];
  done: Promise<void>;
}

/** Per database: the batch still taking rows, and the commit the next batch waits for. */
const groups = new WeakMap<Db, { open: AuditBatch | null; flushing: Promise<void> }>();
/** Rows per group commit: well under the bind-parameter limit of one multi-row insert. */
const MAX_GROUP = 1000;

/** Appends an audit row in a transaction of its own, for events with no other work (a read of personal
 *  data, a denial, a failed login). Rows that arrive while the previous group is committing share the
 *  next transaction — a group commit: the head's lock and the commit's flush are taken once for all of
 *  them, so many readers do not queue one by one behind the lock. Resolves once the row is committed. */
export function auditAlone(db: Db, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  let group = groups.get(db);
  if (!group) {
    group = { open: null, flushing: Promise.resolve() };
    groups.set(db, group);
  }
  if (group.open && group.open.items.length < MAX_GROUP) {
    group.open.items.push({ actor, entry, at });
    return group.open.done;
  }
  const batch: AuditBatch = { items: [{ actor, entry, at }], done: Promise.resolve() };
  const state = group;
  batch.done = state.flushing
    .catch(() => undefined)
    .then(() => {
      // From here on, arrivals start the next batch, which waits for this one's commit.
      if (state.open === batch) state.open = null;
      return db.transaction().execute((tx) => appendAuditRows(tx, batch.items));
    });
  state.open = batch;
  state.flushing = batch.done;
  return batch.done;
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; problem: 'changed' | 'removed' | 'truncated'; message: string } | null;
}

/** Walks the whole chain in seq order and names the first row that was changed or removed. */
export async function verifyAuditChain(db: Db, batchSize = 5000): Promise<ChainVerdict> {
  let expectedSeq = 1n;
  let prevHash = '0'.repeat(64);
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', String(expectedSeq))
      .orderBy('seq')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      const seq = BigInt(row.seq);
      if (seq !== expectedSeq || row.prev_hash !== prevHash) {
        const missing = seq !== expectedSeq ? expectedSeq : seq - 1n;
        return broken(
          checked,
          Number(missing),
          'removed',
          `row ${missing} was removed or replaced (row ${seq} no longer follows it)`,
        );
      }
      if (rowHash(row as unknown as ChainedRow) !== row.hash) {
        return broken(checked, Number(seq), 'changed', `row ${seq} was changed after it was written`);
      }
      prevHash = row.hash;
      expectedSeq = seq + 1n;
      checked++;
    }
    if (rows.length < batchSize) break;
  }
  const head = await db.selectFrom('audit_head').select(['seq', 'hash']).executeTakeFirstOrThrow();
  if (BigInt(head.seq) !== expectedSeq - 1n || head.hash !== prevHash) {
    return broken(
      checked,
      Number(expectedSeq),
      'truncated',
      `rows after ${expectedSeq - 1n} were removed (the head records ${head.seq})`,
    );
  }
  return { ok: true, checked, firstBroken: null };
}

function broken(
  checked: number,
  seq: number,
  problem: 'changed' | 'removed' | 'truncated',
  message: string,
): ChainVerdict {
  return { ok: false, checked, firstBroken: { seq, problem, message } };
}
