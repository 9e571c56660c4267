import { describe, expect, it } from 'vitest';
import type { CaseCommand, CaseState } from './case.ts';
import {
  at,
  centre,
  dept,
  gridWorker,
  LIMITS,
  MIN,
  reported,
  staff,
  T0,
  walk,
} from './cases.test-support.ts';
import { isEvaluationOpen } from './escalation.ts';
import { open311Status } from './statuses.ts';
import { type CaseActor, RESIDENT_ACTOR } from './steps.ts';
import { transition } from './transition.ts';

const township = centre('township');
const village = centre('village');
const county = centre('county');
const city = centre('city');

const refusal = (c: CaseState, command: CaseCommand, actor: CaseActor, minutes: number) => {
  const result = transition(c, command, actor, at(minutes));
  if (result.ok) expect.fail(`${command.step} should be refused`);
  return result;
};

/** Registered at the township and split between two departments, both reported done. */
function reportedBack(): CaseState {
  return walk(reported('township'), [
    [{ step: 'register' }, township, 10],
    [
      {
        step: 'assign',
        tasks: [
          { assignee: { kind: 'department', id: 'd1' }, instructions: '清理占道堆物' },
          { assignee: { kind: 'department', id: 'd2' }, instructions: '查处违规经营' },
        ],
      },
      township,
      20,
    ],
    [{ step: 'accept', task: 1 }, dept('d1'), 30],
    [{ step: 'report', task: 1, outcome: 'done', report: '已清理' }, dept('d1'), 300],
    [{ step: 'report', task: 2, outcome: 'done', report: '已责令整改' }, dept('d2'), 400],
  ]);
}

