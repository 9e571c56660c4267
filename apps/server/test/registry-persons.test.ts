import { can, makeIdNumber, ROLES } from '@civgrid/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let admin: string;
let personId: string;
const idNumber = makeIdNumber('131002', { year: 1941, month: 6, day: 2 }, 517);
const phone = '13912345678';

beforeAll(async () => {
  h = await createHarness();
  admin = await h.login('admin');
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/v1/import/persons',
    headers: { cookie: admin, 'content-type': 'application/x-ndjson' },
    payload: JSON.stringify({ idNumber, name: '欧阳秀兰', gridCode: 'Aa001', phone }),
  });
  expect(response.json().accepted).toBe(1);
  personId = (
    await h.ctx.db
      .selectFrom('person')
      .select('id')
      .where('id_number_hash', '=', h.ctx.crypto.keyedHash(idNumber))
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(() => h.close());

const get = (url: string, cookie = admin) => h.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, payload: unknown, cookie = admin) =>
  h.app.inject({ method: 'POST', url, headers: { cookie }, payload: payload as object });

describe('masking and reveal', () => {
  it('shows every role only the masked numbers, and reveals only to roles allowed to, with a reason', async () => {
    for (const username of ['admin', 'city', 'county', 'township', 'grid', 'police', 'dept']) {
      const cookie = await h.login(username);
      const dossier = (await get(`/api/v1/registry/persons/${personId}`, cookie)).json();
      expect(dossier.person.idNumber).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);
      expect(dossier.person.phone).toBe('139****5678');
      expect(JSON.stringify(dossier)).not.toContain(idNumber);
      const role = ROLES.find((r) => dossier.canReveal === can(r, 'person.reveal'));
      expect(role).toBeDefined();
      const reveal = await post(
        `/api/v1/registry/persons/${personId}/reveal`,
        { reason: '核实低保申请材料' },
        cookie,
      );
      if (dossier.canReveal) expect(reveal.json()).toEqual({ idNumber, phone });
      else expect(reveal.statusCode).toBe(403);
    }
  });

  it('refuses a reveal without a reason and audits every reveal with its reason', async () => {
    expect((await post(`/api/v1/registry/persons/${personId}/reveal`, { reason: '' })).statusCode).toBe(400);
    await post(`/api/v1/registry/persons/${personId}/reveal`, { reason: '入户走访核对身份' });
    await chainCommitted(h.ctx.db);
    const rows = await h.ctx.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'person.reveal')
      .where('target_id', '=', personId)
      .execute();
    expect(rows.some((r) => r.actor === 'admin' && r.details.reason === '入户走访核对身份')).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(idNumber);
  });

  it('audits dossier reads', async () => {
    await get(`/api/v1/registry/persons/${personId}`);
    await chainCommitted(h.ctx.db);
    const read = await h.ctx.db
      .selectFrom('audit_log')
      .select('actor')
      .where('action', '=', 'person.read')
      .where('target_id', '=', personId)
      .execute();
    expect(read.length).toBeGreaterThan(0);
  });
});

describe('search', () => {
  it('finds a person by name prefix, pinyin initials, ID suffix, full ID and phone', async () => {
    for (const q of ['欧阳', 'oyxl', idNumber.slice(-4), idNumber, phone]) {
      const { items } = (
        await get(`/api/v1/registry/persons?q=${encodeURIComponent(q)}&pageSize=200`)
      ).json();
      expect(items.map((p: { id: string }) => p.id)).toContain(personId);
    }
    const { items } = (await get('/api/v1/registry/persons?q=13100219410602')).json();
    expect(items).toEqual([]); // a partial number longer than a suffix matches nothing, rather than everything
    // The audit row records how they searched, never the number searched for.
    await chainCommitted(h.ctx.db);
    const searches = await h.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'person.list')
      .execute();
    expect(searches.map((r) => r.details.search)).toEqual(
      expect.arrayContaining(['name', 'initials', 'idSuffix', 'idHash', 'phoneHash']),
    );
    expect(JSON.stringify(searches)).not.toContain(idNumber);
    expect(JSON.stringify(searches)).not.toContain(phone);
  });

  it('pages', async () => {
    const first = (await get('/api/v1/registry/persons?page=1&pageSize=5')).json();
    const second = (await get('/api/v1/registry/persons?page=2&pageSize=5')).json();
    expect(first.items).toHaveLength(5);
    expect(first.total).toBeGreaterThan(100);
    expect(second.items[0].id).not.toBe(first.items[0].id);
  });
});

