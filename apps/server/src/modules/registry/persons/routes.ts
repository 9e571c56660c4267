import {
  ZErrorBody,
  ZPersonDossier,
  ZPersonList,
  ZPersonUpdate,
  ZRegisterQuery,
  ZRevealRequest,
  ZRevealResult,
  ZRightsRequest,
  ZRightsResult,
  ZTagCreate,
  ZTagEnd,
} from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../../platform/context.ts';
import { authorize } from '../../../platform/http.ts';
import { handleRightsRequest } from './rights.ts';
import * as persons from './service.ts';
import { addTag, endTag } from './tags.ts';

const tags = ['registry'];
const ZId = z.object({ id: z.string().regex(/^\d{1,18}$/) });
const errors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

export function personRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/registry/persons',
      {
        schema: {
          tags,
          summary: 'Persons in scope (masked); q = name, initials, ID suffix, ID or phone',
          querystring: ZRegisterQuery,
          response: { 200: ZPersonList, ...errors },
        },
      },
      async (request) =>
        persons.listPersons(ctx, await authorize(ctx, request, 'person.read'), request.query),
    );
    app.get(
      '/api/v1/registry/persons/:id',
      {
        schema: {
          tags,
          summary: "A person's dossier",
          params: ZId,
          response: { 200: ZPersonDossier, ...errors },
        },
      },
      async (request) =>
        persons.readPersonDossier(ctx, await authorize(ctx, request, 'person.read'), request.params.id),
    );
    app.post(
      '/api/v1/registry/persons/:id/reveal',
      {
        schema: {
          tags,
          summary: 'Identity and phone in clear, for a reason (audited)',
          params: ZId,
          body: ZRevealRequest,
          response: { 200: ZRevealResult, ...errors },
        },
      },
      async (request) =>
        persons.revealPerson(
          ctx,
          await authorize(ctx, request, 'person.reveal'),
          request.params.id,
          request.body,
        ),
    );
    app.patch(
      '/api/v1/registry/persons/:id',
      {
        schema: {
          tags,
          summary: 'Edit a person',
          params: ZId,
          body: ZPersonUpdate,
          response: { 200: ZPersonDossier, ...errors },
        },
      },
      async (request) =>
        persons.updatePerson(
          ctx,
          await authorize(ctx, request, 'registry.edit'),
          request.params.id,
          request.body,
        ),
    );
    app.post(
      '/api/v1/registry/persons/:id/tags',
      {
        schema: {
          tags,
          summary: 'Add an attention category',
          params: ZId,
          body: ZTagCreate,
          response: { 200: ZPersonDossier, ...errors },
        },
      },
      async (request) =>
        addTag(ctx, await authorize(ctx, request, 'registry.edit'), request.params.id, request.body),
    );
    app.post(
      '/api/v1/registry/persons/:id/tags/:tagId/end',
      {
        schema: {
          tags,
          summary: 'End an attention category',
          params: ZId.extend({ tagId: z.string().regex(/^\d{1,18}$/) }),
          body: ZTagEnd,
          response: { 200: ZPersonDossier, ...errors },
        },
      },
      async (request) =>
        endTag(
          ctx,
          await authorize(ctx, request, 'registry.edit'),
          request.params.id,
          request.params.tagId,
          request.body.reason,
        ),
    );
    app.post(
      '/api/v1/registry/persons/:id/rights',
      {
        schema: {
          tags,
          summary: "A resident's request under PIPL arts. 44–47",
          params: ZId,
          body: ZRightsRequest,
          response: { 200: ZRightsResult, ...errors },
        },
      },
      async (request) =>
        handleRightsRequest(
          ctx,
          await authorize(ctx, request, 'rights.handle'),
          request.params.id,
          request.body,
        ),
    );
  };
}
