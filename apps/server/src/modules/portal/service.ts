// The resident portal: no account, a report with photos and a point, a tracking number to follow it and a
// secret to rate it. The case work itself is the cases module's (residents.ts); this module reads what
// the portal shows before a report and makes a report with photos one all-or-nothing step.
import type {
  TPortalArea,
  TPortalCategories,
  TPortalReceipt,
  TResidentCaseView,
  TResidentRating,
  TResidentReport,
} from '@civgrid/contracts';
import { systemActor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { categoryTree } from '../cases/categories.ts';
import { checkPhotos, storePhotos, type UploadedPhoto } from '../cases/photos.ts';
import { openResidentCase, rateAsResident, residentView } from '../cases/residents.ts';
import { cityRoot, gridMap } from '../org/service.ts';

/** The categories a resident may choose: active, under active parents, in the tree's order. */
export async function portalCategories(ctx: Context): Promise<TPortalCategories> {
  const tree = await categoryTree(ctx.db);
  const active = new Set(tree.filter((c) => c.isActive).map((c) => c.code));
  const parentOf = (code: string) => (code.includes('.') ? code.slice(0, code.lastIndexOf('.')) : null);
  const isOffered = (code: string): boolean => {
    const parent = parentOf(code);
    return active.has(code) && (parent === null || isOffered(parent));
  };
  return {
    categories: tree
      .filter((c) => isOffered(c.code))
      .map((c) => ({ code: c.code, name: c.name, parent: parentOf(c.code) })),
  };
}

const round = (n: number) => Math.round(n * 1e5) / 1e5;
let areaCache: { at: number; db: unknown; area: TPortalArea } | null = null;
const AREA_CACHE_MS = 60_000;

/** The city's grids as outlines with names, for the report map; kept a minute (it is the same for all). */
export async function portalArea(ctx: Context): Promise<TPortalArea> {
  const now = Date.now();
  if (areaCache && areaCache.db === ctx.db && now - areaCache.at < AREA_CACHE_MS) return areaCache.area;
  const root = await cityRoot(ctx.db);
  if (!root) return { city: null, bounds: null, grids: { type: 'FeatureCollection', features: [] } };
  const grids = await gridMap(ctx, systemActor(root, 'resident:portal'));
  const bounds: [number, number, number, number] = [180, 90, -180, -90];
  const features = grids.features.map((f) => {
    const coordinates = f.geometry.coordinates.map((ring) =>
      ring.map(([lng, lat]) => {
        bounds[0] = Math.min(bounds[0], lng);
        bounds[1] = Math.min(bounds[1], lat);
        bounds[2] = Math.max(bounds[2], lng);
        bounds[3] = Math.max(bounds[3], lat);
        return [round(lng), round(lat)] as [number, number];
      }),
    );
    return {
      type: 'Feature' as const,
      properties: { name: f.properties.name },
      geometry: { type: 'Polygon' as const, coordinates },
    };
  });
  const area: TPortalArea = {
    city: root.name,
    bounds: features.length > 0 ? bounds : null,
    grids: { type: 'FeatureCollection', features },
  };
  areaCache = { at: now, db: ctx.db, area };
  return area;
}

/** Opens a resident's report with its photos: every photo is checked and stripped first, so a bad one
 *  refuses the report before anything is written; the photos commit in the case's own transaction. */
export async function reportFromPortal(
  ctx: Context,
  report: TResidentReport,
  uploads: readonly UploadedPhoto[],
): Promise<TPortalReceipt> {
  const photos = checkPhotos(uploads);
  try {
    const receipt = await openResidentCase(ctx, {
      channel: 'portal',
      ...report,
      within: async (tx, created, actor) => {
        await storePhotos(tx, actor, created, photos, 'resident', ctx.now());
      },
    });
    return {
      trackingNo: receipt.trackingNo,
      secret: receipt.secret,
      dueAt: receipt.dueAt,
      photos: photos.length,
    };
  } catch (error) {
    // The staff wording ("in your jurisdiction") means nothing to a resident.
    if (error instanceof AppError && error.code === 'CASE_LOCATION_OUTSIDE')
      throw new AppError('CASE_LOCATION_OUTSIDE', 'location', {
        zh: '所选位置不在本市的网格范围内，请在地图上重新选择',
        en: "The point lies outside the city's grids; pick it again on the map",
      });
    throw error;
  }
}

/** The case as its reporter follows it; 404 for a tracking number that names none. */
export async function followCase(ctx: Context, trackingNo: string): Promise<TResidentCaseView> {
  const view = await residentView(ctx, trackingNo.trim().toUpperCase());
  if (!view) throw new AppError('NOT_FOUND');
  return view;
}

/** The reporter's rating (the receipt's secret proves it); 404 for a wrong tracking number or secret. */
export function rateCase(
  ctx: Context,
  trackingNo: string,
  body: TResidentRating,
): Promise<TResidentCaseView> {
  return rateAsResident(
    ctx,
    trackingNo.trim().toUpperCase(),
    { secret: body.secret },
    { rating: body.rating, comment: body.comment },
    'portal',
  );
}