describe('editing, tags and history', () => {
  it('records who changed what, masking the phone in the history', async () => {
    const edited = await h.app.inject({
      method: 'PATCH',
      url: `/api/v1/registry/persons/${personId}`,
      headers: { cookie: admin },
      payload: { relation: '户主', phone: '13711112222' },
    });
    expect(edited.statusCode).toBe(200);
    const entry = edited.json().history[0];
    expect(entry).toMatchObject({
      actor: 'admin',
      action: 'person.update',
      changes: { relation: { to: '户主' }, phone: { from: '139****5678', to: '137****2222' } },
    });
    expect(edited.body).not.toContain('13711112222');
  });

  it('adds and ends an attention category, keeping the ended one dated', async () => {
    const tagged = (
      await post(`/api/v1/registry/persons/${personId}/tags`, {
        category: 'elderly-alone',
        reason: '子女均在外地',
      })
    ).json();
    const tag = tagged.tags.find((t: { category: string }) => t.category === 'elderly-alone');
    expect(tag).toMatchObject({ isActive: true, setBy: 'admin' });
    expect(tagged.person.categories).toContain('elderly-alone');
    const { items } = (await get('/api/v1/registry/persons?category=elderly-alone&pageSize=200')).json();
    expect(items.map((p: { id: string }) => p.id)).toContain(personId);
    h.clock.advance(60_000);
    const ended = (
      await post(`/api/v1/registry/persons/${personId}/tags/${tag.id}/end`, { reason: '已随子女迁出' })
    ).json();
    expect(ended.tags.find((t: { id: string }) => t.id === tag.id)).toMatchObject({ isActive: false });
    expect(ended.person.categories).not.toContain('elderly-alone');
  });
});

describe("residents' rights", () => {
  it('exports everything held, records a refusal with its reason, and deletes on request', async () => {
    const exported = (
      await post(`/api/v1/registry/persons/${personId}/rights`, {
        kind: 'export',
        reason: '本人申请查阅',
        decision: 'done',
      })
    ).json();
    expect(exported.outcome).toBe('done');
    expect(exported.data.person.idNumber).toBe(idNumber);
    const refused = await post(`/api/v1/registry/persons/${personId}/rights`, {
      kind: 'deletion',
      reason: '本人申请删除',
      decision: 'refused',
    });
    expect(refused.json().error.field).toBe('refusalReason');
    const refusal = (
      await post(`/api/v1/registry/persons/${personId}/rights`, {
        kind: 'deletion',
        reason: '本人申请删除',
        decision: 'refused',
        refusalReason: '居家隔离期间依法保留',
      })
    ).json();
    expect(refusal.outcome).toBe('refused');
    const deleted = (
      await post(`/api/v1/registry/persons/${personId}/rights`, {
        kind: 'deletion',
        reason: '已迁出本市，本人申请删除',
        decision: 'done',
      })
    ).json();
    expect(deleted.outcome).toBe('done');
    expect((await get(`/api/v1/registry/persons/${personId}`)).statusCode).toBe(404);
    const requests = await h.ctx.db
      .selectFrom('data_subject_request')
      .select(['kind', 'outcome', 'outcome_reason'])
      .orderBy('id')
      .execute();
    expect(requests).toEqual([
      { kind: 'export', outcome: 'done', outcome_reason: null },
      { kind: 'deletion', outcome: 'refused', outcome_reason: '居家隔离期间依法保留' },
      { kind: 'deletion', outcome: 'done', outcome_reason: null },
    ]);
  });
});

describe('building labels', () => {
  it('issue opaque signed links that open the building in scope and nothing elsewhere', async () => {
    const sheet = (await get('/api/v1/registry/labels?grid=Aa001')).json();
    const label = sheet.labels[0];
    expect(label.qrSvg).toContain('<svg');
    expect(label.url).not.toContain(label.code);
    const token = label.url.split('/l/')[1];
    expect((await get(`/api/v1/registry/labels/${token}`)).json()).toEqual({ buildingId: label.buildingId });
    expect((await get(`/api/v1/registry/labels/${token}`, await h.login('grid'))).statusCode).toBe(200); // grid Aa001 is the grid worker's
    const other = await h.ctx.db
      .selectFrom('app_user')
      .select('username')
      .where('role', '=', 'grid-worker')
      .where(sql`org_path::text`, 'not like', '%Aa001')
      .executeTakeFirstOrThrow();
    const elsewhere = await get(`/api/v1/registry/labels/${token}`, await h.login(other.username));
    const forged = await get(`/api/v1/registry/labels/${token.slice(0, -2)}xx`);
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.body).toBe(forged.body);
    const redirect = await h.app.inject({ method: 'GET', url: `/l/${token}` });
    expect(redirect.headers.location).toBe(`/console/registry/label/${token}`);
  });
});

describe('attention categories', () => {
  it('are added and changed by admins only, and an unknown one is 404', async () => {
    const category = {
      code: 'hearing-impaired',
      nameZh: '听障人员',
      nameEn: 'Hearing impaired',
      careLimitHours: null,
      isActive: true,
    };
    expect((await post('/api/v1/registry/categories', category)).json()).toEqual(category);
    const changed = await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/registry/categories/hearing-impaired',
      headers: { cookie: admin },
      payload: { careLimitHours: 72 },
    });
    expect(changed.json()).toEqual({ ...category, careLimitHours: 72 });
    const missing = await h.app.inject({
      method: 'PATCH',
      url: '/api/v1/registry/categories/no-such',
      headers: { cookie: admin },
      payload: { isActive: false },
    });
    expect(missing.statusCode).toBe(404);
    const township = await h.login('township');
    expect(
      (await post('/api/v1/registry/categories', { ...category, code: 'other-one' }, township)).statusCode,
    ).toBe(403);
    const { categories } = (await get('/api/v1/registry/categories', township)).json();
    expect(categories.find((c: { code: string }) => c.code === 'hearing-impaired').careLimitHours).toBe(72);
  });
});
