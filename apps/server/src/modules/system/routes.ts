// Health, public configuration and API keys.
import { ZApiKeyCreated, ZCreateApiKey, ZErrorBody, ZPublicConfig } from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import { createApiKey } from './service.ts';

export const VERSION = '0.1.0';

export function systemRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['system'],
          summary: 'Liveness and database reachability',
          response: {
            200: z.object({ status: z.literal('ok'), db: z.literal('ok') }),
            503: z.object({ status: z.string(), db: z.string() }),
          },
        },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(ctx.db);
          return { status: 'ok' as const, db: 'ok' as const };
        } catch {
          return reply.status(503).send({ status: 'degraded', db: 'unreachable' });
        }
      },
    );

    app.get(
      '/api/v1/config',
      {
        schema: {
          tags: ['system'],
          summary: 'What the web apps need to know before login',
          response: { 200: ZPublicConfig },
        },
      },
      async () => ({
        mode: ctx.config.mode,
        timezone: ctx.config.timezone,
        tileUrl: ctx.config.tileUrl,
        version: VERSION,
      }),
    );

    app.post(
      '/api/v1/apikeys',
      {
        schema: {
          tags: ['system'],
          summary: 'Create an API key for devices and scripts (shown once)',
          body: ZCreateApiKey,
          response: { 201: ZApiKeyCreated, 403: ZErrorBody },
        },
      },
      async (request, reply) => {
        const actor = await authorize(ctx, request, 'apikey.manage');
        const created = await createApiKey(ctx, actor, request.body.name);
        return reply.status(201).send(created);
      },
    );
  };
}
