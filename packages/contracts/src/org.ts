import { ORG_LEVELS } from '@civgrid/domain';
import { z } from 'zod';

const ZLngLat = z.tuple([z.number(), z.number()]);

export const ZOrgUnit = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(ORG_LEVELS),
  parentCode: z.string().nullable(),
  childCount: z.number().int(),
  smartCommunity: z.boolean(),
  centre: ZLngLat.nullable(),
});
export type TOrgUnit = z.infer<typeof ZOrgUnit>;

export const ZOrgUnitDetail = ZOrgUnit.extend({
  ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: z.enum(ORG_LEVELS) })),
  counts: z.object({
    grids: z.number().int(),
    buildings: z.number().int(),
    houses: z.number().int(),
    residents: z.number().int(),
  }),
});
export type TOrgUnitDetail = z.infer<typeof ZOrgUnitDetail>;

/** `GET /api/v1/org/units?parent=` — children of a unit, or the caller's scope root without `parent`. */
export const ZOrgUnitsQuery = z.object({ parent: z.string().optional() });
export const ZOrgUnitList = z.object({ units: z.array(ZOrgUnit) });

/** `GET /api/v1/org/grids` (contract shape) with optional filtering and paging. */
export const ZGridQuery = z.object({
  under: z.string().optional(),
  q: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(10_000).default(10_000),
  offset: z.coerce.number().int().min(0).default(0),
});
export const ZGrid = z.object({
  code: z.string(),
  name: z.string(),
  village: z.string(),
  township: z.string(),
  county: z.string(),
});
export const ZGridList = z.object({ grids: z.array(ZGrid), total: z.number().int() });
export type TGrid = z.infer<typeof ZGrid>;

/** `GET /api/v1/org/map?under=` — grid boundaries as a GeoJSON FeatureCollection. */
export const ZGridMapQuery = z.object({ under: z.string().optional() });
export const ZGridFeature = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    code: z.string(),
    name: z.string(),
    villageCode: z.string(),
    smartCommunity: z.boolean(),
  }),
  geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(ZLngLat)) }),
});
export const ZGridMap = z.object({ type: z.literal('FeatureCollection'), features: z.array(ZGridFeature) });
export type TGridMap = z.infer<typeof ZGridMap>;
