// The GA/T 1400 door end to end through app.inject(): Digest as devices compute it (RFC 2617 MD5,
// qop=auth), registration against the device register, keepalive, time, and Faces / MotorVehicles
// stored as events through the same pipeline as POST /api/v1/events.
import { createHash, randomBytes } from 'node:crypto';
import { makeIdNumber, normalizePlate } from '@civgrid/domain';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainCommitted } from '../src/platform/audit.ts';
import { createHarness, type Harness } from './harness.ts';

let h: Harness;
let grid: string;
const CAMERA = '13100200001320000001';
const TOLLGATE = '13100200001210000001';
const STRANGER = '13100200001320000099'; // imported, never registers
const UNKNOWN = '13100200001329999999'; // not in the device register

beforeAll(async () => {
  h = await createHarness();
  const admin = await h.login('admin');
  const g = await h.ctx.db
    .selectFrom('org_unit')
    .select(['code', 'centre_lng', 'centre_lat'])
    .where('level', '=', 'grid')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  grid = g.code;
  const at = { gridCode: grid, lng: g.centre_lng!, lat: g.centre_lat! };
  const imported = await h.app.inject({
    method: 'POST',
    url: '/api/v1/import/devices',
    headers: { cookie: admin, 'content-type': 'application/x-ndjson' },
    payload: [
      { code: CAMERA, type: 'face', name: '东门人脸抓拍', ...at },
      { code: TOLLGATE, type: 'plate', name: '东门车辆卡口', ...at },
      { code: STRANGER, type: 'face', name: '西门人脸抓拍', ...at },
    ]
      .map((row) => JSON.stringify(row))
      .join('\n'),
  });
  expect(imported.json().accepted).toBe(3);
});
afterAll(() => h.close());

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

function challengeOf(header: string | string[] | undefined): Record<string, string> {
  expect(typeof header).toBe('string');
  const params: Record<string, string> = {};
  for (const m of (header as string).replace(/^Digest\s+/, '').matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]+))/g))
    params[m[1]!] = m[2] ?? m[3]!;
  return params;
}

/** A GA/T 1400 client as devices implement it: remembers the last challenge and counts its uses. */
class Device {
  nonce = '';
  opaque = '';
  nc = 0;
  constructor(
    readonly id: string,
    readonly user = 'viid',
    readonly password = 'civgrid-demo',
  ) {}

  authorization(method: string, uri: string, over: Partial<Record<string, string>> = {}) {
    const p = {
      username: this.user,
      realm: 'viid',
      nonce: this.nonce,
      uri,
      nc: (++this.nc).toString(16).padStart(8, '0'),
      cnonce: randomBytes(4).toString('hex'),
      ...over,
    };
    const ha1 = md5(`${p.username}:${p.realm}:${over.password ?? this.password}`);
    const response = md5(`${ha1}:${p.nonce}:${p.nc}:${p.cnonce}:auth:${md5(`${method}:${p.uri}`)}`);
    return (
      `Digest username="${p.username}", realm="${p.realm}", nonce="${p.nonce}", uri="${p.uri}", ` +
      `qop=auth, nc=${p.nc}, cnonce="${p.cnonce}", algorithm=MD5, opaque="${this.opaque}", response="${response}"`
    );
  }

  take(response: { headers: Record<string, unknown> }) {
    const c = challengeOf(response.headers['www-authenticate'] as string);
    this.nonce = c.nonce!;
    this.opaque = c.opaque!;
    this.nc = 0;
    return c;
  }

