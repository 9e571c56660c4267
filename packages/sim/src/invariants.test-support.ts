// Invariants every planned city must satisfy, as lists of problems (empty when all hold), so the
// example tests and the property test over many seeds check exactly the same things.

import {
  checkIdNumber,
  checkPlate,
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
import type { CityPlan, OrganisationKind, OrgUnitSeed, PersonSeed } from './index.ts';
import { ageOn } from './tags.ts';

// A day safely after the last birth date the generator makes, so checks do not depend on the clock.
const CHECK_DATE = new Date(Date.UTC(2026, 2, 1));
const MOBILE = /^1[3-9]\d{9}$/;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const RELATIONS = ['户主', '配偶', '子女', '父母', '孙子', '孙女', '其他'];
/** The categories the generator may use; all exist in attention_category (migration 0002). */
export const TAG_CATEGORIES = [
  'elderly-alone',
  'left-behind-child',
  'disabled',
  'subsistence-allowance',
  'home-quarantine',
];
const RECORD_CODE = /^[A-Za-z0-9_-]{1,40}$/;
const DEVICE_CODE = /^[A-Za-z0-9_.-]{1,64}$/;

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
  vehicles: number;
  tags: Record<string, number>;
  /** Every building code and resident phone seen, for checks that join them with devices and organisations. */
  buildingCodes: Set<string>;
  phones: Set<string>;
  problems: string[];
}

const isWorkingAge = (p: PersonSeed) => ageOn(p.birthDate) >= 16 && ageOn(p.birthDate) < 60;

/** Problems with one resident's tags: allowed categories, each at most once, given only to whom it fits. */
function tagProblems(p: PersonSeed, household: PersonSeed[]): string[] {
  const problems: string[] = [];
  const categories = p.tags.map((t) => t.category);
  if (new Set(categories).size !== categories.length) problems.push(`${p.idNumber}: a category twice`);
  for (const tag of p.tags) {
    if (!TAG_CATEGORIES.includes(tag.category)) problems.push(`${p.idNumber}: category ${tag.category}`);
    if (!tag.reason.trim()) problems.push(`${p.idNumber}: ${tag.category} without a reason`);
  }
  const age = ageOn(p.birthDate);
  if (categories.includes('elderly-alone') && !(age >= 70 && household.length === 1))
    problems.push(`${p.idNumber}: elderly-alone at ${age} in a household of ${household.length}`);
  if (categories.includes('left-behind-child') && !(age < 16 && !household.some(isWorkingAge)))
    problems.push(`${p.idNumber}: left-behind-child at ${age} or with a working-age adult at home`);
  if (categories.includes('subsistence-allowance') && p.relation !== '户主')
    problems.push(`${p.idNumber}: subsistence-allowance for a ${p.relation}`);
  return problems;
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
    plates: new Set<string>(),
  };
  const tags: Record<string, number> = {};
  let residents = 0;
  const note = (ok: boolean, problem: string) => {
    if (!ok && problems.length < 50) problems.push(problem);
  };
  for (const { building, houses, vehicles } of plan.households()) {
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
        note(RELATIONS.includes(p.relation), `${p.idNumber}: relation ${p.relation}`);
        if (p.relation === '孙子' || p.relation === '孙女')
          note(
            Number(p.birthDate.slice(0, 4)) - Number(persons[0]!.birthDate.slice(0, 4)) >= 40,
            `${p.idNumber}: grandchild's age`,
          );
        for (const problem of tagProblems(p, persons)) note(false, problem);
        for (const tag of p.tags) tags[tag.category] = (tags[tag.category] ?? 0) + 1;
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
    const residentsHere = new Map(houses.flatMap((h) => h.persons).map((p) => [p.idNumber, p]));
    for (const v of vehicles) {
      note(checkPlate(v.plate) === null, `${v.plate}: ${checkPlate(v.plate)}`);
      note(!seen.plates.has(v.plate), `duplicate plate ${v.plate}`);
      seen.plates.add(v.plate);
      const owner = residentsHere.get(v.ownerIdNumber);
      note(owner !== undefined, `${v.plate}: the owner lives elsewhere`);
      if (owner) note(ageOn(owner.birthDate) >= 18, `${v.plate}: owner aged ${ageOn(owner.birthDate)}`);
      note(v.brand.length > 0 && v.colour.length > 0, `${v.plate}: brand and colour`);
    }
  }
  return {
    buildings: seen.buildings.size,
    houses: seen.houses.size,
    residents,
    vehicles: seen.plates.size,
    tags,
    buildingCodes: seen.buildings,
    phones: seen.phones,
    problems,
  };
}

