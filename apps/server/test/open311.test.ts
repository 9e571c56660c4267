// Open311 GeoReport v2 conformance through HTTP: every endpoint in JSON and in XML (parsed back by a
// strict parser and compared with the JSON under the spec's JSON↔XML mapping), the standard filters of
// GET requests, POST with and without a valid api_key, and errors in the spec's own shapes and statuses.
import { CASE_LEVEL_LABELS } from '@civgrid/domain';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACKING_NO } from '../src/modules/cases/residents.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let key: string;
let point: { lat: number; lng: number };
let located: string;
let unlocated: string;

const DAY = 86_400_000;
const OFFSET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

type Parsed = string | Parsed[] | { [name: string]: Parsed };
const LISTS = new Set([
  'services',
  'service_requests',
  'errors',
  'attributes',
  'values',
  'endpoints',
  'formats',
]);

/** A document through saxes (exceljs's XML parser: any well-formedness error throws) into the JSON shape
 *  the spec maps it to: list elements become arrays, other parents objects, leaves their text. */
function parseXml(xml: string): { root: string; value: Parsed } {
  const parser = new SaxesParser();
  const stack: { name: string; children: [string, Parsed][]; text: string }[] = [];
  let declared = '';
  let result: { root: string; value: Parsed } | undefined;
  parser.on('error', (error) => {
    throw error;
  });
  parser.on('xmldecl', (decl) => {
    declared = `${decl.version} ${decl.encoding}`;
  });
  parser.on('opentag', (tag) => {
    stack.push({ name: tag.name, children: [], text: '' });
  });
  parser.on('text', (text) => {
    if (stack.length > 0) stack.at(-1)!.text += text;
  });
  parser.on('closetag', () => {
    const el = stack.pop()!;
    const value: Parsed = LISTS.has(el.name)
      ? el.children.map(([, v]) => v)
      : el.children.length > 0
        ? Object.fromEntries(el.children)
        : el.text;
    if (stack.length > 0) stack.at(-1)!.children.push([el.name, value]);
    else result = { root: el.name, value };
  });
  parser.write(xml).close();
  expect(declared).toBe('1.0 utf-8');
  return result!;
}

/** A JSON answer as XML text carries it: null is an empty element, numbers and booleans are text. */
function asXmlText(value: unknown): Parsed {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(asXmlText);
  if (typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asXmlText(v)]));
  return String(value);
}

async function get(url: string, lang?: string) {
  const response = await h.app.inject({
    method: 'GET',
    url: `/open311/v2/${url}`,
    headers: lang ? { 'accept-language': lang } : {},
  });
  return { status: response.statusCode, type: response.headers['content-type'], body: response.body };
}

/** GET in both formats: the JSON, and the XML parsed back and checked to say the same. */
async function getBoth(path: string, root: string, status = 200) {
  const json = await get(`${path.replace('{format}', 'json')}`, 'en');
  const xml = await get(`${path.replace('{format}', 'xml')}`, 'en');
  expect([json.status, xml.status]).toEqual([status, status]);
  expect(json.type).toBe('application/json; charset=utf-8');
  expect(xml.type).toBe('text/xml; charset=utf-8');
  const body = JSON.parse(json.body);
  expect(parseXml(xml.body)).toEqual({ root, value: asXmlText(body) });
  return body;
}

function post(format: 'json' | 'xml', fields: Record<string, string>, headers: Record<string, string> = {}) {
  return h.app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8', ...headers },
    payload: new URLSearchParams(fields).toString(),
  });
}

beforeAll(async () => {
  h = await createHarness();
  key = await h.apiKey('open311 partner app');
  const grid = await h.ctx.db
    .selectFrom('org_unit')
    .select(['centre_lng', 'centre_lat'])
    .where('level', '=', 'grid')
    .where('centre_lng', 'is not', null)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  point = { lat: grid.centre_lat!, lng: grid.centre_lng! };
});
afterAll(() => h.close());

