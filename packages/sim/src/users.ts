// Accounts: one demo account per kind of user, scoped as narrowly as its role allows along one line —
// the city, 安次区, its first township, the village holding grid Aa001, Aa001 itself — so the demo shows
// every level looking at the same streets. Then the grid workers: one per grid, a second in some grids.

import type { CityModel } from './hierarchy.ts';
import { drawFullName } from './person-names.ts';
import { Random } from './random.ts';
import { CITY, COUNTIES } from './scales.ts';
import type { UserSeed } from './types.ts';

/** The demo usernames, in the order `users` lists them. */
export const DEMO_ACCOUNTS: readonly string[] = [
  'admin',
  'city',
  'county',
  'township',
  'grid',
  'police',
  'dept',
  'auditor',
];

// Grid workers are adults of working age; their names follow the fashion of their birth years.
const WORKER_BIRTH_YEARS = [1971, 2001] as const;

function demoAccounts(model: CityModel): UserSeed[] {
  const county = model.units.find((u) => u.code === COUNTIES[0]!.code)!;
  const township = model.units.find((u) => u.level === 'township' && u.parentCode === county.code)!;
  const grid = model.grids.find((g) => g.village.townshipCode === township.code)!;
  return [
    { username: 'admin', displayName: '系统管理员', role: 'admin', scopeCode: CITY.code },
    { username: 'city', displayName: '市指挥中心值班员', role: 'city-centre', scopeCode: CITY.code },
    {
      username: 'county',
      displayName: `${county.name}指挥中心值班员`,
      role: 'county-centre',
      scopeCode: county.code,
    },
    {
      username: 'township',
      displayName: `${township.name}综治中心值班员`,
      role: 'township-centre',
      scopeCode: township.code,
    },
    { username: 'grid', displayName: '张伟 (网格员)', role: 'grid-worker', scopeCode: grid.code },
    {
      username: 'police',
      displayName: `王强 (${grid.village.name}民警)`,
      role: 'police',
      scopeCode: grid.village.code,
    },
    {
      username: 'dept',
      displayName: `${county.name}住建局联络员`,
      role: 'department',
      scopeCode: county.code,
    },
    { username: 'auditor', displayName: '安全审计员', role: 'auditor', scopeCode: CITY.code },
  ];
}

/** All accounts: the demo ones, then `gw-<grid>` for every grid and `gw-<grid>-2` for `extraWorkers` grids. */
export function buildUsers(model: CityModel, extraWorkers: number, seed: number, stream: number): UserSeed[] {
  const random = new Random(seed, stream);
  const seconds = new Set(random.sampleIndexes(model.grids.length, extraWorkers));
  const worker = (scopeCode: string, username: string): UserSeed => {
    const gender = random.chance(0.55) ? 'male' : 'female';
    const displayName = drawFullName(random, gender, random.int(...WORKER_BIRTH_YEARS));
    return { username, displayName, role: 'grid-worker', scopeCode };
  };
  const workers = model.grids.flatMap((grid, i) => {
    const username = `gw-${grid.code.toLowerCase()}`;
    const first = worker(grid.code, username);
    return seconds.has(i) ? [first, worker(grid.code, `${username}-2`)] : [first];
  });
  return [...demoAccounts(model), ...workers];
}
