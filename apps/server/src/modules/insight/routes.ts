// Insight queries (contract) and the dossiers' sensing timelines.
import {
  ZCollision,
  ZCollisionRequest,
  ZContacts,
  ZContactsRequest,
  ZErrorBody,
  ZTimelinePage,
  ZTimelineQuery,
  ZTrajectory,
  ZTrajectoryRequest,
} from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import { collision, contacts, timeline, trajectory } from './service.ts';

const errors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

export function insightRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/insight/trajectory',
      {
        schema: {
          tags: ['insight'],
          summary: "A subject's events in a time range, in time order (purpose required)",
          body: ZTrajectoryRequest,
          response: { 200: ZTrajectory, ...errors },
        },
      },
      async (request) => trajectory(ctx, await authorize(ctx, request, 'insight.query'), request.body),
    );

    app.post(
      '/api/v1/insight/collision',
      {
        schema: {
          tags: ['insight'],
          summary: 'Subjects seen in at least minMatches of the conditions (device sets × windows)',
          body: ZCollisionRequest,
          response: { 200: ZCollision, ...errors },
        },
      },
      async (request) => collision(ctx, await authorize(ctx, request, 'insight.query'), request.body),
    );

    app.post(
      '/api/v1/insight/contacts',
      {
        schema: {
          tags: ['insight'],
          summary: 'Who was at the same device within ±windowMinutes of the subject, most encounters first',
          body: ZContactsRequest,
          response: { 200: ZContacts, ...errors },
        },
      },
      async (request) => contacts(ctx, await authorize(ctx, request, 'insight.query'), request.body),
    );

    app.get(
      '/api/v1/registry/:kind/:id/timeline',
      {
        schema: {
          tags: ['insight'],
          summary: "A dossier's sensing timeline, newest first (reason required)",
          params: z.object({
            kind: z.enum(['persons', 'vehicles', 'houses', 'devices']),
            id: z.string().max(20),
          }),
          querystring: ZTimelineQuery,
          response: { 200: ZTimelinePage, ...errors },
        },
      },
      async (request) =>
        timeline(
          ctx,
          await authorize(ctx, request, 'insight.query'),
          request.params.kind,
          request.params.id,
          request.query,
        ),
    );
  };
}
