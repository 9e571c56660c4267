// Retention with a fixed clock: after the purge nothing older than the period remains, and everything
// inside it does.
import { localDay, oldestKeptDay } from '@civgrid/domain';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { purgeExpired } from '../src/modules/sensing/maintenance.ts';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

const RETENTION_DAYS = 3;
const TZ = 'Asia/Shanghai';
let h: Harness;
let key: string;
let device: string;

beforeAll(async () => {
  h = await createHarness({ retentionDays: RETENTION_DAYS });
  key = await h.apiKey();
  device = (
    await h.ctx.db.selectFrom('device').select('code').where('type', '=', 'face').executeTakeFirstOrThrow()
  ).code;
});
afterAll(() => h.close());

const send = (events: object[]) =>
  h.app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { authorization: `Bearer ${key}` },
    payload: events,
  });

describe('retention', () => {
  it('drops whole local days past the period and keeps every event inside it', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 10 * 24 * 60 }), { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 0, max: 6 * 24 * 60 }),
        async (minutesAfterStart, laterMinutes) => {
          run++;
          // Each event arrives when it happens (a device reporting live), over ten days.
          const start = new Date(h.clock.now.getTime());
          const sent: Date[] = [];
          for (const [i, m] of [...minutesAfterStart].sort((a, b) => a - b).entries()) {
            const time = new Date(start.getTime() + m * 60_000);
            h.clock.now = time;
            const answer = await send([
              { eventId: `ret${run}-${i}`, deviceCode: device, type: 'face', time: time.toISOString() },
            ]);
            expect(answer.json().accepted).toBe(1);
            sent.push(time);
          }
          h.clock.advance(laterMinutes * 60_000);
          await purgeExpired(h.ctx);
          const oldest = oldestKeptDay(h.clock.now, RETENTION_DAYS, TZ);
          const { rows } = await sql<{ time: Date }>`
            select time from sensing_event where event_id like ${`ret${run}-%`} order by time`.execute(
            h.ctx.db,
          );
          const kept = sent.filter((t) => localDay(t, TZ) >= oldest).map((t) => t.toISOString());
          expect(rows.map((r) => new Date(r.time).toISOString())).toEqual(kept);
          const older = await sql<{ n: number }>`
            select count(*)::int as n from sensing_event where time < ${new Date(`${oldest}T00:00:00+08:00`)}`.execute(
            h.ctx.db,
          );
          expect(older.rows[0]!.n).toBe(0);
        },
      ),
      { numRuns: 8 },
    );
  });

  it('purges identities and dead letters that only the expired period knew, and audits the purge', async () => {
    const idNumber = '110101199003070011';
    const before = h.clock.now.getTime();
    await send([
      { eventId: 'old-face', deviceCode: device, type: 'face', time: h.clock.now.toISOString(), idNumber },
    ]);
    await send([
      { eventId: 'old-dead', deviceCode: 'NO-SUCH', type: 'face', time: h.clock.now.toISOString() },
    ]);
    const hash = h.ctx.crypto.keyedHash(idNumber);
    const subjectCount = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from sensing_subject where hash = ${hash}`.execute(
          h.ctx.db,
        )
      ).rows[0]!.n;
    expect(await subjectCount()).toBe(1);
    h.clock.now = new Date(before + (RETENTION_DAYS + 2) * 86_400_000);
    const summary = await purgeExpired(h.ctx);
    expect(summary?.subjects).toBeGreaterThanOrEqual(1);
    expect(await subjectCount()).toBe(0);
    const dead = await sql<{
      n: number;
    }>`select count(*)::int as n from sensing_dead_letter where event_id = 'old-dead'`.execute(h.ctx.db);
    expect(dead.rows[0]!.n).toBe(0);
    await chainCommitted(h.ctx.db); // what the server's chainer does within half a second
    const audit = await sql<{ details: { subjects: number } }>`
      select details from audit_log where action = 'sensing.purge' order by seq desc limit 1`.execute(
      h.ctx.db,
    );
    expect(audit.rows[0]!.details.subjects).toBe(summary!.subjects);
    // The identity comes back as a new subject the next time it is seen.
    await send([
      { eventId: 'new-face', deviceCode: device, type: 'face', time: h.clock.now.toISOString(), idNumber },
    ]);
    expect(await subjectCount()).toBe(1);
  });
});
