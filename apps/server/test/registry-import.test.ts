import { makeIdNumber } from '@civgrid/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dumpDatabase } from './dump.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let admin: string;
let grid: string;
let otherGrid: string;
beforeAll(async () => {
  h = await createHarness();
  admin = await h.login('admin');
  const grids = await h.ctx.db
    .selectFrom('org_unit')
    .select('code')
    .where('level', '=', 'grid')
    .orderBy('code')
    .execute();
  grid = grids[0]!.code;
  otherGrid = grids.at(-1)!.code;
});
afterAll(() => h.close());

const ndjson = (rows: unknown[]) =>
  rows.map((r) => (typeof r === 'string' ? r : JSON.stringify(r))).join('\n');
const post = (
  kind: string,
  rows: unknown[],
  opts: { cookie?: string; bearer?: string; dryRun?: boolean; lang?: string } = {},
) =>
  h.app.inject({
    method: 'POST',
    url: `/api/v1/import/${kind}${opts.dryRun ? '?dryRun=true' : ''}`,
    headers: {
      'content-type': 'application/x-ndjson',
      'accept-language': opts.lang ?? 'en',
      ...(opts.bearer ? { authorization: `Bearer ${opts.bearer}` } : { cookie: opts.cookie ?? admin }),
    },
    payload: ndjson(rows),
  });

const id = (seq: number, year = 1985) => makeIdNumber('131002', { year, month: 3, day: 14 }, seq);

