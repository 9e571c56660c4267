import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ALERT_STATUSES,
  type AlertCommand,
  type AlertStatus,
  dueAlertEscalations,
  isOpenAlertStatus,
  isSuppressed,
  type PriorAlert,
  stepAlert,
} from './alert.ts';

const ASOF = new Date('2026-03-10T12:00:00+08:00');
const H = 3_600_000;

describe('alert life cycle', () => {
  it('acknowledges new and dispatched alerts; resolves and calls false alarms with a note', () => {
    expect(stepAlert('dispatched', 'acknowledge', null)).toEqual({ ok: true, status: 'acknowledged' });
    expect(stepAlert('new', 'resolve', '已上门，本人平安')).toEqual({ ok: true, status: 'resolved' });
    expect(stepAlert('acknowledged', 'false-alarm', '设备误识别')).toEqual({
      ok: true,
      status: 'false-alarm',
    });
    expect(stepAlert('acknowledged', 'resolve', '  ')).toMatchObject({
      ok: false,
      code: 'ALERT_NOTE_REQUIRED',
    });
    expect(stepAlert('acknowledged', 'acknowledge', null)).toMatchObject({
      ok: false,
      code: 'ALERT_STATE_CONFLICT',
    });
  });

  it('a closed alert takes no step; an open one reaches only the statuses the table allows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALERT_STATUSES),
        fc.constantFrom<AlertCommand>('acknowledge', 'resolve', 'false-alarm'),
        fc.option(fc.string(), { nil: null }),
        (status: AlertStatus, command, note) => {
          const result = stepAlert(status, command, note);
          if (!isOpenAlertStatus(status)) expect(result.ok).toBe(false);
          if (!result.ok) return;
          expect(result.status).toBe(
            command === 'acknowledge' ? 'acknowledged' : command === 'resolve' ? 'resolved' : 'false-alarm',
          );
          if (command !== 'acknowledge') expect(note?.trim()).toBeTruthy();
        },
      ),
    );
  });
});

describe('deduplication', () => {
  it('an open alert of the same situation, or a closed one that handled it, suppresses the candidate', () => {
    const candidate = { situationAt: new Date(ASOF.getTime() - 50 * H), quietHours: 0 };
    const prior = (
      status: AlertStatus,
      situationHoursAgo: number,
      closedHoursAgo: number | null,
    ): PriorAlert => ({
      status,
      situationAt: new Date(ASOF.getTime() - situationHoursAgo * H),
      closedAt: closedHoursAgo === null ? null : new Date(ASOF.getTime() - closedHoursAgo * H),
    });
    expect(isSuppressed(candidate, [], ASOF)).toBe(false);
    expect(isSuppressed(candidate, [prior('dispatched', 80, null)], ASOF)).toBe(true);
    expect(isSuppressed(candidate, [prior('resolved', 50, 1)], ASOF)).toBe(true);
    // seen again since, and gone again: a new situation
    expect(isSuppressed(candidate, [prior('resolved', 100, 60)], ASOF)).toBe(false);
    expect(isSuppressed({ ...candidate, quietHours: 72 }, [prior('false-alarm', 100, 60)], ASOF)).toBe(true);
  });

  it('equals its definition on random histories', () => {
    const arbPrior = fc.record({
      status: fc.constantFrom(...ALERT_STATUSES),
      situation: fc.integer({ min: 0, max: 200 }),
      closed: fc.integer({ min: 0, max: 200 }),
    });
    fc.assert(
      fc.property(
        fc.array(arbPrior, { maxLength: 5 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 100 }),
        (raw, situation, quietHours) => {
          const prior = raw.map((p) => ({
            status: p.status,
            situationAt: new Date(ASOF.getTime() - p.situation * H),
            closedAt: isOpenAlertStatus(p.status) ? null : new Date(ASOF.getTime() - p.closed * H),
          }));
          const expected = raw.some((p) =>
            isOpenAlertStatus(p.status) ? true : p.situation <= situation || p.closed < quietHours,
          );
          expect(
            isSuppressed({ situationAt: new Date(ASOF.getTime() - situation * H), quietHours }, prior, ASOF),
          ).toBe(expected);
        },
      ),
    );
  });
});

describe('escalation', () => {
  it('hands unacknowledged alerts past their deadline at the grid to the township, once', () => {
    const due = dueAlertEscalations(
      [
        { id: '1', status: 'dispatched', level: 'grid', ackDueAt: new Date(ASOF.getTime() - 1) },
        { id: '2', status: 'new', level: 'grid', ackDueAt: new Date(ASOF.getTime() - H) },
        { id: '3', status: 'dispatched', level: 'grid', ackDueAt: ASOF },
        { id: '4', status: 'acknowledged', level: 'grid', ackDueAt: new Date(ASOF.getTime() - H) },
        { id: '5', status: 'dispatched', level: 'township', ackDueAt: new Date(ASOF.getTime() - H) },
        { id: '6', status: 'resolved', level: 'grid', ackDueAt: new Date(ASOF.getTime() - H) },
      ],
      ASOF,
    );
    expect(due).toEqual(['1', '2']);
  });
});
