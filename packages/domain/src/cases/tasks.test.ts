import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CaseCommand, CaseState } from './case.ts';
import { at, centre, dept, LIMITS, reported, staff, walk } from './cases.test-support.ts';
import { allTasksDone, statusFromTasks } from './tasks.ts';
import { transition } from './transition.ts';
import { MAX_TASKS_PER_STEP } from './transition-tasks.ts';

const township = centre('township');
const DEPARTMENTS = ['d1', 'd2', 'd3', 'd4'];

/** A township case split between `n` departments at minute 10. */
function split(n: number): CaseState {
  const tasks = DEPARTMENTS.slice(0, n).map((id) => ({
    assignee: { kind: 'department' as const, id },
    instructions: '各自处理职责范围内的问题',
  }));
  return walk(reported('township'), [
    [{ step: 'register' }, township, 5],
    [{ step: 'assign', tasks }, township, 10],
  ]);
}

describe('split and assign', () => {
  it('moves the case on only when every task is reported, whatever the order', () => {
    const move = fc.record({
      task: fc.integer({ min: 1, max: 4 }),
      kind: fc.constantFrom('accept', 'done', 'unable', 'withdraw'),
    });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(move, { maxLength: 16 }), (n, moves) => {
        let c = split(n);
        // The plain rule: withdrawn tasks drop out; nothing left → back to awaiting assignment;
        // all reported → reported back; any started → in action; else assigned.
        const state = DEPARTMENTS.slice(0, n).map(() => 'pending');
        let minute = 20;
        for (const m of moves) {
          if (m.task > n || ['done', 'unable', 'withdrawn'].includes(state[m.task - 1]!)) continue;
          if (c.status === 'registered' || c.status === 'reported-back') break;
          const id = DEPARTMENTS[m.task - 1]!;
          const command: CaseCommand =
            m.kind === 'accept'
              ? { step: 'accept', task: m.task }
              : m.kind === 'withdraw'
                ? { step: 'withdraw', task: m.task, reason: '改派' }
                : { step: 'report', task: m.task, outcome: m.kind as 'done' | 'unable', report: '已处理' };
          const result = transition(c, command, m.kind === 'withdraw' ? township : dept(id), at(minute++));
          if (m.kind === 'accept' && state[m.task - 1] === 'accepted') {
            expect(result).toMatchObject({ ok: false, rule: 'task.status' });
            continue;
          }
          if (!result.ok) expect.fail(`${command.step} refused: ${result.rule}`);
          c = result.case;
          state[m.task - 1] = m.kind === 'accept' ? 'accepted' : m.kind === 'withdraw' ? 'withdrawn' : m.kind;
          const live = state.filter((s) => s !== 'withdrawn');
          const expected =
            live.length === 0
              ? 'registered'
              : live.every((s) => s === 'done' || s === 'unable')
                ? 'reported-back'
                : live.some((s) => s !== 'pending')
                  ? 'in-action'
                  : 'assigned';
          expect(c.status).toBe(expected);
          expect(allTasksDone(c)).toBe(expected === 'reported-back');
          expect(c.tasks.map((t) => t.status)).toEqual(state);
        }
      }),
    );
  });

  it('lets only the assignee accept or report its task', () => {
    const c = split(2);
    expect(transition(c, { step: 'accept', task: 1 }, dept('d2'), at(20))).toMatchObject({
      ok: false,
      rule: 'actor.notAssignee',
      code: 'CASE_STEP_FORBIDDEN',
    });
    // The same id under another role is someone else.
    expect(
      transition(c, { step: 'accept', task: 1 }, staff('police', 'township', 'd1'), at(20)),
    ).toMatchObject({
      ok: false,
      rule: 'actor.notAssignee',
    });
    expect(transition(c, { step: 'accept', task: 1 }, township, at(20))).toMatchObject({
      ok: false,
      rule: 'actor.role',
    });
    expect(transition(c, { step: 'accept', task: 9 }, dept('d1'), at(20))).toMatchObject({
      ok: false,
      rule: 'task.unknown',
      field: 'task',
    });
    const report = { step: 'report', task: 1, outcome: 'fixed', report: '已处理' } as unknown as CaseCommand;
    expect(transition(c, report, dept('d1'), at(20))).toMatchObject({ ok: false, rule: 'outcome.invalid' });
  });

  it('gives a handler one unfinished task at a time, and a new one once it is finished', () => {
    const c = split(1);
    const again: CaseCommand = {
      step: 'assign',
      tasks: [
        { assignee: { kind: 'grid-worker', id: 'g1' }, instructions: '协助' },
        { assignee: { kind: 'department', id: 'd1' }, instructions: '补充处理' },
      ],
    };
    expect(transition(c, again, township, at(20))).toMatchObject({
      ok: false,
      rule: 'tasks.duplicate',
      field: 'tasks[1].assignee',
    });
    const finished = walk(c, [
      [{ step: 'report', task: 1, outcome: 'unable', report: '需配合' }, dept('d1'), 30],
    ]);
    const more = walk(finished, [[again, township, 40]]);
    expect([more.status, more.tasks.map((t) => t.status)]).toEqual([
      'in-action',
      ['unable', 'pending', 'pending'],
    ]);
    const tooMany = Array.from({ length: MAX_TASKS_PER_STEP + 1 }, (_, i) => ({
      assignee: { kind: 'department' as const, id: `x${i}` },
      instructions: '处理',
    }));
    expect(transition(c, { step: 'assign', tasks: tooMany }, township, at(20))).toMatchObject({
      rule: 'tasks.tooMany',
    });
    const wrong = { step: 'assign', tasks: [{ assignee: { kind: 'mayor', id: 'm' }, instructions: 'x' }] };
    expect(transition(c, wrong as unknown as CaseCommand, township, at(20))).toMatchObject({
      rule: 'assignee.invalid',
    });
    const past: CaseCommand = {
      step: 'assign',
      tasks: [{ assignee: { kind: 'grid-worker', id: 'g2' }, instructions: '协助', dueAt: at(20) }],
    };
    expect(transition(c, past, township, at(20))).toMatchObject({
      rule: 'due.past',
      field: 'tasks[0].dueAt',
    });
  });

  it('sends reported tasks back for rework with a new deadline', () => {
    const back = walk(split(2), [
      [{ step: 'report', task: 1, outcome: 'done', report: '已处理' }, dept('d1'), 20],
      [{ step: 'report', task: 2, outcome: 'done', report: '已处理' }, dept('d2'), 30],
    ]);
    expect(back.status).toBe('reported-back');
    expect(
      transition(back, { step: 'rework', tasks: [1, 1], reason: '不到位' }, township, at(40)),
    ).toMatchObject({
      rule: 'tasks.duplicate',
    });
    const reworked = walk(back, [[{ step: 'rework', tasks: [2], reason: '现场仍有堆物' }, township, 40]]);
    expect(reworked.status).toBe('in-action');
    expect(reworked.tasks[1]).toMatchObject({
      status: 'accepted',
      report: null,
      finishedAt: null,
      reworks: 1,
    });
    expect(reworked.tasks[1]?.dueAt).toEqual(at(40 + LIMITS.handle));
    expect(reworked.stepDueAt).toEqual(at(40 + LIMITS.handle));
    expect(statusFromTasks(reworked)).toBe('in-action');
    const done = walk(reworked, [
      [{ step: 'report', task: 2, outcome: 'done', report: '已清理' }, dept('d2'), 50],
    ]);
    expect(done.status).toBe('reported-back');
  });
});
