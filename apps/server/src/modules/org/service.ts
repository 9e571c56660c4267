// The hierarchy as a user sees it: their scope's subtree, nothing above it but ancestor names.
import type { TGridMap, TOrgUnit, TOrgUnitDetail } from '@civgrid/contracts';
import { type OrgLevel, type Polygon, polygonContains } from '@civgrid/domain';
import type { Actor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { findInScope } from '../../platform/scope.ts';
import { presentUnit } from './presenter.ts';
import * as repo from './repository.ts';

/** The city at the top of the hierarchy (undefined before the first seed or import). */
export function cityRoot(db: Queryable) {
  return db
    .selectFrom('org_unit')
    .select(['code', 'name', 'org_path'])
    .where('level', '=', 'city')
    .executeTakeFirst();
}

async function unitOr404(ctx: Context, actor: Actor, code: string) {
  const unit = await findInScope(
    ctx.db,
    actor,
    { table: 'org_unit', column: 'code', value: code },
    () => repo.findUnit(ctx.db, actor, code),
    ctx.now(),
  );
  if (!unit) throw new AppError('NOT_FOUND');
  return unit;
}

export async function listUnits(ctx: Context, actor: Actor, parentCode?: string): Promise<TOrgUnit[]> {
  if (!parentCode) {
    const root = await repo.scopeRoot(ctx.db, actor);
    return root ? [presentUnit(root)] : [];
  }
  const parent = await unitOr404(ctx, actor, parentCode);
  return (await repo.listChildren(ctx.db, actor, parent.id)).map(presentUnit);
}

export async function unitDetail(ctx: Context, actor: Actor, code: string): Promise<TOrgUnitDetail> {
  const unit = await unitOr404(ctx, actor, code);
  const [ancestors, counts] = await Promise.all([
    repo.listAncestors(ctx.db, unit.org_path),
    repo.countWithin(ctx.db, unit.org_path),
  ]);
  return {
    ...presentUnit(unit),
    ancestors: ancestors.map((a) => ({ code: a.code, name: a.name, level: a.level as OrgLevel })),
    counts,
  };
}

async function underPath(ctx: Context, actor: Actor, under?: string) {
  return under ? (await unitOr404(ctx, actor, under)).org_path : undefined;
}

export async function listGrids(
  ctx: Context,
  actor: Actor,
  query: { under?: string; q?: string; limit: number; offset: number },
) {
  const [rows, { total }] = await repo.listGrids(ctx.db, actor, {
    ...query,
    underPath: await underPath(ctx, actor, query.under),
  });
  return {
    grids: rows.map((r) => ({
      code: r.code,
      name: r.name,
      village: r.village,
      township: r.township,
      county: r.county,
    })),
    total,
  };
}

export async function gridMap(ctx: Context, actor: Actor, under?: string): Promise<TGridMap> {
  const [rows] = await repo.listGrids(ctx.db, actor, {
    underPath: await underPath(ctx, actor, under),
    limit: 10_000,
    offset: 0,
  });
  return {
    type: 'FeatureCollection',
    features: rows
      .filter((r) => r.boundary)
      .map((r) => ({
        type: 'Feature' as const,
        properties: {
          code: r.code,
          name: r.name,
          villageCode: r.village_code,
          smartCommunity: r.village_smart,
        },
        geometry: r.boundary as TGridMap['features'][number]['geometry'],
      })),
  };
}

/** The grid (in the actor's scope) whose polygon holds the point, or null. */
export async function gridAt(ctx: Context, actor: Actor, lng: number, lat: number) {
  const candidates = await repo.gridCandidatesAt(ctx.db, actor, lng, lat);
  const grid = candidates.find((c) => polygonContains(c.boundary as Polygon, [lng, lat]));
  return grid ? { code: grid.code, name: grid.name } : null;
}
