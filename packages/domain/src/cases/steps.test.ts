import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, SCOPE_LEVELS } from '../auth/roles.ts';
import { ORG_LEVELS } from '../org/hierarchy.ts';
import { ASSIGNEE_KINDS, type CaseCommand, type CaseState, type CaseTask, TASK_STATUSES } from './case.ts';
import { at, LIMITS, T0 } from './cases.test-support.ts';
import { CASE_LEVELS, CASE_STATUS_INFO, CASE_STATUSES, OPEN_CASE_STATUSES } from './statuses.ts';
import { CASE_STEPS, type CaseActor, isStepAllowedFor, STEP_RULES, stepsFor } from './steps.ts';
import { transition } from './transition.ts';

// Any case state at all — reachable or not — so the who-may rules are shown to hold whatever the case.
const task = (no: number): fc.Arbitrary<CaseTask> =>
  fc.record({
    no: fc.constant(no),
    round: fc.constantFrom(1, 2),
    assignee: fc.record({
      kind: fc.constantFrom(...ASSIGNEE_KINDS),
      id: fc.constantFrom('d1', 'g1', 'p1', 'op'),
    }),
    instructions: fc.constant('处理'),
    whistle: fc.constantFrom(null, 1),
    status: fc.constantFrom(...TASK_STATUSES),
    assignedAt: fc.constant(T0),
    ackDueAt: fc.constant(at(60)),
    dueAt: fc.constant(at(600)),
    acceptedAt: fc.constantFrom(null, at(30)),
    finishedAt: fc.constantFrom(null, at(300)),
    report: fc.constantFrom(null, '已处理'),
    reworks: fc.constant(0),
  });

const anyCase: fc.Arbitrary<CaseState> = fc
  .record({
    status: fc.constantFrom(...CASE_STATUSES),
    holder: fc.nat(3),
    origin: fc.nat(3),
    round: fc.constantFrom(1, 2),
    n: fc.nat(4),
    taskSeeds: fc.array(fc.nat(), { maxLength: 4 }),
    supervised: fc.boolean(),
    evaluated: fc.boolean(),
    stepDue: fc.constantFrom(null, at(30), at(100_000)),
  })
  .chain((s) =>
    fc.tuple(...Array.from({ length: s.n }, (_, i) => task(i + 1))).map(
      (tasks): CaseState => ({
        id: 'c',
        status: s.status,
        holderLevel: CASE_LEVELS[s.holder]!,
        originLevel: CASE_LEVELS[Math.min(s.origin, s.holder)]!,
        priority: 'normal',
        limits: LIMITS,
        openedAt: T0,
        updatedAt: T0,
        statusSince: T0,
        holderSince: T0,
        handoverAt: null,
        stepDueAt: s.stepDue,
        dueAt: at(10_000),
        round: s.round,
        tasks,
        whistles: tasks.some((t) => t.whistle === 1)
          ? [{ no: 1, at: T0, ackMinutes: 60, instructions: '报到' }]
          : [],
        escalations: 0,
        supervision: s.supervised ? { level: 'county', at: T0, note: '督办', dueAt: null } : null,
        instructions: null,
        evaluation: s.evaluated ? { rating: 4, comment: null, at: T0, by: 'resident' } : null,
        evaluationDueAt: s.evaluated ? null : at(100_000),
        reopenCount: 0,
        closedAt: CASE_STATUS_INFO[s.status].type === 'closed' ? T0 : null,
      }),
    ),
  );

const anyActor: fc.Arbitrary<CaseActor> = fc.oneof(
  fc.record({
    kind: fc.constant('staff' as const),
    role: fc.constantFrom(...ROLES),
    level: fc.constantFrom(...ORG_LEVELS),
    id: fc.constantFrom('d1', 'g1', 'p1', 'op'),
  }),
  fc.constantFrom<CaseActor>({ kind: 'resident' }, { kind: 'system' }),
);

