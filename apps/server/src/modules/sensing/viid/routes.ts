// GA/T 1400 (视图库) door into the ingestion pipeline: System/Register, UnRegister, Keepalive and Time,
// and the Faces and MotorVehicles uploads, with HTTP Digest on every call (gat1400.md). The server's
// session and API-key hook does not run here (it covers /api and /open311 only): every request is
// Digest-authenticated, and every one but Register must come from a device with a live registration.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../../../platform/actor.ts';
import type { Context } from '../../../platform/context.ts';
import { type Lang, languageOf } from '../../../platform/errors.ts';
import { MAX_BATCH } from '../routes.ts';
import { digestChallenge, verifyDigest } from './digest.ts';
import { faceEvent, listObjects, objectId, plateEvent } from './objects.ts';
import {
  list,
  type ResponseStatus,
  responseStatus,
  STATUS,
  type StatusCode,
  sendViid,
  single,
  statusOfRejection,
  systemTime,
  viidServerId,
} from './responses.ts';
import {
  ingestObjects,
  keepalive,
  registerDevice,
  touchSession,
  unregisterDevice,
  viidActor,
} from './service.ts';

// Captures may carry their images inline (base64), so bodies are allowed to be larger than elsewhere.
const BODY_LIMIT = 64 * 1024 * 1024;
const DEVICE_ID = /^\d{20}$/;

const TEXT = {
  registered: { zh: '注册成功', en: 'registered' },
  unregistered: { zh: '注销成功', en: 'unregistered' },
  alive: { zh: '保活成功', en: 'alive' },
  ok: { zh: 'OK', en: 'OK' },
  busy: { zh: '系统繁忙，请稍后重发', en: 'Device Busy: resend later' },
  notRegistered: {
    zh: '设备未注册或注册已过期，请重新注册',
    en: 'not registered, or the registration lapsed',
  },
  unknownDevice: {
    zh: '设备未在一机一档中登记，请先导入该设备',
    en: 'no device with this DeviceID in the device register; import it first',
  },
  badDeviceId: { zh: 'DeviceID 应为 20 位数字', en: 'DeviceID must be 20 digits' },
  mismatch: { zh: 'User-Identify 与 DeviceID 不一致', en: 'User-Identify and DeviceID differ' },
  noIdentity: { zh: '缺少 User-Identify', en: 'User-Identify is missing' },
  badJson: { zh: '不是有效的 JSON', en: 'Invalid JSON Format' },
  badList: { zh: '缺少对象列表', en: 'Invalid JSON Content: the object list is missing' },
  tooMany: { zh: '一批最多 10,000 个对象', en: 'a batch holds at most 10,000 objects' },
  noCity: { zh: '平台尚无城市数据', en: 'the platform holds no city yet' },
  internal: { zh: '服务器内部错误', en: 'Internal server error' },
} as const satisfies Record<string, Record<Lang, string>>;

type Parsed = { ok: true; value: unknown } | { ok: false };

function parseJson(body: unknown): Parsed {
  if (typeof body !== 'string' || body.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body.replace(/^\uFEFF/, '')) };
  } catch {
    return { ok: false };
  }
}

/** `body[wrapper].DeviceID` as a string, if any. */
function bodyDeviceId(body: unknown, wrapper: string): string | undefined {
  const inner = (body as Record<string, unknown> | undefined)?.[wrapper] as
    | Record<string, unknown>
    | undefined;
  const id = inner?.DeviceID;
  return typeof id === 'string' ? id.trim() : undefined;
}

const pathOf = (request: FastifyRequest) => request.url.split('?')[0]!;

