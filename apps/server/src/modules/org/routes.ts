import {
  ZErrorBody,
  ZGridList,
  ZGridMap,
  ZGridMapQuery,
  ZGridQuery,
  ZOrgUnitDetail,
  ZOrgUnitList,
  ZOrgUnitsQuery,
} from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/http.ts';
import * as org from './service.ts';

const tags = ['org'];

export function orgRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/org/units',
      {
        schema: {
          tags,
          summary: "Children of a unit, or the caller's scope root",
          querystring: ZOrgUnitsQuery,
          response: { 200: ZOrgUnitList, 404: ZErrorBody },
        },
      },
      async (request) => ({
        units: await org.listUnits(ctx, await authorize(ctx, request, 'org.read'), request.query.parent),
      }),
    );

    app.get(
      '/api/v1/org/units/:code',
      {
        schema: {
          tags,
          summary: 'One unit with its ancestors and counts',
          params: z.object({ code: z.string().max(32) }),
          response: { 200: ZOrgUnitDetail, 404: ZErrorBody },
        },
      },
      async (request) => org.unitDetail(ctx, await authorize(ctx, request, 'org.read'), request.params.code),
    );

    app.get(
      '/api/v1/org/grids',
      {
        schema: {
          tags,
          summary: "Grids in the caller's scope",
          querystring: ZGridQuery,
          response: { 200: ZGridList },
        },
      },
      async (request) => org.listGrids(ctx, await authorize(ctx, request, 'org.read'), request.query),
    );

    app.get(
      '/api/v1/org/map',
      {
        schema: {
          tags,
          summary: 'Grid boundaries as GeoJSON',
          querystring: ZGridMapQuery,
          response: { 200: ZGridMap },
        },
      },
      async (request) => org.gridMap(ctx, await authorize(ctx, request, 'org.read'), request.query.under),
    );

    app.get(
      '/api/v1/org/locate',
      {
        schema: {
          tags,
          summary: 'The grid whose boundary holds a point',
          querystring: z.object({
            lng: z.coerce.number().min(-180).max(180),
            lat: z.coerce.number().min(-90).max(90),
          }),
          response: {
            200: z.object({ grid: z.object({ code: z.string(), name: z.string() }) }),
            404: ZErrorBody,
          },
        },
      },
      async (request) => {
        const grid = await org.gridAt(
          ctx,
          await authorize(ctx, request, 'org.read'),
          request.query.lng,
          request.query.lat,
        );
        if (!grid) throw new AppError('NOT_FOUND');
        return { grid };
      },
    );
  };
}
