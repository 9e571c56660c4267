// Raising alerts: the one way an alert comes into being, for the periodic models and (later) the watchlist
// matcher alike. `raiseAlerts(tx, candidates, by)` stores the candidates that are not already raised — one
// open alert per (rule, dedup key), none for a situation a closed alert already handled — dispatches each
// to the grid worker or police officer of its grid, records its history and audits it, all in the
// caller's transaction. Idempotent: raising the same candidates again writes nothing.
import { type AlertCandidate, isSuppressed, type PriorAlert } from '@civgrid/domain';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import type { AlertStatus } from '../../platform/db-types.ts';

export interface RaisedAlert {
  id: string;
  rule: string;
  dedupKey: string;
  orgPath: string;
  assigneeId: string | null;
}

export interface RaisedBy {
  actor: Actor;
  now: Date;
  /** What raised them, kept on the alert: `models`, `watchlist`, … */
  source: string;
}

const keyOf = (c: { rule: string; dedupKey: string }) => `${c.rule}\u0000${c.dedupKey}`;

/** The candidates no earlier alert of the same situation suppresses (`isSuppressed`), first of each key. */
export async function newCandidates(
  db: Queryable,
  candidates: readonly AlertCandidate[],
  asOf: Date,
): Promise<AlertCandidate[]> {
  const unique = new Map<string, AlertCandidate>();
  for (const c of candidates) if (!unique.has(keyOf(c))) unique.set(keyOf(c), c);
  if (unique.size === 0) return [];
  const list = [...unique.values()];
  const { rows } = await sql<{
    rule: string;
    dedup_key: string;
    status: AlertStatus;
    situation_at: Date;
    closed_at: Date | null;
  }>`
    select a.rule, a.dedup_key, a.status, a.situation_at, a.closed_at
    from alert a
    join unnest(${list.map((c) => c.rule)}::text[], ${list.map((c) => c.dedupKey)}::text[]) as k(rule, dedup_key)
      on a.rule = k.rule and a.dedup_key = k.dedup_key`.execute(db);
  const prior = new Map<string, PriorAlert[]>();
  for (const r of rows) {
    const key = keyOf({ rule: r.rule, dedupKey: r.dedup_key });
    const entry = { status: r.status, situationAt: r.situation_at, closedAt: r.closed_at };
    prior.set(key, [...(prior.get(key) ?? []), entry]);
  }
  return list.filter((c) => !isSuppressed(c, prior.get(keyOf(c)) ?? [], asOf));
}