export function viidRoutes(ctx: Context): FastifyPluginAsync {
  return async (app) => {
    // An empty password means GA/T 1400 is switched off (production without CIVGRID_VIID_PASSWORD).
    if (ctx.config.viid.password === '') return;

    // Devices send `application/VIID+JSON`, `application/json` or nothing useful: bodies are read as text
    // and parsed here, so malformed JSON is answered in GA/T 1400's terms (StatusCode 7).
    app.removeAllContentTypeParsers();
    app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: BODY_LIMIT }, (_request, body, done) =>
      done(null, body),
    );

    const langOf = (request: FastifyRequest) => languageOf(request.headers['accept-language']);
    const status = (
      request: FastifyRequest,
      code: StatusCode,
      text: keyof typeof TEXT,
      id?: string,
    ): ResponseStatus =>
      responseStatus(pathOf(request), code, TEXT[text][langOf(request)], ctx.now(), ctx.config.timezone, id);

    app.setErrorHandler((error: unknown, request, reply) => {
      const code = (error as { statusCode?: number }).statusCode;
      if (!code || code >= 500) request.log.error({ err: error }, 'viid request failed');
      return sendViid(
        reply,
        code && code >= 400 ? code : 500,
        single(status(request, STATUS.otherError, 'internal')),
      );
    });

    /** 401 with a new challenge; the body, if any, says why in GA/T 1400 terms. */
    const challenge = (reply: FastifyReply, isStale: boolean, body?: unknown) => {
      reply.header('www-authenticate', digestChallenge(ctx, ctx.now(), isStale));
      return body === undefined ? reply.status(401).send() : sendViid(reply, 401, body);
    };

    /** Digest, then (for everything but Register) a live registration of the calling device, identified
     *  by `User-Identify` or, for the system calls, the DeviceID in the body. Answers and returns null
     *  when the request may not go on. */
    const admit = async (
      request: FastifyRequest,
      reply: FastifyReply,
      wrapper?: string,
    ): Promise<{ caller: string; actor: Actor; body: unknown } | null> => {
      const verdict = await verifyDigest(
        ctx,
        request.headers.authorization,
        request.method,
        request.url,
        ctx.now(),
      );
      if (!verdict.ok) {
        await challenge(reply, verdict.isStale);
        return null;
      }
      const parsed = parseJson(request.body);
      if (!parsed.ok) {
        await sendViid(reply, 400, single(status(request, STATUS.invalidJsonFormat, 'badJson')));
        return null;
      }
      const header = request.headers['user-identify'];
      const identified = typeof header === 'string' && header.trim() !== '' ? header.trim() : undefined;
      const named = wrapper ? bodyDeviceId(parsed.value, wrapper) : undefined;
      if (identified && named && identified !== named) {
        await sendViid(reply, 200, single(status(request, STATUS.invalidOperation, 'mismatch', named)));
        return null;
      }
      const caller = identified ?? named;
      if (!caller) {
        await challenge(reply, false, single(status(request, STATUS.invalidOperation, 'noIdentity')));
        return null;
      }
      if (!(await touchSession(ctx, caller))) {
        await challenge(
          reply,
          false,
          single(status(request, STATUS.invalidOperation, 'notRegistered', caller)),
        );
        return null;
      }
      const actor = await viidActor(ctx, caller, request.ip);
      if (!actor) {
        await sendViid(reply, 503, single(status(request, STATUS.otherError, 'noCity', caller)));
        return null;
      }
      return { caller, actor, body: parsed.value };
    };

    const route = { bodyLimit: BODY_LIMIT };
    const schema = (summary: string) => ({ ...route, schema: { tags: ['viid'], summary } });

    app.post(
      '/VIID/System/Register',
      schema('GA/T 1400 Register (HTTP Digest); the DeviceID must be in the device register'),
      async (request, reply) => {
        const verdict = await verifyDigest(
          ctx,
          request.headers.authorization,
          request.method,
          request.url,
          ctx.now(),
        );
        if (!verdict.ok) return challenge(reply, verdict.isStale);
        const parsed = parseJson(request.body);
        if (!parsed.ok)
          return sendViid(reply, 400, single(status(request, STATUS.invalidJsonFormat, 'badJson')));
        const id = bodyDeviceId(parsed.value, 'RegisterObject');
        if (!id || !DEVICE_ID.test(id))
          return sendViid(reply, 400, single(status(request, STATUS.invalidJsonContent, 'badDeviceId', id)));
        const header = request.headers['user-identify'];
        if (typeof header === 'string' && header.trim() !== '' && header.trim() !== id)
          return sendViid(reply, 200, single(status(request, STATUS.invalidOperation, 'mismatch', id)));
        const actor = await viidActor(ctx, id, request.ip);
        if (!actor) return sendViid(reply, 503, single(status(request, STATUS.otherError, 'noCity', id)));
        if (!(await registerDevice(ctx, actor, id)))
          return sendViid(reply, 200, single(status(request, STATUS.invalidOperation, 'unknownDevice', id)));
        return sendViid(reply, 200, single(status(request, STATUS.ok, 'registered', id)));
      },
    );

    app.post('/VIID/System/UnRegister', schema('GA/T 1400 UnRegister'), async (request, reply) => {
      const admitted = await admit(request, reply, 'UnRegisterObject');
      if (!admitted) return reply;
      await unregisterDevice(ctx, admitted.actor, admitted.caller);
      return sendViid(reply, 200, single(status(request, STATUS.ok, 'unregistered', admitted.caller)));
    });

    app.post('/VIID/System/Keepalive', schema('GA/T 1400 Keepalive'), async (request, reply) => {
      const admitted = await admit(request, reply, 'KeepaliveObject');
      if (!admitted) return reply;
      await keepalive(ctx, admitted.actor, admitted.caller);
      return sendViid(reply, 200, single(status(request, STATUS.ok, 'alive', admitted.caller)));
    });

    app.get('/VIID/System/Time', schema('GA/T 1400 time sync'), async (request, reply) => {
      const admitted = await admit(request, reply);
      if (!admitted) return reply;
      const now = ctx.now();
      return sendViid(
        reply,
        200,
        systemTime(viidServerId(admitted.actor.scopeCode), now, ctx.config.timezone),
      );
    });

    const upload = (
      listKey: string,
      itemKey: string,
      idKey: 'FaceID' | 'MotorVehicleID',
      toEvent: (raw: unknown, caller: string, timeZone: string) => unknown,
    ) =>
      async function handleUpload(request: FastifyRequest, reply: FastifyReply) {
        const admitted = await admit(request, reply);
        if (!admitted) return reply;
        const objects = listObjects(admitted.body, listKey, itemKey);
        if (!objects)
          return sendViid(reply, 400, single(status(request, STATUS.invalidJsonContent, 'badList')));
        if (objects.length > MAX_BATCH)
          return sendViid(reply, 413, single(status(request, STATUS.invalidOperation, 'tooMany')));
        const events = objects.map((o) => toEvent(o, admitted.caller, ctx.config.timezone));
        const result = await ingestObjects(ctx, admitted.actor, events, langOf(request));
        const ids = objects.map((o) => objectId(o, idKey));
        if (result === null) {
          reply.header('retry-after', '1');
          return sendViid(reply, 503, list(ids.map((id) => status(request, STATUS.deviceBusy, 'busy', id))));
        }
        const refused = new Map(result.rejected.map((r) => [r.index, r]));
        const now = ctx.now();
        return sendViid(
          reply,
          200,
          list(
            ids.map((id, index) => {
              const r = refused.get(index);
              return r
                ? responseStatus(
                    pathOf(request),
                    statusOfRejection(r.code),
                    r.message,
                    now,
                    ctx.config.timezone,
                    id,
                  )
                : status(request, STATUS.ok, 'ok', id);
            }),
          ),
        );
      };

    app.post(
      '/VIID/Faces',
      schema('GA/T 1400 FaceListObject → face events'),
      upload('FaceListObject', 'FaceObject', 'FaceID', faceEvent),
    );
    app.post(
      '/VIID/MotorVehicles',
      schema('GA/T 1400 MotorVehicleListObject → plate events'),
      upload('MotorVehicleListObject', 'MotorVehicleObject', 'MotorVehicleID', plateEvent),
    );
  };
}
