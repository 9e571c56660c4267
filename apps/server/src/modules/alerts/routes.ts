// Alerts (interfaces.md, "Alerts and watchlists"): the list, the alert page and the steps on an alert.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import {
  alertErrors as errors,
  ZAlertCase,
  ZAlertCaseOpened,
  ZAlertId,
  ZAlertList,
  ZAlertListQuery,
  ZAlertMap,
  ZAlertNote,
  ZAlertPage,
  ZAlertStats,
  ZAlertStatsQuery,
} from './schemas.ts';
import { alertMap, alertStats, listAlerts, openCaseFromAlert, readAlert, takeAlertStep } from './service.ts';

const tags = ['alerts'];

export function alertRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/alerts',
      {
        schema: {
          tags,
          summary:
            'Alerts in my jurisdiction, newest first: filter by rule, status (open or one), grid, mine',
          querystring: ZAlertListQuery,
          response: { 200: ZAlertList, ...errors },
        },
      },
      async (request) => listAlerts(ctx, await authorize(ctx, request, 'alert.read'), request.query),
    );
    app.get(
      '/api/v1/alerts/map',
      {
        schema: {
          tags,
          summary: 'Where the newest alerts matching the list filters are (building, device or grid centre)',
          querystring: ZAlertListQuery,
          response: { 200: ZAlertMap, ...errors },
        },
      },
      async (request) => alertMap(ctx, await authorize(ctx, request, 'alert.read'), request.query),
    );
    app.get(
      '/api/v1/alerts/stats',
      {
        schema: {
          tags,
          summary:
            'Per rule: raised, open, acknowledged, resolved, false alarms, escalated, cases (for tuning)',
          querystring: ZAlertStatsQuery,
          response: { 200: ZAlertStats, ...errors },
        },
      },
      async (request) => alertStats(ctx, await authorize(ctx, request, 'alert.read'), request.query),
    );
    app.get(
      '/api/v1/alerts/:id',
      {
        schema: {
          tags,
          summary: 'The alert page: evidence, thresholds, history and the steps I may take (audited)',
          params: ZAlertId,
          response: { 200: ZAlertPage, ...errors },
        },
      },
      async (request) => readAlert(ctx, await authorize(ctx, request, 'alert.read'), request.params.id),
    );
    for (const [path, command] of [
      ['ack', 'acknowledge'],
      ['resolve', 'resolve'],
      ['false-alarm', 'false-alarm'],
    ] as const) {
      app.post(
        `/api/v1/alerts/:id/${path}`,
        {
          schema: {
            tags,
            summary:
              command === 'acknowledge'
                ? 'Acknowledge an alert (签收)'
                : command === 'resolve'
                  ? 'Resolve an alert with a note (处置)'
                  : 'Close an alert as a false alarm with a note (误报)',
            params: ZAlertId,
            body: ZAlertNote,
            response: { 200: ZAlertPage, ...errors },
          },
        },
        async (request) =>
          takeAlertStep(
            ctx,
            await authorize(ctx, request, 'alert.handle'),
            request.params.id,
            command,
            request.body.note || null,
          ),
      );
    }
    app.post(
      '/api/v1/alerts/:id/case',
      {
        schema: {
          tags,
          summary: 'Open a case (source alert) from an alert; one case per alert',
          params: ZAlertId,
          body: ZAlertCase,
          response: { 201: ZAlertCaseOpened, ...errors },
        },
      },
      async (request, reply) => {
        await authorize(ctx, request, 'alert.handle');
        const actor = await authorize(ctx, request, 'case.open');
        return reply.status(201).send(await openCaseFromAlert(ctx, actor, request.params.id, request.body));
      },
    );
  };
}
