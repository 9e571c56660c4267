// Sensing over HTTP: the events door (contract), heartbeats, device health for the console map, and
// device keys.
import {
  ZApiKeyCreated,
  ZDeviceStatusPage,
  ZDeviceStatusQuery,
  ZErrorBody,
  ZIngestResult,
} from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { AppError, languageOf } from '../../platform/errors.ts';
import { authorize } from '../../platform/http.ts';
import { ingestEvents } from './ingest.ts';
import { createDeviceKey, deviceStatusPage, heartbeat } from './service.ts';

export const MAX_BATCH = 10_000;

/** A body as events: a JSON array, one JSON object, or NDJSON text. A line that is not JSON stays in the
 *  batch as its text, so the pipeline rejects it by index instead of the whole batch failing. */
export function eventsOf(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  if (typeof body !== 'string') return body === undefined || body === null ? [] : [body];
  const events: unknown[] = [];
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    try {
      events.push(JSON.parse(line));
    } catch {
      events.push(line);
    }
  }
  return events;
}

export function sensingRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.addContentTypeParser(
      ['application/x-ndjson', 'text/plain'],
      { parseAs: 'string', bodyLimit: 32 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );

    app.post(
      '/api/v1/events',
      {
        bodyLimit: 32 * 1024 * 1024,
        schema: {
          tags: ['sensing'],
          summary: 'Ingest up to 10,000 events (JSON array or NDJSON); answered after commit',
          body: z.unknown(),
          response: {
            200: ZIngestResult,
            400: ZErrorBody,
            403: ZErrorBody,
            413: ZErrorBody,
            503: ZErrorBody,
          },
        },
      },
      async (request, reply) => {
        const actor = await authorize(ctx, request, 'sensing.ingest');
        const events = eventsOf(request.body);
        if (events.length > MAX_BATCH) throw new AppError('BATCH_TOO_LARGE');
        const result = await ingestEvents(
          ctx,
          actor,
          events,
          'http',
          languageOf(request.headers['accept-language']),
        );
        if (result === null) {
          reply.header('retry-after', '1');
          throw new AppError('INGEST_BUSY');
        }
        return result;
      },
    );

    app.post(
      '/api/v1/devices/:code/heartbeat',
      {
        schema: {
          tags: ['sensing'],
          summary: 'A device or its gateway reports it is alive',
          params: z.object({ code: z.string().max(64) }),
          response: { 200: z.object({ at: z.string() }), 404: ZErrorBody },
        },
      },
      async (request) => {
        const actor = await authorize(ctx, request, 'sensing.ingest');
        return heartbeat(ctx, actor, request.params.code);
      },
    );

    app.get(
      '/api/v1/devices/status',
      {
        schema: {
          tags: ['sensing'],
          summary: 'Sensing devices in scope with online state and last seen',
          querystring: ZDeviceStatusQuery,
          response: { 200: ZDeviceStatusPage },
        },
      },
      async (request) => {
        const actor = await authorize(ctx, request, 'device.read');
        return deviceStatusPage(ctx, actor, request.query);
      },
    );

    app.post(
      '/api/v1/devices/:code/apikey',
      {
        schema: {
          tags: ['sensing'],
          summary: "Create an API key for one device's own events (shown once)",
          params: z.object({ code: z.string().max(64) }),
          response: { 201: ZApiKeyCreated, 404: ZErrorBody },
        },
      },
      async (request, reply) => {
        const actor = await authorize(ctx, request, 'device.manage');
        return reply.status(201).send(await createDeviceKey(ctx, actor, request.params.code));
      },
    );
  };
}
