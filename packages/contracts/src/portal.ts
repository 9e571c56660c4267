// The resident portal (`/portal`): what it reads before a report (categories, the city's grids for the
// map) and what a report answers. Reports, the case view and ratings are the residents' channels'
// shapes (residents.ts); a report with photos is sent as multipart/form-data.
import { z } from 'zod';
import { ZResidentReceipt } from './residents.ts';

const ZMessage = z.object({ zh: z.string(), en: z.string() });

/** The active categories in tree order (a parent before its children); `parent` is null at the top. */
export const ZPortalCategories = z.object({
  categories: z.array(z.object({ code: z.string(), name: ZMessage, parent: z.string().nullable() })),
});
export type TPortalCategories = z.infer<typeof ZPortalCategories>;

/** Where a report can be placed: the grids' outlines (public, like the boards in each community) and
 *  their bounds [west, south, east, north], or null before the city is set up. */
export const ZPortalArea = z.object({
  city: z.string().nullable(),
  bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  grids: z.object({
    type: z.literal('FeatureCollection'),
    features: z.array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ name: z.string() }),
        geometry: z.object({
          type: z.literal('Polygon'),
          coordinates: z.array(z.array(z.tuple([z.number(), z.number()]))),
        }),
      }),
    ),
  }),
});
export type TPortalArea = z.infer<typeof ZPortalArea>;

/** The receipt of a portal report: tracking number and secret (shown once), deadline, photos kept. */
export const ZPortalReceipt = ZResidentReceipt.extend({ photos: z.number().int() });
export type TPortalReceipt = z.infer<typeof ZPortalReceipt>;

/** The multipart field that carries the report (JSON of ZResidentReport); photos are its file parts. */
export const PORTAL_REPORT_FIELD = 'report';
/** The file field of the photos (any file part is taken as a photo, in order). */
export const PORTAL_PHOTO_FIELD = 'photos';
