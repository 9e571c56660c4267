// The resident portal through HTTP, with no account: a report with a point and a photo lands in its grid
// with the photo's GPS position stripped; one without a point reaches the city centre unplaced; a point
// outside the city, a bad photo or a bad phone number creates nothing; the reporter follows the case
// (milestones, no staff names) as a village centre and a grid worker handle it, and rates it with the
// receipt's secret — a wrong one is a 404, 2/5 reopens the case. Reports from one address are limited.
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
const cookies: Record<string, string> = {};
let grid: { code: string; villageCode: string; lng: number; lat: number };
let gridWorker: { id: string; username: string; name: string };
const VILLAGE = {
  username: 'village-portal',
  displayName: '社区受理员王芳',
  password: 'Village-Centre-2026-desk',
};

// --- a small real JPEG (8x8 grey, baseline) with an EXIF block holding a GPS position --------------------
const u16 = (n: number) => [n >> 8, n & 0xff];
const seg = (marker: number, body: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker, ...u16(body.length + 2)]), body]);
const GPS = Buffer.from([39, 0, 0, 0, 1, 0, 0, 0, 31, 0, 0, 0, 1, 0, 0, 0, 0xa0, 0x11, 0, 0, 100, 0, 0, 0]);
function exif(): Buffer {
  const tiff = Buffer.alloc(8 + 2 + 12 + 4 + 2 + 12 + 4);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x8825, 10); // GPSInfo →
  tiff.writeUInt16LE(4, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.writeUInt16LE(1, 26);
  tiff.writeUInt16LE(0x0002, 28); // GPSLatitude, three rationals
  tiff.writeUInt16LE(5, 30);
  tiff.writeUInt32LE(3, 32);
  tiff.writeUInt32LE(tiff.length, 36);
  return Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, GPS]);
}
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8]),
  seg(0xe0, Buffer.from([...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0])),
  seg(0xe1, exif()),
  seg(0xdb, Buffer.from([0, ...Array(64).fill(1)])),
  seg(0xc0, Buffer.from([8, ...u16(8), ...u16(8), 1, 1, 0x11, 0])),
  seg(0xc4, Buffer.from([0, 1, ...Array(15).fill(0), 0])),
  seg(0xc4, Buffer.from([0x10, 1, ...Array(15).fill(0), 0])),
  seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
  Buffer.from([0x3f, 0xff, 0xd9]),
]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04;', 'latin1');

// --- requests ------------------------------------------------------------------------------------------
interface Photo {
  name: string;
  type: string;
  bytes: Buffer;
}

function multipart(report: unknown, photos: Photo[]) {
  const boundary = `----civgrid${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="report"\r\n\r\n${JSON.stringify(report)}\r\n`,
    ),
  ];
  for (const p of photos)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${p.name}"\r\n` +
          `Content-Type: ${p.type}\r\n\r\n`,
      ),
      p.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

let address = 0;
/** Each report comes from its own address unless told, so the rate limit stays out of the way. */
async function report(body: Record<string, unknown>, photos: Photo[] = [], ip = `10.0.0.${++address}`) {
  const { payload, contentType } = multipart(body, photos);
  const response = await h.app.inject({
    method: 'POST',
    url: '/api/v1/portal/reports',
    payload,
    remoteAddress: ip,
    headers: { 'content-type': contentType, 'accept-language': 'zh-CN' },
  });
  return { status: response.statusCode, body: response.json(), headers: response.headers };
}

async function portal(method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  const response = await h.app.inject({
    method,
    url,
    remoteAddress: '10.9.9.9',
    ...(payload ? { payload } : {}),
  });
  return { status: response.statusCode, body: response.json(), raw: response.body };
}

async function staff(user: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  const response = await h.app.inject({
    method,
    url,
    headers: { cookie: cookies[user]!, 'accept-language': 'en' },
    ...(payload ? { payload } : {}),
  });
  return {
    status: response.statusCode,
    body: response.body.startsWith('{') ? response.json() : null,
    response,
  };
}

async function step(user: string, id: string, body: Record<string, unknown>) {
  const page = await staff(user, 'GET', `/api/v1/cases/${id}`);
  const stepped = await staff(user, 'POST', `/api/v1/cases/${id}/steps`, {
    version: page.body.case.version,
    ...body,
  });
  expect(stepped.status, JSON.stringify(stepped.body)).toBe(200);
  return stepped.body;
}

const caseByTrackingNo = (trackingNo: string) =>
  h.ctx.db
    .selectFrom('case_file')
    .selectAll()
    .where('tracking_no', '=', trackingNo)
    .executeTakeFirstOrThrow();

