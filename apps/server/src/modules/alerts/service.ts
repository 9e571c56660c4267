// Working alerts: the list (scoped, filtered, paged, audited since it names people), the alert page
// (an audited read with the evidence and history), the steps acknowledge / resolve / false alarm, and
// opening a case from an alert. Out of scope answers 404 like a missing alert, and is audited.
import {
  ALERT_RULE_LABELS,
  type AlertCommand,
  type AlertStatus,
  type CaseLevel,
  isAlertRule,
  stepAlert,
} from '@civgrid/domain';
import { sql } from 'kysely';
import { type Actor, actorCan } from '../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findInScope } from '../../platform/scope.ts';
import { createCase } from '../cases/opening.ts';
import { presentPage, presentSummary } from './presenter.ts';
import * as repo from './repository.ts';
import type { TAlertCase, TAlertListQuery, TAlertPage } from './schemas.ts';

export async function listAlerts(ctx: Context, actor: Actor, query: TAlertListQuery) {
  const gridPath = query.grid ? await repo.unitPath(ctx.db, actor, query.grid) : null;
  const { rows, total } =
    query.grid && gridPath === null
      ? { rows: [], total: 0 }
      : await repo.listAlerts(ctx.db, actor, query, gridPath);
  await auditAlone(
    ctx.db,
    actor,
    { action: 'alert.list', details: { ...query, returned: rows.length } },
    ctx.now(),
  );
  return { alerts: rows.map(presentSummary), total, page: query.page, pageSize: query.pageSize };
}

/** Most points the alert centre's map draws: beyond this a city-wide map is a blur anyway. */
export const ALERT_MAP_LIMIT = 2000;

/** Where the newest alerts matching the list's filters are, for the alert centre's map. */
export async function alertMap(ctx: Context, actor: Actor, query: TAlertListQuery) {
  const gridPath = query.grid ? await repo.unitPath(ctx.db, actor, query.grid) : null;
  const points =
    query.grid && gridPath === null
      ? []
      : await repo.alertPoints(ctx.db, actor, query, gridPath, ALERT_MAP_LIMIT + 1);
  const { page: _page, pageSize: _size, ...filters } = query;
  await auditAlone(
    ctx.db,
    actor,
    { action: 'alert.map', details: { ...filters, returned: Math.min(points.length, ALERT_MAP_LIMIT) } },
    ctx.now(),
  );
  return {
    points: points.slice(0, ALERT_MAP_LIMIT),
    truncated: points.length > ALERT_MAP_LIMIT,
  };
}

/** Per-rule figures for tuning over [from, to] (default: the last 30 days up to now), within what the viewer sees. */
export async function alertStats(
  ctx: Context,
  actor: Actor,
  query: { from?: string | undefined; to?: string | undefined },
) {
  const to = query.to ? new Date(query.to) : ctx.now();
  const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000);
  const rows = await repo.ruleStats(ctx.db, actor, from, to);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    rules: rows.map((r) => {
      const closed = r.resolved + r.false_alarms;
      return {
        rule: r.rule,
        label: isAlertRule(r.rule) ? ALERT_RULE_LABELS[r.rule] : { zh: r.rule, en: r.rule },
        raised: r.raised,
        open: r.open,
        acknowledged: r.acknowledged,
        resolved: r.resolved,
        falseAlarms: r.false_alarms,
        falseAlarmRate: closed === 0 ? null : Math.round((r.false_alarms / closed) * 1000) / 1000,
        escalated: r.escalated,
        withCase: r.with_case,
        medianAckMinutes: r.median_ack_minutes === null ? null : Math.round(r.median_ack_minutes * 10) / 10,
      };
    }),
  };
}

async function alertOr404(ctx: Context, actor: Actor, id: string) {
  const row = await findInScope(
    ctx.db,
    actor,
    { table: 'alert', column: 'id', value: id },
    () => repo.findAlert(ctx.db, actor, id),
    ctx.now(),
  );
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

/** The alert page; audited as `alert.read` unless the caller just wrote it. */
export async function readAlert(
  ctx: Context,
  actor: Actor,
  id: string,
  options: { audited: boolean } = { audited: true },
): Promise<TAlertPage> {
  const row = await alertOr404(ctx, actor, id);
  const history = await repo.alertHistory(ctx.db, id);
  const caseRow = row.case_id
    ? await ctx.db
        .selectFrom('case_file')
        .select(['id', 'tracking_no'])
        .where('id', '=', row.case_id)
        .executeTakeFirst()
    : undefined;
  if (options.audited)
    await auditAlone(
      ctx.db,
      actor,
      {
        action: 'alert.read',
        targetType: 'alert',
        targetId: id,
        orgPath: row.org_path,
        details: { rule: row.rule },
      },
      ctx.now(),
    );
  return presentPage(row, history, caseRow ? { id: caseRow.id, trackingNo: caseRow.tracking_no } : null, {
    handle: actorCan(actor, 'alert.handle'),
    openCase: actorCan(actor, 'case.open'),
  });
}

/** Acknowledges, resolves or calls a false alarm on an alert in scope; the step and its history line and
 *  audit row commit together, on the row locked for the step. */
export async function takeAlertStep(
  ctx: Context,
  actor: Actor,
  id: string,
  command: AlertCommand,
  note: string | null,
): Promise<TAlertPage> {
  const found = await alertOr404(ctx, actor, id);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('alert')
      .select(['status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const result = stepAlert(row.status as AlertStatus, command, note);
    if (!result.ok)
      throw result.code === 'ALERT_NOTE_REQUIRED'
        ? new AppError('VALIDATION_FAILED', 'note', result.message)
        : new AppError('ALERT_STATE_CONFLICT', undefined, result.message);
    const userId = actor.kind === 'user' ? actor.id : null;
    const closing = result.status === 'resolved' || result.status === 'false-alarm';
    await tx
      .updateTable('alert')
      .set((eb) => ({
        status: result.status,
        version: eb('version', '+', 1),
        ...(command === 'acknowledge' || row.status !== 'acknowledged'
          ? { acknowledged_at: now, acknowledged_by: userId }
          : {}),
        ...(closing ? { closed_at: now, closed_by: userId, note } : note ? { note } : {}),
      }))
      .where('id', '=', id)
      .execute();
    await tx
      .insertInto('alert_action')
      .values({ alert_id: id, at: now, action: command, actor: actor.name, actor_user_id: userId, note })
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        action: `alert.${command}`,
        targetType: 'alert',
        targetId: id,
        orgPath: found.org_path,
        details: { rule: found.rule, from: row.status, to: result.status, ...(note ? { note } : {}) },
      },
      now,
    );
  });
  return readAlert(ctx, actor, id, { audited: false });
}

