import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ROLES } from '../auth/roles.ts';
import { ORG_LEVELS } from '../org/hierarchy.ts';
import { type CaseState, openCase } from './case.ts';
import {
  MODEL_WHO,
  type Model,
  type ModelActor,
  modelStep,
  modelStepDue,
} from './case-model.test-support.ts';
import { categoryLimits, DEFAULT_CASE_CATEGORIES } from './categories.ts';
import { CASE_LEVELS, CASE_STATUS_INFO, type CaseLevel } from './statuses.ts';
import { CASE_STEPS, type CaseActor, STEP_RULES } from './steps.ts';
import { statusFromTasks, unfinishedTasks } from './tasks.ts';
import { transition } from './transition.ts';

// Random step sequences by random actors through `transition()` and through the independent model in
// case-model.test-support.ts: every answer (allowed or refused, and why) and every resulting state must
// agree. Actors are drawn partly at random and partly as "the holder", "the level above", "the assignee
// of task k" — resolved against the model when the step runs — so sequences get deep into the workflow.

const T0 = Date.parse('2026-03-02T09:00:00+08:00');
const M = 60_000;

type ActorPick =
  | { pick: 'fit' | 'holder' | 'above' | 'below' | 'resident' | 'system' }
  | { pick: 'assignee'; wrongId: boolean }
  | { pick: 'random'; role: string; level: string; id: string };

/** One attempted step. `step: 'fit'` picks, when it runs, a step the model says the status allows; the
 *  step's parameters are drawn from `seed` (mostly valid, sometimes not). */
interface Attempt {
  step: string;
  actor: ActorPick;
  advance: number;
  seed: number;
}

interface Real {
  c: CaseState;
  now: number;
}

const centreRole = (level: number, admin: boolean) =>
  level >= 3 ? (admin ? 'admin' : 'city-centre') : `${CASE_LEVELS[level]}-centre`;

/** A small deterministic generator of parameter choices from one seed. */
function chooser(seed: number) {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  return {
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    of: <T>(values: readonly T[]) => values[Math.floor(next() * values.length)]!,
  };
}

const NATURAL: Record<string, ActorPick['pick']> = {
  accept: 'assignee',
  report: 'assignee',
  supervise: 'above',
  evaluate: 'resident',
};

/** How often `fit` picks each step among those the status allows: ending a case early is rare. */
const FIT_WEIGHT: Record<string, number> = { decline: 1, 'close-unfixed': 2, escalate: 3, supervise: 2 };

function resolveStep(m: Model, a: Attempt): string {
  if (a.step !== 'fit') return a.step;
  const fitting = Object.keys(MODEL_WHO).filter(
    (step) =>
      MODEL_WHO[step]!.from.includes(m.status) &&
      (step !== 'whistle' || m.holder === 1) &&
      (step !== 'escalate' || m.holder < 3) &&
      (step !== 'supervise' || m.holder < 3),
  );
  if (fitting.length === 0) return chooser(a.seed).of(Object.keys(MODEL_WHO));
  const weighted = fitting.flatMap((step) => Array.from({ length: FIT_WEIGHT[step] ?? 5 }, () => step));
  return chooser(a.seed ^ 0x9e3779b9).of(weighted);
}

function resolveActor(m: Model, step: string, a: ActorPick, seed: number): ModelActor {
  const c = chooser(seed ^ 0x85ebca6b);
  let pick = a.pick;
  if (pick === 'fit')
    pick = (c.chance(0.8) && NATURAL[step]) || (step === 'escalate' && c.chance(0.3) ? 'system' : 'holder');
  if (pick === 'resident' || pick === 'system') return { kind: pick };
  if (pick === 'holder' || pick === 'above' || pick === 'below') {
    const level = Math.max(0, Math.min(3, m.holder + (pick === 'above' ? 1 : pick === 'below' ? -1 : 0)));
    return { kind: 'staff', role: centreRole(level, c.chance(0.3)), level: CASE_LEVELS[level]!, id: 'op' };
  }
  if (pick === 'assignee') {
    const tasks = m.tasks.filter(
      (t) => t.round === m.round && (t.st === 'pending' || t.st === 'accepted' || c.chance(0.2)),
    );
    const t = tasks.length > 0 ? c.of(tasks) : undefined;
    if (!t) return { kind: 'staff', role: 'department', level: 'township', id: 'd1' };
    const level = t.kind === 'department' ? 'township' : t.kind === 'grid-worker' ? 'grid' : 'village';
    return { kind: 'staff', role: t.kind, level, id: 'wrongId' in a && a.wrongId ? 'zz' : t.id };
  }
  const r = a as Extract<ActorPick, { pick: 'random' }>;
  return { kind: 'staff', role: r.role, level: r.level, id: r.id };
}

