// The active watchlist as every process holds it in memory, keyed by the sensing subject id the watched
// identity's keyed hash resolves to: the ingest pipeline already knows each event's subject id, so matching
// an event is one Map look-up — no hashing, no query — and a batch with no watched subject costs nothing
// more. (A door card of a registered resident resolves to the resident's subject, so a watched person is
// matched by card too.) The cache is reloaded when an entry changes (NOTIFY civgrid_watchlist, heard on the
// process's one listening connection), after this process changed one itself (before it answers), after
// the listener reconnects, and every minute (expiry, rule settings). Safe to lose: it is rebuilt from the
// table.
import {
  type AlertRule,
  effectiveSettings,
  type RuleOverride,
  type RuleSettingsMap,
  type SensingEvent,
} from '@civgrid/domain';
import { sql } from 'kysely';
import type { Context } from '../../platform/context.ts';
import { listenerOf } from '../../platform/listener.ts';
import { identityKey } from '../sensing/subjects.ts';
import { isHit, type MatchWindow } from './rules.ts';

const RULE: AlertRule = 'watchlist-hit';
const REFRESH_MS = 60_000;
/** A watched subject's `last_seen` is kept younger than this, so retention never purges it. */
const KEEP_ALIVE_MS = 86_400_000;

export interface ActiveEntry extends MatchWindow {
  id: string;
  subjectKind: 'person' | 'vehicle' | 'device';
  subjectDisplay: string;
  subjectHash: Buffer;
  reason: string;
  personId: string | null;
  vehicleId: string | null;
  deviceId: string | null;
}

export interface WatchlistSnapshot {
  bySubject: ReadonlyMap<string, readonly ActiveEntry[]>;
  settings: RuleSettingsMap['watchlist-hit'];
  root: { code: string; name: string; org_path: string } | null;
}

/** One event that matched one entry. */
export interface WatchHit {
  entry: ActiveEntry;
  subjectId: string;
  event: SensingEvent;
  deviceId: string;
}

export class WatchlistMatcher {
  snapshot: WatchlistSnapshot | null = null;
  private starting: Promise<WatchlistSnapshot> | null = null;
  private chain: Promise<void> = Promise.resolve();
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly ctx: Context) {}

  /** The snapshot, loaded the first time after LISTEN is in effect (so no change slips between them). */
  ready(): Promise<WatchlistSnapshot> {
    if (this.snapshot) return Promise.resolve(this.snapshot);
    this.starting ??= (async () => {
      const listener = listenerOf(this.ctx);
      const reload = () => void this.reload().catch(() => {});
      // Without the listener (a database that refuses one more connection) the minute's reload remains.
      await listener.listen('civgrid_watchlist', reload, reload).catch(() => {});
      this.timer = setInterval(reload, REFRESH_MS);
      this.timer.unref();
      listener.onClose(() => this.stop());
      await this.reload();
      return this.snapshot!;
    })().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** Loads the table again; a load asked for while one runs starts after it, so it sees every change
   *  committed before the call. */
  reload(): Promise<void> {
    if (this.queued) return this.queued;
    const next = this.chain.then(() => {
      this.queued = null;
      return this.load();
    });
    this.queued = next;
    this.chain = next.catch(() => {});
    return next;
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    matchers.delete(this.ctx);
  }

  private async load() {
    const now = this.ctx.now();
    const { rows } = await sql<{
      id: string;
      subject_kind: ActiveEntry['subjectKind'];
      subject_hash: Buffer;
      subject_display: string;
      reason: string;
      valid_from: Date;
      valid_to: Date;
      org_path: string;
      person_id: string | null;
      vehicle_id: string | null;
      device_id: string | null;
      subject_id: string | null;
    }>`
      with kept as (
        update sensing_subject set last_seen = ${now}
        where hash in (select subject_hash from watchlist_entry
                       where status in ('pending', 'active') and valid_to > ${now})
          and last_seen < ${new Date(now.getTime() - KEEP_ALIVE_MS)}
      )
      select w.id, w.subject_kind, w.subject_hash, w.subject_display, w.reason, w.valid_from, w.valid_to,
             w.org_path::text, w.person_id, w.vehicle_id, w.device_id, s.id as subject_id
      from watchlist_entry w left join sensing_subject s on s.hash = w.subject_hash
      where w.status = 'active' and w.valid_to > ${now}`.execute(this.ctx.db);
    const bySubject = new Map<string, ActiveEntry[]>();
    for (const r of rows) {
      // A subject row is made with the entry and kept alive above; a MAC address's can be made again.
      const subjectId =
        r.subject_id ?? (r.subject_kind === 'device' ? await this.recreate(r.subject_hash) : null);
      if (subjectId === null) continue;
      const entry: ActiveEntry = {
        id: r.id,
        subjectKind: r.subject_kind,
        subjectDisplay: r.subject_display,
        subjectHash: r.subject_hash,
        reason: r.reason,
        validFrom: r.valid_from.getTime(),
        validTo: r.valid_to.getTime(),
        orgPath: r.org_path,
        personId: r.person_id,
        vehicleId: r.vehicle_id,
        deviceId: r.device_id,
      };
      bySubject.set(subjectId, [...(bySubject.get(subjectId) ?? []), entry]);
    }
    const overrides = await this.ctx.db
      .selectFrom('alert_rule_setting')
      .select(['rule', 'category', 'settings'])
      .where('rule', '=', RULE)
      .execute();
    const root =
      (await this.ctx.db
        .selectFrom('org_unit')
        .select(['code', 'name', 'org_path'])
        .where('level', '=', 'city')
        .executeTakeFirst()) ?? null;
    this.snapshot = {
      bySubject,
      settings: effectiveSettings('watchlist-hit', overrides as RuleOverride[]),
      root,
    };
  }

  private async recreate(hash: Buffer): Promise<string> {
    const { rows } = await sql<{ id: string }>`
      insert into sensing_subject (kind, hash, sealed, last_seen) values ('device', ${hash}, null, ${this.ctx.now()})
      on conflict (hash) do update set last_seen = excluded.last_seen returning id`.execute(this.ctx.db);
    return rows[0]!.id;
  }
}

const matchers = new WeakMap<Context, WatchlistMatcher>();

/** The process's matcher on this database. */
export function matcherOf(ctx: Context): WatchlistMatcher {
  let matcher = matchers.get(ctx);
  if (!matcher) {
    matcher = new WatchlistMatcher(ctx);
    matchers.set(ctx, matcher);
  }
  return matcher;
}

/** After this process changed an entry: reload its own cache before answering, so the next event it
 *  ingests is matched against the change (other processes hear of it by NOTIFY). */
export async function reloadWatchlist(ctx: Context): Promise<void> {
  await matchers.get(ctx)?.reload();
}

/** The hits in a batch: events whose subject is watched, inside the entry's window and jurisdiction. */
export function findHits(
  snapshot: WatchlistSnapshot,
  batch: readonly { event: SensingEvent; device: { id: string; orgPath: string } }[],
  subjectIds: ReadonlyMap<string, string>,
  now: Date,
): WatchHit[] {
  const hits: WatchHit[] = [];
  const at = now.getTime();
  for (const { event, device } of batch) {
    if (event.identity === null) continue;
    const subjectId = subjectIds.get(identityKey(event.identity));
    const entries = subjectId === undefined ? undefined : snapshot.bySubject.get(subjectId);
    if (entries === undefined) continue;
    for (const entry of entries)
      if (isHit(entry, event.time.getTime(), at, device.orgPath))
        hits.push({ entry, subjectId: subjectId!, event, deviceId: device.id });
  }
  return hits;
}