// Plausible commands for every step, so a refusal is never merely about a missing field.
const commandFor = (step: (typeof CASE_STEPS)[number], taskNo: number): CaseCommand => {
  const due = at(50_000);
  const commands: Record<(typeof CASE_STEPS)[number], CaseCommand> = {
    register: { step: 'register' },
    decline: { step: 'decline', reason: '重复上报' },
    assign: { step: 'assign', tasks: [{ assignee: { kind: 'department', id: 'd9' }, instructions: '处理' }] },
    whistle: { step: 'whistle', departments: ['d9'], instructions: '报到' },
    accept: { step: 'accept', task: taskNo },
    report: { step: 'report', task: taskNo, outcome: 'done', report: '已处理' },
    withdraw: { step: 'withdraw', task: taskNo, reason: '改派' },
    rework: { step: 'rework', tasks: [taskNo], reason: '未处理到位' },
    resolve: { step: 'resolve' },
    'close-unfixed': { step: 'close-unfixed', reason: '不具备条件' },
    escalate: { step: 'escalate', reason: '无法解决' },
    take: { step: 'take' },
    return: { step: 'return', instructions: '请属地处理' },
    supervise: { step: 'supervise', note: '限期办结', dueAt: due },
    evaluate: { step: 'evaluate', rating: 4 },
  };
  return commands[step];
};

describe('the transition table', () => {
  it('allows no step to a role or level the table does not list, whatever the case', () => {
    fc.assert(
      fc.property(anyCase, fc.constantFrom(...CASE_STEPS), anyActor, fc.nat(5), (c, step, actor, taskNo) => {
        const result = transition(c, commandFor(step, taskNo), actor, at(120));
        const rule = STEP_RULES[step];
        const isListed =
          actor.kind === 'staff'
            ? rule.roles.includes(actor.role) &&
              rule.levels.includes(actor.level) &&
              SCOPE_LEVELS[actor.role].includes(actor.level)
            : actor.kind === 'resident'
              ? rule.resident
              : rule.system;
        expect(isStepAllowedFor(step, actor)).toBe(isListed);
        if (!isListed) {
          expect(result.ok).toBe(false);
          if (!result.ok) {
            expect(['actor.role', 'actor.level']).toContain(result.rule);
            expect(result.code).toBe('CASE_STEP_FORBIDDEN');
          }
          return;
        }
        if (result.ok) {
          expect(rule.from).toContain(c.status);
          expect(rule.to).toContain(result.case.status);
          if (actor.kind === 'staff' && rule.who === 'holder') expect(actor.level).toBe(c.holderLevel);
          if (actor.kind === 'staff' && rule.who === 'assignee')
            expect(actor.role).not.toMatch(/centre|admin/);
        } else {
          expect(['actor.role', 'actor.level']).not.toContain(result.rule);
        }
      }),
      { numRuns: 4000 },
    );
  }, 60_000);

  it('starts every step from open statuses, except the rating of a closed case', () => {
    for (const step of CASE_STEPS) {
      const rule = STEP_RULES[step];
      expect(rule.from.length).toBeGreaterThan(0);
      expect(rule.to.length).toBeGreaterThan(0);
      const closedFrom = rule.from.filter((s) => CASE_STATUS_INFO[s].type === 'closed');
      expect(closedFrom).toEqual(step === 'evaluate' ? ['resolved', 'closed-unfixed'] : []);
      expect(rule.label.zh && rule.label.en).toBeTruthy();
    }
  });

  it('reaches every status from some step, and leaves no open status without a way forward', () => {
    const reached = new Set(CASE_STEPS.flatMap((step) => STEP_RULES[step].to));
    expect([...CASE_STATUSES].filter((s) => s !== 'reported' && !reached.has(s))).toEqual([]);
    for (const status of OPEN_CASE_STATUSES) {
      const out = CASE_STEPS.filter((step) => STEP_RULES[step].from.includes(status) && step !== 'supervise');
      expect(out.length, status).toBeGreaterThan(0);
    }
  });

  it('gives each kind of user the steps of their part in the loop', () => {
    const steps = (role: (typeof ROLES)[number], level: (typeof ORG_LEVELS)[number]) =>
      stepsFor({ kind: 'staff', role, level, id: 'x' });
    expect(steps('grid-worker', 'grid')).toEqual(['accept', 'report']);
    expect(steps('department', 'county')).toEqual(['accept', 'report']);
    expect(steps('auditor', 'city')).toEqual([]);
    expect(steps('village-centre', 'village')).not.toContain('take');
    expect(steps('village-centre', 'village')).not.toContain('whistle');
    expect(steps('township-centre', 'township')).toContain('whistle');
    expect(steps('county-centre', 'county')).not.toContain('whistle');
    expect(steps('city-centre', 'city')).not.toContain('escalate');
    expect(steps('township-centre', 'county')).toEqual([]);
    expect(stepsFor({ kind: 'resident' })).toEqual(['evaluate']);
    expect(stepsFor({ kind: 'system' })).toEqual(['escalate']);
  });
});
