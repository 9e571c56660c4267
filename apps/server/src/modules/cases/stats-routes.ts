import { ZCaseStats, ZCaseStatsQuery, ZErrorBody } from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import { caseStats } from './stats.ts';

export function caseStatsRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/cases/stats',
      {
        schema: {
          tags: ['cases'],
          summary:
            'Statistics of the cases opened in a window, by status, category, grid, department or level: ' +
            'counts, handling time, on-time rate, satisfaction, reopens',
          querystring: ZCaseStatsQuery,
          response: { 200: ZCaseStats, 400: ZErrorBody, 403: ZErrorBody },
        },
      },
      async (request) => caseStats(ctx, await authorize(ctx, request, 'case.read'), request.query),
    );
  };
}
