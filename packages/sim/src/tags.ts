// Attention categories (关注人员) for the residents of one house, drawn from a stream of their own so
// tagging never moves a name or a number. Who is tagged follows from the household: only the old who
// live alone are 独居老人, only children without a working-age adult at home are 留守儿童.

import type { Random } from './random.ts';
import type { PersonSeed, PersonTagSeed } from './types.ts';

/** "Today" for ages: the default seed's date, the same day the invariant checks use. */
export const REFERENCE_DATE = '2026-03-01';

/** Age in whole years on `on` (YYYY-MM-DD) of someone born on `birthDate` (YYYY-MM-DD). */
export function ageOn(birthDate: string, on = REFERENCE_DATE): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

export const ELDERLY_AGE = 70;
export const CHILD_AGE = 16;
/** Working age: from 16 up to (not including) 60. */
export const WORKING_AGES = [16, 60] as const;

const SHARES = {
  elderlyAlone: 0.6,
  leftBehind: 0.85,
  disabled: 0.015,
  subsistence: 0.01,
  quarantine: 0.0006,
};

const ALONE_REASONS = ['独居，子女在外地', '独居，子女在本市', '独居，无子女', '丧偶独居，子女在外地'];
const DISABILITIES = ['肢体', '视力', '听力', '言语', '智力', '精神'];
const GRADES = ['一', '二', '三', '四'];

const isWorkingAge = (age: number) => age >= WORKING_AGES[0] && age < WORKING_AGES[1];

/** Sets `tags` on the residents of one house (all of them, in order). */
export function tagResidents(random: Random, persons: PersonSeed[]): void {
  const ages = persons.map((p) => ageOn(p.birthDate));
  const hasWorkingAdult = ages.some(isWorkingAge);
  for (const [i, person] of persons.entries()) {
    const tags: PersonTagSeed[] = [];
    const age = ages[i]!;
    // Every draw happens for every person, so one person's tags never shift another's.
    const draws = {
      alone: random.next(),
      leftBehind: random.next(),
      disabled: random.next(),
      subsistence: random.next(),
      quarantine: random.next(),
      detail: random.next(),
    };
    if (persons.length === 1 && age >= ELDERLY_AGE && draws.alone < SHARES.elderlyAlone)
      tags.push({
        category: 'elderly-alone',
        reason: ALONE_REASONS[Math.floor(draws.detail * ALONE_REASONS.length)]!,
      });
    if (age < CHILD_AGE && !hasWorkingAdult && draws.leftBehind < SHARES.leftBehind)
      tags.push({ category: 'left-behind-child', reason: '父母外出务工' });
    if (draws.disabled < SHARES.disabled) {
      const kind = DISABILITIES[Math.floor(draws.detail * DISABILITIES.length)]!;
      const grade = GRADES[Math.floor(((draws.detail * 97) % 1) * GRADES.length)]!;
      tags.push({ category: 'disabled', reason: `持残疾人证（${kind}${grade}级）` });
    }
    if (person.relation === '户主' && draws.subsistence < SHARES.subsistence)
      tags.push({ category: 'subsistence-allowance', reason: '低保户，享受城乡居民最低生活保障' });
    if (draws.quarantine < SHARES.quarantine)
      tags.push({ category: 'home-quarantine', reason: '密接者居家隔离观察' });
    person.tags = tags;
  }
}
