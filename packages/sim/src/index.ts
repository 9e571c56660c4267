// A deterministic synthetic city modelled on Langfang, Hebei: the org hierarchy, accounts, the smart
// communities' devices, the community organisations, and — lazily — buildings, houses, residents (with
// their attention categories) and their cars. Pure: no database, files or network; the same options
// give the same city, byte for byte.

import { buildDevices } from './devices.ts';
import { buildHierarchy } from './hierarchy.ts';
import { generateHouseholds } from './households.ts';
import { buildOrganisations } from './organisations.ts';
import { SCALES } from './scales.ts';
import type { CityOptions, CityPlan } from './types.ts';
import { buildUsers } from './users.ts';

export * from './events/index.ts';
export { CONTRACT_POINTS } from './geography.ts';
export { REFERENCE_DATE } from './tags.ts';
export type {
  BuildingSeed,
  CityOptions,
  CityPlan,
  DeviceSeed,
  DeviceType,
  Household,
  HouseholdType,
  HouseSeed,
  HouseUse,
  OrganisationKind,
  OrganisationSeed,
  OrgUnitSeed,
  PersonSeed,
  PersonTagSeed,
  Scale,
  TagCategory,
  UserSeed,
  VehicleSeed,
} from './types.ts';
export { DEMO_ACCOUNTS } from './users.ts';

export const DEFAULT_SEED = 20260301;

/** The most residents per grid on average: beyond it a grid would need more buildings than its codes hold. */
const MAX_RESIDENTS_PER_GRID = 10_000;

// Independent random streams, so drawing more names never moves a building and vice versa.
const STREAMS = { hierarchy: 1, users: 2, households: 3, devices: 4, organisations: 5 } as const;

/** Plans the city for `options`: units and users at once, households on demand. */
export function planCity(options: CityOptions): CityPlan {
  const spec = SCALES[options.scale];
  if (!spec) throw new RangeError(`unknown scale: ${options.scale}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const residents = options.residents ?? spec.residents;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`the seed must be an integer: ${seed}`);
  const maxResidents = spec.grids * MAX_RESIDENTS_PER_GRID;
  if (!Number.isInteger(residents) || residents < 0 || residents > maxResidents)
    throw new RangeError(
      `residents must be a whole number from 0 to ${maxResidents} at ${options.scale} scale`,
    );

  const model = buildHierarchy(spec, seed, STREAMS.hierarchy);
  const smart = new Set(model.units.filter((u) => u.smartCommunity).map((u) => u.code));
  return {
    options: { scale: options.scale, seed, residents },
    units: model.units,
    users: buildUsers(model, spec.extraWorkers, seed, STREAMS.users),
    devices: buildDevices(model, smart, seed, STREAMS.devices),
    organisations: buildOrganisations(model, smart, seed, STREAMS.organisations),
    households: () => generateHouseholds(model, residents, seed, STREAMS.households),
  };
}
