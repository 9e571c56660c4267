// The org hierarchy of a synthetic city: counties, townships, villages/communities and grids, with
// statistical codes, names and rectangles. Sizes follow the scale; names and shapes follow the seed.

import { gridCode, rectangle, townshipCode, villageCode } from '@civgrid/domain';
import { centreOf, type Rect, splitNorthSouth, splitWestEast, tile } from './geography.ts';
import {
  drawCommunityName,
  drawStreetName,
  drawTownName,
  drawVillageName,
  type PlaceName,
} from './place-names.ts';
import { apportion, Random } from './random.ts';
import { CITY, COUNTIES, type CountySpec, type ScaleSpec } from './scales.ts';
import type { OrgUnitSeed } from './types.ts';

type TownshipKind = 'street' | 'town' | 'rural';

// NBS numbering: streets from 001, towns from 100, rural townships from 200; inside a township,
// communities from 001 and villages from 200.
const FIRST_NUMBER: Record<TownshipKind, number> = { street: 1, town: 100, rural: 200 };
const FIRST_VILLAGE_NUMBER = 200;

// Urban grids are denser and smaller than rural ones: these shape grid counts, areas and residents.
const GRID_SHARE: Record<TownshipKind, number> = { street: 1.6, town: 1, rural: 0.8 };
const TOWNSHIP_AREA_PER_GRID: Record<TownshipKind, number> = { street: 0.3, town: 0.9, rural: 1 };
const VILLAGE_AREA_PER_GRID = { community: 0.3, village: 1 };
const GRID_RESIDENTS = { community: 1.5, village: 0.7 };
const GRIDS_PER_COMMUNITY = 5;
const GRIDS_PER_VILLAGE = 1.4;
const MIN_GRIDS_PER_TOWNSHIP = 3;

export interface VillagePlace {
  code: string;
  name: string;
  root: string;
  isCommunity: boolean;
  countyCode: string;
  townshipCode: string;
  /** 廊坊市安次区银河路街道和平里社区: what every address in the village starts with. */
  addressPrefix: string;
}

export interface GridPlace {
  code: string;
  rect: Rect;
  village: VillagePlace;
  /** Relative share of the city's residents. */
  residentWeight: number;
}

export interface CityModel {
  units: OrgUnitSeed[];
  grids: GridPlace[];
}

interface TownshipDraft {
  county: CountySpec;
  countyIndex: number;
  kind: TownshipKind;
  code: string;
  name: PlaceName;
  grids: number;
}

interface VillageDraft {
  place: VillagePlace;
  grids: number;
}

function unit(
  level: OrgUnitSeed['level'],
  code: string,
  name: string,
  parentCode: string | null,
  rect: Rect,
): OrgUnitSeed {
  return {
    level,
    code,
    name,
    parentCode,
    boundary: rectangle(...rect),
    centre: centreOf(rect),
    smartCommunity: false,
  };
}

function draftTownships(spec: ScaleSpec, random: Random): TownshipDraft[] {
  const used = new Set<string>();
  const drafts: Omit<TownshipDraft, 'grids'>[] = [];
  COUNTIES.forEach((county, countyIndex) => {
    const mix = spec.townships[county.code];
    if (!mix) return;
    const kinds: TownshipKind[] = [
      ...Array<TownshipKind>(mix.streets).fill('street'),
      ...Array<TownshipKind>(mix.towns).fill('town'),
      ...Array<TownshipKind>(mix.rural).fill('rural'),
    ];
    const seen: Record<TownshipKind, number> = { street: 0, town: 0, rural: 0 };
    for (const kind of kinds) {
      const code = townshipCode(county.code, FIRST_NUMBER[kind] + seen[kind]++);
      const name =
        kind === 'street'
          ? drawStreetName(random, used)
          : drawTownName(random, used, kind === 'town' ? '镇' : '乡');
      drafts.push({ county, countyIndex, kind, code, name });
    }
  });
  const grids = apportion(
    spec.grids,
    drafts.map((d) => random.jitter(GRID_SHARE[d.kind])),
    MIN_GRIDS_PER_TOWNSHIP,
  );
  return drafts.map((d, i) => ({ ...d, grids: grids[i]! }));
}

/** How many communities and villages a township of `grids` grids holds. */
function villageMix(kind: TownshipKind, grids: number): { communities: number; villages: number } {
  if (kind === 'street')
    return { communities: Math.max(1, Math.round(grids / GRIDS_PER_COMMUNITY)), villages: 0 };
  if (kind === 'rural')
    return { communities: 0, villages: Math.max(1, Math.round(grids / GRIDS_PER_VILLAGE)) };
  // A town has a few communities around its seat and villages all around.
  const communities = Math.min(3, Math.max(1, Math.round(grids / 20)));
  const villages = Math.round((grids - communities * GRIDS_PER_COMMUNITY) / GRIDS_PER_VILLAGE);
  return { communities, villages: Math.min(grids - communities, Math.max(1, villages)) };
}

