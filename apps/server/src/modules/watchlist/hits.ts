// From watchlist hits to `watchlist-hit` alerts. The ingest pipeline calls `matchWatchlist` once per batch,
// after its commit and before it answers: matching is in memory (matcher.ts); only a batch with a hit does
// any work here — one transaction through `raiseAlerts` — so an acknowledged event's hit is already an
// alert. Should raising fail, the batch is answered with an error although its events are stored: the
// device sends it again, the replay is counted as duplicates and matched again, and the hit is raised then
// (raising is idempotent). One open alert per entry and grid (`watch:<entry>:grid:<grid>`): the grid's
// police officer or worker gets the subject's first sighting there; a sighting after that alert was closed
// is a new alert.
import {
  type AlertCandidate,
  type AlertSubject,
  type EvidenceEvent,
  latestEvents,
  type SensingEvent,
} from '@civgrid/domain';
import { sql } from 'kysely';
import { systemActor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import { raiseAlerts } from '../alerts/raise.ts';
import type { KnownDevice } from '../sensing/devices.ts';
import { type ActiveEntry, findHits, matcherOf, type WatchHit, type WatchlistSnapshot } from './matcher.ts';

/** The ingest pipeline's one call: raises the batch's watchlist hits, if any. */
export async function matchWatchlist(
  ctx: Context,
  batch: readonly { event: SensingEvent; device: KnownDevice }[],
  subjectIds: ReadonlyMap<string, string>,
  now: Date,
): Promise<void> {
  if (batch.length === 0) return;
  const matcher = matcherOf(ctx);
  const snapshot = matcher.snapshot ?? (await matcher.ready());
  if (snapshot.bySubject.size === 0) return;
  const hits = findHits(snapshot, batch, subjectIds, now);
  if (hits.length > 0) await raiseWatchlistHits(ctx, snapshot, hits, now);
}

interface DeviceRow {
  id: string;
  code: string;
  name: string;
  grid_id: string;
  grid_path: string;
  house_id: string | null;
  building_id: string | null;
}

function subjectOf(entry: ActiveEntry, subjectId: string): AlertSubject | null {
  if (entry.personId) return { kind: 'person', personId: entry.personId };
  if (entry.vehicleId) return { kind: 'vehicle', vehicleId: entry.vehicleId };
  if (entry.deviceId) return { kind: 'device', deviceId: entry.deviceId };
  // An unregistered MAC address has no subject kind of its own among alerts; the evidence names it.
  if (entry.subjectKind === 'device') return null;
  return {
    kind: 'identity',
    identityKind: entry.subjectKind,
    subjectId,
    hash: entry.subjectHash.toString('hex'),
  };
}

const evidenceEvent = (event: SensingEvent, device: DeviceRow): EvidenceEvent => ({
  eventId: event.eventId,
  deviceId: device.id,
  deviceCode: device.code,
  time: event.time.toISOString(),
  type: event.type,
  direction: event.direction,
});

async function raiseWatchlistHits(ctx: Context, snapshot: WatchlistSnapshot, hits: WatchHit[], now: Date) {
  const { settings, root } = snapshot;
  if (!settings.enabled || root === null) return;
  const { rows: devices } = await sql<DeviceRow>`
    select d.id, d.code, d.name, d.grid_id, g.org_path::text as grid_path, d.house_id, d.building_id
    from device d join org_unit g on g.id = d.grid_id
    where d.id = any(${[...new Set(hits.map((h) => h.deviceId))]}::bigint[])`.execute(ctx.db);
  const deviceById = new Map(devices.map((d) => [d.id, d]));
  const groups = new Map<
    string,
    { hit: WatchHit; device: DeviceRow; events: EvidenceEvent[]; latest: Date }
  >();
  for (const hit of hits) {
    const device = deviceById.get(hit.deviceId);
    if (!device) continue;
    const key = `watch:${hit.entry.id}:grid:${device.grid_id}`;
    const group = groups.get(key) ?? { hit, device, events: [], latest: hit.event.time };
    group.events.push(evidenceEvent(hit.event, device));
    if (hit.event.time > group.latest) {
      group.latest = hit.event.time;
      group.hit = hit;
      group.device = device;
    }
    groups.set(key, group);
  }
  const candidates: AlertCandidate[] = [...groups].map(([dedupKey, { hit, device, events, latest }]) => {
    const { entry } = hit;
    return {
      rule: 'watchlist-hit',
      dedupKey,
      situationAt: latest,
      severity: settings.severity,
      subject: subjectOf(entry, hit.subjectId),
      houseId: device.house_id,
      buildingId: device.building_id,
      gridId: device.grid_id,
      orgPath: device.grid_path,
      evidence: {
        summary: {
          zh: `布控对象 ${entry.subjectDisplay} 出现在 ${device.name}（${device.code}）。布控事由：${entry.reason}`,
          en: `Watched subject ${entry.subjectDisplay} seen at ${device.name} (${device.code}). Reason: ${entry.reason}`,
        },
        figures: {
          watchlistEntryId: entry.id,
          subject: entry.subjectDisplay,
          identityKind: entry.subjectKind,
          reason: entry.reason,
          validFrom: new Date(entry.validFrom).toISOString(),
          validTo: new Date(entry.validTo).toISOString(),
          deviceCode: device.code,
          deviceName: device.name,
          seenAt: latest.toISOString(),
          sightings: events.length,
        },
        thresholds: {
          severity: settings.severity,
          dispatchTo: settings.dispatchTo,
          ackMinutes: settings.ackMinutes,
        },
        events: latestEvents(events),
      },
      dispatchTo: settings.dispatchTo,
      ackMinutes: settings.ackMinutes,
      quietHours: settings.quietHours,
    };
  });
  if (candidates.length === 0) return;
  const actor = systemActor(root, 'watchlist');
  await ctx.db.transaction().execute(async (tx) => {
    const raised = await raiseAlerts(tx, candidates, { actor, now, source: 'watchlist' });
    if (raised.length === 0) return;
    const perEntry = new Map<string, { count: number; last: Date }>();
    for (const alert of raised) {
      const group = groups.get(alert.dedupKey)!;
      const tally = perEntry.get(group.hit.entry.id) ?? { count: 0, last: group.latest };
      tally.count++;
      if (group.latest > tally.last) tally.last = group.latest;
      perEntry.set(group.hit.entry.id, tally);
    }
    const ids = [...perEntry.keys()];
    await sql`
      update watchlist_entry w set hit_count = w.hit_count + u.n,
        last_hit_at = greatest(w.last_hit_at, u.last)
      from unnest(${ids}::bigint[], ${ids.map((id) => perEntry.get(id)!.count)}::int[],
                  ${ids.map((id) => perEntry.get(id)!.last)}::timestamptz[]) as u(id, n, last)
      where w.id = u.id`.execute(tx);
  });
}