describe('the closed loop', () => {
  it('runs the journey: report, split to two departments, both report back, close, rate 2/5, reopen', () => {
    let c = reported('township');
    expect([c.status, c.holderLevel, open311Status(c.status)]).toEqual(['reported', 'township', 'open']);
    const registered = transition(c, { step: 'register' }, township, at(10));
    expect(registered.ok && registered.change.milestone).toBe('registered');
    c = reportedBack();
    expect(c.status).toBe('reported-back');
    expect(c.tasks.map((t) => [t.status, t.acceptedAt?.getTime()])).toEqual([
      ['done', at(30).getTime()],
      // Reporting without a separate acceptance counts as accepted at the report.
      ['done', at(400).getTime()],
    ]);
    const closed = transition(c, { step: 'resolve', note: '现场核查已整改' }, township, at(500));
    if (!closed.ok) expect.fail(closed.rule);
    c = closed.case;
    expect([c.status, open311Status(c.status), closed.change.milestone]).toEqual([
      'resolved',
      'closed',
      'resolved',
    ]);
    expect(c.evaluationDueAt).toEqual(at(500 + LIMITS.evaluate));
    const rated = transition(
      c,
      { step: 'evaluate', rating: 2, comment: '还有堆物' },
      RESIDENT_ACTOR,
      at(600),
    );
    if (!rated.ok) expect.fail(rated.rule);
    c = rated.case;
    expect([c.status, open311Status(c.status), c.round, c.reopenCount]).toEqual(['reopened', 'open', 2, 1]);
    expect(rated.change).toMatchObject({ milestone: 'reopened', timeline: { key: 'case.evaluate.reopen' } });
    expect(rated.change.timeline.params).toMatchObject({ rating: 2, comment: '还有堆物', by: 'resident' });
    expect([c.holderLevel, c.closedAt, c.evaluation, c.dueAt]).toEqual([
      'township',
      null,
      null,
      at(600 + LIMITS.total),
    ]);
    // The old round's tasks stay on record but are no longer anyone's work.
    expect(refusal(c, { step: 'accept', task: 1 }, dept('d1'), 610).rule).toBe('step.status');
    c = walk(c, [
      [
        { step: 'assign', tasks: [{ assignee: { kind: 'department', id: 'd1' }, instructions: '彻底清理' }] },
        township,
        620,
      ],
    ]);
    expect(c.tasks.map((t) => [t.no, t.round, t.status])).toEqual([
      [1, 1, 'done'],
      [2, 1, 'done'],
      [3, 2, 'pending'],
    ]);
  });

  it('keeps "closed, not fixed" apart from "resolved"', () => {
    let c = walk(reported('village'), [
      [{ step: 'register' }, village, 5],
      [
        {
          step: 'assign',
          tasks: [{ assignee: { kind: 'grid-worker', id: 'g1' }, instructions: '上门调解' }],
        },
        village,
        6,
      ],
      [{ step: 'report', task: 1, outcome: 'unable', report: '双方拒绝调解' }, gridWorker('g1'), 60],
    ]);
    expect(c.status).toBe('reported-back');
    expect(refusal(c, { step: 'resolve' }, village, 70)).toMatchObject({
      rule: 'resolve.nothingDone',
      code: 'CASE_STEP_CONFLICT',
    });
    c = walk(c, [[{ step: 'close-unfixed', reason: '当事人拒绝调解，已告知诉讼途径' }, village, 70]]);
    expect([c.status, open311Status(c.status)]).toEqual(['closed-unfixed', 'closed']);
    c = walk(c, [[{ step: 'evaluate', rating: 4 }, RESIDENT_ACTOR, 80]]);
    expect([c.status, c.evaluation?.rating, isEvaluationOpen(c, at(81))]).toEqual([
      'closed-unfixed',
      4,
      false,
    ]);
    expect(refusal(c, { step: 'evaluate', rating: 5 }, RESIDENT_ACTOR, 90).rule).toBe('evaluate.already');
  });

  it('declines only what is not yet registered, and a declined case is not rated', () => {
    const c = walk(reported('village'), [[{ step: 'decline', reason: '重复上报' }, village, 5]]);
    expect([c.status, open311Status(c.status), c.evaluationDueAt, c.stepDueAt]).toEqual([
      'declined',
      'closed',
      null,
      null,
    ]);
    expect(refusal(c, { step: 'evaluate', rating: 1 }, RESIDENT_ACTOR, 6).rule).toBe('step.status');
    const registered = walk(reported('village'), [[{ step: 'register' }, village, 5]]);
    expect(refusal(registered, { step: 'decline', reason: '重复' }, village, 6).rule).toBe('step.status');
  });

  it('reopens on "not satisfied" without a rating, refuses ratings outside 1–5 and after the rating period', () => {
    const closed = walk(reportedBack(), [[{ step: 'resolve' }, township, 500]]);
    for (const rating of [0, 6, 2.5, Number.NaN]) {
      expect(refusal(closed, { step: 'evaluate', rating }, RESIDENT_ACTOR, 501)).toMatchObject({
        rule: 'rating.range',
        field: 'rating',
        code: 'INVALID_FIELD',
      });
    }
    expect(refusal(closed, { step: 'evaluate' }, RESIDENT_ACTOR, 501).rule).toBe('rating.range');
    expect(walk(closed, [[{ step: 'evaluate', notSatisfied: true }, RESIDENT_ACTOR, 501]]).status).toBe(
      'reopened',
    );
    expect(
      walk(closed, [[{ step: 'evaluate', rating: 5, notSatisfied: true }, RESIDENT_ACTOR, 501]]).status,
    ).toBe('reopened');
    expect(walk(closed, [[{ step: 'evaluate', rating: 3 }, RESIDENT_ACTOR, 501]]).evaluation?.rating).toBe(3);
    const last = 500 + LIMITS.evaluate;
    expect(walk(closed, [[{ step: 'evaluate', rating: 3 }, RESIDENT_ACTOR, last]]).status).toBe('resolved');
    expect(refusal(closed, { step: 'evaluate', rating: 3 }, RESIDENT_ACTOR, last + 1 / 60_000).rule).toBe(
      'evaluate.closed',
    );
    // A centre operator may record the rating of a call-back (回访); another level may not.
    const called = transition(closed, { step: 'evaluate', rating: 4 }, township, at(600));
    expect(called.ok && [called.change.timeline.key, called.case.evaluation?.by]).toEqual([
      'case.evaluate.staff',
      'staff',
    ]);
    expect(refusal(closed, { step: 'evaluate', rating: 4 }, county, 600).rule).toBe('actor.notHolder');
    expect(refusal(reported(), { step: 'evaluate', rating: 4 }, RESIDENT_ACTOR, 1).rule).toBe('step.status');
  });
});