function buildCommand(
  m: Model,
  step: string,
  seed: number,
  actor: ModelActor,
  now: number,
): Record<string, unknown> {
  const c = chooser(seed);
  const text = () => (c.chance(0.93) ? '核实后处理' : c.of(['', '  ', 7]));
  const due = () =>
    c.chance(0.6) ? undefined : new Date(now + c.of([-30, 0, 30, 600, 3000, 3000, 3000]) * M);
  const tasks = m.tasks.filter((t) => t.round === m.round);
  const mine = tasks.filter((t) => actor.kind === 'staff' && t.id === actor.id);
  const taskNo = () => {
    if (c.chance(0.04) || tasks.length === 0) return c.of([999, 0, '1']);
    return (mine.length > 0 && c.chance(0.8) ? c.of(mine) : c.of(tasks)).no;
  };
  const p: Record<string, unknown> = { step };
  switch (step) {
    case 'register':
    case 'resolve':
    case 'take':
      if (c.chance(0.5)) p.note = c.chance(0.9) ? '已核实' : 7;
      break;
    case 'decline':
    case 'close-unfixed':
    case 'withdraw':
      p.reason = text();
      p.task = taskNo();
      break;
    case 'escalate':
      if (actor.kind !== 'system' || c.chance(0.3)) p.reason = text();
      break;
    case 'return':
      p.instructions = text();
      p.supervise = c.chance(0.4);
      break;
    case 'supervise':
      p.note = text();
      p.dueAt = due();
      break;
    case 'assign': {
      const n = c.chance(0.03) ? c.of([0, 21]) : 1 + c.int(3);
      p.tasks = Array.from({ length: n }, () => {
        const kind = c.of([
          'department',
          'department',
          'grid-worker',
          'police',
          c.chance(0.1) ? 'mayor' : 'police',
        ]);
        const ids =
          kind === 'department' ? ['d1', 'd2', 'd3'] : kind === 'grid-worker' ? ['g1', 'g2'] : ['p1'];
        return {
          assignee: { kind, id: c.chance(0.98) ? c.of(ids) : '' },
          instructions: text(),
          dueAt: due(),
        };
      });
      break;
    }
    case 'whistle':
      p.departments = Array.from({ length: c.chance(0.03) ? 0 : 1 + c.int(3) }, () =>
        c.chance(0.97) ? c.of(['d1', 'd2', 'd3']) : '',
      );
      p.instructions = text();
      if (c.chance(0.4)) p.ackMinutes = c.of([5, 30, 120, 120, 5000, 12.5]);
      p.dueAt = due();
      break;
    case 'accept':
      p.task = taskNo();
      break;
    case 'report':
      p.task = taskNo();
      p.outcome = c.chance(0.95) ? c.of(['done', 'done', 'done', 'unable']) : 'maybe';
      p.report = text();
      break;
    case 'rework': {
      const finished = tasks.filter((t) => t.st === 'done' || t.st === 'unable');
      const picks = finished.length > 0 && c.chance(0.9) ? finished.filter(() => c.chance(0.6)) : [];
      p.tasks = picks.length > 0 ? picks.map((t) => t.no) : Array.from({ length: c.int(3) }, taskNo);
      if (c.chance(0.05)) (p.tasks as unknown[]).push((p.tasks as unknown[])[0]);
      p.reason = text();
      p.dueAt = due();
      break;
    }
    case 'evaluate':
      if (c.chance(0.9)) p.rating = c.chance(0.95) ? c.of([1, 2, 2, 3, 4, 5]) : c.of([0, 6, 2.5, '4']);
      if (c.chance(0.2)) p.notSatisfied = c.chance(0.7);
      if (c.chance(0.3)) p.comment = '态度很好';
      break;
  }
  for (const key of Object.keys(p)) if (p[key] === undefined) delete p[key];
  return p;
}