describe('Open311 GeoReport v2', () => {
  it('serves discovery, services and service definitions in JSON and XML', async () => {
    const discovery = await getBoth('discovery.{format}', 'discovery');
    expect(discovery.endpoints[0]).toMatchObject({
      specification: 'http://wiki.open311.org/GeoReport_v2',
      url: expect.stringMatching(/\/open311\/v2$/),
      type: 'test',
      formats: ['text/xml', 'application/json'],
    });
    expect(discovery.changeset).toMatch(OFFSET_TIME);

    const services = await getBoth('services.{format}', 'services');
    expect(services.length).toBeGreaterThan(10);
    expect(services.find((s: { service_code: string }) => s.service_code === 'environment.refuse')).toEqual({
      service_code: 'environment.refuse',
      service_name: 'refuse and clearance',
      description: 'environment and sanitation / refuse and clearance',
      metadata: false,
      type: 'realtime',
      keywords: '垃圾堆放清运',
      group: 'environment and sanitation',
    });
    // Chinese unless the client prefers English.
    const zh = JSON.parse((await get('services.json')).body);
    expect(zh.find((s: { service_code: string }) => s.service_code === 'other').service_name).toBe('其他');

    expect(await getBoth('services/environment.refuse.{format}', 'service_definition')).toEqual({
      service_code: 'environment.refuse',
      attributes: [],
    });
    const unknown = await getBoth('services/no-such.{format}', 'errors', 404);
    expect(unknown).toEqual([{ code: 404, description: 'service_code no-such was not found' }]);
  });

  it('takes a POST with an api_key, form-encoded or JSON, and answers the tracking number', async () => {
    const posted = await post('json', {
      api_key: key,
      jurisdiction_id: 'ignored.example',
      service_code: 'environment.refuse',
      lat: String(point.lat),
      long: String(point.lng),
      address_string: '东门外',
      description: '东门外垃圾三天未清运',
      first_name: '三',
      last_name: '张',
      phone: '13812345678',
      email: 'zhang@example.com',
      media_url: 'https://img.example.com/a.jpg?x=1&y=<2>',
    });
    expect(posted.statusCode).toBe(201);
    const [receipt] = posted.json();
    expect(receipt.service_request_id).toMatch(TRACKING_NO);
    expect(receipt).not.toHaveProperty('token');
    located = receipt.service_request_id;

    // XML answer, JSON body, an address instead of a point: lands unlocated at the city centre.
    const asXml = await h.app.inject({
      method: 'POST',
      url: '/open311/v2/requests.xml',
      payload: {
        api_key: key,
        service_code: 'other',
        address_string: '幸福路 12 号',
        description: '路灯不亮',
      },
    });
    expect(asXml.statusCode).toBe(201);
    const parsed = parseXml(asXml.body);
    expect(parsed.root).toBe('service_requests');
    unlocated = ((parsed.value as Parsed[])[0] as Record<string, string>).service_request_id!;
    expect(unlocated).toMatch(TRACKING_NO);

    const stored = await h.ctx.db
      .selectFrom('case_file')
      .select(['source', 'grid_id', 'reporter_name', 'reporter_phone_mask', 'opened_by_key', 'description'])
      .where('tracking_no', 'in', [located, unlocated])
      .orderBy('id')
      .execute();
    expect(stored[0]).toMatchObject({
      source: 'open311',
      reporter_name: '张三',
      reporter_phone_mask: '138****5678',
    });
    expect(stored[0]!.grid_id).not.toBeNull();
    expect(stored[0]!.opened_by_key).not.toBeNull();
    expect(stored[0]!.description).toBe(
      '东门外垃圾三天未清运\n\nmedia_url: https://img.example.com/a.jpg?x=1&y=<2>',
    );
    expect(stored[1]).toMatchObject({ source: 'open311', grid_id: null });
  });

  it('refuses a bad key (403), a missing or unknown service_code (400, 404) and a missing location', async () => {
    const base = { service_code: 'other', address_string: '幸福路', description: 'x' };
    for (const fields of [base, { ...base, api_key: 'cg_not-a-key' }]) {
      const json = await post('json', fields, { 'accept-language': 'en' });
      expect(json.statusCode).toBe(403);
      expect(json.json()).toEqual([{ code: 403, description: 'Missing or invalid api_key' }]);
      const xml = await post('xml', fields, { 'accept-language': 'en' });
      expect(xml.statusCode).toBe(403);
      expect(parseXml(xml.body)).toEqual({
        root: 'errors',
        value: [{ code: '403', description: 'Missing or invalid api_key' }],
      });
    }
    // A staff session is not a key: refused and audited like any forbidden action.
    const session = await post('json', base, { cookie: await h.login('admin') });
    expect(session.statusCode).toBe(403);

    const cases: [Record<string, string>, number, string][] = [
      [{ address_string: '幸福路' }, 400, 'service_code was not provided'],
      [{ service_code: 'no-such', address_string: '幸福路' }, 404, 'service_code no-such was not found'],
      [{ service_code: 'other' }, 400, 'A location is required'],
      [{ service_code: 'other', lat: '39.5' }, 400, 'lat and long must both be sent'],
      [{ service_code: 'other', lat: '10', long: '10' }, 400, 'lat/long lies in no grid of the city'],
      [
        { service_code: 'other', address_string: 'x', phone: '12345' },
        400,
        'phone must be a mainland mobile',
      ],
      [{ service_code: 'other', address_string: 'x', media_url: 'javascript:alert(1)' }, 400, 'media_url'],
    ];
    for (const [fields, status, description] of cases) {
      const response = await post('json', { api_key: key, ...fields }, { 'accept-language': 'en' });
      expect([response.statusCode, response.json()[0].code]).toEqual([status, status]);
      expect(response.json()[0].description).toContain(description);
    }
    const count = await h.ctx.db
      .selectFrom('case_file')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('source', '=', 'open311')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('answers a request and its token in both formats with public fields only', async () => {
    const [request] = await getBoth(`requests/${located}.{format}`, 'service_requests');
    const due = await h.ctx.db
      .selectFrom('case_file')
      .select('due_at')
      .where('tracking_no', '=', located)
      .executeTakeFirstOrThrow();
    expect(request).toEqual({
      service_request_id: located,
      status: 'open',
      status_notes: expect.any(String),
      service_name: 'refuse and clearance',
      service_code: 'environment.refuse',
      description: '东门外垃圾三天未清运',
      agency_responsible: CASE_LEVEL_LABELS.village.en,
      service_notice: null,
      requested_datetime: '2026-03-01T08:00:00+08:00',
      updated_datetime: '2026-03-01T08:00:00+08:00',
      expected_datetime: expect.stringMatching(OFFSET_TIME),
      address: '东门外',
      address_id: null,
      zipcode: null,
      lat: point.lat,
      long: point.lng,
      media_url: 'https://img.example.com/a.jpg?x=1&y=<2>',
    });
    expect(new Date(request.expected_datetime).getTime()).toBe(due.due_at.getTime());
    const raw = (await get(`requests/${located}.json`)).body + (await get(`requests/${located}.xml`)).body;
    for (const secret of ['张三', '13812345678', '138****5678', 'zhang@example.com'])
      expect(raw).not.toContain(secret);
    // XML escaped the URL's markup characters, and the parser read them back (compared in getBoth).
    expect((await get(`requests/${located}.xml`)).body).toContain('y=&lt;2&gt;');

    const [far] = await getBoth(`requests/${unlocated}.{format}`, 'service_requests');
    expect(far).toMatchObject({ agency_responsible: CASE_LEVEL_LABELS.city.en, lat: null, long: null });

    expect(await getBoth(`tokens/${located}.{format}`, 'service_requests')).toEqual([
      { service_request_id: located, token: located },
    ]);
    for (const path of ['requests/GD260301ZZZZZZZZ.{format}', 'tokens/GD260301ZZZZZZZZ.{format}'])
      expect(await getBoth(path, 'errors', 404)).toEqual([
        { code: 404, description: 'service_request_id GD260301ZZZZZZZZ was not found' },
      ]);
    expect((await get(`requests/${located}.csv`)).status).toBe(404);
    expect((await get('nothing-here.json')).status).toBe(404);
  });

  it('never shows cases that came through another channel', async () => {
    const grid = await h.ctx.db
      .selectFrom('app_user')
      .innerJoin('org_unit', 'org_unit.id', 'app_user.scope_id')
      .select('org_unit.code')
      .where('app_user.username', '=', 'grid')
      .executeTakeFirstOrThrow();
    const hotline = await h.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: await h.login('township') },
      payload: {
        source: 'hotline',
        category: 'environment.refuse',
        title: '热线来电',
        description: '热线反映的问题',
        gridCode: grid.code,
        reporter: { name: '李女士', phone: '13912345678' },
      },
    });
    expect(hotline.statusCode).toBe(201);
    const trackingNo = hotline.json().case.trackingNo as string;
    expect((await get(`requests/${trackingNo}.json`)).status).toBe(404);
    const listed = JSON.parse((await get(`requests.json?service_request_id=${trackingNo},${located}`)).body);
    expect(listed.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([located]);
  });

  it('lists requests with the standard filters: ids, service codes, status and a window of 90 days', async () => {
    const ids = async (query: string) => {
      const body = await getBoth(`requests.{format}${query}`, 'service_requests');
      return body.map((r: { service_request_id: string }) => r.service_request_id);
    };
    // Newest first; the default window is the last 90 days.
    expect((await ids('')).sort()).toEqual([located, unlocated].sort());
    expect(await ids(`?service_request_id=${unlocated},${located}`)).toEqual([unlocated, located]);
    expect(await ids(`?service_request_id=${located}&service_request_id=${unlocated}`)).toEqual([
      located,
      unlocated,
    ]);
    expect(await ids('?service_code=environment.refuse')).toEqual([located]);
    expect((await ids('?service_code=other,environment.refuse')).length).toBe(2);
    expect((await ids('?status=open')).length).toBe(2);
    expect(await ids('?status=closed')).toEqual([]);

    // The city centre declines the unlocated one: closed, with the reason as the status notes.
    const city = await h.login('city');
    const page = await h.app.inject({
      method: 'GET',
      url: `/api/v1/cases?queue=all`,
      headers: { cookie: city },
    });
    const item = page.json().items.find((c: { trackingNo: string }) => c.trackingNo === unlocated);
    h.clock.advance(3_600_000);
    const declined = await h.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${item.id}/steps`,
      headers: { cookie: await h.login('city') },
      payload: { version: item.version, step: 'decline', reason: '不属于本平台受理范围' },
    });
    expect(declined.statusCode).toBe(200);
    expect(await ids('?status=closed')).toEqual([unlocated]);
    expect(await ids('?status=open,closed')).toHaveLength(2);
    const [closed] = JSON.parse((await get(`requests/${unlocated}.json`)).body);
    expect(closed).toMatchObject({ status: 'closed', updated_datetime: '2026-03-01T09:00:00+08:00' });
    const [zh] = JSON.parse((await get(`requests/${unlocated}.json`, 'zh')).body);
    expect(zh.status_notes).toContain('不属于本平台受理范围');

    // Windows: W3C times with an offset or Z, bare dates as whole local days, an unencoded `+`.
    expect(await ids('?start_date=2026-03-01T07:59:59%2B08:00&end_date=2026-03-01T08:00:00Z')).toHaveLength(
      2,
    );
    expect(await ids('?start_date=2026-03-01T08:00:01+08:00')).toEqual([]);
    expect(await ids('?end_date=2026-02-28')).toEqual([]);
    expect(await ids('?start_date=2026-03-01&end_date=2026-03-01')).toHaveLength(2);
    expect(await ids('?start_date=2026-01-01&end_date=2026-03-31')).toHaveLength(2);
    h.clock.advance(91 * DAY);
    expect(await ids('')).toEqual([]);
    h.clock.advance(-91 * DAY);

    for (const [query, description] of [
      ['?start_date=2025-12-01&end_date=2026-03-01', 'may not span more than 90 days'],
      ['?start_date=yesterday', 'start_date must be a W3C date-time'],
      ['?end_date=2026-02-30', 'end_date must be a W3C date-time'],
      ['?start_date=2026-03-01T08:00:00', 'start_date must be a W3C date-time'],
      ['?start_date=2026-03-02&end_date=2026-03-01', 'start_date is after end_date'],
      ['?status=pending', 'status must be open or closed'],
    ] as const) {
      const [error] = await getBoth(`requests.{format}${query}`, 'errors', 400);
      expect(error.code).toBe(400);
      expect(error.description).toContain(description);
    }
  });

  it("answers the contract smoke test's calls: the first service, posted at the city's contract point", async () => {
    const [first] = JSON.parse((await get('services.json')).body);
    const posted = await post('json', {
      api_key: key,
      service_code: first.service_code,
      lat: '39.52',
      long: '116.70',
      description: '烟测：路灯不亮',
    });
    expect(posted.statusCode).toBe(201);
    expect(posted.json()[0].service_request_id).toMatch(TRACKING_NO);
  });

  it('keeps the form parser to itself: the rest of the API still refuses form bodies', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'username=admin&password=civgrid-demo',
    });
    expect(response.statusCode).toBe(415);
  });
});
