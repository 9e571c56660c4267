// Invariants every planned city must satisfy, as lists of problems (empty when all hold), so the
// example tests and the property test over many seeds check exactly the same things.

import {
  checkIdNumber,
  divisionLevel,
  idGender,
  isDivisionCode,
  isGridCode,
  isScopeLevelAllowed,
  parseGridCode,
  polygonBounds,
  polygonContains,
  statisticalLevel,
} from '@civgrid/domain';
import type { CityPlan, OrgUnitSeed } from './index.ts';

// A day safely after the last birth date the generator makes, so checks do not depend on the clock.
const CHECK_DATE = new Date(Date.UTC(2026, 2, 1));
const MOBILE = /^1[3-9]\d{9}$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

function codeProblem(unit: OrgUnitSeed): string | null {
  const ok = {
    city: () => isDivisionCode(unit.code) && divisionLevel(unit.code) === 'prefecture',
    county: () => isDivisionCode(unit.code) && divisionLevel(unit.code) === 'county',
    township: () => statisticalLevel(unit.code) === 'township',
    village: () => statisticalLevel(unit.code) === 'village',
    grid: () => isGridCode(unit.code),
  }[unit.level]();
  return ok ? null : `${unit.level} ${unit.code} has an invalid code`;
}

/** Problems with the org units: codes, order, names, rectangles that tile their parents. */
export function unitProblems(plan: CityPlan): string[] {
  const problems: string[] = [];
  const byCode = new Map<string, OrgUnitSeed>();
  const children = new Map<string, OrgUnitSeed[]>();
  for (const unit of plan.units) {
    const code = codeProblem(unit);
    if (code) problems.push(code);
    if (byCode.has(unit.code)) problems.push(`duplicate code ${unit.code}`);
    if (unit.parentCode !== null && !byCode.has(unit.parentCode))
      problems.push(`${unit.code} precedes its parent`);
    byCode.set(unit.code, unit);
    if (unit.parentCode) children.set(unit.parentCode, [...(children.get(unit.parentCode) ?? []), unit]);
    const [w, s, e, n] = polygonBounds(unit.boundary);
    if (unit.centre[0] !== (w + e) / 2 || unit.centre[1] !== (s + n) / 2)
      problems.push(`${unit.code}: centre`);
    if (!(w < e && s < n)) problems.push(`${unit.code}: empty rectangle`);
  }
  for (const [parentCode, kids] of children) {
    const [pw, ps, pe, pn] = polygonBounds(byCode.get(parentCode)!.boundary);
    const boxes = kids.map((k) => polygonBounds(k.boundary));
    let area = 0;
    for (const [i, [w, s, e, n]] of boxes.entries()) {
      if (w < pw || s < ps || e > pe || n > pn) problems.push(`${kids[i]!.code} sticks out of ${parentCode}`);
      area += (e - w) * (n - s);
      for (const [ow, os, oe, on] of boxes.slice(i + 1))
        if (w < oe && ow < e && s < on && os < n) problems.push(`${kids[i]!.code} overlaps a sibling`);
    }
    const parentArea = (pe - pw) * (pn - ps);
    if (Math.abs(area - parentArea) > parentArea * 1e-9)
      problems.push(`children leave gaps in ${parentCode}`);
  }
  for (const grid of plan.units.filter((u) => u.level === 'grid')) {
    const village = byCode.get(grid.parentCode!)!;
    const township = byCode.get(village.parentCode!)!;
    const parts = parseGridCode(grid.code)!;
    if (children.get(township.parentCode!)!.indexOf(township) !== parts.townshipIndex)
      problems.push(`${grid.code}: township letter`);
    if (!/^.+(社区|村)第\d+网格$/.test(grid.name) || !grid.name.startsWith(village.name))
      problems.push(`${grid.code}: name ${grid.name}`);
  }
  for (const village of plan.units.filter((u) => u.level === 'village')) {
    const isCommunity = Number(village.code.slice(9)) < 200;
    if (village.name.endsWith(isCommunity ? '社区' : '村') === false)
      problems.push(`${village.code}: ${village.name}`);
    if (village.smartCommunity && !isCommunity) problems.push(`${village.code}: smart but not a community`);
  }
  return problems;
}

/** Problems with the accounts: usernames, roles allowed at their scopes, scopes that exist. */
export function userProblems(plan: CityPlan): string[] {
  const problems: string[] = [];
  const units = new Map(plan.units.map((u) => [u.code, u]));
  const names = new Set<string>();
  for (const user of plan.users) {
    if (!USERNAME.test(user.username)) problems.push(`bad username ${user.username}`);
    if (names.has(user.username)) problems.push(`duplicate username ${user.username}`);
    names.add(user.username);
    const scope = units.get(user.scopeCode);
    if (!scope) problems.push(`${user.username}: no unit ${user.scopeCode}`);
    else if (!isScopeLevelAllowed(user.role, scope.level))
      problems.push(`${user.username}: ${user.role} at ${scope.level}`);
    if (!user.displayName.trim()) problems.push(`${user.username}: no display name`);
  }
  return problems;
}

