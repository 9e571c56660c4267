import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseState, CaseTask } from './case.ts';
import { at, centre, dept, LIMITS, reported, T0, walk } from './cases.test-support.ts';
import { type RollCallVerdict, taskTimeliness, whistleRollCall } from './tasks.ts';
import { transition } from './transition.ts';

const township = centre('township');

/** A township case with d1, d2 and d3 summoned at minute 10, two hours to report in. */
function summoned(): CaseState {
  return walk(reported('township'), [
    [{ step: 'register' }, township, 5],
    [
      { step: 'whistle', departments: ['d1', 'd2', 'd3'], instructions: '联合整治违建', ackMinutes: 120 },
      township,
      10,
    ],
  ]);
}

const verdicts = (c: CaseState, minutes: number) =>
  whistleRollCall(c, 1, at(minutes))?.entries.map((e) => [e.department, e.verdict]);

describe('the whistle (街乡吹哨、部门报到)', () => {
  it('is blown by a township centre holding the case, summoning departments with a report-in deadline', () => {
    const c = summoned();
    expect(c.whistles).toEqual([{ no: 1, at: at(10), ackMinutes: 120, instructions: '联合整治违建' }]);
    expect(c.tasks.map((t) => [t.assignee, t.whistle, t.ackDueAt, t.dueAt])).toEqual(
      ['d1', 'd2', 'd3'].map((id) => [{ kind: 'department', id }, 1, at(130), at(10 + LIMITS.handle)]),
    );
    expect(c.status).toBe('assigned');
    const atCounty = walk(reported('county'), [[{ step: 'register' }, centre('county'), 5]]);
    const blow = { step: 'whistle', departments: ['d1'], instructions: '报到' } as const;
    expect(transition(atCounty, blow, centre('county'), at(6))).toMatchObject({
      ok: false,
      rule: 'actor.role',
    });
    const atVillage = walk(reported('village'), [[{ step: 'register' }, centre('village'), 5]]);
    expect(transition(atVillage, blow, centre('village'), at(6))).toMatchObject({
      ok: false,
      rule: 'actor.role',
    });
    // Without its own time, the whistle uses the category's acknowledgement limit.
    const byDefault = walk(reported('township'), [
      [{ step: 'register' }, township, 5],
      [blow, township, 6],
    ]);
    expect(byDefault.tasks[0]?.ackDueAt).toEqual(at(6 + LIMITS.ack));
  });

  it('refuses a report-in time out of range and a department summoned twice', () => {
    const c = walk(reported('township'), [[{ step: 'register' }, township, 5]]);
    for (const ackMinutes of [5, 5000, 12.5])
      expect(
        transition(
          c,
          { step: 'whistle', departments: ['d1'], instructions: '报到', ackMinutes },
          township,
          at(6),
        ),
      ).toMatchObject({ ok: false, rule: 'whistle.ackMinutes', field: 'ackMinutes' });
    expect(
      transition(c, { step: 'whistle', departments: ['d1', 'd1'], instructions: '报到' }, township, at(6)),
    ).toMatchObject({ ok: false, rule: 'tasks.duplicate', field: 'departments[1]' });
    const again = { step: 'whistle', departments: ['d4', 'd2'], instructions: '再次召集' } as const;
    expect(transition(summoned(), again, township, at(20))).toMatchObject({
      ok: false,
      field: 'departments[1]',
    });
  });

  it('tells who reported in on time, late or never, as of any time', () => {
    let c = walk(summoned(), [
      [{ step: 'accept', task: 1 }, dept('d1'), 70],
      [{ step: 'accept', task: 2 }, dept('d2'), 130],
    ]);
    expect(verdicts(c, 100)).toEqual([
      ['d1', 'on-time'],
      ['d2', 'waiting'],
      ['d3', 'waiting'],
    ]);
    expect(verdicts(c, 131)).toEqual([
      ['d1', 'on-time'],
      ['d2', 'on-time'], // to the minute is on time
      ['d3', 'absent'],
    ]);
    const late = transition(c, { step: 'accept', task: 3 }, dept('d3'), at(200));
    if (!late.ok) expect.fail(late.rule);
    expect([late.change.timeline.key, late.change.timeline.params.late]).toEqual(['task.accept.whistle', 1]);
    c = late.case;
    expect(verdicts(c, 300)).toEqual([
      ['d1', 'on-time'],
      ['d2', 'on-time'],
      ['d3', 'late'],
    ]);
    // Asked about the past, the roll call does not see what came after.
    expect(verdicts(c, 150)?.[2]).toEqual(['d3', 'absent']);
    expect(whistleRollCall(c, 1, at(300))?.counts).toEqual({
      'on-time': 2,
      late: 1,
      absent: 0,
      waiting: 0,
      released: 0,
    });
    expect(whistleRollCall(c, 2, at(300))).toBeNull();
  });

  it('lets off a department withdrawn before its deadline, not one withdrawn after it', () => {
    const c = walk(summoned(), [
      [{ step: 'withdraw', task: 1, reason: '不属于该部门职责' }, township, 60],
      [{ step: 'withdraw', task: 2, reason: '超时未报到，改派' }, township, 200],
    ]);
    expect(verdicts(c, 300)).toEqual([
      ['d1', 'released'],
      ['d2', 'absent'],
      ['d3', 'absent'],
    ]);
  });

  it('then follows each department handling its part against its own deadline', () => {
    const c = walk(summoned(), [
      [{ step: 'accept', task: 1 }, dept('d1'), 20],
      [{ step: 'report', task: 1, outcome: 'done', report: '已拆除' }, dept('d1'), 600],
      [{ step: 'report', task: 2, outcome: 'done', report: '已处理' }, dept('d2'), 10 + LIMITS.handle + 1],
    ]);
    const handling = whistleRollCall(c, 1, at(10 + LIMITS.handle + 5))?.entries.map((e) => e.handling);
    expect(handling).toEqual(['on-time', 'late', 'overdue']);
    expect(c.status).toBe('in-action');
  });

  it('judges acknowledgement by a simple rule for any times', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 400 })),
        fc.option(fc.integer({ min: 0, max: 400 })),
        fc.integer({ min: 0, max: 400 }),
        (acceptedAt, withdrawnAt, now) => {
          const task: CaseTask = {
            no: 1,
            round: 1,
            assignee: { kind: 'department', id: 'd1' },
            instructions: '报到',
            whistle: 1,
            status: withdrawnAt === null ? (acceptedAt === null ? 'pending' : 'accepted') : 'withdrawn',
            assignedAt: T0,
            ackDueAt: at(120),
            dueAt: at(300),
            acceptedAt: acceptedAt === null ? null : at(acceptedAt),
            finishedAt: withdrawnAt === null ? null : at(withdrawnAt),
            report: null,
            reworks: 0,
          };
          const roll = whistleRollCall(
            { tasks: [task], whistles: [{ no: 1, at: T0, ackMinutes: 120, instructions: '' }] },
            1,
            at(now),
          );
          let expected: RollCallVerdict;
          if (acceptedAt !== null && acceptedAt <= now) expected = acceptedAt <= 120 ? 'on-time' : 'late';
          else if (withdrawnAt !== null && withdrawnAt <= now && withdrawnAt <= 120) expected = 'released';
          else expected = now > 120 ? 'absent' : 'waiting';
          expect(roll?.entries[0]?.verdict).toBe(expected);
          expect(Object.values(roll?.counts ?? {}).reduce((a, b) => a + b, 0)).toBe(1);
          expect(taskTimeliness(task, at(now)).ack).toBe(expected === 'absent' ? 'overdue' : expected);
        },
      ),
    );
  });
});
