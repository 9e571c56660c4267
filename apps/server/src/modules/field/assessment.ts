// The monthly assessment (两查两评三挂钩): each worker's sheet computed from the record as of now with their
// county's settings (packages/domain `assessmentSheet`), the centres' decisions on pay, reward / penalty and
// deployment (kept with the sheet they were made on), the counties' settings, and a week's patrol track.
import {
  type AssessmentSettings,
  assessmentSheet,
  buildingsPassed,
  checkAssessmentSettings,
  DEFAULT_ASSESSMENT_SETTINGS,
  GRADE_LABELS,
  isoWeekday,
  monthOf,
  monthWindow,
  nextMonth,
  type PatrolRecord,
  patrolWeekCheck,
  weeksOfMonth,
  weekWindow,
} from '@civgrid/domain';
import { sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { scopedFrom } from '../../platform/scope.ts';
import { underPath } from '../registry/shared.ts';
import { performanceFigures, residentRatings, surveyRatings } from './figures.ts';
import * as repo from './repository.ts';
import { presentDecision, workerOr404 } from './roster.ts';
import type { TAssessmentQuery, TDecisionBody, TSheet } from './schemas.ts';

const countyOf = (path: string) => path.split('.')[1] ?? '';

/** Each county's settings in force: its stored ones, else the defaults. */
async function settingsFor(ctx: Context, counties: readonly string[]) {
  const rows = await repo.countiesByCode(ctx.db, [...new Set(counties)]);
  const map = new Map<string, AssessmentSettings>();
  for (const c of counties) {
    const stored = rows.find((r) => r.code === c)?.settings;
    const checked = stored ? checkAssessmentSettings(stored) : null;
    map.set(c, checked && 'settings' in checked ? checked.settings : DEFAULT_ASSESSMENT_SETTINGS);
  }
  return map;
}

/** The sheets of `workers` for `month` as of now, with the decisions already made. */
async function computeSheets(
  ctx: Context,
  workers: readonly repo.WorkerRow[],
  month: string,
): Promise<TSheet[]> {
  if (workers.length === 0) return [];
  const tz = ctx.config.timezone;
  const now = ctx.now();
  const ids = workers.map((w) => w.id);
  const { from, to } = monthWindow(month, tz);
  // patrols are judged by the weeks that begin in the month, which may run into the next
  const weeks = weeksOfMonth(month);
  const patrolTo = weeks.length > 0 ? weekWindow(weeks.at(-1)!, tz).to : to;
  const gridIds = [...new Set(workers.flatMap((w) => w.grids.map((g) => g.id)))];
  const [settings, checkins, patrols, buildings, figures, ratings, survey, decisions] = await Promise.all([
    settingsFor(
      ctx,
      workers.map((w) => countyOf(w.org_path)),
    ),
    repo.checkinsOf(ctx.db, ids, from, to),
    repo.patrolsOf(ctx.db, ids, weeks.length > 0 ? weekWindow(weeks[0]!, tz).from : from, patrolTo),
    repo.buildingsOfGrids(ctx.db, gridIds),
    performanceFigures(ctx.db, ids, { from, to, asOf: now }),
    residentRatings(ctx.db, ids, { from, to }),
    surveyRatings(ctx.db, gridIds, month),
    repo.decisionsOf(ctx.db, ids, [month]),
  ]);
  return workers.map((w) => {
    const county = countyOf(w.org_path);
    const grids = new Set(w.grids.map((g) => g.id));
    const sheet = assessmentSheet(
      {
        month,
        asOf: now,
        timeZone: tz,
        checkins: checkins.filter((c) => c.user_id === w.id),
        patrols: patrols
          .filter((p) => p.user_id === w.id)
          .map((p) => ({ startedAt: p.started_at, endedAt: p.ended_at, points: p.points.map(fix) })),
        buildings: buildings
          .filter((b) => grids.has(b.grid_id))
          .map((b) => ({ id: b.id, lng: b.lng, lat: b.lat })),
        performance: figures.get(w.id)!,
        ratings: ratings.get(w.id) ?? [],
        surveyRatings: w.grids.flatMap((g) => survey.get(g.id) ?? []),
      },
      settings.get(county)!,
    );
    const decision = decisions.find((d) => d.user_id === w.id);
    return {
      worker: { id: w.id, name: w.display_name, unit: w.unit_name, badgeNo: w.badge_no },
      month,
      county,
      score: sheet.score,
      grade: sheet.grade,
      gradeLabel: sheet.grade ? GRADE_LABELS[sheet.grade] : null,
      payCoefficient: sheet.payCoefficient,
      parts: sheet.parts,
      shares: sheet.shares,
      daily: { present: sheet.daily.present, required: sheet.daily.required },
      patrol: sheet.patrol.weeks.map(
        ({ week, patrols, minutes, distanceM, buildingsPassed, buildings, coverage, score }) => ({
          week,
          patrols,
          minutes,
          distanceM,
          buildingsPassed,
          buildings,
          coverage,
          score,
        }),
      ),
      performance: sheet.performance.figures,
      residents: { count: sheet.residents.count, mean: sheet.residents.mean },
      decision: decision ? presentDecision(decision) : null,
    };
  });
}

const fix = (p: { at: Date; lng: number; lat: number; accuracy: number | null }) => ({
  at: p.at,
  lng: p.lng,
  lat: p.lat,
  accuracy: p.accuracy,
});

/** The month asked for, or the current one; never a month that has not begun. */
function monthAsked(ctx: Context, month: string | undefined): string {
  const current = monthOf(ctx.now(), ctx.config.timezone);
  const m = month ?? current;
  if (m > current)
    throw new AppError('VALIDATION_FAILED', 'month', { zh: '该月尚未开始', en: 'month: has not begun' });
  return m;
}

/** The sheets of the workers in the caller's jurisdiction who worked in the month (audited). */
export async function listSheets(ctx: Context, actor: Actor, query: TAssessmentQuery) {
  const month = monthAsked(ctx, query.month);
  const { from } = monthWindow(month, ctx.config.timezone);
  const base = repo
    .workersQuery(ctx.db, actor, { underPath: await underPath(ctx, actor, query.under), status: 'all' })
    // on the roster in the month: not disabled before it began, not recruited after it ended
    .where((eb) => eb.or([eb('app_user.disabled_at', 'is', null), eb('app_user.disabled_at', '>=', from)]))
    .where((eb) =>
      eb.or([eb('w.recruited_on', 'is', null), eb('w.recruited_on', '<', `${nextMonth(month)}-01`)]),
    );
  const [rows, { total }] = await Promise.all([
    base
      .select(repo.workerColumns)
      .orderBy('o.code')
      .orderBy('app_user.id')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  const items = await computeSheets(ctx, rows, month);
  await auditAlone(
    ctx.db,
    actor,
    {
      action: 'field.assessment.list',
      details: { month, under: query.under ?? null, page: query.page, returned: items.length },
    },
    ctx.now(),
  );
  return { month, items, total, page: query.page, pageSize: query.pageSize };
}

/** The caller's own sheet (grid workers). */
export async function mySheet(ctx: Context, actor: Actor, month: string | undefined): Promise<TSheet> {
  const m = monthAsked(ctx, month);
  const self = actor.role === 'grid-worker' ? await repo.findWorker(ctx.db, actor, actor.id!) : undefined;
  if (!self) throw new AppError('NOT_FOUND');
  const [sheet] = await computeSheets(ctx, [self], m);
  return sheet!;
}

/** A centre's decision on a worker's month: the sheet as it stands is kept with the pay coefficient
 *  (the grade's by default), reward / penalty and deployment. Deciding again replaces the decision. */
export async function decide(ctx: Context, actor: Actor, id: string, month: string, body: TDecisionBody) {
  const m = monthAsked(ctx, month);
  const worker = await workerOr404(ctx, actor, id);
  const [sheet] = await computeSheets(ctx, [worker], m);
  if (!sheet || sheet.score === null || sheet.grade === null)
    throw new AppError('VALIDATION_FAILED', 'month', {
      zh: '该月没有可考核的记录',
      en: 'month: nothing to assess',
    });
  const now = ctx.now();
  const values = {
    org_path: worker.org_path,
    score: sheet.score,
    grade: sheet.grade,
    sheet: JSON.stringify({ ...sheet, decision: null }),
    pay_coefficient: body.payCoefficient === undefined ? sheet.payCoefficient : body.payCoefficient,
    reward_penalty: body.rewardPenalty ?? null,
    deployment: body.deployment ?? null,
    note: body.note ?? null,
    decided_by: actor.id!,
    decided_at: now,
  };
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .insertInto('field_assessment')
      .values({ user_id: id, month: `${m}-01`, ...values })
      .onConflict((oc) => oc.columns(['user_id', 'month']).doUpdateSet(values))
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        action: 'field.assessment.decide',
        targetType: 'app_user',
        targetId: id,
        orgPath: worker.org_path,
        details: { month: m, score: sheet.score, grade: sheet.grade, payCoefficient: values.pay_coefficient },
      },
      now,
    );
  });
  const [after] = await computeSheets(ctx, [worker], m);
  return after!;
}

