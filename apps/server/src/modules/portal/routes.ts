// The resident portal's API: no login. Reports and ratings are limited per client address (a token
// bucket each); following a case needs only its tracking number, which names no one.

import {
  ZErrorBody,
  ZPortalArea,
  ZPortalCategories,
  ZPortalReceipt,
  ZResidentCaseView,
  ZResidentRating,
} from '@civgrid/contracts';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { RateLimiter } from './rate-limit.ts';
import { followCase, portalArea, portalCategories, rateCase, reportFromPortal } from './service.ts';
import { answerSurvey, ZSurveyAnswer, ZSurveyReceipt } from './survey.ts';
import { readPortalReport } from './upload.ts';

const tags = ['portal'];
const errors = { 400: ZErrorBody, 404: ZErrorBody, 413: ZErrorBody, 429: ZErrorBody };
const ZTracking = z.object({ trackingNo: z.string().min(1).max(40) });

/** Ten reports (and survey answers, a bucket of their own) at once from one address, then one every six
 *  minutes; ratings, twenty then one a minute. */
export const PORTAL_REPORT_LIMIT = { capacity: 10, refillMs: 6 * 60_000 };
export const PORTAL_RATING_LIMIT = { capacity: 20, refillMs: 60_000 };

export function portalRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart);
    const reports = new RateLimiter(PORTAL_REPORT_LIMIT);
    const ratings = new RateLimiter(PORTAL_RATING_LIMIT);
    const surveys = new RateLimiter(PORTAL_REPORT_LIMIT);
    const admit = (limiter: RateLimiter, request: FastifyRequest, reply: FastifyReply) => {
      const wait = limiter.take(request.ip, ctx.now());
      if (wait === 0) return;
      reply.header('retry-after', String(wait));
      throw new AppError('RATE_LIMITED');
    };

    app.get(
      '/api/v1/portal/categories',
      {
        schema: {
          tags,
          summary: 'The categories a resident can report under (active, in tree order, zh and en names)',
          response: { 200: ZPortalCategories },
        },
      },
      async () => portalCategories(ctx),
    );
    app.get(
      '/api/v1/portal/area',
      {
        schema: {
          tags,
          summary: "The city's grids (outlines and names) and their bounds, for the report map",
          response: { 200: ZPortalArea },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'public, max-age=600');
        return portalArea(ctx);
      },
    );
    app.post(
      '/api/v1/portal/reports',
      {
        schema: {
          tags,
          summary:
            'Report a matter: multipart/form-data with a `report` field (ZResidentReport as JSON) and up to ' +
            'four `photos` files (JPEG, PNG or WebP, 8 MB each; metadata stripped), or a JSON body without ' +
            'photos. Answers the tracking number and the secret that rates it, shown once.',
          consumes: ['multipart/form-data', 'application/json'],
          response: { 201: ZPortalReceipt, ...errors },
        },
      },
      async (request, reply) => {
        admit(reports, request, reply);
        const { report, uploads } = await readPortalReport(request);
        return reply.status(201).send(await reportFromPortal(ctx, report, uploads));
      },
    );
    app.get(
      '/api/v1/portal/cases/:trackingNo',
      {
        schema: {
          tags,
          summary: 'Follow a case by its tracking number: status and progress, without staff names',
          params: ZTracking,
          response: { 200: ZResidentCaseView, ...errors },
        },
      },
      async (request) => followCase(ctx, request.params.trackingNo),
    );
    app.post(
      '/api/v1/portal/cases/:trackingNo/rating',
      {
        schema: {
          tags,
          summary: 'Rate the answer 1–5 with the secret from the receipt (1–2 reopen the case)',
          params: ZTracking,
          body: ZResidentRating,
          response: { 200: ZResidentCaseView, ...errors, 403: ZErrorBody, 409: ZErrorBody },
        },
      },
      async (request, reply) => {
        admit(ratings, request, reply);
        return rateCase(ctx, request.params.trackingNo, request.body);
      },
    );
    app.post(
      '/api/v1/portal/survey',
      {
        schema: {
          tags,
          summary:
            "The satisfaction survey: rate the grid's service 1–5 with a mainland mobile number (kept only " +
            'as a keyed hash); a second answer from the phone for the grid in the month replaces the first',
          body: ZSurveyAnswer,
          response: { 200: ZSurveyReceipt, ...errors },
        },
      },
      async (request, reply) => {
        admit(surveys, request, reply);
        return answerSurvey(ctx, request.body, request.ip);
      },
    );
  };
}