const COMMUNITY_KINDS: OrganisationKind[] = [
  'party-branch',
  'residents-committee',
  'owners-committee',
  'property-company',
  'service-station',
];
const VILLAGE_KINDS: OrganisationKind[] = ['party-branch', 'residents-committee', 'service-station'];

/**
 * Problems with the devices and organisations: codes unique and importable, devices strictly inside their
 * grids and only in smart communities, the six-in-one kinds each village should have, a party group per
 * grid, buildings that exist, contact phones valid, unique and no resident's.
 */
export function registerProblems(plan: CityPlan, summary: EnumerationSummary): string[] {
  const problems: string[] = [];
  const units = new Map(plan.units.map((u) => [u.code, u]));
  const codes = new Set<string>();
  for (const d of plan.devices) {
    if (!DEVICE_CODE.test(d.code) || codes.has(d.code)) problems.push(`device code ${d.code}`);
    codes.add(d.code);
    const grid = units.get(d.gridCode);
    if (grid?.level !== 'grid') {
      problems.push(`${d.code}: no grid ${d.gridCode}`);
      continue;
    }
    if (!polygonContains(grid.boundary, [d.lng, d.lat])) problems.push(`${d.code} lies outside its grid`);
    if (!units.get(grid.parentCode!)!.smartCommunity) problems.push(`${d.code}: not in a smart community`);
    if ((d.type === 'door') !== (d.buildingCode !== undefined)) problems.push(`${d.code}: building`);
    if (
      d.buildingCode &&
      !(d.buildingCode.startsWith(`B${d.gridCode}`) && summary.buildingCodes.has(d.buildingCode))
    )
      problems.push(`${d.code}: no building ${d.buildingCode} in its grid`);
    if (!/^[\u4e00-\u9fff].*[\u4e00-\u9fff]$/.test(d.name)) problems.push(`${d.code}: name ${d.name}`);
  }
  for (const village of plan.units.filter((u) => u.level === 'village' && u.smartCommunity)) {
    const types = new Set(
      plan.devices.filter((d) => units.get(d.gridCode)!.parentCode === village.code).map((d) => d.type),
    );
    if (types.size !== 4) problems.push(`${village.code}: devices ${[...types]}`);
  }

  const orgCodes = new Set<string>();
  const contactPhones = new Set<string>();
  const kindsByUnit = new Map<string, OrganisationKind[]>();
  for (const o of plan.organisations) {
    if (!RECORD_CODE.test(o.code) || orgCodes.has(o.code)) problems.push(`organisation code ${o.code}`);
    orgCodes.add(o.code);
    const unit = units.get(o.unitCode);
    if (unit?.level !== 'village' && unit?.level !== 'grid') problems.push(`${o.code}: unit ${o.unitCode}`);
    kindsByUnit.set(o.unitCode, [...(kindsByUnit.get(o.unitCode) ?? []), o.kind]);
    if (
      !MOBILE.test(o.contactPhone) ||
      contactPhones.has(o.contactPhone) ||
      summary.phones.has(o.contactPhone)
    )
      problems.push(`${o.code}: contact phone ${o.contactPhone}`);
    contactPhones.add(o.contactPhone);
    if (!/^[\u4e00-\u9fff]{2,4}$/.test(o.contactName)) problems.push(`${o.code}: contact ${o.contactName}`);
    if ((o.kind === 'building-head') !== (o.buildingCode !== undefined)) problems.push(`${o.code}: building`);
    if (
      o.buildingCode &&
      !(o.buildingCode.startsWith(`B${o.unitCode}`) && summary.buildingCodes.has(o.buildingCode))
    )
      problems.push(`${o.code}: no building ${o.buildingCode} in its grid`);
  }
  for (const unit of plan.units) {
    const kinds = (kindsByUnit.get(unit.code) ?? []).filter((k) => k !== 'building-head').sort();
    if (unit.level === 'village') {
      const isCommunity = unit.name.endsWith('社区');
      const expected = [...(isCommunity ? COMMUNITY_KINDS : VILLAGE_KINDS)].sort();
      if (kinds.join() !== expected.join()) problems.push(`${unit.code}: organisations ${kinds}`);
      const name = kinds.length
        ? plan.organisations.find((o) => o.unitCode === unit.code && o.kind === 'residents-committee')?.name
        : '';
      if (!name?.endsWith(isCommunity ? '居委会' : '村委会'))
        problems.push(`${unit.code}: committee ${name}`);
    }
    if (unit.level === 'grid' && kinds.join() !== 'party-branch')
      problems.push(`${unit.code}: organisations ${kinds}`);
  }
  return problems;
}
