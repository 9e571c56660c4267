// What the offline field app needs of the cases module: a report resent with its clientId (after an answer
// was lost, or twice at once) answers the case it opened and opens no second one, while another user's same
// clientId is their own case; a grid worker adds photos to a case in reach, stored without their GPS
// position, a retried upload adds nothing, a photo that is not an image is refused by name, and a case out
// of reach answers 404 like a missing one.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
const cookies: Record<string, string> = {};
let gridCode: string;
let otherGridCode: string;

// --- a small real JPEG (8x8 grey, baseline) with an EXIF block holding a GPS position --------------------
const u16 = (n: number) => [n >> 8, n & 0xff];
const seg = (marker: number, body: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker, ...u16(body.length + 2)]), body]);
const GPS_MARK = Buffer.from('GPS 39.9042N 116.4074E', 'latin1');
const jpeg = (shade: number) =>
  Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    seg(0xe0, Buffer.from([...Buffer.from('JFIF\0', 'latin1'), 1, 1, 0, 0, 1, 0, 1, 0, 0])),
    seg(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), GPS_MARK])),
    seg(0xdb, Buffer.from([0, ...Array(64).fill(shade)])),
    seg(0xc0, Buffer.from([8, ...u16(8), ...u16(8), 1, 1, 0x11, 0])),
    seg(0xc4, Buffer.from([0, 1, ...Array(15).fill(0), 0])),
    seg(0xc4, Buffer.from([0x10, 1, ...Array(15).fill(0), 0])),
    seg(0xda, Buffer.from([1, 1, 0, 0, 63, 0])),
    Buffer.from([0x3f, 0xff, 0xd9]),
  ]);
const GIF = Buffer.from('GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04;', 'latin1');

interface Photo {
  name: string;
  bytes: Buffer;
}

async function call(user: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) {
  const response = await h.app.inject({
    method,
    url,
    headers: { cookie: cookies[user]!, 'accept-language': 'zh-CN' },
    ...(payload ? { payload } : {}),
  });
  return { status: response.statusCode, body: response.json() };
}