/** A county's settings, for a caller whose jurisdiction holds it or lies inside it. */
export async function readSettings(ctx: Context, actor: Actor, county: string) {
  const [row] = await repo.countiesByCode(ctx.db, [county]);
  const path = row?.org_path;
  const isRelated =
    path !== undefined &&
    (path === actor.scopePath ||
      path.startsWith(`${actor.scopePath}.`) ||
      actor.scopePath.startsWith(`${path}.`));
  if (!row || !isRelated) throw new AppError('NOT_FOUND');
  const checked = row.settings ? checkAssessmentSettings(row.settings) : null;
  const settings = checked && 'settings' in checked ? checked.settings : DEFAULT_ASSESSMENT_SETTINGS;
  return {
    county,
    settings: settings as unknown as Record<string, unknown>,
    isDefault: !row.settings,
    defaults: DEFAULT_ASSESSMENT_SETTINGS as unknown as Record<string, unknown>,
    updatedAt: row.updated_at?.toISOString() ?? null,
  };
}

/** `change` laid over `base`, object by object; arrays and numbers replace. */
function overlay(base: unknown, change: unknown): unknown {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(base) || !isObject(change)) return change === undefined ? base : change;
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(change)) merged[key] = overlay(base[key], value);
  return merged;
}

/** Changes a county's settings — the keys given laid over those in force, the result checked whole — for
 *  a caller whose jurisdiction holds the county. */
