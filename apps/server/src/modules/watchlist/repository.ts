// Watchlist queries. An entry carries its requester's jurisdiction (`org_path`), and every read of entries
// goes through the scope layer's subtree condition on it. The look-ups by keyed hash that link a new entry
// to a dossier are unscoped, but only an id leaves them: a dossier outside the viewer's jurisdiction is
// never named (the presenter's join is scoped).
import { type SqlBool, sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db.ts';
import { pathWithin } from '../../platform/scope.ts';
import type { TWatchlistQuery } from './schemas.ts';

/** Entries in the actor's jurisdiction with the names their presenter shows. */
function withNames(db: Queryable, actor: Actor) {
  return db
    .selectFrom('watchlist_entry as w')
    .where(pathWithin('w.org_path', actor.scopePath))
    .innerJoin('app_user as rq', 'rq.id', 'w.requested_by')
    .leftJoin('app_user as dc', 'dc.id', 'w.decided_by')
    .leftJoin('app_user as rv', 'rv.id', 'w.revoked_by')
    .leftJoin('org_unit as u', (join) => join.on(sql<SqlBool>`u.org_path = w.org_path`))
    .leftJoin('person as p', (join) =>
      join.onRef('p.id', '=', 'w.person_id').on(pathWithin('p.org_path', actor.scopePath)),
    )
    .leftJoin('vehicle as v', (join) =>
      join.onRef('v.id', '=', 'w.vehicle_id').on(pathWithin('v.org_path', actor.scopePath)),
    )
    .leftJoin('device as d', (join) =>
      join.onRef('d.id', '=', 'w.device_id').on(pathWithin('d.org_path', actor.scopePath)),
    )
    .selectAll('w')
    .select([
      'rq.display_name as requester_name',
      'dc.display_name as decider_name',
      'rv.display_name as revoker_name',
      'u.code as unit_code',
      'u.name as unit_name',
      'p.id as seen_person_id',
      'p.name as person_name',
      'v.id as seen_vehicle_id',
      'v.plate as vehicle_plate',
      'd.id as seen_device_id',
      'd.code as device_code',
      'd.name as device_name',
    ]);
}

export type EntryRow = Awaited<ReturnType<ReturnType<typeof withNames>['executeTakeFirstOrThrow']>>;

/** A page of the entries in scope, newest first, and how many match. `expired` and the stored statuses
 *  are told apart by `valid_to` against `now`. */
export async function listEntries(
  db: Queryable,
  actor: Actor,
  query: TWatchlistQuery,
  now: Date,
): Promise<{ rows: EntryRow[]; total: number }> {
  let q = withNames(db, actor);
  const live = ['pending', 'active'] as const;
  if (query.status === 'expired') q = q.where('w.status', 'in', [...live]).where('w.valid_to', '<=', now);
  else if (query.status === 'pending' || query.status === 'active')
    q = q.where('w.status', '=', query.status).where('w.valid_to', '>', now);
  else if (query.status) q = q.where('w.status', '=', query.status);
  if (query.awaitingMe === 'true')
    q = q
      .where('w.status', '=', 'pending')
      .where('w.valid_to', '>', now)
      .where('w.requested_by', '!=', actor.id ?? '0');
  const rows = await q
    .orderBy('w.requested_at', 'desc')
    .orderBy('w.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const counted = await q.clearSelect().select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
  return { rows, total: counted.n };
}

/** One entry in scope (missing and out of scope alike answer undefined). */
export function findEntry(db: Queryable, actor: Actor, id: string): Promise<EntryRow | undefined> {
  return withNames(db, actor).where('w.id', '=', id).executeTakeFirst();
}

/** The entry's jurisdiction, whatever the caller's: to audit a probe from outside it. */
export async function entryPath(db: Queryable, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('watchlist_entry')
    .select('org_path')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.org_path;
}

/** The dossiers registered under an identity's keyed hash (or plate), for the entry's links. */
export async function dossierOf(
  db: Queryable,
  kind: 'person' | 'vehicle' | 'device',
  hash: Buffer,
  plate: string | null,
): Promise<string | null> {
  if (kind === 'person') {
    const row = await db
      .selectFrom('person')
      .select('id')
      .where('id_number_hash', '=', hash)
      .executeTakeFirst();
    return row?.id ?? null;
  }
  if (kind === 'vehicle') {
    const row = await db.selectFrom('vehicle').select('id').where('plate', '=', plate!).executeTakeFirst();
    return row?.id ?? null;
  }
  const row = await db.selectFrom('device').select('id').where('mac_hash', '=', hash).executeTakeFirst();
  return row?.id ?? null;
}

/** A registered phone by its device code, in the actor's jurisdiction. */
export function phoneByCode(db: Queryable, actor: Actor, code: string) {
  return db
    .selectFrom('device')
    .select(['id', 'type', 'mac_hash'])
    .where('code', '=', code)
    .where(pathWithin('device.org_path', actor.scopePath))
    .executeTakeFirst();
}

/** Makes sure the sensing store has a subject for the watched identity, so the events that name it carry
 *  the subject id the matcher knows (an identity never sensed yet gets its row now; the person's or
 *  plate's sealed copy is what any sensed identity keeps). */
export async function ensureSensingSubject(
  db: Queryable,
  kind: 'person' | 'vehicle' | 'device',
  hash: Buffer,
  sealed: Buffer | null,
  now: Date,
): Promise<void> {
  await sql`
    insert into sensing_subject (kind, hash, sealed, last_seen) values (${kind}, ${hash}, ${sealed}, ${now})
    on conflict (hash) do update set last_seen = greatest(sensing_subject.last_seen, excluded.last_seen)`.execute(
    db,
  );
}
