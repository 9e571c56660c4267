import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseState } from '../cases/case.ts';
import { at, centre, gridWorker, reported, staff, walk } from '../cases/cases.test-support.ts';
import { transition } from '../cases/transition.ts';
import { handBackTask, openTasksOf } from './hand-back.ts';

const REASON = '网格员离岗，任务退回乡镇（街道）综治中心重新派遣';
const worker = gridWorker('w1');
const police = staff('police', 'village', 'p1');

/** A case at `level` with a task for grid worker w1 (and, with `both`, one for police officer p1). */
function assigned(level: 'village' | 'township', both = false): CaseState {
  const holder = centre(level);
  const tasks = [
    { assignee: { kind: 'grid-worker' as const, id: 'w1' }, instructions: '上门核实' },
    ...(both ? [{ assignee: { kind: 'police' as const, id: 'p1' }, instructions: '协助处置' }] : []),
  ];
  return walk(reported(level), [
    [{ step: 'register' }, holder, 5],
    [{ step: 'assign', tasks }, holder, 10],
  ]);
}

describe('handing a departing worker’s task back', () => {
  it('finds the worker’s open tasks of the current round only', () => {
    const c = walk(assigned('village', true), [[{ step: 'accept', task: 1 }, worker, 20]]);
    expect(openTasksOf(c, 'w1')).toEqual([1]);
    expect(openTasksOf(c, 'p1')).toEqual([2]);
    const reported = walk(c, [[{ step: 'report', task: 1, outcome: 'done', report: '已处理' }, worker, 30]]);
    expect(openTasksOf(reported, 'w1')).toEqual([]);
  });

  it('a village case: the task is withdrawn, the case waits for assignment at the township centre', () => {
    const c = walk(assigned('village'), [[{ step: 'accept', task: 1 }, worker, 20]]);
    const result = handBackTask(c, 1, REASON, at(60));
    if (!result.ok) throw new Error(result.message.en);
    expect(result.case.tasks[0]).toMatchObject({ status: 'withdrawn', finishedAt: at(60) });
    expect(result.case).toMatchObject({
      status: 'registered',
      holderLevel: 'township',
      holderSince: at(60),
      handoverAt: at(60),
      statusSince: at(60),
    });
    // the township has the assign limit from now to hand the work to someone else
    expect(result.case.stepDueAt).toEqual(new Date(at(60).getTime() + c.limits.assign * 60_000));
    expect(result.change).toMatchObject({
      step: 'withdraw',
      holderFrom: 'village',
      holderTo: 'township',
      tasks: [1],
      milestone: null,
    });
    expect(result.change.timeline).toMatchObject({ key: 'task.withdraw', actor: { kind: 'system' } });
    expect(result.change.timeline.params).toEqual({ task: 1, reason: REASON });
    // and the township centre can assign it at once
    const township = centre('township');
    const next = transition(
      result.case,
      { step: 'assign', tasks: [{ assignee: { kind: 'grid-worker', id: 'w2' }, instructions: '接手' }] },
      township,
      at(70),
    );
    expect(next.ok).toBe(true);
  });

  it('the tasks and status change exactly as the holder’s own withdraw changes them', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('village', 'township') as fc.Arbitrary<'village' | 'township'>,
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (level, both, accepted, otherDone) => {
          let c = assigned(level, both);
          if (accepted) c = walk(c, [[{ step: 'accept', task: 1 }, worker, 20]]);
          if (both && otherDone)
            c = walk(c, [[{ step: 'report', task: 2, outcome: 'done', report: '已处理' }, police, 25]]);
          const ours = handBackTask(c, 1, REASON, at(60));
          const theirs = transition(c, { step: 'withdraw', task: 1, reason: REASON }, centre(level), at(60));
          if (!ours.ok || !theirs.ok) throw new Error('refused');
          expect(ours.case.tasks).toEqual(theirs.case.tasks);
          expect(ours.case.status).toBe(theirs.case.status);
          expect(ours.change.timeline.params).toEqual(theirs.change.timeline.params);
          if (level === 'township') expect(ours.case).toEqual(theirs.case);
        },
      ),
    );
  });

  it('an escalated case stays escalated with its holder; a task already reported or a closed case is refused', () => {
    const township = centre('township');
    const escalated = walk(assigned('village'), [
      [{ step: 'escalate', reason: '需要乡镇协调' }, centre('village'), 15],
    ]);
    const result = handBackTask(escalated, 1, REASON, at(60));
    if (!result.ok) throw new Error(result.message.en);
    expect(result.case).toMatchObject({ status: 'escalated', holderLevel: 'township' });

    const done = walk(assigned('township'), [
      [{ step: 'report', task: 1, outcome: 'done', report: '已处理' }, worker, 20],
    ]);
    expect(handBackTask(done, 1, REASON, at(60))).toMatchObject({ ok: false, rule: 'task.status' });
    const closed = walk(done, [[{ step: 'resolve' }, township, 30]]);
    expect(handBackTask(closed, 1, REASON, at(60))).toMatchObject({ ok: false, rule: 'step.status' });
    expect(handBackTask(assigned('township'), 1, '  ', at(60))).toMatchObject({
      ok: false,
      rule: 'text.required',
    });
    expect(handBackTask(assigned('township'), 1, REASON, at(1))).toMatchObject({
      ok: false,
      rule: 'clock.backwards',
    });
  });
});
