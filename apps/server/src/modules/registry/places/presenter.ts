// Rows → API shapes for houses, buildings, vehicles, devices and organisations.

import type {
  ZBuildingSummary,
  ZDeviceSummary,
  ZHouseSummary,
  ZOrganisationSummary,
  ZVehicleSummary,
} from '@civgrid/contracts';
import type { z } from 'zod';

const ref = (id: string | null, code: string | null, label?: string | null) =>
  id && code ? { id, code, label: label ?? code } : null;

// biome-ignore lint/suspicious/noExplicitAny: rows come from Kysely selections typed at the call site.
type Row = Record<string, any>;

export function presentHouse(r: Row): z.infer<typeof ZHouseSummary> {
  return {
    id: r.id,
    code: r.code,
    address: r.address,
    gridCode: r.grid_code,
    building: ref(r.building_id, r.building_code, r.building_name),
    unit: r.unit,
    floor: r.floor,
    room: r.room,
    areaM2: r.area_m2 === null ? null : Number(r.area_m2),
    use: r.use,
    registeredResidents: r.registered_residents,
    residents: r.residents,
  };
}

export function presentBuilding(r: Row): z.infer<typeof ZBuildingSummary> {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    address: r.address,
    gridCode: r.grid_code,
    lng: r.lng,
    lat: r.lat,
    units: r.units,
    floors: r.floors,
    houses: r.houses,
    residents: r.residents,
  };
}

export function presentVehicle(r: Row): z.infer<typeof ZVehicleSummary> {
  return {
    id: r.id,
    plate: r.plate,
    plateKind: r.plate_kind,
    gridCode: r.grid_code,
    owner: r.owner_name ? ref(r.owner_person_id, r.owner_person_id, r.owner_name) : null,
    brand: r.brand,
    colour: r.colour,
  };
}

export function presentDevice(r: Row): z.infer<typeof ZDeviceSummary> {
  return {
    id: r.id,
    code: r.code,
    type: r.type,
    name: r.name,
    gridCode: r.grid_code,
    lng: r.lng,
    lat: r.lat,
    house: ref(r.house_id, r.house_code),
    building: ref(r.building_id, r.building_code),
    owner: r.owner_name ? ref(r.owner_person_id, r.owner_person_id, r.owner_name) : null,
  };
}

export function presentOrganisation(r: Row): z.infer<typeof ZOrganisationSummary> {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    name: r.name,
    unit: { code: r.unit_code, name: r.unit_name, level: r.unit_level },
    building: ref(r.building_id, r.building_code, r.building_name),
    contactName: r.contact_name,
    contactPhone: r.contact_phone_mask,
  };
}