/** Stores, dispatches, records and audits the candidates that are new; answers the alerts it raised. */
export async function raiseAlerts(
  tx: Queryable,
  candidates: readonly AlertCandidate[],
  by: RaisedBy,
): Promise<RaisedAlert[]> {
  const fresh = await newCandidates(tx, candidates, by.now);
  if (fresh.length === 0) return [];
  const records = fresh.map((c) => ({
    rule: c.rule,
    dedup_key: c.dedupKey,
    situation_at: c.situationAt.toISOString(),
    severity: c.severity,
    subject_kind: c.subject?.kind ?? null,
    person_id: c.subject?.kind === 'person' ? c.subject.personId : null,
    vehicle_id: c.subject?.kind === 'vehicle' ? c.subject.vehicleId : null,
    device_id: c.subject?.kind === 'device' ? c.subject.deviceId : null,
    sensing_subject_id: c.subject?.kind === 'identity' ? c.subject.subjectId : null,
    subject_hash: c.subject?.kind === 'identity' ? c.subject.hash : null,
    house_id: c.houseId,
    building_id: c.buildingId,
    grid_id: c.gridId,
    org_path: c.orgPath,
    evidence: c.evidence,
    dispatch_to: c.dispatchTo,
    ack_minutes: c.ackMinutes,
  }));
  // The assignee: the grid's first active worker, or the police officer whose jurisdiction holds the grid
  // most closely (community before township) — whichever the rule asks for first, the other when there is
  // none. Both are hash look-ups, so ten thousand alerts cost no more per alert than one. Records the registers
  // lost meanwhile are dropped from the links rather than failing the batch.
  const { rows } = await sql<{
    id: string;
    rule: string;
    dedup_key: string;
    org_path: string;
    assignee_id: string | null;
  }>`
    with c as (
      select * from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as c(
        rule text, dedup_key text, situation_at timestamptz, severity text, subject_kind text,
        person_id bigint, vehicle_id bigint, device_id bigint, sensing_subject_id bigint, subject_hash text,
        house_id bigint, building_id bigint, grid_id bigint, org_path text, evidence jsonb,
        dispatch_to text, ack_minutes int)
    ),
    workers as (
      select distinct on (scope_id) scope_id, id from app_user
      where role = 'grid-worker' and disabled_at is null order by scope_id, id
    ),
    -- a police officer is scoped to a community or a township: the path's ancestors at depth 4 and 3
    police as (
      select distinct on (org_path) org_path::text as path, id from app_user
      where role = 'police' and disabled_at is null order by org_path, id
    ),
    picked as (
      select c.*, gw.id as worker_id, coalesce(p4.id, p3.id) as police_id
      from c
      left join workers gw on gw.scope_id = c.grid_id
      left join police p4 on nlevel(c.org_path::ltree) >= 4 and p4.path = subpath(c.org_path::ltree, 0, 4)::text
      left join police p3 on nlevel(c.org_path::ltree) >= 3 and p3.path = subpath(c.org_path::ltree, 0, 3)::text
    ),
    assigned as (
      select picked.*, case when dispatch_to = 'police' then coalesce(police_id, worker_id)
                            else coalesce(worker_id, police_id) end as assignee_id
      from picked
    )
    insert into alert (rule, dedup_key, situation_at, severity, status, subject_kind, person_id, vehicle_id,
      device_id, sensing_subject_id, subject_hash, house_id, building_id, grid_id, org_path, evidence,
      raised_at, raised_by, assignee_id, dispatched_at, ack_due_at)
    select a.rule, a.dedup_key, a.situation_at, a.severity,
      case when a.assignee_id is null then 'new' else 'dispatched' end,
      a.subject_kind, p.id, v.id, d.id, a.sensing_subject_id, decode(a.subject_hash, 'hex'), h.id, b.id,
      a.grid_id, a.org_path::ltree, a.evidence, ${by.now}, ${by.source}, a.assignee_id,
      case when a.assignee_id is null then null else ${by.now}::timestamptz end,
      ${by.now}::timestamptz + make_interval(mins => a.ack_minutes)
    from assigned a
    left join person p on p.id = a.person_id
    left join vehicle v on v.id = a.vehicle_id
    left join device d on d.id = a.device_id
    left join house h on h.id = a.house_id
    left join building b on b.id = a.building_id
    on conflict (rule, dedup_key) where status in ('new', 'dispatched', 'acknowledged') do nothing
    returning id, rule, dedup_key, org_path::text, assignee_id`.execute(tx);
  if (rows.length === 0) return [];
  await sql`
    insert into alert_action (alert_id, at, action, actor, details)
    select r.id, ${by.now}::timestamptz, 'raise', ${by.actor.name}::text, jsonb_build_object('source', ${by.source}::text)
    from unnest(${rows.map((r) => r.id)}::bigint[]) as r(id)
    union all
    select r.id, ${by.now}::timestamptz, 'dispatch', ${by.actor.name}::text, jsonb_build_object('assignee', r.assignee::text)
    from unnest(${rows.map((r) => r.id)}::bigint[], ${rows.map((r) => r.assignee_id)}::bigint[]) as r(id, assignee)
    where r.assignee is not null`.execute(tx);
  // One audit row per grid and batch: the rows stay scoped like the alerts, and a city-wide first run
  // does not write one row per alert.
  const byGrid = new Map<string, typeof rows>();
  for (const r of rows) byGrid.set(r.org_path, [...(byGrid.get(r.org_path) ?? []), r]);
  for (const [orgPath, raised] of byGrid) {
    const rules: Record<string, number> = {};
    for (const r of raised) rules[r.rule] = (rules[r.rule] ?? 0) + 1;
    await appendAudit(
      tx,
      by.actor,
      {
        action: 'alert.raise',
        targetType: 'alert',
        targetId: raised.length === 1 ? raised[0]!.id : null,
        orgPath,
        details: { source: by.source, rules, ids: raised.map((r) => r.id) },
      },
      by.now,
    );
  }
  return rows.map((r) => ({
    id: r.id,
    rule: r.rule,
    dedupKey: r.dedup_key,
    orgPath: r.org_path,
    assigneeId: r.assignee_id,
  }));
}
