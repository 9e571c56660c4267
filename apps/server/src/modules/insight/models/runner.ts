// Running the periodic models: each model's SQL gathers its inputs in one set-based pass, the domain's
// pure model turns them into alert candidates with the thresholds in force, and `raiseAlerts` stores the
// new ones in one short transaction. Runs hourly in every process (an advisory lock lets one work at a
// time), on an admin's demand as of any past moment, and as a dry run that writes nothing.
import {
  type AlertCandidate,
  type AlertRule,
  careNotSeen,
  careSettings,
  deviceOffline,
  effectiveSettings,
  MODEL_RULES,
  type ModelRule,
  occupancyExcess,
  quarantineBreach,
  type RuleOverride,
  unregisteredFrequent,
} from '@civgrid/domain';
import { sql } from 'kysely';
import { type Actor, systemActor } from '../../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../../platform/audit.ts';
import type { Context } from '../../../platform/context.ts';
import { startAlertEscalation } from '../../alerts/escalation.ts';
import { newCandidates, raiseAlerts } from '../../alerts/raise.ts';
import { cityRoot } from '../../org/service.ts';
import { attentionCategories, checkOverride, loadOverrides } from './settings.ts';
import { carePeople, quarantinedPeople } from './sources-people.ts';
import { deviceHealth, frequentUnregistered, occupancyUnits } from './sources-places.ts';

const LOCK = `hashtext('civgrid periodic models')`;
export const MODEL_INTERVAL_MS = 3_600_000;

/** Working memory for a model's statements: their aggregations hash a few million groups, which the
 *  default 4 MB would spill to disk. Only the one model running (under the lock) gets it. */
const MODEL_WORK_MEM = '256MB';

/** The candidates one model proposes as of `asOf` under `overrides`; its statements run in one read-only
 *  transaction (one snapshot) with more working memory. */
export async function candidatesFor(
  ctx: Context,
  rule: ModelRule,
  overrides: readonly RuleOverride[],
  asOf: Date,
): Promise<AlertCandidate[]> {
  return ctx.db.transaction().execute(async (tx) => {
    await sql`set transaction read only`.execute(tx);
    await sql`select set_config('work_mem', ${MODEL_WORK_MEM}, true)`.execute(tx);
    return candidatesIn({ ...ctx, db: tx }, rule, overrides, asOf);
  });
}

async function candidatesIn(
  ctx: Context,
  rule: ModelRule,
  overrides: readonly RuleOverride[],
  asOf: Date,
): Promise<AlertCandidate[]> {
  switch (rule) {
    case 'care-not-seen': {
      // The care categories: those with a care limit of their own, and those given one here.
      const categories = (await attentionCategories(ctx.db)).filter(
        (c) =>
          c.is_active &&
          (c.care_limit_hours !== null || overrides.some((o) => o.rule === rule && o.category === c.code)),
      );
      const settings = new Map(
        categories.map((c) => [c.code, careSettings(overrides, c.code, c.care_limit_hours)]),
      );
      const wanted = categories.filter((c) => settings.get(c.code)!.enabled).map((c) => c.code);
      const lookback = Math.max(0, ...wanted.map((c) => settings.get(c)!.lookbackDays));
      const people = await carePeople(ctx, wanted, asOf, lookback);
      return careNotSeen(people, asOf, (p) => settings.get(p.category)!);
    }
    case 'quarantine-breach': {
      const s = effectiveSettings(rule, overrides);
      if (!s.enabled) return [];
      const settings = new Map(s.categories.map((c) => [c, effectiveSettings(rule, overrides, c)]));
      const lookback = Math.max(...[...settings.values()].map((c) => c.lookbackHours));
      const people = await quarantinedPeople(ctx, s.categories, asOf, lookback);
      return quarantineBreach(people, asOf, (p) => settings.get(p.category) ?? s);
    }
    case 'occupancy-excess': {
      const s = effectiveSettings(rule, overrides);
      if (!s.enabled) return [];
      return occupancyExcess(await occupancyUnits(ctx, asOf, s.windowDays, s.minDays, s.minExcess), asOf, s);
    }
    case 'unregistered-frequent': {
      const s = effectiveSettings(rule, overrides);
      if (!s.enabled) return [];
      return unregisteredFrequent(await frequentUnregistered(ctx, asOf, s.windowDays, s.minDays, s.kinds), s);
    }
    case 'device-offline': {
      const s = effectiveSettings(rule, overrides);
      if (!s.enabled) return [];
      return deviceOffline(await deviceHealth(ctx, asOf, s.lookbackDays), asOf, s);
    }
  }
}

export interface ModelRunSummary {
  asOf: string;
  rules: Record<string, { candidates: number; raised: number; ms: number }>;
  raised: number;
  ms: number;
}

/** Runs every model as of `asOf` and raises what they find. With `wait`, waits for a run in another
 *  process to finish; without, answers null when one is under way. */
