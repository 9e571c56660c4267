// The audit chain. Each row's hash is sha256(prev_hash ‖ canonical row); `audit_head` holds the last
// seq and hash, and its row lock makes chainers take turns, so seq has no gaps and the chain no forks.
// A row is written in the caller's transaction into `audit_inbox` — the work and its audit row commit or
// vanish together — and linked into `audit_log` after the commit by `chainCommitted` (from a half-second
// timer, and from every reader of the log first), which takes the head's lock once for everything
// committed so far. Writers thus never wait on each other's commits, nor answers on the chain (holding
// the lock until commit made every write queue behind the one before: ≈190 a second).
import { createHash } from 'node:crypto';
import { type Compilable, type Expression, sql } from 'kysely';
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

/** What a row says, before it has a place in the chain. */
interface AuditFields {
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
}

interface ChainedRow extends AuditFields {
  seq: string;
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

function auditFields(actor: Actor, entry: AuditEntry, at: Date): AuditFields {
  return {
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
  };
}

/** Writes one audit row inside `tx`, the transaction of the work it records. It is chained after the
 *  commit, by the periodic chainer or by the next reader of the log (which chains first); the answer
 *  does not wait for that, so writers never queue behind one another for the head. */
export function appendAudit(tx: Queryable, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  return appendAudits(tx, actor, [entry], at);
}

/** Several rows of one actor in one insert, in order (the steps of one piece of work). */
export async function appendAudits(
  tx: Queryable,
  actor: Actor,
  entries: readonly AuditEntry[],
  at: Date,
): Promise<void> {
  if (entries.length === 0) return;
  await tx
    .insertInto('audit_inbox')
    .values(auditInboxRows(actor, entries, at))
    .execute();
}

/** The inbox rows of `entries`, for a caller that writes them within a larger statement (a data-modifying
 *  CTE). */
export function auditInboxRows(actor: Actor, entries: readonly AuditEntry[], at: Date) {
  return entries.map((entry) => {
    const fields = auditFields(actor, entry, at);
    return { ...fields, details: JSON.stringify(fields.details) };
  });
}

/** Per database: the turn still taking callers, and the chaining the next turn waits for. */
const chainers = new WeakMap<Db, { open: Promise<void> | null; flushing: Promise<void> }>();
/** Rows per multi-row insert: well under the bind-parameter limit. */
const INSERT_ROWS = 1000;
/** Inbox rows taken per turn of the head's lock. */
const INBOX_TURN = 5000;

/** Chains every row committed into the inbox so far; resolves once they are in `audit_log`. Joins the
 *  next chaining turn (one starting after this call, so it sees every commit made before it). Calls that
 *  arrive while a turn is running share the next one — a group commit: the head's lock and the commit's
 *  flush are taken once for all of them. */
export function chainCommitted(db: Db): Promise<void> {
  let state = chainers.get(db);
  if (!state) {
    state = { open: null, flushing: Promise.resolve() };
    chainers.set(db, state);
  }
  if (state.open) return state.open;
  const current = state;
  const turn: Promise<void> = current.flushing
    .catch(() => undefined)
    .then(() => {
      // From here on, arrivals start the next turn, which waits for this one's commit.
      if (current.open === turn) current.open = null;
      return chainWaiting(db);
    });
  current.open = turn;
  current.flushing = turn;
  return turn;
}

/** Writes an audit row on its own, for events with no other work (a read of personal data, a denial, a
 *  failed login): committed into the inbox before it resolves, so the event is on record before it is
 *  answered; chained by the next turn (the periodic chainer's at the latest). The reader does not wait
 *  for the head's lock, which all writers share. */
export async function auditAlone(db: Db, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  await appendAudits(db, actor, [entry], at);
}

/** Runs `query`, a select whose rows carry `id` and `org_path`, and in the same statement writes one
 *  audit row per row it answers (`entry` with the row as target): a read of personal data is on record
 *  in the round trip that serves it, and committed with it. */
export async function selectAudited<R extends { id: string; org_path: string }>(
  db: Queryable,
  query: Compilable<R> & Expression<unknown>,
  actor: Actor,
  entry: Pick<AuditEntry, 'action' | 'targetType' | 'details'>,
  at: Date,
): Promise<R[]> {
  const f = auditFields(actor, entry, at);
  const read = await sql<R>`with answered as (${query}), audited as (
      insert into audit_inbox (at, actor_id, actor, action, outcome, target_type, target_id, org_path, ip, details)
      select ${f.at}::timestamptz, ${f.actor_id}::bigint, ${f.actor}, ${f.action}, ${f.outcome},
             ${f.target_type}, answered.id::text, answered.org_path, ${f.ip}, ${JSON.stringify(f.details)}::jsonb
      from answered)
    select * from answered`.execute(db);
  return read.rows;
}

/** Chains the inbox in turns of the head's lock until it is empty. */
async function chainWaiting(db: Db): Promise<void> {
  for (;;) {
    const inbox = await sql<{ waiting: boolean }>`
      select exists (select 1 from audit_inbox) as waiting`.execute(db);
    if (!inbox.rows[0]?.waiting) return;
    if (!(await db.transaction().execute(chainTurn))) return;
  }
}

/** One turn: lock the head, move up to INBOX_TURN inbox rows into the chain in the order they were
 *  written, move the head. True when the inbox may hold more. */
async function chainTurn(tx: Queryable): Promise<boolean> {
  const head = await sql<{ seq: string; hash: string }>`select seq, hash from audit_head for update`.execute(
    tx,
  );
  const taken = await sql<AuditFields & { id: string }>`
    delete from audit_inbox where id in (select id from audit_inbox order by id limit ${INBOX_TURN})
    returning *`.execute(tx);
  const inbox = taken.rows.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  let { seq, hash } = head.rows[0]!;
  const rows = inbox.map(({ id: _id, ...fields }) => {
    const row: ChainedRow = { ...fields, seq: String(BigInt(seq) + 1n), prev_hash: hash };
    seq = row.seq;
    hash = rowHash(row);
    return { ...row, details: JSON.stringify(row.details), hash };
  });
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    await tx
      .insertInto('audit_log')
      .values(rows.slice(i, i + INSERT_ROWS))
      .execute();
  }
  if (rows.length > 0) await tx.updateTable('audit_head').set({ seq, hash }).execute();
  return taken.rows.length === INBOX_TURN;
}

/** Chains what background work (jobs, MQTT, a process that died before chaining) left in the inbox,
 *  every `intervalMs`. Returns the stop function (closing the stack chains once more). */
export function startAuditChainer(db: Db, log: (line: string) => void, intervalMs = 500): () => void {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await chainCommitted(db);
    } catch (error) {
      log(`audit chainer: ${(error as Error).message}`);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(run, intervalMs);
  timer.unref();
  void run();
  return () => clearInterval(timer);
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
