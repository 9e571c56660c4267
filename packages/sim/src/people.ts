// The residents of one house: who they are to the head of the household, ages that fit those relations
// (a plausible age pyramid comes out of it), names, identity numbers and phones.

import {
  dayInYear,
  FIRST_BIRTH_YEAR,
  type IdentityRegistry,
  LAST_BIRTH_YEAR,
  type PhoneBook,
} from './identity.ts';
import { drawGivenName, drawSurname } from './person-names.ts';
import { type Random, WeightedTable } from './random.ts';
import { FLOATING_REGIONS, OVERSEAS_REGIONS } from './regions.ts';
import type { HouseholdType, HouseUse, PersonSeed } from './types.ts';

type Gender = 'male' | 'female';
type Relation = '户主' | '配偶' | '子女' | '父母' | '孙子' | '孙女' | '其他';

/** Everything that lives longer than one house: the streams and the number registries. */
export interface ResidentSources {
  random: Random;
  identities: IdentityRegistry;
  phones: PhoneBook;
}

// Relative cohort sizes by five-year birth period (China's 2020 census, rounded): the 1960s baby boom,
// the echo around 1990 and the falling births after 2017.
const COHORTS = [2, 6, 18, 30, 50, 65, 90, 125, 115, 100, 105, 120, 110, 95, 80, 80, 85, 85, 50];
const COHORT_PEAK = Math.max(...COHORTS);
const ADULT_YEAR = 2003; // heads of household are at least 22
const GENERATION = [22, 36] as const; // parents' age at a child's birth
const CHILDREN_FROM = 1992; // the oldest children still counted as living with their parents
const REFERENCE_YEAR = 2026; // "now" for ages: the year the default seed is named after
const PHONE_FROM_AGE = 12;

/** A birth year in [from, to], drawn in proportion to the cohort sizes (by rejection). */
function yearBetween(random: Random, from: number, to: number): number {
  for (;;) {
    const year = random.int(from, to);
    // The last period, 2020–2025, spans six years.
    const period = Math.min(COHORTS.length - 1, Math.floor((year - FIRST_BIRTH_YEAR) / 5));
    if (random.next() * COHORT_PEAK < COHORTS[period]!) return year;
  }
}

/** A head of household's birth year: the cohort sizes, weighed by how often people of that age head one. */
function headYear(random: Random): number {
  for (;;) {
    const year = yearBetween(random, FIRST_BIRTH_YEAR, ADULT_YEAR);
    // Headship grows from a fifth of 25-year-olds to nearly everyone past 45.
    if (random.next() < (REFERENCE_YEAR - year - 20) / 25) return year;
  }
}

// Who lives with the head of the household, by household size.
const compositions = (...options: [number, Relation[]][]) =>
  new WeightedTable(options.map(([weight, relations]) => [relations, weight] as const));
const COMPANIONS = [
  compositions([1, []]),
  compositions([55, ['配偶']], [35, ['子女']], [10, ['父母']]),
  compositions([70, ['配偶', '子女']], [10, ['配偶', '父母']], [20, ['子女', '子女']]),
  compositions([55, ['配偶', '子女', '子女']], [45, ['配偶', '子女', '父母']]),
  compositions(
    [50, ['配偶', '子女', '父母', '父母']],
    [30, ['配偶', '子女', '子女', '父母']],
    [20, ['配偶', '子女', '子女', '子女']],
  ),
];
/** People renting together (合租) rather than a family, among floating households of two or more. */
const SHARED_RENTAL = 0.25;
/**
 * Village families of two or more in which grandparents past working age bring up grandchildren while
 * the parents work in the cities (隔代家庭): where the left-behind children (留守儿童) come from.
 */
const SKIP_GENERATION = 0.05;
const GRANDPARENT_YEARS = [1948, 1964] as const;
const GRANDCHILD_YEARS = [2011, 2022] as const;

/** The household type of a whole house: renters are mostly floating, owners mostly registered. */
function drawHouseholdType(random: Random, use: HouseUse): HouseholdType {
  const x = random.next();
  if (use === 'rented') return x < 0.015 ? 'overseas' : x < 0.735 ? 'floating' : 'registered';
  return x < 0.003 ? 'overseas' : x < 0.053 ? 'floating' : 'registered';
}

function regionFor(random: Random, type: HouseholdType, countyCode: string): string {
  if (type === 'floating') return FLOATING_REGIONS.draw(random);
  if (type === 'overseas') return OVERSEAS_REGIONS.draw(random);
  return countyCode;
}

const clampYear = (year: number, last = LAST_BIRTH_YEAR) => Math.min(last, Math.max(FIRST_BIRTH_YEAR, year));
const other = (gender: Gender): Gender => (gender === 'male' ? 'female' : 'male');

interface Member {
  relation: Relation;
  gender: Gender;
  year: number;
  surname: string;
}

const drawGender = (random: Random, maleShare = 0.5): Gender =>
  random.chance(maleShare) ? 'male' : 'female';

/** People sharing a rented flat (合租): adults of about the same age and of one gender. */
function drawFlatmates(random: Random, count: number): Member[] {
  const head: Member = {
    relation: '户主',
    gender: drawGender(random),
    year: headYear(random),
    surname: drawSurname(random),
  };
  const members = [head];
  for (let i = 1; i < count; i++) {
    const year = clampYear(head.year + random.int(-8, 8), ADULT_YEAR);
    members.push({ relation: '其他', gender: head.gender, year, surname: drawSurname(random) });
  }
  return members;
}

