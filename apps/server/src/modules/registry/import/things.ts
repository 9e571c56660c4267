// Vehicles, devices and organisations: upsert by plate or code. Owners are found by the keyed hash of
// their identity number, in the importer's jurisdiction; a phone's MAC address is stored only hashed.
import { type DeviceRow, maskMobileNumber, type OrganisationRow, type VehicleRow } from '@civgrid/domain';
import { sql } from 'kysely';
import { buildingsByCode, gridsByCode, housesByCode, personsByIdHash, unitsByCode } from './lookups.ts';
import { column, type ImportRun, type Item, type Writer } from './writer.ts';

async function ownersOf(run: ImportRun, idNumbers: (string | undefined)[]) {
  const hashes = idNumbers.filter((n): n is string => !!n).map((n) => run.ctx.crypto.keyedHash(n));
  return personsByIdHash(run.tx, run.actor, hashes);
}
const ownerKey = (run: ImportRun, idNumber: string) => run.ctx.crypto.keyedHash(idNumber).toString('hex');

interface PreparedVehicle extends VehicleRow {
  orgPath: string;
  ownerId: string | null;
}

export const vehicleWriter: Writer<VehicleRow, PreparedVehicle> = {
  table: 'vehicle',
  keyColumn: 'plate',
  keys: (values) => values.map((v) => v.plate),
  async prepare(run, items) {
    // The look-ups share the transaction's one connection, so they run in turn.
    const grids = await gridsByCode(
      run.tx,
      run.actor,
      items.map((i) => i.value.gridCode),
    );
    const owners = await ownersOf(
      run,
      items.map((i) => i.value.ownerIdNumber),
    );
    const ready: Item<PreparedVehicle>[] = [];
    for (const { line, value } of items) {
      const grid = grids.get(value.gridCode);
      const owner = value.ownerIdNumber ? owners.get(ownerKey(run, value.ownerIdNumber)) : undefined;
      if (!grid) run.reject(line, 'UNKNOWN_GRID');
      else if (value.ownerIdNumber && !owner) run.reject(line, 'UNKNOWN_OWNER');
      else ready.push({ line, value: { ...value, orgPath: grid.org_path, ownerId: owner?.id ?? null } });
    }
    return ready;
  },
  async write(tx, rows, run) {
    if (rows.length === 0) return;
    const now = run.ctx.now();
    await sql`insert into vehicle (plate, plate_kind, org_path, owner_person_id, brand, colour, created_at, updated_at)
      select u.plate, u.kind, u.org_path::ltree, u.owner, u.brand, u.colour, ${now}, ${now}
      from unnest(${column(rows, (r) => r.plate)}::text[], ${column(rows, (r) => r.plateKind)}::text[],
                  ${column(rows, (r) => r.orgPath)}::text[], ${column(rows, (r) => r.ownerId)}::bigint[],
                  ${column(rows, (r) => r.brand ?? null)}::text[], ${column(rows, (r) => r.colour ?? null)}::text[])
        as u(plate, kind, org_path, owner, brand, colour)
      on conflict (plate) do update set
        org_path = excluded.org_path, owner_person_id = coalesce(excluded.owner_person_id, vehicle.owner_person_id),
        brand = coalesce(excluded.brand, vehicle.brand), colour = coalesce(excluded.colour, vehicle.colour),
        updated_at = excluded.updated_at`.execute(tx);
  },
};

interface PreparedDevice extends DeviceRow {
  gridId: string;
  orgPath: string;
  houseId: string | null;
  buildingId: string | null;
  ownerId: string | null;
  macHash: Buffer | null;
}

