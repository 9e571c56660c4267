// What a field phone caches: the grids the user covers with their buildings, houses and residents (masked
// as every list masks them: the registry's own queries and presenter), and who is in an attention
// category. One compact document per request, with an ETag: a phone that already holds the current
// version is answered 304 and downloads nothing.
import { createHash } from 'node:crypto';
import type { Actor } from '../../platform/actor.ts';
import { auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { presentPerson } from '../registry/persons/presenter.ts';
import { personColumns, personsQuery } from '../registry/persons/repository.ts';
import { houseColumns, housesQuery } from '../registry/places/repository.ts';
import { findWorker, type GridRef, gridsByCode } from './repository.ts';
import type { TMyGrid } from './schemas.ts';

/** The actor as the registers see a grid it covers: a worker assigned a grid besides its own (an
 *  assignment a centre made and audited) reads that grid's registers as if it were its scope. */
export function actorInGrid(actor: Actor, grid: GridRef): Actor {
  return { ...actor, scopeCode: grid.code, scopeName: grid.name, scopeLevel: 'grid', scopePath: grid.path };
}

/** The grids the phone gets: a grid worker's assigned grids (or one of them, by `grid`); for community
 *  police, whose scope is a village or township, the one grid they name in it. */
async function gridsFor(ctx: Context, actor: Actor, code: string | undefined): Promise<GridRef[]> {
  if (actor.role === 'grid-worker') {
    const self = await findWorker(ctx.db, actor, actor.id!);
    const assigned = self?.grids ?? [];
    if (!code) return assigned;
    const one = assigned.filter((g) => g.code === code);
    if (one.length === 0) throw new AppError('UNKNOWN_GRID', 'grid');
    return one;
  }
  if (!code)
    throw new AppError('VALIDATION_FAILED', 'grid', {
      zh: '请指定网格编码',
      en: 'grid: name the grid to cache',
    });
  const [grid] = await gridsByCode(ctx.db, actor, [code]);
  if (grid?.level !== 'grid') throw new AppError('UNKNOWN_GRID', 'grid');
  return [{ id: grid.id, code: grid.code, name: grid.name, path: grid.org_path }];
}

export async function myGrid(
  ctx: Context,
  actor: Actor,
  code: string | undefined,
): Promise<{ document: TMyGrid; etag: string }> {
  const grids = await gridsFor(ctx, actor, code);
  const buildings: TMyGrid['buildings'] = [];
  const houses: TMyGrid['houses'] = [];
  const residents: TMyGrid['residents'] = [];
  const care: TMyGrid['care'] = [];
  const units = await ctx.db
    .selectFrom('org_unit')
    .select(['code', 'centre_lng', 'centre_lat', 'boundary'])
    .where(
      'id',
      'in',
      grids.map((g) => g.id),
    )
    .execute();
  for (const grid of grids) {
    const inGrid = actorInGrid(actor, grid);
    const [b, h, p, tags] = await Promise.all([
      ctx.db
        .selectFrom('building')
        .select(['id', 'code', 'name', 'address', 'lng', 'lat', 'units', 'floors'])
        .where('grid_id', '=', grid.id)
        .orderBy('code')
        .execute(),
      housesQuery(ctx.db, inGrid, {}).select(houseColumns).orderBy('house.code').execute(),
      personsQuery(ctx.db, inGrid, {})
        .select([...personColumns, 'house.address'])
        .orderBy('person.house_id')
        .orderBy('person.id')
        .execute(),
      ctx.db
        .selectFrom('person_tag')
        .select(['person_id', 'category', 'valid_from'])
        .where('org_path', '=', grid.path)
        .where('valid_from', '<=', ctx.now())
        .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', ctx.now())]))
        .orderBy('person_id')
        .orderBy('category')
        .execute(),
    ]);
    for (const r of b) buildings.push({ ...r, gridCode: grid.code });
    for (const r of h)
      houses.push({
        id: r.id,
        code: r.code,
        buildingId: r.building_id,
        gridCode: grid.code,
        address: r.address,
        unit: r.unit,
        floor: r.floor,
        room: r.room,
        use: r.use,
        registeredResidents: r.registered_residents,
      });
    for (const r of p) {
      const { address: _address, ...person } = presentPerson(r);
      residents.push({ ...person, relation: r.relation, houseId: r.house_id });
    }
    for (const t of tags)
      care.push({ personId: t.person_id, category: t.category, since: t.valid_from.toISOString() });
  }
  const categories = await ctx.db
    .selectFrom('attention_category')
    .select(['code', 'name_zh', 'name_en', 'care_limit_hours'])
    .where('is_active', '=', true)
    .orderBy('code')
    .execute();
  const body = {
    grids: grids.map((g) => {
      const u = units.find((x) => x.code === g.code);
      return {
        code: g.code,
        name: g.name,
        centre:
          u?.centre_lng != null && u.centre_lat != null ? { lng: u.centre_lng, lat: u.centre_lat } : null,
        boundary: u?.boundary ?? null,
      };
    }),
    buildings,
    houses,
    residents,
    care,
    categories: categories.map((c) => ({
      code: c.code,
      name: { zh: c.name_zh, en: c.name_en },
      careLimitHours: c.care_limit_hours,
    })),
  };
  const etag = `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;
  return { document: { generatedAt: ctx.now().toISOString(), ...body }, etag };
}

/** Audits a download of the cached grid (not a 304: that carried nothing). */
export async function auditMyGrid(ctx: Context, actor: Actor, document: TMyGrid) {
  await auditAlone(
    ctx.db,
    actor,
    {
      action: 'field.my-grid',
      details: {
        grids: document.grids.map((g) => g.code),
        buildings: document.buildings.length,
        houses: document.houses.length,
        residents: document.residents.length,
      },
    },
    ctx.now(),
  );
}