/** What the model tracks, read off the real case. */
function project(c: CaseState) {
  return {
    status: c.status,
    holder: CASE_LEVELS.indexOf(c.holderLevel),
    origin: CASE_LEVELS.indexOf(c.originLevel),
    round: c.round,
    reopens: c.reopenCount,
    escalations: c.escalations,
    whistles: c.whistles.length,
    tasks: c.tasks.map((t) => ({
      no: t.no,
      round: t.round,
      kind: t.assignee.kind,
      id: t.assignee.id,
      st: t.status,
      ackDue: t.ackDueAt.getTime(),
      due: t.dueAt.getTime(),
      whistle: t.whistle,
    })),
    since: c.statusSince.getTime(),
    handover: c.handoverAt?.getTime() ?? null,
    last: c.updatedAt.getTime(),
    dueAt: c.dueAt.getTime(),
    stepDue: c.stepDueAt?.getTime() ?? null,
    evalDue: c.evaluationDueAt?.getTime() ?? null,
    evaluated: c.evaluation !== null,
    supervised: c.supervision !== null,
  };
}

function projectModel(m: Model) {
  const { limits: _limits, ...rest } = m;
  return { ...rest, stepDue: modelStepDue(m) };
}

/** What holds of every reachable case, whatever the path: the first broken invariant, or null. */
function brokenInvariant(c: CaseState): string | null {
  const isOpen = CASE_STATUS_INFO[c.status].type === 'open';
  const byTasks = statusFromTasks(c);
  if ((c.closedAt === null) !== isOpen) return 'closedAt is set exactly when closed';
  if ((c.stepDueAt === null) !== !isOpen) return 'a step deadline exactly when open';
  if (CASE_LEVELS.indexOf(c.holderLevel) < CASE_LEVELS.indexOf(c.originLevel))
    return 'never held below its origin';
  if (c.status === 'escalated' && c.holderLevel === c.originLevel)
    return 'escalated means held above the origin';
  if (['assigned', 'in-action', 'reported-back'].includes(c.status) && byTasks !== c.status)
    return 'status follows tasks';
  if (['registered', 'returned', 'reopened'].includes(c.status) && byTasks !== null)
    return 'no live tasks awaiting assignment';
  if (!isOpen && unfinishedTasks(c).length > 0) return 'no unfinished task on a closed case';
  if (c.tasks.some((t, i) => t.no !== i + 1)) return 'tasks numbered 1, 2, 3 …';
  if (c.evaluation !== null && c.evaluationDueAt !== null) return 'no rating period after the rating';
  return null;
}

function expectInvariants(c: CaseState) {
  const broken = brokenInvariant(c);
  if (broken !== null) expect.fail(`${broken}: ${JSON.stringify(c)}`);
}

const EARLY_RULES = ['step.unknown', 'clock.backwards', 'actor.role', 'actor.level', 'step.status'];
const covered = new Set<string>();
let sequences = 0;
let steps = 0;
let accepted = 0;

class StepCommand implements fc.Command<Model, Real> {
  constructor(readonly a: Attempt) {}
  check = () => true;
  run(m: Model, r: Real) {
    const now = r.now + this.a.advance * M;
    const step = resolveStep(m, this.a);
    const actor = resolveActor(m, step, this.a.actor, this.a.seed);
    const command = buildCommand(m, step, this.a.seed, actor, now);
    const expected = modelStep(m, command, actor, now);
    const actual = transition(r.c, command as never, actor as CaseActor, new Date(now));
    steps += 1;
    r.now = Math.max(r.now, now);
    // Plain checks first, `expect` only to report a failure: vitest's expect is slow over 100,000 steps.
    if (!expected.ok) {
      if (actual.ok)
        expect.fail(`${command.step} by ${JSON.stringify(actor)} should be refused (${expected.rule})`);
      const ruleAgrees =
        expected.rule === null ? !EARLY_RULES.includes(actual.rule) : actual.rule === expected.rule;
      if (!ruleAgrees)
        expect(actual.rule, `${command.step} by ${JSON.stringify(actor)}`).toBe(
          expected.rule ?? 'a later rule',
        );
      if (!(actual.message.zh && actual.message.en)) expect(actual.message).toBe('in both languages');
      return;
    }
    if (!actual.ok) expect.fail(`${command.step} by ${JSON.stringify(actor)} refused: ${actual.rule}`);
    accepted += 1;
    const rule = STEP_RULES[actual.change.step as keyof typeof STEP_RULES];
    if (!rule.to.includes(actual.change.to)) expect(rule.to).toContain(actual.change.to);
    covered.add(`${command.step} ${r.c.status}`);
    Object.assign(m, expected.next);
    r.c = actual.case;
    const real = project(r.c);
    const modelled = projectModel(m);
    if (JSON.stringify(real) !== JSON.stringify(modelled)) expect(real).toEqual(modelled);
    expectInvariants(r.c);
  }
  toString = () =>
    `${this.a.step}(${JSON.stringify(this.a.actor)}, +${this.a.advance}m, seed ${this.a.seed})`;
}

