// The seeded registers: what a newcomer's console shows — attention categories, cars, the smart
// communities' devices and the six-in-one organisations — written as the plan says, linked by id, and
// with contact phones protected exactly as residents' phones are.
import { type Polygon, plateKind, polygonContains } from '@civgrid/domain';
import { planCity } from '@civgrid/sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.login('admin');
});
afterAll(() => h.close());

const plan = planCity({ scale: 'test' });
const households = [...plan.households()];
const people = households.flatMap((x) => x.houses.flatMap((y) => y.persons));
const get = (url: string) => h.app.inject({ method: 'GET', url, headers: { cookie: admin } });
const count = async (table: 'person_tag' | 'vehicle' | 'device' | 'organisation') =>
  Number(
    (
      await h.ctx.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('seeded registers', () => {
  it('holds every tag, car, device and organisation of the plan', async () => {
    expect(await count('person_tag')).toBe(people.reduce((n, p) => n + p.tags.length, 0));
    expect(await count('vehicle')).toBe(households.reduce((n, x) => n + x.vehicles.length, 0));
    expect(await count('device')).toBe(plan.devices.length);
    expect(await count('organisation')).toBe(plan.organisations.length);
    expect(plan.devices.length).toBeGreaterThan(0);
    expect(await count('vehicle')).toBeGreaterThan(0);
  });

  it('tags the planned people, set by the seed, open-ended', async () => {
    const rows = await h.ctx.db
      .selectFrom('person_tag as t')
      .innerJoin('person as p', 'p.id', 't.person_id')
      .select([
        'p.id_number_hash',
        'p.org_path as personPath',
        't.org_path',
        't.category',
        't.set_by',
        't.valid_until',
      ])
      .execute();
    const planned = new Set(
      people.flatMap((p) =>
        p.tags.map((t) => `${h.ctx.crypto.keyedHash(p.idNumber).toString('hex')}|${t.category}`),
      ),
    );
    for (const row of rows) {
      expect(planned.has(`${row.id_number_hash.toString('hex')}|${row.category}`)).toBe(true);
      expect(row).toMatchObject({ set_by: 'seed', valid_until: null, org_path: row.personPath });
    }
  });

  it('gives every car its owner, in the owner’s grid, and the plate’s kind', async () => {
    const rows = await h.ctx.db
      .selectFrom('vehicle as v')
      .innerJoin('person as p', 'p.id', 'v.owner_person_id')
      .select(['v.plate', 'v.plate_kind', 'v.org_path', 'p.org_path as ownerPath', 'p.id_number_hash'])
      .execute();
    expect(rows).toHaveLength(await count('vehicle'));
    const owners = new Map(households.flatMap((x) => x.vehicles).map((v) => [v.plate, v.ownerIdNumber]));
    for (const row of rows) {
      expect(row.plate_kind).toBe(plateKind(row.plate));
      expect(row.org_path).toBe(row.ownerPath);
      expect(row.id_number_hash).toEqual(h.ctx.crypto.keyedHash(owners.get(row.plate)!));
    }
  });

  it('puts every device inside its grid, door readers on a building of that grid', async () => {
    const rows = await h.ctx.db
      .selectFrom('device as d')
      .innerJoin('org_unit as g', 'g.id', 'd.grid_id')
      .leftJoin('building as b', 'b.id', 'd.building_id')
      .select([
        'd.code',
        'd.type',
        'd.lng',
        'd.lat',
        'd.org_path',
        'g.org_path as gridPath',
        'g.boundary',
        'b.grid_id as buildingGrid',
        'd.grid_id',
      ])
      .execute();
    for (const row of rows) {
      expect(polygonContains(row.boundary as Polygon, [row.lng, row.lat])).toBe(true);
      expect(row.org_path).toBe(row.gridPath);
      if (row.type === 'door') expect(row.buildingGrid).toBe(row.grid_id);
      else expect(row.buildingGrid).toBeNull();
    }
    expect(new Set(rows.map((r) => r.type))).toEqual(new Set(['face', 'plate', 'door', 'wifi']));
  });

  it('files organisations under their unit and keeps contact phones only encrypted, hashed and masked', async () => {
    const rows = await h.ctx.db
      .selectFrom('organisation as o')
      .innerJoin('org_unit as u', 'u.id', 'o.unit_id')
      .select([
        'o.code',
        'o.org_path',
        'u.org_path as unitPath',
        'u.code as unitCode',
        'o.contact_phone_enc',
        'o.contact_phone_hash',
        'o.contact_phone_mask',
      ])
      .execute();
    const planned = new Map(plan.organisations.map((o) => [o.code, o]));
    for (const row of rows) {
      const organisation = planned.get(row.code)!;
      expect(row.unitCode).toBe(organisation.unitCode);
      expect(row.org_path).toBe(row.unitPath);
      expect(row.contact_phone_enc!.includes(organisation.contactPhone)).toBe(false);
      expect(h.ctx.crypto.decrypt(row.contact_phone_enc!)).toBe(organisation.contactPhone);
      expect(row.contact_phone_hash).toEqual(h.ctx.crypto.keyedHash(organisation.contactPhone));
      expect(row.contact_phone_mask).toBe(
        `${organisation.contactPhone.slice(0, 3)}****${organisation.contactPhone.slice(-4)}`,
      );
    }
  });

  it('shows the registers in the console’s lists', async () => {
    for (const register of ['vehicles', 'devices', 'organisations']) {
      const response = await get(`/api/v1/registry/${register}?pageSize=5`);
      expect(response.statusCode).toBe(200);
      expect(response.json().total).toBe(
        await count(register.slice(0, -1) as 'vehicle' | 'device' | 'organisation'),
      );
    }
    const categories = new Set(people.flatMap((p) => p.tags.map((t) => t.category)));
    for (const category of categories) {
      const { total } = (await get(`/api/v1/registry/persons?category=${category}&pageSize=5`)).json();
      expect(total).toBe(people.filter((p) => p.tags.some((t) => t.category === category)).length);
    }
  });

  it('hands out new ids after the seeded ones', async () => {
    const [grid] = plan.units.filter((u) => u.level === 'grid');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/import/buildings',
      headers: { cookie: admin, 'content-type': 'application/x-ndjson' },
      payload: JSON.stringify({
        code: 'T-SEED-B',
        gridCode: grid!.code,
        address: '测试路9号',
        lng: grid!.centre[0],
        lat: grid!.centre[1],
      }),
    });
    expect(response.json()).toMatchObject({ accepted: 1, created: 1 });
  });
});
