import {
  ZCaseCategoryTree,
  ZCaseList,
  ZCaseOpen,
  ZCasePage,
  ZCaseQueueQuery,
  ZCaseStep,
  ZErrorBody,
} from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import { listCategories, replaceCategories } from './categories.ts';
import { openNewCase } from './opening.ts';
import { listQueue, readCasePage, takeStep } from './service.ts';

const tags = ['cases'];
const ZId = z.object({ id: z.string().regex(/^\d{1,18}$/) });
const errors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };

export function caseRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/cases',
      {
        schema: {
          tags,
          summary: 'A work queue: mine (my open tasks), level (held at my level), overdue, supervised, all',
          querystring: ZCaseQueueQuery,
          response: { 200: ZCaseList, ...errors },
        },
      },
      async (request) => listQueue(ctx, await authorize(ctx, request, 'case.read'), request.query),
    );
    app.post(
      '/api/v1/cases',
      {
        schema: {
          tags,
          summary:
            'Open a case (staff intake: grid report, hotline call, instruction); 200 with the case a resent clientId opened',
          body: ZCaseOpen,
          response: { 200: ZCasePage, 201: ZCasePage, ...errors },
        },
      },
      async (request, reply) => {
        const actor = await authorize(ctx, request, 'case.open');
        const { id, isReplay } = await openNewCase(ctx, actor, request.body);
        return reply
          .status(isReplay ? 200 : 201)
          .send(await readCasePage(ctx, actor, id, { audited: false }));
      },
    );
    app.get(
      '/api/v1/cases/categories',
      {
        schema: {
          tags,
          summary: 'The case category tree with step time limits',
          response: { 200: ZCaseCategoryTree, ...errors },
        },
      },
      async (request) => {
        await authorize(ctx, request, 'case.read');
        return listCategories(ctx);
      },
    );
    app.put(
      '/api/v1/cases/categories',
      {
        schema: {
          tags,
          summary: 'Replace the category tree (categories left out become inactive)',
          body: ZCaseCategoryTree,
          response: { 200: ZCaseCategoryTree, ...errors },
        },
      },
      async (request) =>
        replaceCategories(ctx, await authorize(ctx, request, 'case.category.manage'), request.body),
    );
    app.get(
      '/api/v1/cases/:id',
      {
        schema: {
          tags,
          summary: 'The case page: case, tasks, timeline, whistle roll calls (audited)',
          params: ZId,
          response: { 200: ZCasePage, ...errors },
        },
      },
      async (request) => readCasePage(ctx, await authorize(ctx, request, 'case.read'), request.params.id),
    );
    app.post(
      '/api/v1/cases/:id/steps',
      {
        schema: {
          tags,
          summary: 'Take a step (register, assign, whistle, accept, report, …) on the version last read',
          params: ZId,
          body: ZCaseStep,
          response: { 200: ZCasePage, ...errors },
        },
      },
      async (request) =>
        takeStep(ctx, await authorize(ctx, request, 'case.step'), request.params.id, request.body),
    );
  };
}
