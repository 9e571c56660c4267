// Open311 GeoReport v2 at /open311/v2/ (wiki.open311.org/GeoReport_v2): discovery, services, a service
// definition, requests (GET and POST), a request, and tokens, each as `.json` or `.xml`. Everything here
// answers in the spec's own shapes, errors included (`[{code, description}]`, `<errors><error>…`), not in
// the platform's `{error:{…}}`; form-encoded bodies are read here only, so the rest of the API stays JSON.
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { resolveApiKey } from '../../platform/api-keys.ts';
import type { Context } from '../../platform/context.ts';
import { AppError, ERRORS, type Lang, languageOf } from '../../platform/errors.ts';
import { authorize } from '../../platform/http.ts';
import { presentDiscovery } from './presenter.ts';
import {
  fileRequest,
  findRequest,
  findRequests,
  findToken,
  listServices,
  type RequestFields,
  serviceDefinition,
} from './service.ts';
import { type XmlValue, xmlDocument } from './xml.ts';

type Format = 'json' | 'xml';
const FORMATS: readonly Format[] = ['json', 'xml'];
const PREFIX = '/open311/v2';
/** When this door last changed what it serves (the discovery document's `changeset`). */
const CHANGESET = '2026-03-01T00:00:00+08:00';

const langOf = (request: FastifyRequest): Lang => languageOf(request.headers['accept-language']);
const formatOf = (request: FastifyRequest): Format =>
  /\.xml$/i.test(request.url.split('?')[0]!) ? 'xml' : 'json';

function send(reply: FastifyReply, format: Format, root: string, value: XmlValue, status = 200) {
  reply.status(status);
  return format === 'xml'
    ? reply.type('text/xml; charset=utf-8').send(xmlDocument(root, value))
    : reply.type('application/json; charset=utf-8').send(JSON.stringify(value));
}

/** The spec's error list: one error whose code is the HTTP status (403 key, 404 unknown, 400 the rest). */
function sendError(reply: FastifyReply, format: Format, status: 400 | 403 | 404, description: string) {
  return send(reply, format, 'errors', [{ code: status, description }], status);
}

function errorStatus(status: number): 400 | 403 | 404 {
  if (status === 401 || status === 403) return 403;
  return status === 404 ? 404 : 400;
}

/** `name.json` → ['name', 'json']; null for any other format. */
function splitFile(file: string): [string, Format] | null {
  const m = /^(.+)\.(json|xml)$/i.exec(file);
  return m ? [m[1]!, m[2]!.toLowerCase() as Format] : null;
}

/** A query parameter's values, whether repeated or comma-separated (the spec allows both). */
function listParam(value: unknown): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values
    .flatMap((v) => String(v).split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

function singleParam(value: unknown): string | undefined {
  return Array.isArray(value) ? (value.at(-1) as string | undefined) : (value as string | undefined);
}

/** A POST body (form-encoded or JSON) as one text per field. */
function fieldsOf(body: unknown): Record<string, string> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(body))
    if (typeof value === 'string' || typeof value === 'number') fields[key] = String(value);
  return fields;
}

const tag = { tags: ['open311'] };