/** Grandparents (one or both) and their grandchildren, who carry the grandfather's surname. */
function drawSkipGeneration(random: Random, count: number): Member[] {
  const head: Member = {
    relation: '户主',
    gender: drawGender(random, 0.6),
    year: random.int(...GRANDPARENT_YEARS),
    surname: drawSurname(random),
  };
  const members = [head];
  const hasSpouse = count >= 3 && random.chance(0.7);
  if (hasSpouse) {
    const year = Math.min(GRANDPARENT_YEARS[1], head.year + random.int(-3, 3));
    members.push({ relation: '配偶', gender: other(head.gender), year, surname: drawSurname(random) });
  }
  const grandfather = head.gender === 'male' || !hasSpouse ? head : members[1]!;
  while (members.length < count) {
    const gender = drawGender(random, 0.51);
    const relation = gender === 'male' ? '孙子' : '孙女';
    members.push({ relation, gender, year: random.int(...GRANDCHILD_YEARS), surname: grandfather.surname });
  }
  return members;
}

/**
 * A family whose relations, genders, birth years and surnames fit together. When it has children the
 * first child's birth year is drawn first and the parents' follow from it, so children's ages — not
 * just the heads' — follow the cohort sizes.
 */
function drawFamily(random: Random, count: number): Member[] {
  const companions = COMPANIONS[count - 1]!.draw(random);
  const firstChild = companions.includes('子女') ? yearBetween(random, CHILDREN_FROM, LAST_BIRTH_YEAR) : null;
  const head: Member = {
    relation: '户主',
    gender: drawGender(random, 0.62),
    year: firstChild === null ? headYear(random) : firstChild - random.int(...GENERATION),
    surname: drawSurname(random),
  };
  const members = [head];
  const spouseOlderBy = random.int(-1, 5) * (head.gender === 'male' ? -1 : 1);
  const spouse: Member = {
    relation: '配偶',
    gender: other(head.gender),
    year: clampYear(head.year - spouseOlderBy, ADULT_YEAR),
    surname: drawSurname(random),
  };
  const father = head.gender === 'female' && companions.includes('配偶') ? spouse : head;
  let parent: Member | null = null;
  for (const [i, companion] of companions.entries()) {
    // A head born too early to have living parents in the data gets another child instead.
    const relation =
      companion === '父母' && head.year - GENERATION[1] < FIRST_BIRTH_YEAR ? '子女' : companion;
    if (relation === '配偶') members.push(spouse);
    else if (relation === '子女') {
      const year =
        i === companions.indexOf('子女') && firstChild !== null
          ? firstChild
          : yearBetween(
              random,
              head.year + GENERATION[0],
              Math.min(LAST_BIRTH_YEAR, head.year + GENERATION[1]),
            );
      members.push({ relation, gender: drawGender(random, 0.51), year, surname: father.surname });
    } else if (relation === '父母') {
      // The second parent is the first one's partner.
      const gender: Gender = parent ? other(parent.gender) : drawGender(random);
      const year: number = parent
        ? clampYear(parent.year + random.int(-3, 3))
        : yearBetween(random, head.year - GENERATION[1], head.year - GENERATION[0]);
      parent = { relation, gender, year, surname: gender === 'male' ? head.surname : drawSurname(random) };
      members.push(parent);
    }
  }
  return members;
}

function drawMembers(random: Random, count: number, type: HouseholdType, isVillage: boolean): Member[] {
  if (type === 'floating' && count > 1 && random.chance(SHARED_RENTAL)) return drawFlatmates(random, count);
  // Only village courtyards draw here, so flats in communities come out as they always have.
  if (isVillage && type === 'registered' && count > 1 && random.chance(SKIP_GENERATION))
    return drawSkipGeneration(random, count);
  return drawFamily(random, count);
}

/** `count` residents of `house` (a village courtyard when `isVillage`), or none for an empty house. */
export function drawResidents(
  sources: ResidentSources,
  house: { code: string; use: HouseUse },
  count: number,
  countyCode: string,
  isVillage = false,
): PersonSeed[] {
  if (count === 0) return [];
  const { random, identities, phones } = sources;
  const householdType = drawHouseholdType(random, house.use);
  const region = regionFor(random, householdType, countyCode);
  return drawMembers(random, count, householdType, isVillage).map((m) => {
    // Flatmates each bring their own registration; family members share the head's.
    const own = m.relation === '其他' ? regionFor(random, householdType, countyCode) : region;
    const { idNumber, birthDate } = identities.issue(own, dayInYear(m.year, random.next()), m.gender);
    // The birth date may have moved a day when a day's numbers ran out, so it decides, not `m.year`.
    const hasPhone = REFERENCE_YEAR - Number(birthDate.slice(0, 4)) >= PHONE_FROM_AGE;
    return {
      idNumber,
      name: m.surname + drawGivenName(random, m.gender, m.year),
      gender: m.gender,
      birthDate,
      phone: hasPhone ? phones.issue(random.next()) : null,
      householdType,
      houseCode: house.code,
      relation: m.relation,
      tags: [],
    };
  });
}
