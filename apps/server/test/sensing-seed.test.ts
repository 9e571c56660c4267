// The seeded city's sensing side: door cards issued to the residents of buildings with a reader, the
// simulated backfill that gives a new installation something to look at, and the live feed.
import {
  accessCardNumber,
  carriesAccessCard,
  doorReaderBuildings,
  localTime,
  planCity,
  type SimEvent,
} from '@civgrid/sim';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityRoot } from '../src/modules/org/service.ts';
import { ingestEvents } from '../src/modules/sensing/ingest.ts';
import { systemActor } from '../src/platform/actor.ts';
import { startLiveSimulation } from '../src/seed/live-events.ts';
import { backfillEvents, seededPlan } from '../src/seed/seed-events.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const plan = planCity({ scale: 'test' });

/** The door cards the plan implies: residents of buildings with a reader, old enough for a card. */
function plannedCards() {
  const doors = doorReaderBuildings(plan);
  const cards: { cardNo: string; idNumber: string }[] = [];
  let ordinal = 0;
  for (const { building, houses } of plan.households())
    for (const { persons } of houses)
      for (const person of persons) {
        if (doors.has(building.code) && carriesAccessCard(person))
          cards.push({ cardNo: accessCardNumber(plan.options.seed, ordinal), idNumber: person.idNumber });
        ordinal++;
      }
  return cards;
}

const plannedFirstId = () => {
  for (const { houses } of plan.households())
    for (const { persons } of houses) if (persons.length > 0) return persons[0]!.idNumber;
  throw new Error('the plan has no residents');
};

const storedCount = async () =>
  Number((await sql<{ n: string }>`select count(*) as n from sensing_event`.execute(h.ctx.db)).rows[0]!.n);

describe('door cards', () => {
  it('are issued to the residents of buildings with a door reader, kept only as a keyed hash, in the holder’s grid', async () => {
    const planned = plannedCards();
    expect(planned.length).toBeGreaterThan(10);
    const rows = await h.ctx.db
      .selectFrom('access_card as c')
      .innerJoin('person as p', 'p.id', 'c.person_id')
      .select(['c.card_hash', 'c.org_path', 'p.org_path as personPath', 'p.id_number_hash'])
      .execute();
    expect(rows).toHaveLength(planned.length);
    const byHash = new Map(rows.map((r) => [r.card_hash.toString('hex'), r]));
    for (const { cardNo, idNumber } of planned) {
      const row = byHash.get(h.ctx.crypto.keyedHash(`card:${cardNo}`).toString('hex'));
      expect(row?.id_number_hash).toEqual(h.ctx.crypto.keyedHash(idNumber));
      expect(row?.org_path).toBe(row?.personPath);
    }
  });

  it('make a card event part of its holder’s trajectory', async () => {
    const { cardNo, idNumber } = plannedCards()[0]!;
    const door = plan.devices.find((d) => d.type === 'door')!;
    const gate = plan.devices.find((d) => d.type === 'face')!;
    const at = (minutesAgo: number) => localTime(h.clock.now.getTime() - minutesAgo * 60_000);
    const root = (await cityRoot(h.ctx.db))!;
    const event = (fields: Partial<SimEvent>) => ({ direction: 'out', confidence: null, ...fields });
    const result = await ingestEvents(
      h.ctx,
      systemActor(root, 'test'),
      [
        event({ eventId: 'card-1', deviceCode: door.code, type: 'door', time: at(12), cardNo }),
        event({ eventId: 'face-1', deviceCode: gate.code, type: 'face', time: at(9), idNumber }),
      ],
      'http',
    );
    expect(result).toMatchObject({ accepted: 2, rejected: [] });
    const city = await h.login('city');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/insight/trajectory',
      headers: { cookie: city },
      payload: {
        subject: { type: 'person', idNumber },
        from: at(60),
        to: at(0),
        purpose: { reason: 'test: a door card joins its holder' },
      },
    });
    expect(response.statusCode).toBe(200);
    expect(
      response.json().points.map((p: { deviceCode: string; type: string }) => [p.deviceCode, p.type]),
    ).toEqual([
      [door.code, 'door'],
      [gate.code, 'face'],
    ]);
  });
});