/** The case category an alert of each rule opens by default. */
const CASE_CATEGORY: Record<string, string> = {
  'care-not-seen': 'services.elderly',
  'occupancy-excess': 'safety.fire',
  'unregistered-frequent': 'other',
  'quarantine-breach': 'epidemic.isolation',
  'device-offline': 'other',
  'watchlist-hit': 'public-order.suspicious',
};

/** Where a case opened by this actor arrives: as staff intake (grid workers and police: the village
 *  centre of the grid; a centre: its own level). */
function arrivalLevel(actor: Actor): CaseLevel {
  if (actor.role === 'grid-worker' || actor.role === 'police' || actor.scopeLevel === 'grid')
    return 'village';
  return actor.scopeLevel as CaseLevel;
}

/** Opens a case (source `alert`) from an alert in scope and links it; an alert opens at most one case.
 *  The link is written in the case's own transaction, so of two people opening at once only one case
 *  stays. Acknowledges the alert if nobody had. */
export async function openCaseFromAlert(
  ctx: Context,
  actor: Actor,
  id: string,
  input: TAlertCase,
): Promise<{ caseId: string; trackingNo: string; alert: TAlertPage }> {
  const row = await alertOr404(ctx, actor, id);
  if (row.case_id !== null) throw new AppError('ALERT_STATE_CONFLICT');
  const place = await ctx.db
    .selectFrom('alert')
    .leftJoin('house as h', 'h.id', 'alert.house_id')
    .leftJoin('building as b', 'b.id', 'alert.building_id')
    .leftJoin('device as d', 'd.id', 'alert.device_id')
    .select(['h.address', 'b.lng as b_lng', 'b.lat as b_lat', 'd.lng as d_lng', 'd.lat as d_lat'])
    .where('alert.id', '=', id)
    .executeTakeFirstOrThrow();
  const lng = place.b_lng ?? place.d_lng;
  const lat = place.b_lat ?? place.d_lat;
  const label = isAlertRule(row.rule) ? ALERT_RULE_LABELS[row.rule].zh : row.rule;
  const summary = (row.evidence as { summary?: { zh?: string } }).summary?.zh ?? label;
  const created = await createCase(ctx, actor, {
    source: 'alert',
    category: input.category ?? CASE_CATEGORY[row.rule] ?? 'other',
    priority: input.priority ?? (row.severity === 'high' ? 'urgent' : 'normal'),
    title: input.title ?? `${label}（预警 ${row.id}）`,
    description: input.description ?? summary,
    location: lng != null && lat != null ? { lng, lat } : undefined,
    address: place.address ?? undefined,
    level: arrivalLevel(actor),
    grid: { id: row.grid_id, org_path: row.org_path },
    personIds: row.person_id ? [row.person_id] : [],
    within: async (tx, opened) => {
      const now = ctx.now();
      const linked = await tx
        .updateTable('alert')
        .set((eb) => ({
          case_id: opened.id,
          version: eb('version', '+', 1),
          status: sql<AlertStatus>`case when status in ('new', 'dispatched') then 'acknowledged' else status end`,
          acknowledged_at: sql<Date>`coalesce(acknowledged_at, ${now})`,
          acknowledged_by: sql<string>`coalesce(acknowledged_by, ${actor.kind === 'user' ? actor.id : null}::bigint)`,
        }))
        .where('id', '=', id)
        .where('case_id', 'is', null)
        .executeTakeFirst();
      if (linked.numUpdatedRows !== 1n) throw new AppError('ALERT_STATE_CONFLICT');
      await tx
        .insertInto('alert_action')
        .values({
          alert_id: id,
          at: now,
          action: 'case',
          actor: actor.name,
          actor_user_id: actor.kind === 'user' ? actor.id : null,
          note: null,
          details: JSON.stringify({ caseId: opened.id, trackingNo: opened.trackingNo }),
        })
        .execute();
      await appendAudit(
        tx,
        actor,
        {
          action: 'alert.case',
          targetType: 'alert',
          targetId: id,
          orgPath: row.org_path,
          details: { rule: row.rule, caseId: opened.id, trackingNo: opened.trackingNo },
        },
        now,
      );
    },
  });
  return {
    caseId: created.id,
    trackingNo: created.trackingNo,
    alert: await readAlert(ctx, actor, id, { audited: false }),
  };
}