const counts = async () => {
  const [cases, photos] = await Promise.all([
    h.ctx.db
      .selectFrom('case_file')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    h.ctx.db
      .selectFrom('case_photo')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { cases: Number(cases.n), photos: Number(photos.n) };
};

const refuse = { category: 'environment.refuse', description: '东门外垃圾三天未清运，气味很大。' };

beforeAll(async () => {
  h = await createHarness();
  // A grid other than the demo grid worker's (Aa001), so that account is out of reach of its cases.
  const row = await h.ctx.db
    .selectFrom('org_unit as g')
    .innerJoin('org_unit as v', 'v.id', 'g.parent_id')
    .select(['g.code', 'v.code as village', 'g.centre_lng', 'g.centre_lat'])
    .where('g.level', '=', 'grid')
    .where('g.code', '<>', 'Aa001')
    .where('g.centre_lng', 'is not', null)
    .orderBy('g.code')
    .executeTakeFirstOrThrow();
  grid = { code: row.code, villageCode: row.village, lng: row.centre_lng!, lat: row.centre_lat! };
  for (const user of ['admin', 'city', 'grid']) cookies[user] = await h.login(user);
  const created = await staff('admin', 'POST', '/api/v1/users', {
    ...VILLAGE,
    role: 'village-centre',
    scopeCode: grid.villageCode,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  cookies.village = await h.login(VILLAGE.username, VILLAGE.password);
  const worker = await h.ctx.db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name'])
    .where('username', '=', `gw-${grid.code.toLowerCase()}`)
    .executeTakeFirstOrThrow();
  gridWorker = { id: worker.id, username: worker.username, name: worker.display_name };
  cookies.worker = await h.login(worker.username);
});
afterAll(() => h.close());

describe('reporting', () => {
  it('offers the active categories and the grids for the map, without a login', async () => {
    const categories = await portal('GET', '/api/v1/portal/categories');
    expect(categories.status).toBe(200);
    const codes = categories.body.categories.map((c: { code: string }) => c.code);
    expect(codes).toContain('environment.refuse');
    expect(
      categories.body.categories.find((c: { code: string }) => c.code === 'environment.refuse'),
    ).toMatchObject({
      parent: 'environment',
      name: { zh: expect.any(String), en: expect.any(String) },
    });
    const area = await portal('GET', '/api/v1/portal/area');
    expect(area.status).toBe(200);
    expect(area.body.grids.features.length).toBeGreaterThan(0);
    const [w, s, e, n] = area.body.bounds;
    expect(grid.lng).toBeGreaterThan(w);
    expect(grid.lng).toBeLessThan(e);
    expect(grid.lat).toBeGreaterThan(s);
    expect(grid.lat).toBeLessThan(n);
    expect(area.raw).not.toContain('Aa001');
    // The API reference documents the portal.
    const openapi = await h.app.inject({ method: 'GET', url: '/docs/json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(openapi.json().paths)).toEqual(
      expect.arrayContaining(['/api/v1/portal/reports', '/api/v1/cases/{id}/photos/{photoId}']),
    );
  });

  it('places a report with a point in its grid and keeps its photo without the GPS position', async () => {
    expect(JPEG.includes(GPS)).toBe(true);
    const before = await counts();
    const sent = await report(
      {
        ...refuse,
        location: { lng: grid.lng, lat: grid.lat },
        address: '东门外垃圾站',
        reporter: { name: '李女士', phone: '138 1234 5678' },
      },
      [{ name: 'IMG_0001.JPG', type: 'image/jpeg', bytes: JPEG }],
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({
      trackingNo: expect.stringMatching(/^GD\d{6}[0-9A-Z]{8}$/),
      secret: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/),
      photos: 1,
    });
    expect(await counts()).toEqual({ cases: before.cases + 1, photos: before.photos + 1 });
    const row = await caseByTrackingNo(sent.body.trackingNo);
    expect(row).toMatchObject({ source: 'portal', holder_level: 'village', status: 'reported' });
    expect(row.grid_id).not.toBeNull();
    expect(row.reporter_phone_mask).toBe('138****5678');

    const stored = await h.ctx.db
      .selectFrom('case_photo')
      .selectAll()
      .where('case_id', '=', row.id)
      .executeTakeFirstOrThrow();
    expect(stored.content_type).toBe('image/jpeg');
    expect(stored.bytes.includes(GPS)).toBe(false);
    expect(stored.bytes.includes('Exif')).toBe(false);
    expect(stored.bytes.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(stored.size).toBe(JPEG.length - exif().length - 4);

    // Staff who reach the case see the photo listed on the case page and read it as stored.
    const page = await staff('city', 'GET', `/api/v1/cases/${row.id}`);
    expect(page.body.case.gridCode).toBe(grid.code);
    expect(page.body.photos).toEqual([stored.id]);
    const photo = await staff('city', 'GET', `/api/v1/cases/${row.id}/photos/${stored.id}`);
    expect(photo.status).toBe(200);
    expect(photo.response.headers['content-type']).toBe('image/jpeg');
    expect(photo.response.headers['x-content-type-options']).toBe('nosniff');
    expect(photo.response.rawPayload).toEqual(stored.bytes);
    // The grid worker of another grid reaches neither the case nor its photo; a photo of another case is
    // not found under this one.
    expect((await staff('grid', 'GET', `/api/v1/cases/${row.id}/photos/${stored.id}`)).status).toBe(404);
    const other = await report({ ...refuse });
    const otherId = (await caseByTrackingNo(other.body.trackingNo)).id;
    expect((await staff('city', 'GET', `/api/v1/cases/${otherId}/photos/${stored.id}`)).status).toBe(404);
    expect((await staff('city', 'GET', `/api/v1/cases/${otherId}`)).body.photos).toEqual([]);
  });

  it('sends a report without a point to the city centre, with no grid, as JSON or multipart', async () => {
    const json = await h.app.inject({
      method: 'POST',
      url: '/api/v1/portal/reports',
      remoteAddress: '10.0.1.1',
      payload: { category: 'safety', description: '路灯坏了，晚上很黑。' },
    });
    expect(json.statusCode, json.body).toBe(201);
    const sent = await report({ ...refuse, address: '某小区' });
    expect(sent.status).toBe(201);
    for (const trackingNo of [json.json().trackingNo, sent.body.trackingNo]) {
      const row = await caseByTrackingNo(trackingNo);
      expect(row).toMatchObject({ holder_level: 'city', grid_id: null, lng: null });
      const page = await staff('city', 'GET', `/api/v1/cases/${row.id}`);
      expect(page.body.case).toMatchObject({ gridCode: null, holderLevel: 'city', source: 'portal' });
    }
  });

  it('refuses a point outside the city, a bad photo, too many photos and a bad phone, creating nothing', async () => {
    const before = await counts();
    const outside = await report({ ...refuse, location: { lng: 121.47, lat: 31.23 } });
    expect(outside.status).toBe(400);
    expect(outside.body.error).toMatchObject({ code: 'CASE_LOCATION_OUTSIDE', field: 'location' });
    expect(outside.body.error.message).toContain('不在本市');

    const good = { name: 'a.jpg', type: 'image/jpeg', bytes: JPEG };
    const badType = await report({ ...refuse }, [good, { name: 'b.jpg', type: 'image/jpeg', bytes: GIF }]);
    expect(badType.status).toBe(400);
    expect(badType.body.error).toMatchObject({ code: 'PHOTO_TYPE_UNSUPPORTED', field: 'photos[1]' });
    expect(badType.body.error.message).toBe('第 2 张照片（b.jpg）：照片只能是 JPEG、PNG 或 WebP 格式');

    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      deflateSync('x'),
    ]);
    const broken = await report({ ...refuse }, [{ name: 'c.png', type: 'image/png', bytes: png }]);
    expect(broken.body.error).toMatchObject({ code: 'PHOTO_MALFORMED', field: 'photos[0]' });

    const five = await report({ ...refuse }, Array(5).fill(good));
    expect(five.status).toBe(400);
    expect(five.body.error).toMatchObject({ code: 'PHOTO_TOO_MANY', field: 'photos[4]' });

    const phone = await report({ ...refuse, reporter: { phone: '010-12345678' } }, [good]);
    expect(phone.status).toBe(400);
    expect(phone.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'reporter.phone' });

    const noReport = await h.app.inject({
      method: 'POST',
      url: '/api/v1/portal/reports',
      remoteAddress: '10.0.1.2',
      ...(() => {
        const m = multipart({}, [good]);
        return {
          payload: Buffer.from(
            m.payload.toString('latin1').replace('name="report"', 'name="other"'),
            'latin1',
          ),
          headers: { 'content-type': m.contentType },
        };
      })(),
    });
    expect(noReport.statusCode).toBe(400);
    expect(noReport.json().error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'report' });
    const noDescription = await report({ category: 'other' });
    expect(noDescription.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'description' });

    expect(await counts()).toEqual(before);
  });

  it('limits reports from one address and says when to come back', async () => {
    const ip = '10.7.7.7';
    for (let i = 0; i < 10; i++) expect((await report({ ...refuse }, [], ip)).status).toBe(201);
    const limited = await report({ ...refuse }, [], ip);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await report({ ...refuse }, [], '10.7.7.8')).status).toBe(201);
    h.clock.advance(6 * 60_000);
    expect((await report({ ...refuse }, [], ip)).status).toBe(201);
  });
});

