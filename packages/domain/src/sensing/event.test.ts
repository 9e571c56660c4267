import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../identity/id-number.ts';
import { checkSensingEvent } from './event.ts';
import { addDays, daysFrom, localDay, oldestKeptDay, startOfLocalDay } from './retention.ts';

const NOW = new Date('2026-03-01T08:00:00+08:00');
const OLDEST = new Date('2025-12-01T00:00:00+08:00');
const base = { eventId: 'e1', deviceCode: 'LF-GATE-1', time: '2026-03-01T07:59:00+08:00' };
const check = (event: object) => checkSensingEvent(event, NOW, OLDEST);

describe('checkSensingEvent', () => {
  it('accepts each type with its identity, normalised', () => {
    const id = makeIdNumber('131002', { year: 1990, month: 1, day: 1 }, 123);
    expect(check({ ...base, type: 'face', idNumber: id.toLowerCase() })).toMatchObject({
      ok: true,
      event: { identity: { kind: 'person', idNumber: id }, direction: null, confidence: null },
    });
    expect(check({ ...base, type: 'plate', plate: '冀r·5m0k3', direction: 'in' })).toMatchObject({
      ok: true,
      event: { identity: { kind: 'vehicle', plate: '冀R5M0K3' }, direction: 'in' },
    });
    expect(check({ ...base, type: 'wifi', mac: 'AA-BB-CC-DD-EE-FF' })).toMatchObject({
      event: { identity: { kind: 'device', mac: 'aa:bb:cc:dd:ee:ff' } },
    });
    expect(check({ ...base, type: 'door', cardNo: ' C0001 ' })).toMatchObject({
      event: { identity: { kind: 'card', cardNo: 'C0001' } },
    });
    // A face the camera could not match is a passage without identity, not an error.
    expect(check({ ...base, type: 'face', snapshotRef: 'nvr://x' })).toMatchObject({
      ok: true,
      event: { identity: null },
    });
  });

  it('names the rule and the field of every rejection, in Chinese and English', () => {
    const cases: [object, string, string][] = [
      [{ ...base, type: 'face', idNumber: '130682199001011235' }, 'INVALID_ID_NUMBER', 'idNumber'],
      [{ ...base, type: 'plate', plate: 'AB1234' }, 'INVALID_PLATE', 'plate'],
      [{ ...base, type: 'wifi' }, 'MISSING_IDENTITY', 'mac'],
      [{ ...base, type: 'wifi', mac: 'zz:zz' }, 'INVALID_MAC', 'mac'],
      [{ ...base, type: 'smell' }, 'INVALID_EVENT', 'type'],
      [{ ...base, type: 'face', time: '2026-03-01 08:00' }, 'INVALID_EVENT', 'time'],
      [{ ...base, type: 'face', time: '2026-03-01T09:00:00+08:00' }, 'EVENT_IN_FUTURE', 'time'],
      [{ ...base, type: 'face', time: '2025-11-30T23:59:59+08:00' }, 'EVENT_TOO_OLD', 'time'],
      [{ ...base, type: 'face', direction: 'up' }, 'INVALID_EVENT', 'direction'],
      [{ ...base, type: 'face', confidence: 1.5 }, 'INVALID_EVENT', 'confidence'],
      [{ ...base, eventId: '', type: 'face' }, 'INVALID_EVENT', 'eventId'],
    ];
    for (const [event, code, field] of cases) {
      const result = check(event);
      expect(result).toMatchObject({ ok: false, code, field });
      if (!result.ok) expect(result.message.zh && result.message.en).toBeTruthy();
    }
  });

  it('never throws, whatever arrives', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        const result = check(raw as object);
        expect(typeof result.ok).toBe('boolean');
      }),
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom(
            'eventId',
            'deviceCode',
            'type',
            'time',
            'idNumber',
            'mac',
            'plate',
            'cardNo',
            'direction',
            'confidence',
          ),
          fc.anything(),
        ),
        (raw) => {
          expect(typeof check(raw).ok).toBe('boolean');
        },
      ),
    );
  });

  it('accepts exactly the times from the oldest kept instant to five minutes ahead', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200 * 86_400_000, max: 86_400_000 }), (offset) => {
        const time = new Date(NOW.getTime() + offset);
        const result = check({ ...base, type: 'face', time: time.toISOString() });
        const expected = time >= OLDEST && offset <= 5 * 60_000;
        expect(result.ok).toBe(expected);
      }),
    );
  });
});

describe('local days', () => {
  it('puts every instant in the day whose start precedes it and whose end follows it', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }),
        (at) => {
          for (const tz of ['Asia/Shanghai', 'Europe/Berlin', 'UTC']) {
            const day = localDay(at, tz);
            expect(startOfLocalDay(day, tz).getTime()).toBeLessThanOrEqual(at.getTime());
            expect(startOfLocalDay(addDays(day, 1), tz).getTime()).toBeGreaterThan(at.getTime());
          }
        },
      ),
    );
  });

  it('keeps whole days: the oldest kept day is the retention period before today', () => {
    expect(localDay(new Date('2026-02-28T16:00:00Z'), 'Asia/Shanghai')).toBe('2026-03-01');
    expect(oldestKeptDay(NOW, 90, 'Asia/Shanghai')).toBe('2025-12-01');
    expect(startOfLocalDay('2025-12-01', 'Asia/Shanghai').toISOString()).toBe('2025-11-30T16:00:00.000Z');
    expect(daysFrom('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
  });
});