describe('vertical coordination', () => {
  it('escalates one level at a time; the level above takes it or returns it with instructions', () => {
    let c = walk(reported('village'), [
      [{ step: 'register' }, village, 5],
      [{ step: 'escalate', reason: '涉及多个部门，村级无法处理' }, village, 10],
    ]);
    expect([c.status, c.holderLevel, c.escalations, c.holderSince]).toEqual([
      'escalated',
      'township',
      1,
      at(10),
    ]);
    expect(refusal(c, { step: 'assign', tasks: [] }, village, 11).rule).toBe('step.status');
    expect(refusal(c, { step: 'take' }, county, 11).rule).toBe('actor.notHolder');
    c = walk(c, [[{ step: 'return', instructions: '请村委会先行入户核实' }, township, 20]]);
    expect([c.status, c.holderLevel, c.instructions, c.supervision]).toEqual([
      'returned',
      'village',
      '请村委会先行入户核实',
      null,
    ]);
    c = walk(c, [
      [{ step: 'escalate', reason: '已核实，需执法部门处理' }, village, 30],
      [{ step: 'take', note: '乡镇承接' }, township, 40],
    ]);
    expect([c.status, c.holderLevel, c.handoverAt, c.instructions]).toEqual([
      'registered',
      'township',
      at(40),
      null,
    ]);
    c = walk(c, [
      [{ step: 'escalate', reason: '责任边界不清' }, township, 50],
      [{ step: 'return', instructions: '由乡镇牵头，县里督办', supervise: true }, county, 60],
    ]);
    expect([c.status, c.holderLevel]).toEqual(['returned', 'township']);
    expect(c.supervision).toEqual({ level: 'county', at: at(60), note: '由乡镇牵头，县里督办', dueAt: null });
    expect(c.escalations).toBe(3);
  });

  it('lets only a level above the holder supervise', () => {
    const c = walk(reported('township'), [[{ step: 'register' }, township, 5]]);
    expect(refusal(c, { step: 'supervise', note: '限期' }, township, 6).rule).toBe('actor.notAbove');
    expect(refusal(c, { step: 'supervise', note: '限期' }, village, 6).rule).toBe('actor.role');
    const supervised = walk(c, [[{ step: 'supervise', note: '限三日内办结', dueAt: at(3 * 1440) }, city, 6]]);
    expect(supervised.supervision).toEqual({
      level: 'city',
      at: at(6),
      note: '限三日内办结',
      dueAt: at(3 * 1440),
    });
    expect(supervised.status).toBe('registered');
    // Closing ends the supervision.
    const closed = walk(supervised, [[{ step: 'close-unfixed', reason: '不具备条件' }, township, 10]]);
    expect(closed.supervision).toBeNull();
  });

  it('keeps tasks running while a case is escalated; taking it over follows where they stand', () => {
    let c = walk(reported('village'), [
      [{ step: 'register' }, village, 5],
      [
        { step: 'assign', tasks: [{ assignee: { kind: 'police', id: 'p1' }, instructions: '巡查' }] },
        village,
        6,
      ],
      [{ step: 'accept', task: 1 }, staff('police', 'village', 'p1'), 7],
      [{ step: 'escalate', reason: '需要乡镇协调' }, village, 8],
      [{ step: 'report', task: 1, outcome: 'done', report: '已巡查' }, staff('police', 'village', 'p1'), 9],
    ]);
    expect([c.status, c.tasks[0]?.status]).toEqual(['escalated', 'done']);
    c = walk(c, [[{ step: 'take' }, township, 10]]);
    expect([c.status, c.holderLevel]).toEqual(['reported-back', 'township']);
    expect(walk(c, [[{ step: 'resolve' }, township, 11]]).status).toBe('resolved');
  });

  it('cannot escalate above the city or return below the village', () => {
    const atCity = walk(reported('county'), [[{ step: 'escalate', reason: '县级无法处理' }, county, 1]]);
    expect(atCity.holderLevel).toBe('city');
    expect(refusal(atCity, { step: 'escalate', reason: 'x' }, city, 2).rule).toBe('actor.role');
    const taken = walk(atCity, [[{ step: 'take' }, city, 2]]);
    expect(refusal(taken, { step: 'escalate' }, { kind: 'system' }, 100_000).rule).toBe('escalate.top');
  });
});