describe('following and rating', () => {
  it('follows the case through its handling without staff names, then a 2/5 rating reopens it', async () => {
    const sent = await report({ ...refuse, location: { lng: grid.lng, lat: grid.lat } });
    const { trackingNo, secret } = sent.body as { trackingNo: string; secret: string };
    const id = (await caseByTrackingNo(trackingNo)).id;
    // Sessions last 30 idle minutes; the rate-limit test moved the clock.
    for (const user of ['city', 'grid']) cookies[user] = await h.login(user);
    cookies.village = await h.login(VILLAGE.username, VILLAGE.password);
    cookies.worker = await h.login(gridWorker.username);

    const first = await portal('GET', `/api/v1/portal/cases/${trackingNo.toLowerCase()}`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ trackingNo, status: 'reported', isOpen: true, canRateUntil: null });
    expect(first.body.progress).toHaveLength(1);
    // Rating an open case is refused; a wrong secret is as good as a wrong tracking number.
    const early = await portal('POST', `/api/v1/portal/cases/${trackingNo}/rating`, { secret, rating: 5 });
    expect(early.status).toBe(409);

    await step('village', id, { step: 'register', note: '已电话联系报事人' });
    await step('village', id, {
      step: 'assign',
      tasks: [{ assignee: { kind: 'grid-worker', id: gridWorker.id }, instructions: '联系物业张经理清运' }],
    });
    await step('worker', id, { step: 'accept', task: 1 });
    await step('worker', id, {
      step: 'report',
      task: 1,
      outcome: 'done',
      report: '已督促物业保洁员赵师傅清运',
    });
    await step('village', id, { step: 'resolve', note: '垃圾已清运完毕' });

    const followed = await portal('GET', `/api/v1/portal/cases/${trackingNo}`);
    expect(followed.body).toMatchObject({
      status: 'resolved',
      isOpen: false,
      canRateUntil: expect.any(String),
    });
    expect(followed.body.progress.map((p: { step: string }) => p.step)).toEqual([
      'open',
      'register',
      'assign',
      'resolve',
    ]);
    expect(followed.raw).toContain('垃圾已清运完毕');
    for (const hidden of [
      VILLAGE.displayName,
      VILLAGE.username,
      gridWorker.name,
      gridWorker.username,
      '张经理',
      '赵师傅',
      '已电话联系报事人',
      '李女士',
    ])
      expect(followed.raw, hidden).not.toContain(hidden);

    const wrong = await portal('POST', `/api/v1/portal/cases/${trackingNo}/rating`, {
      secret: 'WRONG234',
      rating: 5,
    });
    expect(wrong.status).toBe(404);
    expect(wrong.body.error.code).toBe('NOT_FOUND');
    const unknown = await portal('GET', '/api/v1/portal/cases/GD260301ZZZZZZZZ');
    expect(unknown.status).toBe(404);

    const rated = await portal('POST', `/api/v1/portal/cases/${trackingNo}/rating`, {
      secret: secret.toLowerCase(),
      rating: 2,
      comment: '清运太慢了',
    });
    expect(rated.status, rated.raw).toBe(200);
    expect(rated.body).toMatchObject({ status: 'reopened', isOpen: true, canRateUntil: null });
    expect(rated.body.progress.at(-1).step).toBe('evaluate');
    const page = await staff('village', 'GET', `/api/v1/cases/${id}`);
    expect(page.body.case).toMatchObject({ status: 'reopened', reopenCount: 1, round: 2 });
    // The new round starts without an evaluation; the rating stays in the case's timeline.
    expect(page.body.timeline.at(-1)).toMatchObject({ step: 'evaluate', actor: { kind: 'resident' } });
  });

  it('takes a satisfied rating once on a resolved case', async () => {
    const sent = await report({ ...refuse, location: { lng: grid.lng, lat: grid.lat } });
    const { trackingNo, secret } = sent.body as { trackingNo: string; secret: string };
    const id = (await caseByTrackingNo(trackingNo)).id;
    await step('village', id, { step: 'register' });
    await step('village', id, {
      step: 'assign',
      tasks: [{ assignee: { kind: 'grid-worker', id: gridWorker.id }, instructions: '现场查看' }],
    });
    await step('worker', id, { step: 'accept', task: 1 });
    await step('worker', id, { step: 'report', task: 1, outcome: 'done', report: '已处理' });
    await step('village', id, { step: 'resolve' });
    const rated = await portal('POST', `/api/v1/portal/cases/${trackingNo}/rating`, { secret, rating: 5 });
    expect(rated.body).toMatchObject({ status: 'resolved', rating: 5, canRateUntil: null });
    const again = await portal('POST', `/api/v1/portal/cases/${trackingNo}/rating`, { secret, rating: 1 });
    expect(again.status).toBe(409);
  });
});