const actorPick: fc.Arbitrary<ActorPick> = fc.oneof(
  { weight: 14, arbitrary: fc.constant({ pick: 'fit' as const }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...(['holder', 'above', 'below', 'resident', 'system'] as const).map((pick) => ({ pick })),
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      { pick: 'assignee' as const, wrongId: false },
      { pick: 'assignee' as const, wrongId: true },
    ),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      pick: fc.constant('random' as const),
      role: fc.constantFrom(...ROLES),
      level: fc.constantFrom(...ORG_LEVELS),
      id: fc.constantFrom('op', 'd1', 'g1', 'p1'),
    }),
  },
);
const attempt: fc.Arbitrary<Attempt> = fc.record({
  step: fc.oneof(
    { weight: 4, arbitrary: fc.constant('fit') },
    { weight: 2, arbitrary: fc.constantFrom(...CASE_STEPS) },
    { weight: 1, arbitrary: fc.constantFrom('register', 'assign', 'accept', 'report', 'dance') },
  ),
  actor: actorPick,
  advance: fc.oneof(
    { weight: 3, arbitrary: fc.constant(0) },
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 180 }) },
    { weight: 3, arbitrary: fc.integer({ min: 181, max: 8 * 24 * 60 }) },
    { weight: 1, arbitrary: fc.constant(-1) },
  ),
  seed: fc.nat(),
});

const start = fc.record({
  level: fc.constantFrom(...CASE_LEVELS),
  category: fc.constantFrom(...DEFAULT_CASE_CATEGORIES.map((c) => c.code)),
  urgent: fc.boolean(),
});

describe('case workflow against a simple model', () => {
  it('agrees on every step of thousands of random sequences by random roles and levels', () => {
    fc.assert(
      fc.property(
        start,
        fc.commands([attempt.map((a) => new StepCommand(a))], { maxCommands: 80, size: 'max' }),
        (s, cmds) => {
          sequences += 1;
          const limits = categoryLimits(DEFAULT_CASE_CATEGORIES, s.category, s.urgent ? 'urgent' : 'normal')!;
          const opened = openCase(
            { id: 'c', source: 'portal', level: s.level as CaseLevel, priority: 'normal', limits },
            { kind: 'system' },
            new Date(T0),
          );
          if (!opened.ok) expect.fail(opened.rule);
          const level = CASE_LEVELS.indexOf(s.level as CaseLevel);
          const model: Model = {
            status: 'reported',
            holder: level,
            origin: level,
            round: 1,
            reopens: 0,
            escalations: 0,
            whistles: 0,
            tasks: [],
            since: T0,
            handover: null,
            last: T0,
            dueAt: T0 + limits.total * M,
            evalDue: null,
            evaluated: false,
            supervised: false,
            limits,
          };
          fc.modelRun(() => ({ model, real: { c: opened.case, now: T0 } }), cmds);
        },
      ),
      { numRuns: 2500 },
    );
  }, 120_000);

  it('exercised every row of the table from every status it starts from', () => {
    const missing = CASE_STEPS.flatMap((step) =>
      STEP_RULES[step].from
        .filter((from) => !covered.has(`${step} ${from}`))
        .map((from) => `${step} ${from}`),
    );
    expect(missing).toEqual([]);
  });

  afterAll(() => {
    console.info(
      `case model: ${sequences} sequences, ${steps} steps, ${accepted} accepted, ${covered.size} step/status pairs`,
    );
  });
});