describe('importing persons', () => {
  it('keeps every valid line and names each rejected line, its field and rule', async () => {
    const bad = id(2).slice(0, 17) + (id(2).endsWith('0') ? '1' : '0');
    const response = await post('persons', [
      {
        idNumber: id(1),
        name: '王秀英',
        gridCode: grid,
        phone: '13800138001',
        tags: [{ category: 'elderly-alone', reason: '子女在外地' }],
      },
      { idNumber: bad, name: '校验位错', gridCode: grid },
      { idNumber: id(3), name: '', gridCode: grid },
      'not json at all',
      { idNumber: id(4), name: '网格不存在', gridCode: 'Zz999' },
      { idNumber: id(5), name: '李建国', gridCode: grid, phone: '12345' },
      { idNumber: id(6), name: '张丽', gridCode: grid, birthDate: '1985-03-14', gender: 'female' },
      { idNumber: id(1), name: '重复行', gridCode: grid },
    ]);
    expect(response.statusCode).toBe(200);
    const result = response.json();
    expect(result).toMatchObject({ accepted: 2, created: 2, updated: 0, dryRun: false });
    expect(
      result.rejected.map((r: { line: number; code: string; field?: string }) => [r.line, r.code, r.field]),
    ).toEqual([
      [2, 'INVALID_ID_NUMBER', 'idNumber'],
      [3, 'MISSING_FIELD', 'name'],
      [4, 'INVALID_JSON', undefined],
      [5, 'UNKNOWN_GRID', 'gridCode'],
      [6, 'INVALID_PHONE', 'phone'],
      [8, 'DUPLICATE_IN_BATCH', undefined],
    ]);
    expect(result.rejected[0].message).toMatch(/check digit/);
  });

  it('answers the rule in Chinese when asked', async () => {
    const response = await post(
      'persons',
      [{ idNumber: '13100219850314001', name: '短号', gridCode: grid }],
      { lang: 'zh-CN' },
    );
    expect(response.json().rejected[0].message).toMatch(/身份证号/);
  });

  it('updates on re-import and never duplicates', async () => {
    const first = await post('persons', [
      { idNumber: id(20), name: '赵敏', gridCode: grid, phone: '13900139020' },
    ]);
    expect(first.json()).toMatchObject({ created: 1, updated: 0 });
    const again = await post('persons', [{ idNumber: id(20), name: '赵敏敏', gridCode: grid }]);
    expect(again.json()).toMatchObject({ accepted: 1, created: 0, updated: 1 });
    const rows = await h.ctx.db
      .selectFrom('person')
      .select(['name', 'phone_mask'])
      .where('id_number_hash', '=', h.ctx.crypto.keyedHash(id(20)))
      .execute();
    expect(rows).toEqual([{ name: '赵敏敏', phone_mask: '139****9020' }]); // the phone absent from the second line is kept
  });

  it('writes nothing on a dry run but reports what would happen', async () => {
    const before = await h.ctx.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const dry = await post(
      'persons',
      [
        { idNumber: id(30), name: '试运行', gridCode: grid },
        { idNumber: id(20), name: '赵敏', gridCode: grid },
      ],
      { dryRun: true },
    );
    expect(dry.json()).toMatchObject({ accepted: 2, created: 1, updated: 1, dryRun: true });
    const after = await h.ctx.db
      .selectFrom('person')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('accepts an API key and never touches a person registered outside the importer’s jurisdiction', async () => {
    const key = (
      await h.app.inject({
        method: 'POST',
        url: '/api/v1/apikeys',
        headers: { cookie: admin },
        payload: { name: 'script' },
      })
    ).json().key;
    expect(
      (
        await post('persons', [{ idNumber: id(40), name: '外区人员', gridCode: otherGrid }], { bearer: key })
      ).json().accepted,
    ).toBe(1);
    const township = await h.login('township');
    const response = await post('persons', [{ idNumber: id(40), name: '改名尝试', gridCode: grid }], {
      cookie: township,
    });
    // The township holds `grid` but not `otherGrid`, where the person is registered.
    expect(response.json()).toMatchObject({
      accepted: 0,
      rejected: [{ line: 1, code: 'REGISTERED_ELSEWHERE' }],
    });
    const row = await h.ctx.db
      .selectFrom('person')
      .select('name')
      .where('id_number_hash', '=', h.ctx.crypto.keyedHash(id(40)))
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('外区人员');
  });
});

describe('importing houses, buildings, vehicles, devices and organisations', () => {
  it('links them by code and rejects what does not resolve', async () => {
    const [g] = await h.ctx.db
      .selectFrom('org_unit')
      .select(['centre_lng', 'centre_lat', 'code'])
      .where('code', '=', grid)
      .execute();
    const at = { lng: g!.centre_lng!, lat: g!.centre_lat! };
    expect(
      (
        await post('buildings', [
          { code: 'T-B1', gridCode: grid, address: '测试路1号', ...at, floors: 6 },
          { code: 'T-B2', gridCode: grid, address: '远处', lng: 10, lat: 10 },
        ])
      ).json(),
    ).toMatchObject({
      accepted: 1,
      rejected: [{ line: 2, code: 'OUTSIDE_GRID' }],
    });
    expect(
      (
        await post('houses', [
          {
            code: 'T-H1',
            gridCode: grid,
            address: '测试路1号101',
            buildingCode: 'T-B1',
            registeredResidents: 2,
          },
          { code: 'T-H2', gridCode: grid, address: 'x', buildingCode: 'NOPE' },
        ])
      ).json(),
    ).toMatchObject({
      accepted: 1,
      rejected: [{ line: 2, code: 'UNKNOWN_BUILDING' }],
    });
    expect(
      (await post('persons', [{ idNumber: id(50), name: '房主', gridCode: grid, houseCode: 'T-H1' }])).json()
        .accepted,
    ).toBe(1);
    expect(
      (
        await post('vehicles', [
          { plate: '冀R·12345', gridCode: grid, ownerIdNumber: id(50) },
          { plate: '冀RD12345', gridCode: grid },
          { plate: '京O12345', gridCode: grid },
        ])
      ).json(),
    ).toMatchObject({
      accepted: 2,
      rejected: [{ line: 3, code: 'INVALID_PLATE' }],
    });
    expect(
      (
        await post('devices', [
          { code: 'T-DOOR', type: 'door', gridCode: grid, name: '101门禁', ...at, houseCode: 'T-H1' },
          {
            code: 'T-PHONE',
            type: 'phone',
            gridCode: grid,
            name: '手机',
            ...at,
            mac: 'AA-BB-CC-DD-EE-FF',
            ownerIdNumber: id(50),
          },
        ])
      ).json().accepted,
    ).toBe(2);
    const village = await h.ctx.db
      .selectFrom('org_unit')
      .select('code')
      .where('level', '=', 'village')
      .orderBy('code')
      .executeTakeFirstOrThrow();
    expect(
      (
        await post('organisations', [
          { code: 'T-PB', kind: 'party-branch', name: '第一网格党小组', unitCode: grid },
          {
            code: 'T-RC',
            kind: 'residents-committee',
            name: '居委会',
            unitCode: village.code,
            contactPhone: '13700137000',
          },
        ])
      ).json().accepted,
    ).toBe(2);

    const personId = (
      await h.ctx.db
        .selectFrom('person')
        .select('id')
        .where('id_number_hash', '=', h.ctx.crypto.keyedHash(id(50)))
        .executeTakeFirstOrThrow()
    ).id;
    const dossier = (
      await h.app.inject({
        method: 'GET',
        url: `/api/v1/registry/persons/${personId}`,
        headers: { cookie: admin },
      })
    ).json();
    expect(dossier.house.code).toBe('T-H1');
    expect(dossier.building.code).toBe('T-B1');
    expect(dossier.vehicles.map((v: { code: string }) => v.code)).toEqual(['冀R12345']);
    expect(dossier.devices.map((d: { code: string }) => d.code).sort()).toEqual(['T-DOOR', 'T-PHONE']);
    expect(dossier.organisations.map((o: { code: string }) => o.code)).toContain('T-PB');
  });
});

describe('protection at rest', () => {
  it('leaves no imported identity or phone number in clear in a database dump', async () => {
    const phone = '13612345678';
    expect(
      (await post('persons', [{ idNumber: id(60), name: '隐私检查', gridCode: grid, phone }])).json()
        .accepted,
    ).toBe(1);
    const dump = await dumpDatabase(h.ctx.config.databaseUrl!);
    expect(dump).toContain('隐私检查'); // the dump is real and holds the person
    for (const secret of [id(60), phone, id(1), '13800138001', 'aa:bb:cc:dd:ee:ff', '13700137000'])
      expect(dump).not.toContain(secret);
  });
});
