import { describe, expect, it } from 'vitest';
import type { CaseCommand, TimelineEntry } from './case.ts';
import { at, centre, dept, reported } from './cases.test-support.ts';
import { CASE_RULES, type CaseRuleCode, caseErrorCode, caseFieldLabel, reject } from './messages.ts';
import { CASE_STATUS_INFO, CASE_STATUSES, open311Status } from './statuses.ts';
import { type CaseActor, RESIDENT_ACTOR, SYSTEM_ACTOR } from './steps.ts';
import { describeTimelineEntry, TIMELINE_TEXT, type TimelineKey } from './timeline.ts';
import { transition } from './transition.ts';

const FILL = {
  field: 'tasks[0].dueAt',
  step: { zh: '受理登记', en: 'register' },
  status: { zh: '处置中', en: 'in action' },
  role: { zh: '网格员', en: 'a grid worker' },
  level: { zh: '村级', en: 'village' },
  holder: { zh: '县级综治中心', en: 'county centre' },
  task: 3,
  taskStatus: { zh: '已撤回', en: 'withdrawn' },
  max: 20,
  min: 10,
};

describe('status catalogue', () => {
  it('maps every status to Open311 open or closed, with "closed, not fixed" apart from "resolved"', () => {
    expect(Object.fromEntries(CASE_STATUSES.map((s) => [s, open311Status(s)]))).toEqual({
      reported: 'open',
      registered: 'open',
      assigned: 'open',
      'in-action': 'open',
      'reported-back': 'open',
      escalated: 'open',
      returned: 'open',
      reopened: 'open',
      resolved: 'closed',
      'closed-unfixed': 'closed',
      declined: 'closed',
    });
    expect(CASE_STATUS_INFO.resolved.label).not.toEqual(CASE_STATUS_INFO['closed-unfixed'].label);
    const stages = new Set(CASE_STATUSES.map((s) => CASE_STATUS_INFO[s].stage));
    expect([...stages].sort()).toEqual([
      'act',
      'assign',
      'coordinate',
      'evaluate',
      'register',
      'report',
      'verify',
    ]);
  });
});

describe('refusal messages', () => {
  it('fill every placeholder in both languages and map to an API error family', () => {
    for (const rule of Object.keys(CASE_RULES) as CaseRuleCode[]) {
      const r = reject(rule, FILL);
      expect(r.message.zh + r.message.en, rule).not.toMatch(/[{}]/);
      expect(['CASE_STEP_FORBIDDEN', 'CASE_STEP_CONFLICT', 'INVALID_FIELD']).toContain(r.code);
      if (CASE_RULES[rule].en.includes('{field}'))
        expect(r.message.zh, rule).toContain('任务第1项的办理期限');
    }
    expect(caseErrorCode('actor.notAssignee')).toBe('CASE_STEP_FORBIDDEN');
    expect(caseErrorCode('step.status')).toBe('CASE_STEP_CONFLICT');
    expect(caseErrorCode('rating.range')).toBe('INVALID_FIELD');
    expect(caseFieldLabel('departments[2]')).toEqual({ zh: '部门第3项', en: 'departments[2]' });
  });
});

describe('timeline', () => {
  it('words every entry a case goes through, levels and sources by name', () => {
    const township = centre('township');
    const entries: TimelineEntry[] = [];
    let c = reported('village');
    const run = (command: CaseCommand, actor: CaseActor, now: Date) => {
      const r = transition(c, command, actor, now);
      if (!r.ok) expect.fail(r.rule);
      entries.push(r.change.timeline);
      c = r.case;
    };
    run({ step: 'escalate' }, SYSTEM_ACTOR, at(100));
    run({ step: 'take', note: '乡镇承接' }, township, at(110));
    run(
      { step: 'whistle', departments: ['d1', 'd2'], instructions: '联合处置', ackMinutes: 60 },
      township,
      at(120),
    );
    run({ step: 'accept', task: 1 }, dept('d1'), at(130));
    run({ step: 'report', task: 1, outcome: 'done', report: '已处理' }, dept('d1'), at(140));
    run({ step: 'report', task: 2, outcome: 'unable', report: '非本部门职责' }, dept('d2'), at(150));
    run({ step: 'resolve' }, township, at(160));
    run({ step: 'evaluate', rating: 5, comment: '很满意' }, RESIDENT_ACTOR, at(170));
    expect(describeTimelineEntry(entries[0]!)).toEqual({
      zh: '超时未办，自动上报乡镇（街道）级综治中心',
      en: 'overdue: escalated to the township centre automatically',
    });
    expect(describeTimelineEntry(entries[1]!).zh).toBe('乡镇（街道）级综治中心承接办理（乡镇承接）');
    expect(describeTimelineEntry(entries[2]!).zh).toBe('街乡吹哨：召集2个部门，须在60分钟内报到');
    expect(describeTimelineEntry(entries[7]!)).toEqual({
      zh: '群众评价5星（很满意）',
      en: 'rated 5 of 5 by the resident (很满意)',
    });
    for (const entry of entries) {
      const words = describeTimelineEntry(entry);
      expect(words.zh + words.en).not.toMatch(/[{}]/);
    }
  });

  it('has words for every key in both languages', () => {
    for (const key of Object.keys(TIMELINE_TEXT) as TimelineKey[]) {
      expect(TIMELINE_TEXT[key].zh && TIMELINE_TEXT[key].en).toBeTruthy();
    }
  });
});