function draftVillages(township: TownshipDraft, random: Random, usedInCounty: Set<string>): VillageDraft[] {
  const { communities, villages } = villageMix(township.kind, township.grids);
  const prefix = `${CITY.name}${township.county.name}${township.name.name}`;
  const places: VillagePlace[] = [];
  for (let i = 0; i < communities + villages; i++) {
    const isCommunity = i < communities;
    const number = isCommunity ? i + 1 : FIRST_VILLAGE_NUMBER + i - communities;
    const name = isCommunity
      ? drawCommunityName(random, usedInCounty)
      : drawVillageName(random, usedInCounty);
    places.push({
      code: villageCode(township.code, number),
      name: name.name,
      root: name.root,
      isCommunity,
      countyCode: township.county.code,
      townshipCode: township.code,
      addressPrefix: prefix + name.name,
    });
  }
  const weights = places.map((p) =>
    random.jitter(p.isCommunity ? GRIDS_PER_COMMUNITY : GRIDS_PER_VILLAGE, 0.4),
  );
  const grids = apportion(township.grids, weights, 1);
  return places.map((place, i) => ({ place, grids: grids[i]! }));
}

/** Smart communities spread over townships: every township's first community, then its second, … */
function pickSmartCommunities(byTownship: VillageDraft[][], count: number): Set<string> {
  const smart = new Set<string>();
  const communities = byTownship.map((vs) => vs.filter((v) => v.place.isCommunity));
  for (let round = 0; smart.size < count; round++) {
    const before = smart.size;
    for (const list of communities) {
      const village = list[round];
      if (village && smart.size < count) smart.add(village.place.code);
    }
    if (smart.size === before) throw new RangeError(`the city has fewer than ${count} communities`);
  }
  return smart;
}

function countyRects(spec: ScaleSpec): Map<string, Rect> {
  const area = (code: string) => COUNTIES.find((c) => c.code === code)!.areaKm2;
  const rowAreas = spec.layout.map((row) => row.reduce((sum, code) => sum + area(code), 0));
  const rows = splitNorthSouth(spec.box, rowAreas);
  const rects = new Map<string, Rect>();
  spec.layout.forEach((row, i) => {
    const strips = splitWestEast(rows[i]!, row.map(area));
    for (const [j, code] of row.entries()) rects.set(code, strips[j]!);
  });
  return rects;
}

/** The whole hierarchy for `spec`, deterministic in `seed`. */
export function buildHierarchy(spec: ScaleSpec, seed: number, stream: number): CityModel {
  const random = new Random(seed, stream);
  const townships = draftTownships(spec, random);
  const usedByCounty = new Map<string, Set<string>>();
  const villagesByTownship = townships.map((t) => {
    const used = usedByCounty.get(t.county.code) ?? new Set<string>();
    usedByCounty.set(t.county.code, used);
    return draftVillages(t, random, used);
  });
  const smart = pickSmartCommunities(villagesByTownship, spec.smartCommunities);

  const counties = countyRects(spec);
  const levels: Record<OrgUnitSeed['level'], OrgUnitSeed[]> = {
    city: [unit('city', CITY.code, CITY.name, null, spec.box)],
    county: [],
    township: [],
    village: [],
    grid: [],
  };
  for (const county of COUNTIES) {
    const rect = counties.get(county.code);
    if (rect) levels.county.push(unit('county', county.code, county.name, CITY.code, rect));
  }
  const grids: GridPlace[] = [];
  for (const county of levels.county) {
    const inCounty = townships.flatMap((t, i) => (t.county.code === county.code ? [i] : []));
    const townshipRects = tile(
      counties.get(county.code)!,
      inCounty.map((i) => random.jitter(townships[i]!.grids * TOWNSHIP_AREA_PER_GRID[townships[i]!.kind])),
    );
    inCounty.forEach((ti, townshipIndex) => {
      const township = townships[ti]!;
      levels.township.push(
        unit('township', township.code, township.name.name, county.code, townshipRects[townshipIndex]!),
      );
      const villages = villagesByTownship[ti]!;
      const villageRects = tile(
        townshipRects[townshipIndex]!,
        villages.map((v) =>
          random.jitter(v.grids * VILLAGE_AREA_PER_GRID[v.place.isCommunity ? 'community' : 'village']),
        ),
      );
      let n = 0;
      villages.forEach(({ place, grids: count }, vi) => {
        const village = unit('village', place.code, place.name, township.code, villageRects[vi]!);
        village.smartCommunity = smart.has(place.code);
        levels.village.push(village);
        const gridRects = tile(
          villageRects[vi]!,
          Array.from({ length: count }, () => random.jitter(1, 0.3)),
        );
        gridRects.forEach((rect, k) => {
          const code = gridCode(township.countyIndex, townshipIndex, ++n);
          levels.grid.push(unit('grid', code, `${place.name}第${k + 1}网格`, place.code, rect));
          const weight = place.isCommunity ? GRID_RESIDENTS.community : GRID_RESIDENTS.village;
          grids.push({ code, rect, village: place, residentWeight: random.jitter(weight, 0.35) });
        });
      });
    });
  }
  return {
    units: [...levels.city, ...levels.county, ...levels.township, ...levels.village, ...levels.grid],
    grids,
  };
}
