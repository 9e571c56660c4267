// The three sizes of city. `city` has Langfang's published figures (104 townships, 4,756 grids,
// 5,378 grid workers, 157 smart communities); `demo` and `test` are slices of its two central districts.

import type { Rect } from './geography.ts';
import type { Scale } from './types.ts';

export const CITY = { code: '131000', name: '廊坊市' } as const;

export interface CountySpec {
  code: string;
  name: string;
  /** Land area in km², used as the county's share of the map. */
  areaKm2: number;
}

/** Langfang's counties in GB/T 2260 order; the order gives each its grid-code letter (安次区 = A). */
export const COUNTIES: readonly CountySpec[] = [
  { code: '131002', name: '安次区', areaKm2: 583 },
  { code: '131003', name: '广阳区', areaKm2: 313 },
  { code: '131022', name: '固安县', areaKm2: 697 },
  { code: '131023', name: '永清县', areaKm2: 774 },
  { code: '131024', name: '香河县', areaKm2: 458 },
  { code: '131025', name: '大城县', areaKm2: 910 },
  { code: '131026', name: '文安县', areaKm2: 1038 },
  { code: '131028', name: '大厂回族自治县', areaKm2: 176 },
  { code: '131081', name: '霸州市', areaKm2: 785 },
  { code: '131082', name: '三河市', areaKm2: 643 },
];

/** How many streets (街道), towns (镇) and rural townships (乡) a county has at a given scale. */
export interface TownshipMix {
  streets: number;
  towns: number;
  rural: number;
}

export interface ScaleSpec {
  /** Townships per county, keyed by county code, for the counties this scale includes. */
  townships: Readonly<Record<string, TownshipMix>>;
  /** County codes in map rows from north to south, each row from west to east. */
  layout: readonly (readonly string[])[];
  box: Rect;
  grids: number;
  smartCommunities: number;
  /** Grids that get a second grid worker. */
  extraWorkers: number;
  residents: number;
}

const mix = (streets: number, towns: number, rural: number): TownshipMix => ({ streets, towns, rural });

export const SCALES: Readonly<Record<Scale, ScaleSpec>> = {
  test: {
    townships: { '131002': mix(1, 0, 1) },
    layout: [['131002']],
    box: [116.64, 39.46, 116.76, 39.56],
    grids: 8,
    smartCommunities: 1,
    extraWorkers: 1,
    residents: 300,
  },
  demo: {
    townships: { '131002': mix(2, 1, 0), '131003': mix(1, 1, 0) },
    layout: [['131002', '131003']],
    box: [116.56, 39.43, 116.86, 39.61],
    grids: 60,
    smartCommunities: 5,
    extraWorkers: 8,
    residents: 10_000,
  },
  city: {
    // 104 townships in all, 20 of them streets in the districts and county towns.
    townships: {
      '131002': mix(3, 4, 3),
      '131003': mix(5, 3, 1),
      '131022': mix(1, 5, 3),
      '131023': mix(1, 5, 4),
      '131024': mix(1, 6, 2),
      '131025': mix(1, 6, 3),
      '131026': mix(1, 10, 2),
      '131028': mix(1, 3, 1),
      '131081': mix(3, 8, 2),
      '131082': mix(3, 10, 3),
    },
    layout: [
      ['131024', '131028', '131082'],
      ['131022', '131002', '131003', '131023'],
      ['131081', '131026', '131025'],
    ],
    box: [116.3, 39.0, 117.3, 40.1],
    grids: 4756,
    smartCommunities: 157,
    extraWorkers: 622,
    residents: 1_000_000,
  },
};