export async function writeSettings(ctx: Context, actor: Actor, county: string, change: unknown) {
  const unit = await scopedFrom(ctx.db, actor, 'org_unit')
    .select(['org_unit.id', 'org_unit.org_path'])
    .where('org_unit.code', '=', county)
    .where('org_unit.level', '=', 'county')
    .executeTakeFirst();
  if (!unit) throw new AppError('NOT_FOUND');
  const current = (await settingsFor(ctx, [county])).get(county)!;
  const checked = checkAssessmentSettings(overlay(current, change));
  if ('problem' in checked)
    throw new AppError('VALIDATION_FAILED', `settings.${checked.problem.field}`, checked.problem.message);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const settings = JSON.stringify(checked.settings);
    await tx
      .insertInto('field_assessment_setting')
      .values({ county_id: unit.id, settings, updated_by: actor.id!, updated_at: now })
      .onConflict((oc) =>
        oc.column('county_id').doUpdateSet({ settings, updated_by: actor.id!, updated_at: now }),
      )
      .execute();
    await appendAudit(
      tx,
      actor,
      {
        action: 'field.assessment.settings',
        targetType: 'org_unit',
        targetId: unit.id,
        orgPath: unit.org_path,
        details: { county, weights: checked.settings.weights, grades: checked.settings.grades },
      },
      now,
    );
  });
  return readSettings(ctx, actor, county);
}

/** A worker's patrols in a week (named by its Monday) for the map, with the week's check and the
 *  buildings of the worker's grids marked passed or not (audited: it is where a person walked). */
export async function weekTrack(ctx: Context, actor: Actor, workerId: string, week: string) {
  if (isoWeekday(week) !== 1)
    throw new AppError('VALIDATION_FAILED', 'week', { zh: '须为周一的日期', en: 'week: must be a Monday' });
  const worker = await workerOr404(ctx, actor, workerId);
  const tz = ctx.config.timezone;
  const { from, to } = weekWindow(week, tz);
  const [settings, patrols, buildings] = await Promise.all([
    settingsFor(ctx, [countyOf(worker.org_path)]),
    repo.patrolsOf(ctx.db, [workerId], from, to),
    repo.buildingsOfGrids(
      ctx.db,
      worker.grids.map((g) => g.id),
    ),
  ]);
  const patrolSettings = settings.get(countyOf(worker.org_path))!.patrol;
  const records: PatrolRecord[] = patrols.map((p) => ({
    startedAt: p.started_at,
    endedAt: p.ended_at,
    points: p.points.map(fix),
  }));
  const placed = buildings.map((b) => ({ id: b.id, lng: b.lng, lat: b.lat }));
  const check = patrolWeekCheck(week, records, placed, patrolSettings, tz);
  const passed = new Set(records.flatMap((r) => [...buildingsPassed(placed, r.points, patrolSettings)]));
  await auditAlone(
    ctx.db,
    actor,
    {
      action: 'field.patrol.read',
      targetType: 'app_user',
      targetId: workerId,
      orgPath: worker.org_path,
      details: { week, patrols: patrols.length },
    },
    ctx.now(),
  );
  return {
    worker: { id: worker.id, name: worker.display_name },
    week,
    check: {
      patrols: check.patrols,
      minutes: check.minutes,
      distanceM: check.distanceM,
      buildings: check.buildings,
      buildingsPassed: check.buildingsPassed,
      coverage: check.coverage,
      score: check.score,
    },
    patrols: patrols.map((p) => ({
      id: p.id,
      startedAt: p.started_at.toISOString(),
      endedAt: p.ended_at?.toISOString() ?? null,
      points: p.points.map((x) => [x.lng, x.lat, x.at.getTime()] as [number, number, number]),
    })),
    buildings: buildings.map((b) => ({
      id: b.id,
      code: b.code,
      lng: b.lng,
      lat: b.lat,
      passed: passed.has(b.id),
    })),
  };
}
