// Identities → subject ids. Every sensed identity has one `sensing_subject` row keyed by the same keyed
// hash the registers use; events carry the small subject id instead of the identity.
//
// The ingest path asks for tens of thousands of ids a second, so each process keeps the ones it used in
// the last hour in memory. Entries live at most an hour. Loading one reads its row and refreshes the
// row's `last_seen` only when that is older than LAST_SEEN_STEP_MS — retention purges a subject only when
// no process can still be writing events for it, and a city's million identities passing by must not cost
// a million row updates (each a new row version and two index entries) every hour.
import type { SensedIdentity } from '@civgrid/domain';
import { sql } from 'kysely';
import type { Context } from '../../platform/context.ts';
import type { SubjectKind } from '../../platform/db-types.ts';

/** An entry lives at least one and at most two generations. */
const GENERATION_MS = 30 * 60_000;
/** A generation ends early when it holds this many ids (about 60 MB), bounding the process's memory; two
 *  of them hold a city's million identities of the hour (20,000,000 events over 1,000,000 identities went
 *  in at 40,422 events/s with 400,000, at 45,269/s with 600,000; peak memory 364 and 468 MB). */
const GENERATION_SIZE = 600_000;

/** `last_seen` is written when it is older than this; so it may lag the truth by as much. */
const LAST_SEEN_STEP_MS = 6 * 3_600_000;
/** How long after its `last_seen` a subject may still gain events: its lag, two generations in a cache,
 *  and the clock skew. */
export const SUBJECT_CACHE_HORIZON_MS = LAST_SEEN_STEP_MS + 2 * GENERATION_MS + 5 * 60_000;

interface Wanted {
  kind: SubjectKind;
  hash: Buffer;
  seal(): Buffer | null;
}

/** The cache key: the identity itself (hashing it costs more than the lookup it would key). */
export const identityKey = (identity: SensedIdentity): string =>
  identity.kind === 'person'
    ? identity.idNumber
    : identity.kind === 'vehicle'
      ? identity.plate
      : identity.kind === 'device'
        ? identity.mac
        : `card:${identity.cardNo}`;

export class SubjectDirectory {
  private current = new Map<string, string>();
  private previous = new Map<string, string>();
  private generationStarted = Date.now();

  constructor(private readonly ctx: Context) {}

  /** The subject id of each identity (by `identityKey`), creating subjects seen for the first time. */
  async idsFor(identities: Iterable<SensedIdentity>): Promise<Map<string, string>> {
    this.rotate();
    const ids = new Map<string, string>();
    const missing = new Map<string, SensedIdentity>();
    for (const identity of identities) {
      const key = identityKey(identity);
      if (ids.has(key) || missing.has(key)) continue;
      const id = this.current.get(key) ?? this.previous.get(key);
      if (id === undefined) missing.set(key, identity);
      else ids.set(key, id);
    }
    if (missing.size > 0) {
      const loaded = await this.load(missing);
      for (const [key, id] of loaded) {
        ids.set(key, id);
        this.current.set(key, id);
      }
    }
    return ids;
  }

  /** Forgets every id (after a purge may have removed some). */
  clear() {
    this.current = new Map();
    this.previous = new Map();
  }

  private rotate() {
    if (Date.now() - this.generationStarted < GENERATION_MS && this.current.size < GENERATION_SIZE) return;
    this.previous = this.current;
    this.current = new Map();
    this.generationStarted = Date.now();
  }