describe('refusals', () => {
  it('name the rule, the step and the status in both languages', () => {
    const c = walk(reported('village'), [[{ step: 'register' }, village, 5]]);
    expect(refusal(c, { step: 'resolve' }, gridWorker('g1'), 6)).toEqual({
      ok: false,
      code: 'CASE_STEP_FORBIDDEN',
      rule: 'actor.role',
      message: { zh: '网格员不能执行“核查结案”', en: 'verify and close: not allowed for a grid worker' },
    });
    expect(refusal(c, { step: 'register' }, village, 6).message).toEqual({
      zh: '案件已受理待交办，不能执行“受理登记”',
      en: 'register: not possible while the case is registered',
    });
    expect(refusal(c, { step: 'register' }, township, 6).rule).toBe('step.status');
    expect(refusal(c, { step: 'decline', reason: 'x' }, township, 6).rule).toBe('step.status');
    expect(refusal(c, { step: 'assign', tasks: [] }, township, 6)).toMatchObject({
      rule: 'actor.notHolder',
      message: { zh: '案件目前由村（社区）级综治中心办理，只有该级可以执行“分解交办”' },
    });
    expect(refusal(c, { step: 'assign', tasks: [] }, village, 6)).toMatchObject({
      rule: 'tasks.empty',
      field: 'tasks',
      code: 'INVALID_FIELD',
      message: { zh: '任务至少需要一项', en: 'tasks: at least one is required' },
    });
    const bad = {
      step: 'assign',
      tasks: [{ assignee: { kind: 'department', id: 'd1' }, instructions: ' ' }],
    } as const;
    expect(refusal(c, bad, village, 6)).toMatchObject({
      field: 'tasks[0].instructions',
      message: { zh: '任务第1项的办理要求不能为空' },
    });
    expect(refusal(c, { step: 'close-unfixed', reason: 'x'.repeat(2001) }, village, 6).rule).toBe(
      'text.tooLong',
    );
    expect(refusal(c, { step: 'dance' } as unknown as CaseCommand, village, 6).rule).toBe('step.unknown');
  });

  it('refuse a time before the case last changed', () => {
    const c = walk(reported('village'), [[{ step: 'register' }, village, 5]]);
    expect(
      transition(c, { step: 'close-unfixed', reason: 'x' }, village, new Date(at(5).getTime() - 1)),
    ).toMatchObject({
      ok: false,
      rule: 'clock.backwards',
    });
    expect(transition(c, { step: 'close-unfixed', reason: 'x' }, village, at(5)).ok).toBe(true);
  });

  it('never change the case they refuse', () => {
    const c = reported('village');
    const before = structuredClone(c);
    refusal(c, { step: 'resolve' }, village, 1);
    expect(c).toEqual(before);
    expect(T0.getTime() + MIN).toBe(at(1).getTime());
  });
});