export interface EnumerationSummary {
  buildings: number;
  houses: number;
  residents: number;
  problems: string[];
}

/** Enumerates every household once and reports counts and problems with buildings, houses and persons. */
export function enumerate(plan: CityPlan): EnumerationSummary {
  const problems: string[] = [];
  const grids = new Map(plan.units.filter((u) => u.level === 'grid').map((u) => [u.code, u]));
  const units = new Map(plan.units.map((u) => [u.code, u]));
  const countyOf = (gridCode: string) =>
    units.get(units.get(grids.get(gridCode)!.parentCode!)!.parentCode!)!.parentCode!;
  const seen = {
    buildings: new Set<string>(),
    houses: new Set<string>(),
    ids: new Set<string>(),
    phones: new Set<string>(),
  };
  let residents = 0;
  const note = (ok: boolean, problem: string) => {
    if (!ok && problems.length < 50) problems.push(problem);
  };
  for (const { building, houses } of plan.households()) {
    const grid = grids.get(building.gridCode);
    note(grid !== undefined, `${building.code}: unknown grid`);
    if (!grid) continue;
    note(!seen.buildings.has(building.code), `duplicate building ${building.code}`);
    seen.buildings.add(building.code);
    note(building.code.startsWith(`B${grid.code}`), `${building.code}: code`);
    note(
      polygonContains(grid.boundary, [building.lng, building.lat]),
      `${building.code} lies outside its grid`,
    );
    note(
      building.address.startsWith('廊坊市') && building.address.endsWith(building.name),
      `${building.code}: address`,
    );
    note(
      building.units >= 1 && building.units <= 6 && building.floors >= 1 && building.floors <= 33,
      `${building.code}: size`,
    );
    note(houses.length > 0, `${building.code}: no houses`);
    const county = countyOf(grid.code);
    for (const { house, persons } of houses) {
      note(!seen.houses.has(house.code), `duplicate house ${house.code}`);
      seen.houses.add(house.code);
      note(
        house.code.startsWith(`H${building.code}`) && house.buildingCode === building.code,
        `${house.code}: building`,
      );
      note(house.address.startsWith(building.address), `${house.code}: address`);
      note(house.areaM2 >= 40 && house.areaM2 <= 180, `${house.code}: area ${house.areaM2}`);
      note(
        house.unit <= building.units && house.floor <= building.floors,
        `${house.code}: outside its building`,
      );
      note(persons.length <= 5, `${house.code}: ${persons.length} residents`);
      const occupied = house.use === 'owner-occupied' || house.use === 'rented';
      note(occupied === persons.length > 0, `${house.code}: ${house.use} with ${persons.length} residents`);
      const registered = persons.filter((p) => p.householdType !== 'overseas').length;
      note(house.registeredResidents === registered, `${house.code}: registeredResidents`);
      for (const [i, p] of persons.entries()) {
        residents++;
        note((i === 0) === (p.relation === '户主'), `${p.idNumber}: relation ${p.relation} at ${i}`);
        note(
          ['户主', '配偶', '子女', '父母', '其他'].includes(p.relation),
          `${p.idNumber}: relation ${p.relation}`,
        );
        note(p.houseCode === house.code, `${p.idNumber}: house`);
        note(
          checkIdNumber(p.idNumber, CHECK_DATE) === null,
          `${p.idNumber}: ${checkIdNumber(p.idNumber, CHECK_DATE)}`,
        );
        note(!seen.ids.has(p.idNumber), `duplicate id ${p.idNumber}`);
        seen.ids.add(p.idNumber);
        note(idGender(p.idNumber) === p.gender, `${p.idNumber}: gender`);
        note(p.idNumber.slice(6, 14) === p.birthDate.replaceAll('-', ''), `${p.idNumber}: birth date`);
        note(
          p.birthDate >= '1930-01-01' && p.birthDate <= '2025-12-31',
          `${p.idNumber}: born ${p.birthDate}`,
        );
        note(
          (p.householdType === 'registered') === (p.idNumber.slice(0, 6) === county),
          `${p.idNumber}: region`,
        );
        note(/^[\u4e00-\u9fff]{2,4}$/.test(p.name), `${p.idNumber}: name ${p.name}`);
        note((p.phone === null) === p.birthDate >= '2015', `${p.idNumber}: phone only from the age of 12`);
        if (p.phone !== null) {
          note(MOBILE.test(p.phone) && !seen.phones.has(p.phone), `${p.idNumber}: phone ${p.phone}`);
          seen.phones.add(p.phone);
        }
      }
    }
  }
  return { buildings: seen.buildings.size, houses: seen.houses.size, residents, problems };
}