describe('simulated backfill', () => {
  let counts: Awaited<ReturnType<typeof backfillEvents>>;
  let before: number;
  beforeAll(async () => {
    before = await storedCount();
    counts = await backfillEvents(h.ctx, plan, 2);
  });

  it('stores every simulated event of the last days, none rejected', async () => {
    expect(counts.sent).toBeGreaterThan(1000);
    expect(counts).toMatchObject({ accepted: counts.sent, duplicates: 0, rejected: 0 });
    expect(await storedCount()).toBe(before + counts.sent);
    const { rows } = await sql<{ first: Date; last: Date }>`
      select min(time) as first, max(time) as last from sensing_event where event_id not in ('card-1', 'face-1')`.execute(
      h.ctx.db,
    );
    expect(rows[0]!.first.getTime()).toBeGreaterThanOrEqual(h.clock.now.getTime() - 2 * 86_400_000);
    expect(rows[0]!.last.getTime()).toBeLessThan(h.clock.now.getTime());
  });

  it('sees residents only at the devices of their own community, so one scope holds both', async () => {
    const { rows } = await sql<{ device_path: string; person_path: string }>`
      select d.org_path::text as device_path, p.org_path::text as person_path
      from sensing_event e
      join device d on d.id = e.device_id
      join sensing_subject s on s.id = e.subject_id
      join person p on p.id_number_hash = s.hash`.execute(h.ctx.db);
    expect(rows.length).toBeGreaterThan(500);
    const community = (path: string) => path.split('.').slice(0, 4).join('.');
    for (const row of rows) expect(community(row.person_path)).toBe(community(row.device_path));
    // The demo community police account's community has a smart community's devices and their events.
    const police = await h.ctx.db
      .selectFrom('app_user')
      .select('org_path')
      .where('username', '=', 'police')
      .executeTakeFirstOrThrow();
    expect(rows.some((r) => r.device_path.startsWith(`${police.org_path}.`))).toBe(true);
  });

  it('has every person and car alternately go out and come in at each device', async () => {
    const { rows } = await sql<{ device_id: string; subject_id: string; direction: string }>`
      select device_id, subject_id, direction from sensing_event
      where subject_id is not null and direction is not null and event_id not in ('card-1', 'face-1')
      order by device_id, subject_id, time`.execute(h.ctx.db);
    let turns = 0;
    for (let i = 1; i < rows.length; i++) {
      const [a, b] = [rows[i - 1]!, rows[i]!];
      if (a.device_id !== b.device_id || a.subject_id !== b.subject_id) continue;
      turns++;
      expect(b.direction).not.toBe(a.direction);
    }
    expect(turns).toBeGreaterThan(100);
  });

  it('stores nothing twice when loaded again', async () => {
    const stored = await storedCount();
    const again = await backfillEvents(h.ctx, plan, 2);
    expect(again).toEqual({ sent: counts.sent, accepted: 0, duplicates: counts.sent, rejected: 0 });
    expect(await storedCount()).toBe(stored);
  });
});

describe('the seeded plan', () => {
  it('is the one the seed recorded, or for an older database the one its first resident matches', async () => {
    expect((await seededPlan(h.ctx))?.options).toEqual(plan.options);
    await h.ctx.db.deleteFrom('app_setting').where('key', '=', 'seed.plan').execute();
    try {
      expect((await seededPlan(h.ctx))?.options).toEqual(plan.options);
      await sql`update person set id_number_hash = ${Buffer.from('not the plan')} where id = 1`.execute(
        h.ctx.db,
      );
      expect(await seededPlan(h.ctx)).toBeNull();
    } finally {
      await sql`update person set id_number_hash = ${h.ctx.crypto.keyedHash(plannedFirstId())} where id = 1`.execute(
        h.ctx.db,
      );
      await h.ctx.db
        .insertInto('app_setting')
        .values({ key: 'seed.plan', value: JSON.stringify(plan.options) })
        .execute();
    }
  });
});

describe('live feed', () => {
  it('sends the events of the time since its last tick at about the rate asked, through the pipeline', async () => {
    const feed = await startLiveSimulation(h.ctx, { rate: 5, autoStart: false });
    expect(feed).not.toBeNull();
    const stored = await storedCount();
    h.clock.advance(10 * 60_000);
    await feed!.tick();
    await feed!.stop();
    const { sent, accepted, duplicates, rejected } = feed!.counts;
    // About 5 a second for 600 seconds.
    expect(sent).toBeGreaterThan(2000);
    expect(sent).toBeLessThan(4500);
    expect(accepted + duplicates + rejected).toBe(sent);
    expect(rejected).toBe(0);
    expect(await storedCount()).toBe(stored + accepted);
  });
});
