// Houses and buildings: upsert by code, placed in a grid of the importer's jurisdiction. A building's
// point must lie inside its grid's polygon: a building is where it stands, not where a form says.
import { type BuildingRow, type HouseRow, type Polygon, polygonContains } from '@civgrid/domain';
import { sql } from 'kysely';
import { buildingsByCode, gridsByCode } from './lookups.ts';
import { column, type Item, type Writer } from './writer.ts';

interface PreparedHouse extends HouseRow {
  orgPath: string;
  buildingId: string | null;
}

export const houseWriter: Writer<HouseRow, PreparedHouse> = {
  table: 'house',
  keyColumn: 'code',
  keys: (values) => values.map((v) => v.code),
  async prepare(run, items) {
    // The look-ups share the transaction's one connection, so they run in turn.
    const grids = await gridsByCode(
      run.tx,
      run.actor,
      items.map((i) => i.value.gridCode),
    );
    const buildings = await buildingsByCode(
      run.tx,
      run.actor,
      items.map((i) => i.value.buildingCode),
    );
    const ready: Item<PreparedHouse>[] = [];
    for (const { line, value } of items) {
      const grid = grids.get(value.gridCode);
      const building = value.buildingCode ? buildings.get(value.buildingCode) : undefined;
      if (!grid) run.reject(line, 'UNKNOWN_GRID');
      else if (value.buildingCode && !building) run.reject(line, 'UNKNOWN_BUILDING');
      else if (building && building.org_path !== grid.org_path) run.reject(line, 'BUILDING_NOT_IN_GRID');
      else
        ready.push({ line, value: { ...value, orgPath: grid.org_path, buildingId: building?.id ?? null } });
    }
    return ready;
  },
  async write(tx, rows, run) {
    if (rows.length === 0) return;
    const now = run.ctx.now();
    await sql`insert into house (code, building_id, org_path, unit, floor, room, address, area_m2, use,
                                 registered_residents, created_at, updated_at)
      select u.code, u.building_id, u.org_path::ltree, u.unit, u.floor, u.room, u.address, u.area_m2,
             coalesce(u.use, 'owner-occupied'), coalesce(u.registered, 0), ${now}, ${now}
      from unnest(${column(rows, (r) => r.code)}::text[], ${column(rows, (r) => r.buildingId)}::bigint[],
                  ${column(rows, (r) => r.orgPath)}::text[], ${column(rows, (r) => r.unit ?? null)}::smallint[],
                  ${column(rows, (r) => r.floor ?? null)}::smallint[], ${column(rows, (r) => r.room ?? null)}::text[],
                  ${column(rows, (r) => r.address)}::text[], ${column(rows, (r) => r.areaM2 ?? null)}::numeric[],
                  ${column(rows, (r) => r.use ?? null)}::text[], ${column(rows, (r) => r.registeredResidents ?? null)}::int[])
        as u(code, building_id, org_path, unit, floor, room, address, area_m2, use, registered)
      on conflict (code) do update set
        building_id = coalesce(excluded.building_id, house.building_id), org_path = excluded.org_path,
        unit = coalesce(excluded.unit, house.unit), floor = coalesce(excluded.floor, house.floor),
        room = coalesce(excluded.room, house.room), address = excluded.address,
        area_m2 = coalesce(excluded.area_m2, house.area_m2), use = excluded.use,
        registered_residents = excluded.registered_residents, updated_at = excluded.updated_at`.execute(tx);
  },
};

interface PreparedBuilding extends BuildingRow {
  gridId: string;
  orgPath: string;
}

export const buildingWriter: Writer<BuildingRow, PreparedBuilding> = {
  table: 'building',
  keyColumn: 'code',
  keys: (values) => values.map((v) => v.code),
  async prepare(run, items) {
    const grids = await gridsByCode(
      run.tx,
      run.actor,
      items.map((i) => i.value.gridCode),
    );
    const ready: Item<PreparedBuilding>[] = [];
    for (const { line, value } of items) {
      const grid = grids.get(value.gridCode);
      if (!grid) run.reject(line, 'UNKNOWN_GRID');
      else if (!polygonContains(grid.boundary as Polygon, [value.lng, value.lat]))
        run.reject(line, 'OUTSIDE_GRID');
      else ready.push({ line, value: { ...value, gridId: grid.id, orgPath: grid.org_path } });
    }
    return ready;
  },
  async write(tx, rows, run) {
    if (rows.length === 0) return;
    const now = run.ctx.now();
    await sql`insert into building (code, grid_id, org_path, name, address, lng, lat, units, floors, created_at, updated_at)
      select u.code, u.grid_id, u.org_path::ltree, coalesce(u.name, u.address), u.address, u.lng, u.lat,
             coalesce(u.units, 1), coalesce(u.floors, 1), ${now}, ${now}
      from unnest(${column(rows, (r) => r.code)}::text[], ${column(rows, (r) => r.gridId)}::bigint[],
                  ${column(rows, (r) => r.orgPath)}::text[], ${column(rows, (r) => r.name ?? null)}::text[],
                  ${column(rows, (r) => r.address)}::text[], ${column(rows, (r) => r.lng)}::float8[],
                  ${column(rows, (r) => r.lat)}::float8[], ${column(rows, (r) => r.units ?? null)}::smallint[],
                  ${column(rows, (r) => r.floors ?? null)}::smallint[])
        as u(code, grid_id, org_path, name, address, lng, lat, units, floors)
      on conflict (code) do update set
        grid_id = excluded.grid_id, org_path = excluded.org_path, name = excluded.name, address = excluded.address,
        lng = excluded.lng, lat = excluded.lat, units = excluded.units, floors = excluded.floors,
        updated_at = excluded.updated_at`.execute(tx);
  },
};
