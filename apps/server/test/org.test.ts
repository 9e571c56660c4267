import { isGridCode, polygonContains } from '@civgrid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let admin: string;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.login('admin');
});
afterAll(() => h.close());

const get = (url: string, cookie = admin) => h.app.inject({ method: 'GET', url, headers: { cookie } });

describe('hierarchy', () => {
  it('walks city → county → township → village → grid with ltree paths', async () => {
    let [unit] = (await get('/api/v1/org/units')).json().units;
    const levels = [unit.level];
    while (unit.childCount > 0) {
      const { units } = (await get(`/api/v1/org/units?parent=${unit.code}`)).json();
      expect(units.every((u: { parentCode: string }) => u.parentCode === unit.code)).toBe(true);
      unit = units[0];
      levels.push(unit.level);
    }
    expect(levels).toEqual(['city', 'county', 'township', 'village', 'grid']);
    const detail = (await get(`/api/v1/org/units/${unit.code}`)).json();
    expect(detail.ancestors.map((a: { level: string }) => a.level)).toEqual([
      'city',
      'county',
      'township',
      'village',
    ]);
    expect(detail.counts.grids).toBe(1);
    expect(detail.counts.residents).toBeGreaterThan(0);
    const path = await h.ctx.db
      .selectFrom('org_unit')
      .select('org_path')
      .where('code', '=', unit.code)
      .executeTakeFirstOrThrow();
    expect(path.org_path.split('.')).toEqual([
      ...detail.ancestors.map((a: { code: string }) => a.code),
      unit.code,
    ]);
  });

  it('lists grids in the contract shape', async () => {
    const { grids, total } = (await get('/api/v1/org/grids')).json();
    expect(total).toBe(grids.length);
    for (const g of grids) {
      expect(isGridCode(g.code)).toBe(true);
      expect(g).toEqual({
        code: g.code,
        name: expect.any(String),
        village: expect.any(String),
        township: expect.any(String),
        county: expect.any(String),
      });
    }
  });

  it('draws grids as GeoJSON and finds the grid that holds a point', async () => {
    const map = (await get('/api/v1/org/map')).json();
    expect(map.type).toBe('FeatureCollection');
    const feature = map.features[0];
    const [[west, south], , [east, north]] = feature.geometry.coordinates[0];
    const centre: [number, number] = [(west + east) / 2, (south + north) / 2];
    expect(polygonContains(feature.geometry, centre)).toBe(true);
    const located = (await get(`/api/v1/org/locate?lng=${centre[0]}&lat=${centre[1]}`)).json();
    expect(located.grid.code).toBe(feature.properties.code);
    expect((await get('/api/v1/org/locate?lng=10&lat=10')).statusCode).toBe(404);
  });

  it('places every building inside the polygon of its grid', async () => {
    const rows = await h.ctx.db
      .selectFrom('building as b')
      .innerJoin('org_unit as g', 'g.id', 'b.grid_id')
      .select(['b.lng', 'b.lat', 'g.boundary', 'g.org_path', 'b.org_path as building_path'])
      .execute();
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) {
      expect(polygonContains(r.boundary as never, [r.lng, r.lat])).toBe(true);
      expect(r.building_path).toBe(r.org_path);
    }
  });

  it('answers bad input with a 400 naming the field, not a 500', async () => {
    const response = await get('/api/v1/org/locate?lng=abc&lat=39.5');
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'lng' });
  });

  it('keeps personal data out of a database dump: identity and phone numbers are encrypted', async () => {
    const person = await h.ctx.db
      .selectFrom('person')
      .select(['id_number_enc', 'id_number_mask', 'phone_enc'])
      .where('phone_enc', 'is not', null)
      .executeTakeFirstOrThrow();
    const idNumber = h.ctx.crypto.decrypt(person.id_number_enc);
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(person.id_number_enc.toString('latin1')).not.toContain(idNumber);
    expect(person.id_number_mask).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
  });
});