async function upload(user: string, caseId: string, photos: Photo[]) {
  const boundary = `----civgrid${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const p of photos)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="photos"; filename="${p.name}"\r\n` +
          'Content-Type: image/jpeg\r\n\r\n',
      ),
      p.bytes,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  const response = await h.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${caseId}/photos`,
    payload: Buffer.concat(parts),
    headers: {
      cookie: cookies[user]!,
      'accept-language': 'zh-CN',
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
  });
  return { status: response.statusCode, body: response.json() };
}

const report = (clientId: string | undefined, code = gridCode) => ({
  source: 'grid-worker',
  category: 'environment.refuse',
  title: '路边垃圾堆放',
  description: '三号楼北侧垃圾两天未清运',
  gridCode: code,
  ...(clientId ? { clientId } : {}),
});

async function casesWith(clientId: string) {
  return h.ctx.db
    .selectFrom('case_file')
    .select(['id', 'opened_by'])
    .where('client_id', '=', clientId)
    .orderBy('id')
    .execute();
}

beforeAll(async () => {
  h = await createHarness();
  for (const user of ['grid', 'township', 'city']) cookies[user] = await h.login(user);
  const worker = await h.ctx.db
    .selectFrom('app_user')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.scope_id')
    .select(['org_unit.code'])
    .where('app_user.username', '=', 'grid')
    .executeTakeFirstOrThrow();
  gridCode = worker.code;
  const other = await h.ctx.db
    .selectFrom('org_unit')
    .select('code')
    .where('level', '=', 'grid')
    .where('code', '!=', gridCode)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  otherGridCode = other.code;
});
afterAll(() => h.close());

describe('opening a case with a clientId', () => {
  it('answers the case it opened when the report is resent, opening no second one', async () => {
    const clientId = randomUUID();
    const first = await call('grid', 'POST', '/api/v1/cases', report(clientId));
    expect(first.status).toBe(201);
    const again = await call('grid', 'POST', '/api/v1/cases', report(clientId));
    expect(again.status).toBe(200);
    expect(again.body.case.id).toBe(first.body.case.id);
    expect(again.body.case.trackingNo).toBe(first.body.case.trackingNo);
    expect(await casesWith(clientId)).toHaveLength(1);
    // Without a clientId nothing is matched: the same report opens another case.
    const plain = await call('grid', 'POST', '/api/v1/cases', report(undefined));
    expect(plain.status).toBe(201);
    expect(plain.body.case.id).not.toBe(first.body.case.id);
  });

  it('opens one case for two identical requests sent at once', async () => {
    const clientId = randomUUID();
    const answers = await Promise.all([
      call('grid', 'POST', '/api/v1/cases', report(clientId)),
      call('grid', 'POST', '/api/v1/cases', report(clientId)),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    expect(answers[0]!.body.case.id).toBe(answers[1]!.body.case.id);
    expect(await casesWith(clientId)).toHaveLength(1);
  });

  it("opens a separate case for another user's same clientId", async () => {
    const clientId = randomUUID();
    const mine = await call('grid', 'POST', '/api/v1/cases', report(clientId));
    const theirs = await call('township', 'POST', '/api/v1/cases', report(clientId));
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.body.case.id).not.toBe(mine.body.case.id);
    expect(await casesWith(clientId)).toHaveLength(2);
  });

  it('refuses a clientId that is not a uuid', async () => {
    const bad = await call('grid', 'POST', '/api/v1/cases', report('offline-1'));
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'clientId' });
  });
});

describe('staff photo upload', () => {
  it('stores a stripped photo, and a retried upload answers the same id', async () => {
    const opened = await call('grid', 'POST', '/api/v1/cases', report(randomUUID()));
    const caseId = opened.body.case.id as string;
    const photo = { name: 'spot.jpg', bytes: jpeg(1) };
    const added = await upload('grid', caseId, [photo]);
    expect(added.status).toBe(200);
    expect(added.body.photos).toHaveLength(1);
    const stored = await h.ctx.db
      .selectFrom('case_photo')
      .select(['id', 'bytes', 'content_type', 'added_by'])
      .where('case_id', '=', caseId)
      .execute();
    expect(stored.map((p) => p.id)).toEqual(added.body.photos);
    expect(stored[0]!.content_type).toBe('image/jpeg');
    expect(stored[0]!.bytes.includes(GPS_MARK)).toBe(false);
    expect(stored[0]!.bytes.length).toBeLessThan(photo.bytes.length);

    const retried = await upload('grid', caseId, [photo]);
    expect(retried).toEqual({ status: 200, body: { photos: added.body.photos } });
    // A second photo is added beside the first; the one already held is not stored again.
    const more = await upload('grid', caseId, [photo, { name: 'near.jpg', bytes: jpeg(2) }]);
    expect(more.status).toBe(200);
    expect(more.body.photos).toHaveLength(2);
    expect(more.body.photos[0]).toBe(added.body.photos[0]);
    const page = await call('township', 'GET', `/api/v1/cases/${caseId}`);
    expect(page.body.photos).toEqual(more.body.photos);
    await chainCommitted(h.ctx.db);
    const audits = await h.ctx.db
      .selectFrom('audit_log')
      .select('seq')
      .where('action', '=', 'case.photo.add')
      .where('target_id', '=', caseId)
      .execute();
    expect(audits).toHaveLength(2);
  });

  it('refuses a photo that is not an image, naming it, and stores nothing', async () => {
    const opened = await call('grid', 'POST', '/api/v1/cases', report(randomUUID()));
    const caseId = opened.body.case.id as string;
    const bad = await upload('grid', caseId, [
      { name: 'a.jpg', bytes: jpeg(3) },
      { name: 'b.jpg', bytes: GIF },
    ]);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'PHOTO_TYPE_UNSUPPORTED', field: 'photos[1]' });
    expect(bad.body.error.message).toBe('第 2 张照片（b.jpg）：照片只能是 JPEG、PNG 或 WebP 格式');
    expect((await call('grid', 'GET', `/api/v1/cases/${caseId}`)).body.photos).toEqual([]);
  });

  it('answers 404 for a case out of reach, storing nothing', async () => {
    const elsewhere = await call('city', 'POST', '/api/v1/cases', report(undefined, otherGridCode));
    expect(elsewhere.status).toBe(201);
    const caseId = elsewhere.body.case.id as string;
    const denied = await upload('grid', caseId, [{ name: 'x.jpg', bytes: jpeg(4) }]);
    expect(denied.status).toBe(404);
    expect((await call('city', 'GET', `/api/v1/cases/${caseId}`)).body.photos).toEqual([]);
  });
});