export async function runModels(
  ctx: Context,
  asOf: Date,
  by: { trigger: 'schedule' | 'admin'; actor?: Actor; wait?: boolean },
): Promise<ModelRunSummary | null> {
  const client = await ctx.pool.connect();
  try {
    if (by.wait) await client.query(`select pg_advisory_lock(${LOCK})`);
    else {
      const { rows } = await client.query<{ locked: boolean }>(
        `select pg_try_advisory_lock(${LOCK}) as locked`,
      );
      if (!rows[0]!.locked) return null;
    }
    try {
      return await runAll(ctx, asOf, by);
    } finally {
      await client.query(`select pg_advisory_unlock(${LOCK})`);
    }
  } finally {
    client.release();
  }
}

async function runAll(
  ctx: Context,
  asOf: Date,
  by: { trigger: 'schedule' | 'admin'; actor?: Actor },
): Promise<ModelRunSummary> {
  const started = Date.now();
  const startedAt = ctx.now();
  const root = await cityRoot(ctx.db);
  const actor = by.actor ?? (root ? systemActor(root, 'models') : undefined);
  const overrides = await loadOverrides(ctx.db);
  const rules: ModelRunSummary['rules'] = {};
  const found: AlertCandidate[][] = [];
  for (const rule of MODEL_RULES) {
    const t = Date.now();
    const candidates = await candidatesFor(ctx, rule, overrides, asOf);
    found.push(candidates);
    rules[rule] = { candidates: candidates.length, raised: 0, ms: Date.now() - t };
  }
  const summary = await ctx.db.transaction().execute(async (tx) => {
    const raised = actor
      ? await raiseAlerts(tx, found.flat(), { actor, now: ctx.now(), source: 'models' })
      : [];
    for (const r of raised) rules[r.rule]!.raised++;
    const result: ModelRunSummary = {
      asOf: asOf.toISOString(),
      rules,
      raised: raised.length,
      ms: Date.now() - started,
    };
    await tx
      .insertInto('model_run')
      .values({
        as_of: asOf,
        started_at: startedAt,
        finished_at: ctx.now(),
        trigger: by.trigger,
        run_by: actor?.name ?? 'system',
        summary: JSON.stringify(result),
      })
      .execute();
    if (by.trigger === 'admin' && actor)
      await appendAudit(tx, actor, { action: 'models.run', details: { ...result } }, ctx.now());
    return result;
  });
  return summary;
}

export interface DryRunResult {
  rule: AlertRule;
  asOf: string;
  /** Alerts the settings give on a clean slate. */
  candidates: number;
  /** Of those, the ones no existing alert suppresses: what a real run would raise now. */
  wouldRaise: number;
  bySeverity: Record<string, number>;
  sample: { dedupKey: string; gridId: string; summary: { zh: string; en: string } }[];
}

/** How many alerts `rule` would raise as of `asOf` with `settings` in place of its stored override (for
 *  `category`, when given). Reads only; audited. */
export async function dryRun(
  ctx: Context,
  actor: Actor,
  input: { rule: ModelRule; settings: Record<string, unknown>; category?: string | null; asOf: Date },
): Promise<DryRunResult> {
  const category = input.category ?? null;
  const stored = await loadOverrides(ctx.db);
  const settings = await checkOverride(ctx.db, input.rule, category, input.settings, stored);
  const overrides = [
    ...stored.filter((o) => !(o.rule === input.rule && o.category === category)),
    { rule: input.rule, category, settings },
  ];
  const candidates = await candidatesFor(ctx, input.rule, overrides, input.asOf);
  const fresh = await newCandidates(ctx.db, candidates, input.asOf);
  const bySeverity: Record<string, number> = {};
  for (const c of candidates) bySeverity[c.severity] = (bySeverity[c.severity] ?? 0) + 1;
  const result: DryRunResult = {
    rule: input.rule,
    asOf: input.asOf.toISOString(),
    candidates: candidates.length,
    wouldRaise: fresh.length,
    bySeverity,
    sample: candidates
      .slice(0, 20)
      .map((c) => ({ dedupKey: c.dedupKey, gridId: c.gridId, summary: c.evidence.summary })),
  };
  await auditAlone(
    ctx.db,
    actor,
    {
      action: 'models.dry-run',
      details: { rule: input.rule, category, settings, asOf: result.asOf, candidates: result.candidates },
    },
    ctx.now(),
  );
  return result;
}

/** Runs the models now and then every hour, and the alert escalation every few minutes; returns the
 *  function that stops both. */
export function startAnalysis(ctx: Context, log: (line: string) => void): () => void {
  const stopEscalation = startAlertEscalation(ctx, log);
  const run = async () => {
    try {
      const summary = await runModels(ctx, ctx.now(), { trigger: 'schedule' });
      if (summary && summary.raised > 0) log(`models: ${summary.raised} alerts raised in ${summary.ms} ms`);
    } catch (error) {
      log(`periodic models failed: ${(error as Error).message}`);
    }
  };
  void run();
  const timer = setInterval(run, MODEL_INTERVAL_MS);
  timer.unref();
  return () => {
    clearInterval(timer);
    stopEscalation();
  };
}