function georeport(ctx: Context): FastifyPluginAsync {
  return async (app) => {
    app.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 256 * 1024 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
    );

    app.setErrorHandler((error: unknown, request, reply) => {
      const lang = langOf(request);
      if (error instanceof AppError)
        return sendError(
          reply,
          formatOf(request),
          errorStatus(error.status),
          error.detail?.[lang] ?? ERRORS[error.code][lang],
        );
      const status = (error as { statusCode?: number }).statusCode;
      if (!status || status >= 500) request.log.error({ err: error }, 'open311 request failed');
      // The spec answers 400 for any other failure ("general service error"), the server's own included.
      const description =
        status === 413
          ? ERRORS.PAYLOAD_TOO_LARGE[lang]
          : status && status < 500
            ? ERRORS.VALIDATION_FAILED[lang]
            : ERRORS.INTERNAL[lang];
      return sendError(reply, formatOf(request), 400, description);
    });
    app.setNotFoundHandler((request, reply) =>
      sendError(reply, formatOf(request), 404, ERRORS.NOT_FOUND[langOf(request)]),
    );

    for (const format of FORMATS) {
      app.get(
        `/discovery.${format}`,
        { schema: { ...tag, summary: `Service discovery (${format})` } },
        (request, reply) => {
          const lang = langOf(request);
          const contact =
            lang === 'zh'
              ? 'API 密钥由本市管理员签发（POST /api/v1/apikeys 或 civgrid apikey create）'
              : "API keys are issued by the city's administrators (POST /api/v1/apikeys or civgrid apikey create)";
          const url = `${request.protocol}://${request.host}${PREFIX}`;
          return send(
            reply,
            format,
            'discovery',
            presentDiscovery(url, CHANGESET, ctx.config.mode === 'production', contact),
          );
        },
      );

      app.get(
        `/services.${format}`,
        { schema: { ...tag, summary: `Service list (${format})` } },
        async (request, reply) => send(reply, format, 'services', await listServices(ctx, langOf(request))),
      );

      app.get(
        `/requests.${format}`,
        {
          schema: {
            ...tag,
            summary: `Service requests: by id, or filed in a window of at most 90 days (${format})`,
          },
        },
        async (request, reply) => {
          const query = request.query as Record<string, unknown>;
          const requests = await findRequests(
            ctx,
            {
              service_request_id: listParam(query.service_request_id),
              service_code: listParam(query.service_code),
              status: listParam(query.status),
              start_date: singleParam(query.start_date),
              end_date: singleParam(query.end_date),
            },
            langOf(request),
          );
          return send(reply, format, 'service_requests', requests);
        },
      );

      app.post(
        `/requests.${format}`,
        { schema: { ...tag, summary: `Post a service request with an api_key (${format})` } },
        async (request, reply) => {
          const fields: RequestFields = fieldsOf(request.body);
          const key = fields.api_key ?? singleParam((request.query as Record<string, unknown>).api_key);
          if (key) request.actor = await resolveApiKey(ctx, key, request.ip);
          if (!request.actor)
            throw new AppError('FORBIDDEN', 'api_key', {
              zh: 'api_key 缺失或无效',
              en: 'Missing or invalid api_key',
            });
          const actor = await authorize(ctx, request, 'case.report');
          return send(
            reply,
            format,
            'service_requests',
            await fileRequest(ctx, actor, fields, langOf(request)),
            201,
          );
        },
      );
    }

    /** Routes of the form `/<resource>/<id>.<format>`: ids may hold dots (category codes do). */
    const byFile = (
      path: string,
      summary: string,
      answer: (id: string, request: FastifyRequest) => Promise<{ root: string; value: XmlValue }>,
    ) =>
      app.get(`${path}/:file`, { schema: { ...tag, summary } }, async (request, reply) => {
        const split = splitFile((request.params as { file: string }).file);
        if (!split) return sendError(reply, formatOf(request), 404, ERRORS.NOT_FOUND[langOf(request)]);
        const { root, value } = await answer(split[0], request);
        return send(reply, split[1], root, value);
      });

    byFile('/services', 'Service definition: `{service_code}.json|xml`', async (code) => ({
      root: 'service_definition',
      value: await serviceDefinition(ctx, code),
    }));
    byFile('/requests', 'A service request: `{service_request_id}.json|xml`', async (id, request) => ({
      root: 'service_requests',
      value: await findRequest(ctx, id, langOf(request)),
    }));
    byFile('/tokens', 'The service_request_id of a token: `{token}.json|xml`', async (token) => ({
      root: 'service_requests',
      value: await findToken(ctx, token),
    }));
  };
}

export function open311Routes(ctx: Context): FastifyPluginAsync {
  return async (app) => {
    await app.register(georeport(ctx), { prefix: PREFIX });
  };
}
