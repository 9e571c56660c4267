// The field app's API (grid workers and community police): check-ins, patrols and their GPS fixes (each
// write idempotent by the phone's client id), the cached grid, and the worker's own assessment sheet.
import { gzipSync } from 'node:zlib';
import { monthOf } from '@civgrid/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import { mySheet } from './assessment.ts';
import { auditMyGrid, myGrid } from './my-grid.ts';
import {
  fieldErrors as errors,
  ZCheckin,
  ZCheckinAnswer,
  ZCheckinList,
  ZMonthQuery,
  ZMyGrid,
  ZMyGridQuery,
  ZPatrolAnswer,
  ZPatrolEvent,
  ZPatrolParams,
  ZPoints,
  ZPointsAnswer,
  ZSheet,
} from './schemas.ts';
import { addPoints, checkIn, myCheckins, patrolEvent } from './work.ts';

const tags = ['field'];
/** Below this a gzip costs more than it saves. */
const GZIP_FROM_BYTES = 2048;

export function fieldWorkRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/field/checkins',
      {
        schema: {
          tags,
          summary: 'Check in or out (签到/签退); a replay of the clientId answers the first (200)',
          body: ZCheckin,
          response: { 200: ZCheckinAnswer, 201: ZCheckinAnswer, ...errors },
        },
      },
      async (request, reply) => {
        const answer = await checkIn(ctx, await authorize(ctx, request, 'field.work'), request.body);
        return reply.status(answer.isReplay ? 200 : 201).send(answer);
      },
    );
    app.get(
      '/api/v1/field/checkins/mine',
      {
        schema: {
          tags,
          summary: 'My check-ins of a month (default: this month)',
          querystring: ZMonthQuery,
          response: { 200: ZCheckinList, ...errors },
        },
      },
      async (request) =>
        myCheckins(
          ctx,
          await authorize(ctx, request, 'field.work'),
          request.query.month ?? monthOf(ctx.now(), ctx.config.timezone),
        ),
    );
    app.post(
      '/api/v1/field/patrols',
      {
        schema: {
          tags,
          summary:
            'Start or stop a patrol named by its clientId; an earlier start or later stop widens it, a replay changes nothing',
          body: ZPatrolEvent,
          response: { 200: ZPatrolAnswer, ...errors },
        },
      },
      async (request) => patrolEvent(ctx, await authorize(ctx, request, 'field.work'), request.body),
    );
    app.post(
      '/api/v1/field/patrols/:id/points',
      {
        schema: {
          tags,
          summary:
            'A batch of GPS fixes for the patrol with this clientId (created if its start has not arrived); fixes already held are duplicates',
          params: ZPatrolParams,
          body: ZPoints,
          response: { 200: ZPointsAnswer, ...errors },
        },
      },
      async (request) =>
        addPoints(ctx, await authorize(ctx, request, 'field.work'), request.params.id, request.body),
    );
    app.get(
      '/api/v1/field/my-grid',
      {
        schema: {
          tags,
          summary:
            'What the phone caches: my grids, their buildings, houses and residents (masked) and people in care categories; ETag / If-None-Match → 304; gzip when accepted',
          querystring: ZMyGridQuery,
          response: { 200: ZMyGrid, ...errors },
        },
      },
      async (request, reply) => {
        const actor = await authorize(ctx, request, 'field.work');
        const { document, etag } = await myGrid(ctx, actor, request.query.grid);
        reply
          .header('etag', etag)
          .header('cache-control', 'private, no-cache')
          .header('vary', 'accept-encoding');
        if (request.headers['if-none-match'] === etag) return reply.status(304).send(undefined as never);
        await auditMyGrid(ctx, actor, document);
        const json = JSON.stringify(document);
        if (json.length >= GZIP_FROM_BYTES && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
          reply.header('content-encoding', 'gzip').type('application/json; charset=utf-8');
          return reply.send(gzipSync(json) as unknown as typeof document);
        }
        return reply.type('application/json; charset=utf-8').send(json as unknown as typeof document);
      },
    );
    app.get(
      '/api/v1/field/assessments/mine',
      {
        schema: {
          tags,
          summary: 'My assessment sheet for a month (default: this month, so far)',
          querystring: ZMonthQuery,
          response: { 200: ZSheet, ...errors },
        },
      },
      async (request) => mySheet(ctx, await authorize(ctx, request, 'field.work'), request.query.month),
    );
  };
}
