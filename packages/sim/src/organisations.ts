// The six-in-one community organisations (六位一体): for every village and community its party branch,
// residents' (villagers') committee and party-and-people service station, and for communities also the
// owners' committee and the property company; a party group per grid; building heads (楼长) at the first
// building of some grids. Contacts are fictitious people whose phones no resident has.

import { firstBuildingOf, type VillageGrids, villagesOf } from './devices.ts';
import type { CityModel } from './hierarchy.ts';
import { PhoneBook } from './identity.ts';
import { drawFullName } from './person-names.ts';
import { Random } from './random.ts';
import type { OrganisationKind, OrganisationSeed } from './types.ts';

const CONTACT_BIRTH_YEARS = [1962, 1995] as const;
const PROPERTY_NAMES = [
  ...'安居 恒信 佳和 嘉禾 锦华 瑞丰 德润 诚信 华宇 新城 和泰 康馨 宏远 永安 盛和 鼎信 益家 润泽 金盾 祥安'.split(
    ' ',
  ),
];

const CODE_SUFFIX: Record<OrganisationKind, string> = {
  'party-branch': 'PB',
  'residents-committee': 'RC',
  'owners-committee': 'OC',
  'property-company': 'PC',
  'service-station': 'SS',
  'building-head': 'BH',
};

/** Organisation codes: `ORG-`, the unit's (or building's) code and the kind. */
export const organisationCode = (ownerCode: string, kind: OrganisationKind) =>
  `ORG-${ownerCode}-${CODE_SUFFIX[kind]}`;

function villageOrganisations(
  { village, grids }: VillageGrids,
  isSmart: boolean,
  random: Random,
  phones: PhoneBook,
): OrganisationSeed[] {
  const organisation = (
    kind: OrganisationKind,
    name: string,
    unitCode: string,
    buildingCode?: string,
  ): OrganisationSeed => {
    const contactName = drawFullName(
      random,
      random.chance(0.55) ? 'male' : 'female',
      random.int(...CONTACT_BIRTH_YEARS),
    );
    const contactPhone = phones.issue(random.next());
    const code = organisationCode(buildingCode ?? unitCode, kind);
    return {
      code,
      kind,
      name,
      unitCode,
      contactName,
      contactPhone,
      ...(buildingCode ? { buildingCode } : {}),
    };
  };
  const list = [
    organisation('party-branch', `${village.name}党支部`, village.code),
    organisation(
      'residents-committee',
      `${village.name}${village.isCommunity ? '居委会' : '村委会'}`,
      village.code,
    ),
  ];
  if (village.isCommunity) {
    list.push(
      organisation('owners-committee', `${village.root}小区业主委员会`, village.code),
      organisation('property-company', `廊坊市${random.pick(PROPERTY_NAMES)}物业服务有限公司`, village.code),
    );
  }
  list.push(organisation('service-station', `${village.name}党群服务站`, village.code));
  for (const [k, grid] of grids.entries())
    list.push(organisation('party-branch', `${village.name}第${k + 1}网格党小组`, grid.code));
  // Building heads where the demo looks: every grid of a smart community, the first grid of the others.
  const headed = village.isCommunity ? (isSmart ? grids : grids.slice(0, 1)) : [];
  for (const grid of headed) {
    const k = grids.indexOf(grid) + 1;
    list.push(
      organisation(
        'building-head',
        `${village.name}第${k}网格1号楼楼长`,
        grid.code,
        firstBuildingOf(grid.code),
      ),
    );
  }
  return list;
}

/** Every village's and community's organisations, village by village. */
export function buildOrganisations(
  model: CityModel,
  smart: ReadonlySet<string>,
  seed: number,
  stream: number,
): OrganisationSeed[] {
  // Counting down from the top of the phone range, so contacts never share a number with a resident.
  const phones = new PhoneBook(seed, true);
  return villagesOf(model).flatMap((v) =>
    villageOrganisations(
      v,
      smart.has(v.village.code),
      new Random(seed, stream, Number(v.village.code)),
      phones,
    ),
  );
}
