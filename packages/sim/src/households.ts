// Buildings, houses, residents and their cars, generated grid by grid and yielded one building at a
// time. Each grid draws from its own streams (one for the people, one for their tags, one for cars);
// only the identity, phone and plate registries run across the whole city, which is what keeps every
// number unique.

import {
  type BuildingKind,
  type BuildingShape,
  drawArea,
  drawHouseholdSize,
  drawUse,
  MAX_COURTYARDS_PER_GRID,
  shapeFor,
} from './buildings.ts';
import { pointInside } from './geography.ts';
import type { CityModel, GridPlace } from './hierarchy.ts';
import { IdentityRegistry, PhoneBook } from './identity.ts';
import { drawResidents, type ResidentSources } from './people.ts';
import { drawEstateName } from './place-names.ts';
import { apportion, Random } from './random.ts';
import { tagResidents } from './tags.ts';
import type { BuildingSeed, Household } from './types.ts';
import { drawVehicles, PlateRegistry } from './vehicles.ts';

/** Building numbers have three digits in the code. */
const MAX_BUILDINGS_PER_GRID = 999;
/** Chance that the next block of flats starts a new estate rather than continuing the current one. */
const NEW_ESTATE = 0.15;

/** Names that must not repeat inside a township or a village, carried from one grid to the next. */
interface NamingState {
  township: string;
  estates: Set<string>;
  village: string;
  courtyards: number;
  resettlementBlocks: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** Names each new building of a grid: estates and their block numbers, courtyard and block numbers. */
function buildingNamer(grid: GridPlace, naming: NamingState, random: Random) {
  const { village } = grid;
  let estate = '';
  let blocks = 0;
  return (kind: BuildingKind): string => {
    if (kind === 'courtyard') return `${village.name}${++naming.courtyards}号院`;
    if (kind === 'resettlement') return `${village.root}安置小区${++naming.resettlementBlocks}号楼`;
    if (!estate || random.chance(NEW_ESTATE)) {
      // A community's first estate carries the community's own name: 和平里社区 → 和平里小区.
      const own = `${village.root}小区`;
      estate = naming.estates.has(own) ? drawEstateName(random, naming.estates) : own;
      naming.estates.add(estate);
      blocks = 0;
    }
    return `${estate}${++blocks}号楼`;
  };
}

/** A grid's random streams: people and buildings, their tags, their cars. */
interface GridStreams {
  random: Random;
  tags: Random;
  cars: Random;
}

function* gridHouseholds(
  grid: GridPlace,
  quota: number,
  { random, tags, cars }: GridStreams,
  naming: NamingState,
  sources: Omit<ResidentSources, 'random'> & { plates: PlateRegistry },
): Generator<Household> {
  const { village } = grid;
  const nameBuilding = buildingNamer(grid, naming, random);
  const people: ResidentSources = { ...sources, random };
  let remaining = quota;
  let number = 0;
  do {
    if (++number > MAX_BUILDINGS_PER_GRID)
      throw new RangeError(`grid ${grid.code} needs more than 999 buildings`);
    const kind: BuildingKind = village.isCommunity
      ? 'flats'
      : number <= MAX_COURTYARDS_PER_GRID
        ? 'courtyard'
        : 'resettlement';
    const shape = shapeFor(random, kind, remaining);
    const name = nameBuilding(kind);
    const [lng, lat] = pointInside(random, grid.rect);
    const building: BuildingSeed = {
      code: `B${grid.code}${pad(number, 3)}`,
      gridCode: grid.code,
      name,
      address: `${village.addressPrefix} ${name}`,
      lng,
      lat,
      units: shape.units,
      floors: shape.floors,
    };
    const houses: Household['houses'] = [];
    const vehicles: Household['vehicles'] = [];
    for (const slot of houseSlots(shape)) {
      let use = drawUse(random, kind, slot.floor);
      const occupied = use === 'owner-occupied' || use === 'rented';
      const size = occupied ? Math.min(drawHouseholdSize(random, kind), remaining) : 0;
      // Once the grid's residents are all housed, the rest of the building stands empty.
      if (occupied && size === 0) use = 'vacant';
      remaining -= size;
      const code = `H${building.code}${slot.unit}${pad(slot.floor, 2)}${pad(slot.room, 2)}`;
      const room = `${slot.floor}${pad(slot.room, 2)}`;
      const persons = drawResidents(people, { code, use }, size, village.countyCode, !village.isCommunity);
      tagResidents(tags, persons);
      vehicles.push(...drawVehicles(cars, sources.plates, persons));
      houses.push({
        house: {
          code,
          buildingCode: building.code,
          unit: slot.unit,
          floor: slot.floor,
          room,
          address: kind === 'courtyard' ? building.address : `${building.address}${slot.unit}单元${room}室`,
          areaM2: drawArea(random, shape),
          use,
          registeredResidents: persons.filter((p) => p.householdType !== 'overseas').length,
        },
        persons,
      });
    }
    yield { building, houses, vehicles };
  } while (remaining > 0);
}

/** Unit, floor and room of every house, unit by unit from the ground floor up. A courtyard is one house. */
function* houseSlots(shape: BuildingShape) {
  const floors = shape.kind === 'courtyard' ? 1 : shape.floors;
  for (let unit = 1; unit <= shape.units; unit++)
    for (let floor = 1; floor <= floors; floor++)
      for (let room = 1; room <= shape.perFloor; room++) yield { unit, floor, room };
}

/** Every building of the city in grid order, with exactly `residents` residents in all. */
export function* generateHouseholds(
  model: CityModel,
  residents: number,
  seed: number,
  stream: number,
): Generator<Household> {
  const quotas = apportion(
    residents,
    model.grids.map((g) => g.residentWeight),
  );
  const sources = {
    identities: new IdentityRegistry(),
    phones: new PhoneBook(seed),
    plates: new PlateRegistry(seed),
  };
  const naming: NamingState = {
    township: '',
    estates: new Set(),
    village: '',
    courtyards: 0,
    resettlementBlocks: 0,
  };
  for (const [i, grid] of model.grids.entries()) {
    if (grid.village.townshipCode !== naming.township) {
      naming.township = grid.village.townshipCode;
      naming.estates = new Set();
    }
    if (grid.village.code !== naming.village) {
      naming.village = grid.village.code;
      naming.courtyards = 0;
      naming.resettlementBlocks = 0;
    }
    const streams: GridStreams = {
      random: new Random(seed, stream, i),
      tags: new Random(seed, stream, i, 1),
      cars: new Random(seed, stream, i, 2),
    };
    yield* gridHouseholds(grid, quotas[i]!, streams, naming, sources);
  }
}