export const deviceWriter: Writer<DeviceRow, PreparedDevice> = {
  table: 'device',
  keyColumn: 'code',
  keys: (values) => values.map((v) => v.code),
  async prepare(run, items) {
    // The look-ups share the transaction's one connection, so they run in turn.
    const grids = await gridsByCode(
      run.tx,
      run.actor,
      items.map((i) => i.value.gridCode),
    );
    const houses = await housesByCode(
      run.tx,
      run.actor,
      items.map((i) => i.value.houseCode),
    );
    const buildings = await buildingsByCode(
      run.tx,
      run.actor,
      items.map((i) => i.value.buildingCode),
    );
    const owners = await ownersOf(
      run,
      items.map((i) => i.value.ownerIdNumber),
    );
    const ready: Item<PreparedDevice>[] = [];
    for (const { line, value } of items) {
      const grid = grids.get(value.gridCode);
      const house = value.houseCode ? houses.get(value.houseCode) : undefined;
      const building = value.buildingCode ? buildings.get(value.buildingCode) : undefined;
      const owner = value.ownerIdNumber ? owners.get(ownerKey(run, value.ownerIdNumber)) : undefined;
      if (!grid) run.reject(line, 'UNKNOWN_GRID');
      else if (value.houseCode && !house) run.reject(line, 'UNKNOWN_HOUSE');
      else if (value.buildingCode && !building) run.reject(line, 'UNKNOWN_BUILDING');
      else if (value.ownerIdNumber && !owner) run.reject(line, 'UNKNOWN_OWNER');
      else
        ready.push({
          line,
          value: {
            ...value,
            gridId: grid.id,
            orgPath: grid.org_path,
            houseId: house?.id ?? null,
            // A house's own door belongs to the house's building too.
            buildingId: building?.id ?? house?.building_id ?? null,
            ownerId: owner?.id ?? null,
            macHash: value.mac ? run.ctx.crypto.keyedHash(value.mac) : null,
          },
        });
    }
    return ready;
  },
  async write(tx, rows, run) {
    if (rows.length === 0) return;
    const now = run.ctx.now();
    await sql`insert into device (code, type, name, org_path, grid_id, lng, lat, house_id, building_id,
                                  owner_person_id, mac_hash, created_at, updated_at)
      select u.code, u.type, u.name, u.org_path::ltree, u.grid_id, u.lng, u.lat, u.house_id, u.building_id,
             u.owner, u.mac_hash, ${now}, ${now}
      from unnest(${column(rows, (r) => r.code)}::text[], ${column(rows, (r) => r.type)}::text[],
                  ${column(rows, (r) => r.name)}::text[], ${column(rows, (r) => r.orgPath)}::text[],
                  ${column(rows, (r) => r.gridId)}::bigint[], ${column(rows, (r) => r.lng)}::float8[],
                  ${column(rows, (r) => r.lat)}::float8[], ${column(rows, (r) => r.houseId)}::bigint[],
                  ${column(rows, (r) => r.buildingId)}::bigint[], ${column(rows, (r) => r.ownerId)}::bigint[],
                  ${column(rows, (r) => r.macHash)}::bytea[])
        as u(code, type, name, org_path, grid_id, lng, lat, house_id, building_id, owner, mac_hash)
      on conflict (code) do update set
        type = excluded.type, name = excluded.name, org_path = excluded.org_path, grid_id = excluded.grid_id,
        lng = excluded.lng, lat = excluded.lat, house_id = excluded.house_id, building_id = excluded.building_id,
        owner_person_id = excluded.owner_person_id, mac_hash = excluded.mac_hash,
        updated_at = excluded.updated_at`.execute(tx);
  },
};

interface PreparedOrganisation extends OrganisationRow {
  unitId: string;
  orgPath: string;
  buildingId: string | null;
}

export const organisationWriter: Writer<OrganisationRow, PreparedOrganisation> = {
  table: 'organisation',
  keyColumn: 'code',
  keys: (values) => values.map((v) => v.code),
  async prepare(run, items) {
    // The look-ups share the transaction's one connection, so they run in turn.
    const units = await unitsByCode(
      run.tx,
      run.actor,
      items.map((i) => i.value.unitCode),
    );
    const buildings = await buildingsByCode(
      run.tx,
      run.actor,
      items.map((i) => i.value.buildingCode),
    );
    const ready: Item<PreparedOrganisation>[] = [];
    for (const { line, value } of items) {
      const unit = units.get(value.unitCode);
      const building = value.buildingCode ? buildings.get(value.buildingCode) : undefined;
      if (!unit) run.reject(line, 'UNKNOWN_UNIT');
      else if (value.buildingCode && !building) run.reject(line, 'UNKNOWN_BUILDING');
      else
        ready.push({
          line,
          value: { ...value, unitId: unit.id, orgPath: unit.org_path, buildingId: building?.id ?? null },
        });
    }
    return ready;
  },
  async write(tx, rows, run) {
    if (rows.length === 0) return;
    const now = run.ctx.now();
    const { crypto } = run.ctx;
    const phone = <T>(r: PreparedOrganisation, f: (p: string) => T) =>
      r.contactPhone ? f(r.contactPhone) : null;
    await sql`insert into organisation (code, kind, name, unit_id, org_path, building_id, contact_name,
                                        contact_phone_enc, contact_phone_hash, contact_phone_mask, created_at, updated_at)
      select u.code, u.kind, u.name, u.unit_id, u.org_path::ltree, u.building_id, u.contact_name,
             u.phone_enc, u.phone_hash, u.phone_mask, ${now}, ${now}
      from unnest(${column(rows, (r) => r.code)}::text[], ${column(rows, (r) => r.kind)}::text[],
                  ${column(rows, (r) => r.name)}::text[], ${column(rows, (r) => r.unitId)}::bigint[],
                  ${column(rows, (r) => r.orgPath)}::text[], ${column(rows, (r) => r.buildingId)}::bigint[],
                  ${column(rows, (r) => r.contactName ?? null)}::text[],
                  ${column(rows, (r) => phone(r, crypto.encrypt))}::bytea[],
                  ${column(rows, (r) => phone(r, crypto.keyedHash))}::bytea[],
                  ${column(rows, (r) => phone(r, maskMobileNumber))}::text[])
        as u(code, kind, name, unit_id, org_path, building_id, contact_name, phone_enc, phone_hash, phone_mask)
      on conflict (code) do update set
        kind = excluded.kind, name = excluded.name, unit_id = excluded.unit_id, org_path = excluded.org_path,
        building_id = excluded.building_id, contact_name = coalesce(excluded.contact_name, organisation.contact_name),
        contact_phone_enc = coalesce(excluded.contact_phone_enc, organisation.contact_phone_enc),
        contact_phone_hash = coalesce(excluded.contact_phone_hash, organisation.contact_phone_hash),
        contact_phone_mask = coalesce(excluded.contact_phone_mask, organisation.contact_phone_mask),
        updated_at = excluded.updated_at`.execute(tx);
  },
};
