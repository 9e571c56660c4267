// The shapes the generator produces. They mirror the foundation tables (org_unit, app_user, building,
// house, person) so the server's seed writer maps them field by field.

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

export interface PersonSeed {
  idNumber: string;
  name: string;
  gender: 'male' | 'female';
  /** YYYY-MM-DD. */
  birthDate: string;
  phone: string | null;
  householdType: HouseholdType;
  houseCode: string;
  /** Relation to the head of the household: 户主, 配偶, 子女, 父母 or 其他. */
  relation: string;
}

export interface Household {
  building: BuildingSeed;
  houses: { house: HouseSeed; persons: PersonSeed[] }[];
}

export interface CityPlan {
  options: Required<CityOptions>;
  /** Every org unit, parents before children: the city, then counties, townships, villages, grids. */
  units: OrgUnitSeed[];
  /** The demo accounts, then one grid worker per grid (and a second one for some grids). */
  users: UserSeed[];
  /** Buildings with their houses and residents, one building at a time; the same sequence on every call. */
  households(): Generator<Household>;
}
