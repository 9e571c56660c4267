// A deterministic synthetic city modelled on Langfang, Hebei: the org hierarchy, accounts, and — lazily —
// buildings, houses and residents. Pure: no database, files or network; the same options give the
// same city, byte for byte.

import { buildHierarchy } from './hierarchy.ts';
import { generateHouseholds } from './households.ts';
import { SCALES } from './scales.ts';
import type { CityOptions, CityPlan } from './types.ts';
import { buildUsers } from './users.ts';

export { CONTRACT_POINTS } from './geography.ts';
export type {
  BuildingSeed,
  CityOptions,
  CityPlan,
  Household,
  HouseholdType,
  HouseSeed,
  HouseUse,
  OrgUnitSeed,
  PersonSeed,
  Scale,
  UserSeed,
} from './types.ts';
export { DEMO_ACCOUNTS } from './users.ts';

export const DEFAULT_SEED = 20260301;

/** The most residents per grid on average: beyond it a grid would need more buildings than its codes hold. */
const MAX_RESIDENTS_PER_GRID = 10_000;

// Independent random streams, so drawing more names never moves a building and vice versa.
const STREAMS = { hierarchy: 1, users: 2, households: 3 } as const;

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
  return {
    options: { scale: options.scale, seed, residents },
    units: model.units,
    users: buildUsers(model, spec.extraWorkers, seed, STREAMS.users),
    households: () => generateHouseholds(model, residents, seed, STREAMS.households),
  };
}
