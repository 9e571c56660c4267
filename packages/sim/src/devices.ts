// The sensing devices of the smart communities (智慧社区): a face camera and a plate camera at each gate,
// a door reader at the first building of every grid, and a Wi-Fi probe. Every point lies strictly inside
// its grid, so the server files each device under the grid the plan names.

import { polygonContains, rectangle } from '@civgrid/domain';
import type { Rect } from './geography.ts';
import { pointInside } from './geography.ts';
import type { CityModel, GridPlace, VillagePlace } from './hierarchy.ts';
import { Random } from './random.ts';
import type { DeviceSeed } from './types.ts';

/** A community with at least this many grids has a second (north) gate. */
const GRIDS_FOR_NORTH_GATE = 3;

export interface VillageGrids {
  village: VillagePlace;
  grids: GridPlace[];
}

/** The villages and communities of the city in order, each with its grids in order. */
export function villagesOf(model: CityModel): VillageGrids[] {
  const villages: VillageGrids[] = [];
  for (const grid of model.grids) {
    const last = villages.at(-1);
    if (last?.village.code === grid.village.code) last.grids.push(grid);
    else villages.push({ village: grid.village, grids: [grid] });
  }
  return villages;
}

/** Device codes: `LF-` and the village code without Langfang's 1310, which is unique in the city. */
export const deviceCodePrefix = (villageCode: string) => `LF-${villageCode.slice(4)}`;

/** The building every grid has: its first (building numbers start at 001 and a grid has at least one). */
export const firstBuildingOf = (gridCode: string) => `B${gridCode}001`;

const round6 = (x: number) => Number(x.toFixed(6));

/** The point at fractions (fx west→east, fy south→north) of `rect`, rounded; it must lie strictly inside. */
function pointAt([w, s, e, n]: Rect, fx: number, fy: number): [lng: number, lat: number] {
  const point: [number, number] = [round6(w + (e - w) * fx), round6(s + (n - s) * fy)];
  if (!polygonContains(rectangle(w, s, e, n), point))
    throw new RangeError(`a device point ${point} falls on the edge of its grid`);
  return point;
}

/** Of the grids touching the community's edge (`side`), the one nearest the middle of that edge. */
function gateGrid(grids: GridPlace[], side: 'south' | 'north'): GridPlace {
  const edge =
    side === 'south' ? Math.min(...grids.map((g) => g.rect[1])) : Math.max(...grids.map((g) => g.rect[3]));
  const onEdge = grids.filter((g) => (side === 'south' ? g.rect[1] : g.rect[3]) === edge);
  const west = Math.min(...grids.map((g) => g.rect[0]));
  const east = Math.max(...grids.map((g) => g.rect[2]));
  const middle = (west + east) / 2;
  const distance = (g: GridPlace) => Math.abs((g.rect[0] + g.rect[2]) / 2 - middle);
  return onEdge.reduce((best, g) => (distance(g) < distance(best) ? g : best));
}

function communityDevices({ village, grids }: VillageGrids, random: Random): DeviceSeed[] {
  const prefix = deviceCodePrefix(village.code);
  const devices: DeviceSeed[] = [];
  const gates: { side: 'south' | 'north'; label: string }[] = [{ side: 'south', label: '南门' }];
  if (grids.length >= GRIDS_FOR_NORTH_GATE) gates.push({ side: 'north', label: '北门' });
  for (const [i, { side, label }] of gates.entries()) {
    const grid = gateGrid(grids, side);
    // The gate sits a little inside the community's edge, the two cameras a few metres apart.
    const fx = random.between(0.4, 0.6);
    const fy = side === 'south' ? 0.04 : 0.96;
    const at = (dx: number) => pointAt(grid.rect, fx + dx, fy);
    const [faceLng, faceLat] = at(-0.01);
    const [plateLng, plateLat] = at(0.01);
    devices.push(
      {
        code: `${prefix}-GF${i + 1}`,
        type: 'face',
        name: `${village.name}${label}人脸抓拍`,
        gridCode: grid.code,
        lng: faceLng,
        lat: faceLat,
      },
      {
        code: `${prefix}-GP${i + 1}`,
        type: 'plate',
        name: `${village.name}${label}车牌识别`,
        gridCode: grid.code,
        lng: plateLng,
        lat: plateLat,
      },
    );
  }
  for (const [k, grid] of grids.entries()) {
    const [lng, lat] = pointInside(random, grid.rect);
    devices.push({
      code: `${prefix}-D${String(k + 1).padStart(2, '0')}`,
      type: 'door',
      name: `${village.name}第${k + 1}网格1号楼单元门禁`,
      gridCode: grid.code,
      lng,
      lat,
      buildingCode: firstBuildingOf(grid.code),
    });
  }
  const hub = grids[Math.floor(grids.length / 2)]!;
  const [lng, lat] = pointAt(hub.rect, random.between(0.3, 0.7), random.between(0.3, 0.7));
  devices.push({
    code: `${prefix}-W1`,
    type: 'wifi',
    name: `${village.name}WiFi探针`,
    gridCode: hub.code,
    lng,
    lat,
  });
  return devices;
}

/** The devices of every smart community, community by community. */
export function buildDevices(model: CityModel, smart: ReadonlySet<string>, seed: number, stream: number) {
  return villagesOf(model)
    .filter((v) => smart.has(v.village.code))
    .flatMap((v) => communityDevices(v, new Random(seed, stream, Number(v.village.code))));
}
