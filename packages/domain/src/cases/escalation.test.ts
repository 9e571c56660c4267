import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseState } from './case.ts';
import { at, centre, dept, LIMITS, MIN, reported, T0, walk } from './cases.test-support.ts';
import { dueEscalations, type EscalationCandidate, isStepOverdue } from './escalation.ts';
import { CASE_LEVELS, CASE_STATUSES } from './statuses.ts';
import { SYSTEM_ACTOR } from './steps.ts';
import { transition } from './transition.ts';

const GRACE = 15;
const township = centre('township');
const village = centre('village');

/** What the scheduler does at `minutes`: escalate every case `dueEscalations` names. */
function tick(c: CaseState, minutes: number): CaseState {
  const due = dueEscalations([c], at(minutes), GRACE);
  if (due.length === 0) return c;
  const result = transition(c, { step: 'escalate' }, SYSTEM_ACTOR, at(minutes));
  if (!result.ok) expect.fail(result.rule);
  expect(result.change).toMatchObject({ holderTo: due[0]!.to, milestone: 'escalated' });
  expect(result.change.timeline.key).toBe('case.escalate.overdue');
  return result.case;
}

describe('step deadlines, on a fixed clock', () => {
  it('gives each status the limit of the step it waits for', () => {
    const c = reported('village');
    expect([c.stepDueAt, c.dueAt]).toEqual([at(LIMITS.register), at(LIMITS.total)]);
    const registered = walk(c, [[{ step: 'register' }, village, 30]]);
    expect(registered.stepDueAt).toEqual(at(30 + LIMITS.assign));
    const assigned = walk(registered, [
      [
        {
          step: 'assign',
          tasks: [
            { assignee: { kind: 'department', id: 'd1' }, instructions: '处理' },
            { assignee: { kind: 'department', id: 'd2' }, instructions: '处理', dueAt: at(5000) },
          ],
        },
        village,
        40,
      ],
    ]);
    expect(assigned.tasks.map((t) => [t.ackDueAt, t.dueAt])).toEqual([
      [at(40 + LIMITS.ack), at(40 + LIMITS.handle)],
      [at(40 + LIMITS.ack), at(5000)],
    ]);
    // Acting waits for the latest unfinished task.
    expect(assigned.stepDueAt).toEqual(at(5000));
    const one = walk(assigned, [[{ step: 'withdraw', task: 2, reason: '改派' }, village, 50]]);
    expect(one.stepDueAt).toEqual(at(40 + LIMITS.handle));
    const back = walk(one, [
      [{ step: 'report', task: 1, outcome: 'done', report: '已处理' }, dept('d1'), 60],
    ]);
    expect([back.status, back.stepDueAt]).toEqual(['reported-back', at(60 + LIMITS.verify)]);
    const escalated = walk(back, [[{ step: 'escalate', reason: '需上级核查' }, village, 70]]);
    expect(escalated.stepDueAt).toEqual(at(70 + LIMITS.respond));
    const closed = walk(escalated, [
      [{ step: 'take' }, township, 80],
      [{ step: 'resolve' }, township, 90],
    ]);
    expect([closed.stepDueAt, closed.evaluationDueAt]).toEqual([null, at(90 + LIMITS.evaluate)]);
  });

  it('climbs village → township → county → city by itself when nobody acts, after the grace time', () => {
    let c = reported('village');
    const firstDue = LIMITS.register + GRACE;
    expect(tick(c, firstDue)).toBe(c); // exactly at deadline + grace: still in time
    c = tick(c, firstDue + 1 / 60_000);
    expect([c.status, c.holderLevel]).toEqual(['escalated', 'township']);
    const atTownship = firstDue + 1 / 60_000;
    expect(c.stepDueAt).toEqual(at(atTownship + LIMITS.respond));
    c = tick(c, atTownship + LIMITS.respond + GRACE - 1);
    expect(c.holderLevel).toBe('township');
    c = tick(c, atTownship + LIMITS.respond + GRACE + 1);
    expect(c.holderLevel).toBe('county');
    c = tick(c, atTownship + 2 * LIMITS.respond + 2 * GRACE + 2);
    expect([c.holderLevel, c.escalations]).toEqual(['city', 3]);
    // The city is the top: its overdue cases are shown as overdue, never moved.
    expect(dueEscalations([c], at(100_000), GRACE)).toEqual([]);
    expect(isStepOverdue(c, at(100_000))).toBe(true);
  });

  it('lets the system escalate only what is overdue', () => {
    const c = reported('village');
    expect(transition(c, { step: 'escalate' }, SYSTEM_ACTOR, at(LIMITS.register))).toMatchObject({
      ok: false,
      rule: 'escalate.notDue',
    });
    expect(transition(c, { step: 'escalate' }, SYSTEM_ACTOR, at(LIMITS.register + 1)).ok).toBe(true);
  });

  it('gives a level that takes over late tasks its assign window before the case climbs again', () => {
    const late = walk(reported('village'), [
      [{ step: 'register' }, village, 1],
      [
        { step: 'assign', tasks: [{ assignee: { kind: 'department', id: 'd1' }, instructions: '处理' }] },
        village,
        2,
      ],
    ]);
    const overdueAt = 2 + LIMITS.handle + GRACE + 1;
    const escalated = tick(late, overdueAt);
    expect(escalated.holderLevel).toBe('township');
    const taken = walk(escalated, [[{ step: 'take' }, township, overdueAt + 10]]);
    expect([taken.status, taken.stepDueAt]).toEqual(['assigned', at(overdueAt + 10 + LIMITS.assign)]);
    expect(dueEscalations([taken], at(overdueAt + 10 + LIMITS.assign), GRACE)).toEqual([]);
  });
});

describe('dueEscalations', () => {
  const candidate: fc.Arbitrary<EscalationCandidate> = fc.record({
    id: fc.stringMatching(/^c[0-9]{1,3}$/),
    status: fc.constantFrom(...CASE_STATUSES),
    holderLevel: fc.constantFrom(...CASE_LEVELS),
    stepDueAt: fc.option(fc.integer({ min: -3000, max: 3000 }).map((m) => at(m))),
  });

  it('names exactly the open cases below the city more than the grace time overdue, most overdue first', () => {
    fc.assert(
      fc.property(
        fc.array(candidate, { maxLength: 30 }),
        fc.integer({ min: 0, max: 600 }),
        (cases, grace) => {
          const now = T0;
          const due = dueEscalations(cases, now, grace);
          const expected = cases.filter(
            (c) =>
              !['resolved', 'closed-unfixed', 'declined'].includes(c.status) &&
              c.holderLevel !== 'city' &&
              c.stepDueAt !== null &&
              now.getTime() - c.stepDueAt.getTime() > grace * MIN,
          );
          expect(due.map((d) => d.caseId).sort()).toEqual(expected.map((c) => c.id).sort());
          for (const d of due) {
            expect(CASE_LEVELS.indexOf(d.to)).toBe(CASE_LEVELS.indexOf(d.from) + 1);
            expect(d.overdueMinutes).toBeGreaterThanOrEqual(grace);
          }
          for (let i = 1; i < due.length; i++)
            expect(due[i - 1]!.stepDueAt.getTime()).toBeLessThanOrEqual(due[i]!.stepDueAt.getTime());
        },
      ),
    );
  });
});
