// Routes of the registers other than persons and import: lists, dossiers, export, labels, categories.
import {
  ZAttentionCategory,
  ZAttentionCategoryList,
  ZBuildingDossier,
  ZBuildingList,
  ZDeviceDossier,
  ZDeviceList,
  ZErrorBody,
  ZHouseDossier,
  ZHouseList,
  ZLabelResolved,
  ZLabelSheet,
  ZOrganisationDossier,
  ZOrganisationList,
  ZRegisterQuery,
  ZVehicleDossier,
  ZVehicleList,
} from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import { listCategories, saveCategory, updateCategory } from './categories.ts';
import { exportRegister } from './export.ts';
import { labelSheet, resolveLabel } from './labels.ts';
import { buildingDossier, houseDossier, listRegister, simpleDossier } from './places/service.ts';

const tags = ['registry'];
const ZId = z.object({ id: z.string().regex(/^\d{1,18}$/) });
const errors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody };

const LISTS = {
  houses: ZHouseList,
  buildings: ZBuildingList,
  vehicles: ZVehicleList,
  devices: ZDeviceList,
  organisations: ZOrganisationList,
} as const;

export function registryRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    for (const [name, schema] of Object.entries(LISTS) as [
      keyof typeof LISTS,
      (typeof LISTS)[keyof typeof LISTS],
    ][]) {
      app.get(
        `/api/v1/registry/${name}`,
        {
          schema: {
            tags,
            summary: `List ${name} in scope`,
            querystring: ZRegisterQuery,
            response: { 200: schema, ...errors },
          },
        },
        async (request) =>
          listRegister(ctx, await authorize(ctx, request, 'person.read'), name, request.query) as never,
      );
    }
    app.get(
      '/api/v1/registry/houses/:id',
      {
        schema: {
          tags,
          summary: "A house's dossier",
          params: ZId,
          response: { 200: ZHouseDossier, ...errors },
        },
      },
      async (request) =>
        houseDossier(ctx, await authorize(ctx, request, 'person.read'), request.params.id) as never,
    );
    app.get(
      '/api/v1/registry/buildings/:id',
      {
        schema: {
          tags,
          summary: "A building's dossier",
          params: ZId,
          response: { 200: ZBuildingDossier, ...errors },
        },
      },
      async (request) =>
        buildingDossier(ctx, await authorize(ctx, request, 'person.read'), request.params.id) as never,
    );
    for (const [name, schema] of [
      ['vehicles', ZVehicleDossier],
      ['devices', ZDeviceDossier],
      ['organisations', ZOrganisationDossier],
    ] as const) {
      app.get(
        `/api/v1/registry/${name}/:id`,
        { schema: { tags, summary: `One of ${name}`, params: ZId, response: { 200: schema, ...errors } } },
        async (request) =>
          simpleDossier(ctx, await authorize(ctx, request, 'person.read'), name, request.params.id) as never,
      );
    }

    // One static route per register: a parametric `:kind` would lose to `persons/:id` in the router.
    for (const kind of ['persons', 'houses', 'buildings', 'vehicles', 'devices', 'organisations'] as const) {
      app.get(
        `/api/v1/registry/${kind}/export.xlsx`,
        {
          schema: {
            tags,
            summary: `The ${kind} list as Excel, in scope and masked`,
            querystring: ZRegisterQuery,
          },
        },
        async (request, reply) => {
          const file = await exportRegister(
            ctx,
            await authorize(ctx, request, 'registry.export'),
            kind,
            request.query,
          );
          const stamp = ctx.now().toISOString().slice(0, 10);
          return reply
            .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="${kind}-${stamp}.xlsx"`)
            .send(file);
        },
      );
    }

    app.get(
      '/api/v1/registry/labels',
      {
        schema: {
          tags,
          summary: "QR labels for a grid's buildings",
          querystring: z.object({ grid: z.string().max(10) }),
          response: { 200: ZLabelSheet, ...errors },
        },
      },
      async (request) =>
        labelSheet(
          ctx,
          await authorize(ctx, request, 'person.read'),
          request.query.grid,
          `${request.protocol}://${request.host}`,
        ),
    );
    app.get(
      '/api/v1/registry/labels/:token',
      {
        schema: {
          tags,
          summary: 'The building a scanned label names (404 outside your jurisdiction)',
          params: z.object({ token: z.string().max(64) }),
          response: { 200: ZLabelResolved, ...errors },
        },
      },
      async (request) =>
        resolveLabel(ctx, await authorize(ctx, request, 'person.read'), request.params.token),
    );
    // What a phone's camera opens: the console page that resolves the label after login.
    app.get(
      '/l/:token',
      { schema: { hide: true, params: z.object({ token: z.string().max(64) }) } },
      (request, reply) =>
        reply.redirect(`/console/registry/label/${encodeURIComponent(request.params.token)}`),
    );

    app.get(
      '/api/v1/registry/categories',
      { schema: { tags, summary: 'Attention categories', response: { 200: ZAttentionCategoryList } } },
      async (request) => {
        await authorize(ctx, request, 'person.read');
        return listCategories(ctx);
      },
    );
    app.post(
      '/api/v1/registry/categories',
      {
        schema: {
          tags,
          summary: 'Add a category (admin)',
          body: ZAttentionCategory,
          response: { 200: ZAttentionCategory, ...errors },
        },
      },
      async (request) =>
        saveCategory(ctx, await authorize(ctx, request, 'category.manage'), request.body, true),
    );
    app.patch(
      '/api/v1/registry/categories/:code',
      {
        schema: {
          tags,
          summary: 'Change a category (admin)',
          params: z.object({ code: z.string().max(40) }),
          body: ZAttentionCategory.omit({ code: true }).partial(),
          response: { 200: ZAttentionCategory, ...errors },
        },
      },
      async (request) =>
        updateCategory(
          ctx,
          await authorize(ctx, request, 'category.manage'),
          request.params.code,
          request.body,
        ),
    );
  };
}
