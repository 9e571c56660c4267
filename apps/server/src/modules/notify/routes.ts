import { pageOf, ZErrorBody, ZPageQuery } from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import { listOutbox } from './service.ts';

const STATES = ['pending', 'failed', 'delivered'] as const;

export const ZOutboxQuery = ZPageQuery.extend({ state: z.enum(STATES).default('pending') });

export const ZOutboxItem = z.object({
  id: z.string(),
  state: z.enum(STATES),
  topic: z.string(),
  channel: z.string(),
  /** Masked: `138****5678`, or an openid's first characters. */
  recipient: z.string().nullable(),
  caseId: z.string().nullable(),
  trackingNo: z.string().nullable(),
  text: z.object({ zh: z.string(), en: z.string() }).nullable(),
  createdAt: z.string(),
  attempts: z.number().int(),
  /** When the next attempt is due; null once delivered or given up. */
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  lastError: z.string().nullable(),
});

export function notifyRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/admin/outbox',
      {
        schema: {
          tags: ['system'],
          summary: "Residents' notifications: pending, failed (given up) or delivered; recipients masked",
          querystring: ZOutboxQuery,
          response: { 200: pageOf(ZOutboxItem), 400: ZErrorBody, 403: ZErrorBody },
        },
      },
      async (request) => {
        // The system administrator's (there is no finer permission for the outbox yet).
        await authorize(ctx, request, 'user.manage');
        return listOutbox(ctx, request.query);
      },
    );
  };
}
