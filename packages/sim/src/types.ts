// The shapes the generator produces. They mirror the tables (org_unit, app_user, building, house, person,
// person_tag, vehicle, device, organisation) so the server's seed writer maps them field by field.

import type { Polygon, Role } from '@civgrid/domain';

export type Scale = 'test' | 'demo' | 'city';

export interface CityOptions {
  scale: Scale;
  /** Default 20260301. */
  seed?: number;
  /** Default: test 300, demo 10,000, city 1,000,000. */
  residents?: number;
}

export interface OrgUnitSeed {
  level: 'city' | 'county' | 'township' | 'village' | 'grid';
  code: string;
  name: string;
  parentCode: string | null;
  boundary: Polygon;
  centre: [lng: number, lat: number];
  smartCommunity: boolean;
}

export interface UserSeed {
  username: string;
  displayName: string;
  role: Role;
  scopeCode: string;
}

export interface BuildingSeed {
  code: string;
  gridCode: string;
  name: string;
  address: string;
  lng: number;
  lat: number;
  units: number;
  floors: number;
}

export type HouseUse = 'owner-occupied' | 'rented' | 'vacant' | 'business';

export interface HouseSeed {
  code: string;
  buildingCode: string;
  unit: number;
  floor: number;
  room: string;
  address: string;
  areaM2: number;
  use: HouseUse;
  registeredResidents: number;
}

export type HouseholdType = 'registered' | 'floating' | 'overseas';

/** The attention categories the generator uses (codes seeded by migration 0002). */
export type TagCategory =
  | 'elderly-alone'
  | 'left-behind-child'
  | 'disabled'
  | 'subsistence-allowance'
  | 'home-quarantine';

export interface PersonTagSeed {
  category: TagCategory;
  reason: string;
}

export interface PersonSeed {
  idNumber: string;
  name: string;
  gender: 'male' | 'female';
  /** YYYY-MM-DD. */
  birthDate: string;
  phone: string | null;
  householdType: HouseholdType;
  houseCode: string;
  /** Relation to the head of the household: 户主, 配偶, 子女, 父母, 孙子, 孙女 or 其他. */
  relation: string;
  /** Attention categories (关注人员); empty for most people. */
  tags: PersonTagSeed[];
}

export interface VehicleSeed {
  /** Normalized, e.g. `冀RA1234`, `冀RDA1234` (new energy). */
  plate: string;
  /** A resident of the same building. */
  ownerIdNumber: string;
  brand: string;
  colour: string;
}

export type DeviceType = 'face' | 'plate' | 'door' | 'wifi';

export interface DeviceSeed {
  code: string;
  type: DeviceType;
  name: string;
  gridCode: string;
  lng: number;
  lat: number;
  /** For door readers: the building whose entrance it guards. */
  buildingCode?: string;
}

export type OrganisationKind =
  | 'party-branch'
  | 'residents-committee'
  | 'owners-committee'
  | 'property-company'
  | 'building-head'
  | 'service-station';

export interface OrganisationSeed {
  code: string;
  kind: OrganisationKind;
  name: string;
  /** A village's (community's) code, or a grid's. */
  unitCode: string;
  contactName: string;
  /** A mainland mobile number no resident has. */
  contactPhone: string;
  /** For building heads (楼长): their building. */
  buildingCode?: string;
}

export interface Household {
  building: BuildingSeed;
  houses: { house: HouseSeed; persons: PersonSeed[] }[];
  /** Cars of the building's residents. */
  vehicles: VehicleSeed[];
}

export interface CityPlan {
  options: Required<CityOptions>;
  /** Every org unit, parents before children: the city, then counties, townships, villages, grids. */
  units: OrgUnitSeed[];
  /** The demo accounts, then one grid worker per grid (and a second one for some grids). */
  users: UserSeed[];
  /** The sensing devices of the smart communities: gate cameras, door readers, Wi-Fi probes. */
  devices: DeviceSeed[];
  /** The six-in-one organisations (六位一体) of every village and community, grid party groups, building heads. */
  organisations: OrganisationSeed[];
  /** Buildings with their houses and residents, one building at a time; the same sequence on every call. */
  households(): Generator<Household>;
}