  private async load(missing: Map<string, SensedIdentity>): Promise<Map<string, string>> {
    const { crypto } = this.ctx;
    const cards = await this.cardHolders([...missing.values()].filter((i) => i.kind === 'card'));
    const wanted = new Map<string, Wanted>();
    for (const [key, identity] of missing) {
      if (identity.kind === 'card') {
        const holder = cards.get(identity.cardNo);
        // A registered card is its holder: the door event joins the person's trajectory.
        wanted.set(
          key,
          holder
            ? { kind: 'person', hash: holder.hash, seal: () => holder.sealed }
            : {
                kind: 'card',
                hash: cardHash(this.ctx, identity.cardNo),
                seal: () => crypto.encrypt(identity.cardNo),
              },
        );
      } else if (identity.kind === 'device') {
        wanted.set(key, { kind: 'device', hash: crypto.keyedHash(identity.mac), seal: () => null });
      } else {
        const value = identity.kind === 'person' ? identity.idNumber : identity.plate;
        wanted.set(key, {
          kind: identity.kind,
          hash: crypto.keyedHash(value),
          seal: () => crypto.encrypt(value),
        });
      }
    }
    // Sorted by hash so concurrent processes lock the same rows in the same order (no deadlock); one row
    // per hash, since an upsert may not touch a row twice.
    const byHash = new Map<string, Wanted>();
    for (const w of wanted.values()) byHash.set(w.hash.toString('hex'), w);
    const now = this.ctx.now();
    const idByHash = await this.known(
      [...byHash.values()].map((w) => w.hash),
      now,
    );
    const fresh = [...byHash.entries()]
      .filter(([hex]) => !idByHash.has(hex))
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, w]) => w);
    if (fresh.length > 0) {
      // Another process may insert the same subject meanwhile: the conflict then answers its row.
      const inserted = await sql<{ id: string; hash: Buffer }>`
        insert into sensing_subject (kind, hash, sealed, last_seen)
        select * from unnest(${fresh.map((r) => r.kind)}::text[], ${fresh.map((r) => r.hash)}::bytea[],
                             ${fresh.map((r) => r.seal())}::bytea[], ${fresh.map(() => now)}::timestamptz[])
        on conflict (hash) do update set last_seen = excluded.last_seen
        returning id, hash`.execute(this.ctx.db);
      for (const r of inserted.rows) idByHash.set(r.hash.toString('hex'), r.id);
    }
    const ids = new Map<string, string>();
    for (const [key, w] of wanted) ids.set(key, idByHash.get(w.hash.toString('hex'))!);
    return ids;
  }

  /** The ids of the subjects that exist among `hashes` (by hex hash); a `last_seen` older than
   *  LAST_SEEN_STEP_MS is moved to now. */
  private async known(hashes: Buffer[], now: Date): Promise<Map<string, string>> {
    const { rows } = await sql<{ id: string; hash: Buffer; last_seen: Date }>`
      select id, hash, last_seen from sensing_subject where hash = any(${hashes}::bytea[])`.execute(
      this.ctx.db,
    );
    const stale = rows
      .filter((r) => now.getTime() - r.last_seen.getTime() > LAST_SEEN_STEP_MS)
      .map((r) => r.id);
    if (stale.length > 0)
      await sql`update sensing_subject set last_seen = ${now}
        where id = any(${stale}::bigint[]) and last_seen < ${now}`.execute(this.ctx.db);
    return new Map(rows.map((r) => [r.hash.toString('hex'), r.id]));
  }

  /** Registered door cards among `identities`: the holder's ID hash and sealed ID number. */
  private async cardHolders(identities: SensedIdentity[]) {
    const holders = new Map<string, { hash: Buffer; sealed: Buffer }>();
    if (identities.length === 0) return holders;
    const byHash = new Map(
      identities.map((i) => {
        const cardNo = (i as { cardNo: string }).cardNo;
        return [cardHash(this.ctx, cardNo).toString('hex'), cardNo];
      }),
    );
    const rows = await this.ctx.db
      .selectFrom('access_card as c')
      .innerJoin('person as p', 'p.id', 'c.person_id')
      .select(['c.card_hash', 'p.id_number_hash', 'p.id_number_enc'])
      .where(
        'c.card_hash',
        'in',
        [...byHash.keys()].map((h) => Buffer.from(h, 'hex')),
      )
      .execute();
    for (const row of rows)
      holders.set(byHash.get(row.card_hash.toString('hex'))!, {
        hash: row.id_number_hash,
        sealed: row.id_number_enc,
      });
    return holders;
  }
}

/** The keyed hash a card number is registered under (`access_card.card_hash`). */
export const cardHash = (ctx: Context, cardNo: string) => ctx.crypto.keyedHash(`card:${cardNo}`);