  send(method: 'GET' | 'POST', url: string, body?: unknown, headers: Record<string, string> = {}) {
    return h.app.inject({
      method,
      url,
      headers: {
        'user-identify': this.id,
        'content-type': 'application/VIID+JSON;charset=UTF-8',
        ...(this.nonce ? { authorization: this.authorization(method, url) } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
  }

  /** Register as a device does: the first attempt draws the challenge, the second answers it. */
  async register() {
    const body = { RegisterObject: { DeviceID: this.id } };
    const first = await this.send('POST', '/VIID/System/Register', body);
    if (first.statusCode !== 401) return first;
    this.take(first);
    return this.send('POST', '/VIID/System/Register', body);
  }

  keepalive() {
    return this.send('POST', '/VIID/System/Keepalive', { KeepaliveObject: { DeviceID: this.id } });
  }
}

const person = (seq: number) => makeIdNumber('131002', { year: 1979, month: 6, day: 2 }, seq);
const count = async (table: string) =>
  Number(
    (await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(h.ctx.db)).rows[0]!.n,
  );
const heartbeatOf = async (code: string) =>
  (
    await sql<{ at: Date | null }>`
      select s.last_heartbeat_at as at from device_status s join device d on d.id = s.device_id
      where d.code = ${code}`.execute(h.ctx.db)
  ).rows[0]?.at ?? null;

describe('GA/T 1400 Digest authentication', () => {
  it('challenges a request without credentials and refuses wrong ones with a fresh challenge', async () => {
    const device = new Device(CAMERA);
    const body = { RegisterObject: { DeviceID: CAMERA } };
    const bare = await device.send('POST', '/VIID/System/Register', body);
    expect(bare.statusCode).toBe(401);
    expect(bare.body).toBe('');
    expect(bare.headers['www-authenticate']).toMatch(
      /^Digest realm="viid", qop="auth", nonce="[0-9a-f]{64}", opaque="[0-9a-f]{32}", algorithm=MD5$/,
    );
    const first = device.take(bare);
    const attempts = [
      device.authorization('POST', '/VIID/System/Register', { password: 'wrong' }),
      device.authorization('POST', '/VIID/System/Register', { username: 'hik' }),
      device.authorization('POST', '/VIID/System/Register', { realm: 'other' }),
      device.authorization('POST', '/VIID/System/Keepalive'), // signed for another URI
      device.authorization('POST', '/VIID/System/Register', {
        nonce: `${first.nonce!.slice(0, 63)}${first.nonce!.endsWith('0') ? '1' : '0'}`, // forged nonce
      }),
    ];
    const nonces = new Set([first.nonce]);
    for (const authorization of attempts) {
      const refused = await h.app.inject({
        method: 'POST',
        url: '/VIID/System/Register',
        headers: { authorization, 'user-identify': CAMERA, 'content-type': 'application/VIID+JSON' },
        payload: JSON.stringify(body),
      });
      expect(refused.statusCode).toBe(401);
      const fresh = challengeOf(refused.headers['www-authenticate']);
      expect(fresh.stale).toBeUndefined();
      expect(nonces.has(fresh.nonce!)).toBe(false);
      nonces.add(fresh.nonce!);
    }
    expect(await count('viid_session')).toBe(0);
  });

  it('refuses a replayed request and answers an expired nonce stale, so the device retries', async () => {
    const device = new Device(CAMERA);
    expect((await device.register()).json().ResponseStatusObject.StatusCode).toBe(0);
    const url = '/VIID/System/Keepalive';
    const body = JSON.stringify({ KeepaliveObject: { DeviceID: CAMERA } });
    const authorization = device.authorization('POST', url);
    const once = () =>
      h.app.inject({
        method: 'POST',
        url,
        headers: { authorization, 'user-identify': CAMERA, 'content-type': 'application/json' },
        payload: body,
      });
    expect((await once()).statusCode).toBe(200);
    const replay = await once();
    expect(replay.statusCode).toBe(401);
    const fresh = challengeOf(replay.headers['www-authenticate']);
    expect(fresh.nonce).not.toBe(device.nonce);
    // The same nonce with the next count is fine until the nonce expires (300 s).
    h.clock.advance(200_000);
    expect((await device.keepalive()).statusCode).toBe(200);
    h.clock.advance(150_000);
    const stale = await device.keepalive();
    expect(stale.statusCode).toBe(401);
    expect(challengeOf(stale.headers['www-authenticate']).stale).toBe('true');
    device.take(stale);
    expect((await device.keepalive()).json().ResponseStatusObject).toMatchObject({ StatusCode: 0 });
  });
});

describe('GA/T 1400 system calls', () => {
  it('registers a device of the register, keeps it alive and tells the time', async () => {
    const device = new Device(CAMERA);
    const registered = await device.register();
    expect(registered.statusCode).toBe(200);
    expect(registered.headers['content-type']).toMatch(/^application\/VIID\+JSON/);
    const now = h.clock.now;
    const local = (at: Date) =>
      new Date(at.getTime() + 8 * 3_600_000).toISOString().replace(/\D/g, '').slice(0, 14);
    expect(registered.json()).toEqual({
      ResponseStatusObject: {
        RequestURL: '/VIID/System/Register',
        StatusCode: 0,
        StatusString: '注册成功',
        Id: CAMERA,
        LocalTime: local(now),
      },
    });
    expect(await heartbeatOf(CAMERA)).toEqual(now);
    await chainCommitted(h.ctx.db);
    const audit = await h.ctx.db
      .selectFrom('audit_log')
      .select(['actor', 'target_type'])
      .where('action', '=', 'sensing.viid.register')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ actor: `viid ${CAMERA}`, target_type: 'device' });

    h.clock.advance(30_000);
    const alive = await device.keepalive();
    expect(alive.json().ResponseStatusObject).toMatchObject({ StatusCode: 0, Id: CAMERA });
    expect(await heartbeatOf(CAMERA)).toEqual(h.clock.now);

    const time = await device.send('GET', '/VIID/System/Time');
    expect(time.statusCode).toBe(200);
    expect(time.json()).toEqual({
      SystemTimeObject: {
        VIIDServerID: expect.stringMatching(/^\d{20}$/),
        TimeMode: '1',
        LocalTime: local(h.clock.now),
        TimeZone: 'UTC+8',
      },
    });
  });

  it('refuses to register a DeviceID the device register does not hold, or one that is not 20 digits', async () => {
    const unknown = await new Device(UNKNOWN).register();
    expect(unknown.statusCode).toBe(200);
    expect(unknown.json().ResponseStatusObject).toMatchObject({ StatusCode: 4, Id: UNKNOWN });
    const malformed = new Device('LF-GATE-1');
    const answer = await malformed.register();
    expect(answer.statusCode).toBe(400);
    expect(answer.json().ResponseStatusObject.StatusCode).toBe(8);
    const sessions = await sql<{ code: string }>`
      select d.code from viid_session s join device d on d.id = s.device_id`.execute(h.ctx.db);
    expect(sessions.rows.map((r) => r.code)).not.toContain(UNKNOWN);
  });

  it('answers 401 with a challenge to a device that has not registered, has unregistered or has lapsed', async () => {
    const stranger = new Device(STRANGER);
    stranger.take(await stranger.send('POST', '/VIID/System/Keepalive', {}));
    const notRegistered = await stranger.keepalive();
    expect(notRegistered.statusCode).toBe(401);
    expect(notRegistered.headers['www-authenticate']).toMatch(/^Digest /);
    expect(notRegistered.json().ResponseStatusObject).toMatchObject({ StatusCode: 4, Id: STRANGER });
    expect(
      (await stranger.send('POST', '/VIID/Faces', { FaceListObject: { FaceObject: [] } })).statusCode,
    ).toBe(401);

    const camera = new Device(CAMERA);
    await camera.register();
    const unregistered = await camera.send('POST', '/VIID/System/UnRegister', {
      UnRegisterObject: { DeviceID: CAMERA },
    });
    expect(unregistered.json().ResponseStatusObject).toMatchObject({ StatusCode: 0, Id: CAMERA });
    expect((await camera.keepalive()).statusCode).toBe(401);

    await camera.register();
    h.clock.advance(301_000); // past the 300 s registration, with no request in between
    camera.take(await camera.keepalive());
    const lapsed = await camera.keepalive();
    expect(lapsed.statusCode).toBe(401);
    expect(lapsed.json().ResponseStatusObject.StatusCode).toBe(4);
    expect((await camera.register()).json().ResponseStatusObject.StatusCode).toBe(0);
  });
});

describe('GA/T 1400 uploads', () => {
  const at = (minutesAgo: number) => {
    const t = new Date(h.clock.now.getTime() - minutesAgo * 60_000 + 8 * 3_600_000);
    return t.toISOString().replace(/\D/g, '').slice(0, 14);
  };
  const faceId = (n: number) => `${CAMERA}02${at(0)}00001${'06'}${String(n).padStart(5, '0')}`;
  const vehicleId = (n: number) => `${TOLLGATE}02${at(0)}00001${'02'}${String(n).padStart(5, '0')}`;

  it('stores faces and motor vehicles as face and plate events with their identities, and counts replays as duplicates', async () => {
    const camera = new Device(CAMERA);
    const tollgate = new Device(TOLLGATE);
    await camera.register();
    await tollgate.register();
    const eventsBefore = await count('sensing_event');
    const deadBefore = await count('sensing_dead_letter');
    const resident = person(7);
    const faces = {
      FaceListObject: {
        FaceObject: [
          {
            FaceID: faceId(1),
            InfoKind: 1,
            SourceID: `${CAMERA}02${at(5)}00001`,
            DeviceID: CAMERA,
            FaceAppearTime: at(5),
            IDType: '111',
            IDNumber: resident,
            SubImageList: {
              SubImageInfoObject: [
                { ImageID: `${CAMERA}02${at(5)}00001`, Type: '11', StoragePath: 'http://nvr/1/face.jpg' },
              ],
            },
          },
          { FaceID: faceId(2), InfoKind: 1, DeviceID: CAMERA, LocationMarkTime: at(4) },
          {
            FaceID: faceId(3),
            InfoKind: 1,
            DeviceID: CAMERA,
            FaceAppearTime: at(3),
            IDType: '414',
            IDNumber: 'E1234567',
          },
          { FaceID: faceId(4), InfoKind: 1, DeviceID: CAMERA, FaceAppearTime: '2026-13-01' },
        ],
      },
    };
    const stored = await camera.send('POST', '/VIID/Faces', faces);
    expect(stored.statusCode).toBe(200);
    expect(stored.headers['content-type']).toMatch(/^application\/VIID\+JSON/);
    const statuses = stored.json().ResponseStatusListObject.ResponseStatusObject;
    expect(statuses).toHaveLength(4);
    expect(statuses[0]).toEqual({
      RequestURL: '/VIID/Faces',
      StatusCode: 0,
      StatusString: 'OK',
      Id: faceId(1),
      LocalTime: at(0),
    });
    expect(statuses.map((s: { Id: string; StatusCode: number }) => [s.Id, s.StatusCode])).toEqual([
      [faceId(1), 0],
      [faceId(2), 0],
      [faceId(3), 0],
      [faceId(4), 8],
    ]);

    const vehicles = {
      MotorVehicleListObject: {
        MotorVehicleObject: [
          {
            MotorVehicleID: vehicleId(1),
            InfoKind: 1,
            DeviceID: TOLLGATE,
            PassTime: at(2),
            HasPlate: true,
            PlateNo: '冀R12345',
            PlateReliability: 90,
            InOut: 'in',
            StorageUrl1: 'http://nvr/2/close.jpg',
          },
          {
            MotorVehicleID: vehicleId(2),
            InfoKind: 1,
            DeviceID: TOLLGATE,
            PassTime: at(1),
            PlateNo: '无车牌',
          },
          {
            MotorVehicleID: vehicleId(3),
            InfoKind: 1,
            DeviceID: UNKNOWN,
            PassTime: at(1),
            PlateNo: '冀R54321',
          },
        ],
      },
    };
    const passed = await tollgate.send('POST', '/VIID/MotorVehicles', vehicles);
    expect(
      passed
        .json()
        .ResponseStatusListObject.ResponseStatusObject.map((s: { Id: string; StatusCode: number }) => [
          s.Id,
          s.StatusCode,
        ]),
    ).toEqual([
      [vehicleId(1), 0],
      [vehicleId(2), 0],
      [vehicleId(3), 4],
    ]);

    const rows = await sql<{
      event_id: string;
      code: string;
      type: string;
      time: Date;
      direction: string | null;
      kind: string | null;
      sealed: Buffer | null;
      confidence: number | null;
      snapshot_ref: string | null;
    }>`
      select e.event_id, d.code, e.type, e.time, e.direction, s.kind, s.sealed, e.confidence, e.snapshot_ref
      from sensing_event e join device d on d.id = e.device_id
      left join sensing_subject s on s.id = e.subject_id
      where d.code in (${CAMERA}, ${TOLLGATE}) order by e.event_id`.execute(h.ctx.db);
    const byId = new Map(rows.rows.map((r) => [r.event_id, r]));
    expect(rows.rows).toHaveLength(5);
    const minutesAgo = (n: number) => new Date(h.clock.now.getTime() - n * 60_000);
    const face = byId.get(faceId(1))!;
    expect(face).toMatchObject({
      code: CAMERA,
      type: 'face',
      kind: 'person',
      snapshot_ref: 'http://nvr/1/face.jpg',
    });
    expect(face.time).toEqual(minutesAgo(5));
    expect(h.ctx.crypto.decrypt(face.sealed!)).toBe(resident);
    expect(byId.get(faceId(2))).toMatchObject({ kind: null, time: minutesAgo(4) });
    expect(byId.get(faceId(3))).toMatchObject({ kind: null }); // a passport is not a resident ID
    const car = byId.get(vehicleId(1))!;
    expect(car).toMatchObject({ code: TOLLGATE, type: 'plate', direction: 'in', kind: 'vehicle' });
    expect(car.confidence).toBeCloseTo(0.9);
    expect(car.snapshot_ref).toBe('http://nvr/2/close.jpg');
    expect(h.ctx.crypto.decrypt(car.sealed!)).toBe(normalizePlate('冀R12345'));
    expect(byId.get(vehicleId(2))).toMatchObject({ kind: null, type: 'plate' });
    expect(await count('sensing_event')).toBe(eventsBefore + 5);

    const dead = await sql<{ source: string; code: string; event_id: string }>`
      select source, code, event_id from sensing_dead_letter order by id`.execute(h.ctx.db);
    expect(dead.rows.slice(deadBefore).map((r) => [r.source, r.code, r.event_id])).toEqual([
      ['viid', 'INVALID_EVENT', faceId(4)],
      ['viid', 'UNKNOWN_DEVICE', vehicleId(3)],
    ]);

    // A device resends after a lost answer: everything it had delivered is a duplicate, answered OK.
    const again = await camera.send('POST', '/VIID/Faces', faces);
    expect(
      again
        .json()
        .ResponseStatusListObject.ResponseStatusObject.map((s: { StatusCode: number }) => s.StatusCode),
    ).toEqual([0, 0, 0, 8]);
    expect(await count('sensing_event')).toBe(eventsBefore + 5);
    await chainCommitted(h.ctx.db);
    const ingest = await h.ctx.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'sensing.ingest')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(ingest.details).toMatchObject({
      source: 'viid',
      sent: 4,
      accepted: 0,
      duplicates: 3,
      rejected: 1,
    });
  });

  it('answers a body that is not JSON with StatusCode 7 and one without the object list with 8', async () => {
    const camera = new Device(CAMERA);
    await camera.register();
    const garbled = await h.app.inject({
      method: 'POST',
      url: '/VIID/Faces',
      headers: {
        'user-identify': CAMERA,
        'content-type': 'application/VIID+JSON',
        authorization: camera.authorization('POST', '/VIID/Faces'),
      },
      payload: '{"FaceListObject":',
    });
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().ResponseStatusObject).toMatchObject({ RequestURL: '/VIID/Faces', StatusCode: 7 });
    const empty = await camera.send('POST', '/VIID/Faces', { Faces: [] });
    expect(empty.json().ResponseStatusObject.StatusCode).toBe(8);
  });
});

describe('GA/T 1400 switched off', () => {
  it('is not served when the VIID password is empty', async () => {
    const off = await createHarness({ viid: { user: 'viid', password: '' } });
    try {
      const answer = await off.app.inject({
        method: 'POST',
        url: '/VIID/System/Register',
        payload: { RegisterObject: { DeviceID: CAMERA } },
      });
      expect(answer.statusCode).toBe(404);
    } finally {
      await off.close();
    }
  });
});
