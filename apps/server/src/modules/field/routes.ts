// Grid workers (网格员队伍) for the centres: the roster and its "five uniform" items, assigned grids,
// disabling a worker (sessions end, open tasks handed back), a week's patrol track, the monthly
// assessment with its decisions, and the counties' assessment settings. The field app's own routes are
// in work-routes.ts.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import { decide, listSheets, readSettings, weekTrack, writeSettings } from './assessment.ts';
import { disableWorker } from './disable.ts';
import { listRoster, readWorker, revealWorker, setGrids, updateWorker } from './roster.ts';
import {
  fieldErrors as errors,
  ZAssessmentQuery,
  ZCountyParams,
  ZDecisionBody,
  ZDecisionParams,
  ZDisable,
  ZDisableAnswer,
  ZReveal,
  ZRoster,
  ZRosterQuery,
  ZSettingsAnswer,
  ZSettingsBody,
  ZSheet,
  ZSheetList,
  ZTrack,
  ZTrackQuery,
  ZUserId,
  ZWorker,
  ZWorkerGrids,
  ZWorkerRevealAnswer,
  ZWorkerUpdate,
} from './schemas.ts';
import { fieldWorkRoutes } from './work-routes.ts';

const tags = ['field'];

export function fieldRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fieldWorkRoutes(ctx));
    app.get(
      '/api/v1/field/workers',
      {
        schema: {
          tags,
          summary: 'The grid workers of my jurisdiction (roster), paged (audited)',
          querystring: ZRosterQuery,
          response: { 200: ZRoster, ...errors },
        },
      },
      async (request) => listRoster(ctx, await authorize(ctx, request, 'field.read'), request.query),
    );
    app.get(
      '/api/v1/field/workers/:id',
      {
        schema: {
          tags,
          summary: 'One worker: the five uniform items, grids and assessment record (audited)',
          params: ZUserId,
          response: { 200: ZWorker, ...errors },
        },
      },
      async (request) => readWorker(ctx, await authorize(ctx, request, 'field.read'), request.params.id),
    );
    app.patch(
      '/api/v1/field/workers/:id',
      {
        schema: {
          tags,
          summary: 'Change roster items (the identity number is sealed on arrival)',
          params: ZUserId,
          body: ZWorkerUpdate,
          response: { 200: ZWorker, ...errors },
        },
      },
      async (request) =>
        updateWorker(ctx, await authorize(ctx, request, 'field.manage'), request.params.id, request.body),
    );
    app.post(
      '/api/v1/field/workers/:id/grids',
      {
        schema: {
          tags,
          summary: "The grids a worker covers (the worker's own grid is always one)",
          params: ZUserId,
          body: ZWorkerGrids,
          response: { 200: ZWorker, ...errors },
        },
      },
      async (request) =>
        setGrids(ctx, await authorize(ctx, request, 'field.manage'), request.params.id, request.body.grids),
    );
    app.post(
      '/api/v1/field/workers/:id/reveal',
      {
        schema: {
          tags,
          summary: "A worker's identity number in clear, for a reason (person.reveal; audited)",
          params: ZUserId,
          body: ZReveal,
          response: { 200: ZWorkerRevealAnswer, ...errors },
        },
      },
      async (request) =>
        revealWorker(
          ctx,
          await authorize(ctx, request, 'field.read'),
          request.params.id,
          request.body.reason,
        ),
    );
    app.post(
      '/api/v1/field/workers/:id/disable',
      {
        schema: {
          tags,
          summary:
            'Disable a worker: its sessions end at once and its open case tasks go back to the township',
          params: ZUserId,
          body: ZDisable,
          response: { 200: ZDisableAnswer, ...errors },
        },
      },
      async (request) =>
        disableWorker(ctx, await authorize(ctx, request, 'field.manage'), request.params.id, request.body),
    );
    app.get(
      '/api/v1/field/patrols',
      {
        schema: {
          tags,
          summary: "A worker's patrols in a week (its Monday) for the map, with the week's check (audited)",
          querystring: ZTrackQuery,
          response: { 200: ZTrack, ...errors },
        },
      },
      async (request) =>
        weekTrack(ctx, await authorize(ctx, request, 'field.read'), request.query.worker, request.query.week),
    );
    app.get(
      '/api/v1/field/assessments',
      {
        schema: {
          tags,
          summary: 'Monthly assessment sheets of the workers in my jurisdiction (default: this month), paged',
          querystring: ZAssessmentQuery,
          response: { 200: ZSheetList, ...errors },
        },
      },
      async (request) => listSheets(ctx, await authorize(ctx, request, 'field.read'), request.query),
    );
    app.patch(
      '/api/v1/field/assessments/:id/:month',
      {
        schema: {
          tags,
          summary:
            "Decide a worker's month: pay coefficient (the grade's by default), reward/penalty, deployment",
          params: ZDecisionParams,
          body: ZDecisionBody,
          response: { 200: ZSheet, ...errors },
        },
      },
      async (request) =>
        decide(
          ctx,
          await authorize(ctx, request, 'field.manage'),
          request.params.id,
          request.params.month,
          request.body,
        ),
    );
    app.get(
      '/api/v1/field/assessment-settings/:county',
      {
        schema: {
          tags,
          summary: "A county's assessment settings (weights, grades, targets) and the defaults",
          params: ZCountyParams,
          response: { 200: ZSettingsAnswer, ...errors },
        },
      },
      async (request) =>
        readSettings(ctx, await authorize(ctx, request, 'field.read'), request.params.county),
    );
    app.patch(
      '/api/v1/field/assessment-settings/:county',
      {
        schema: {
          tags,
          summary: "Change a county's assessment settings: the keys given over those in force, checked whole",
          params: ZCountyParams,
          body: ZSettingsBody,
          response: { 200: ZSettingsAnswer, ...errors },
        },
      },
      async (request) =>
        writeSettings(
          ctx,
          await authorize(ctx, request, 'field.settings'),
          request.params.county,
          request.body.settings,
        ),
    );
  };
}
