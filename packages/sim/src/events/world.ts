// What the sensing simulator knows of a planned city: its smart communities (gates with a face and a
// plate camera, door readers, the Wi-Fi probe) and the households living there, each resident with a
// daily routine, a door card if their building has a reader, a phone's MAC and a car's plate. Built in
// one pass over the plan's households; residents outside the smart communities pass no device and are
// only counted, so their ordinals (and the seed's person ids) stay the same as the seed's.

import { hashKeys } from '../random.ts';
import { ageOn } from '../tags.ts';
import type { CityPlan, Household } from '../types.ts';
import { accessCardNumber, carriesAccessCard, residentPhoneMac } from './identifiers.ts';

export type Routine =
  /** Under six: out only with an adult. */
  | 'infant'
  /** Six to seventeen: the school run on weekdays. */
  | 'pupil'
  /** Works days away from home. */
  | 'commuter'
  /** Leaves in the evening, comes back in the morning, Sunday to Thursday nights. */
  | 'night-shift'
  /** Of working age but at home: errands, school runs, walks with the little ones. */
  | 'at-home'
  /** Past sixty with family around: the morning market, a walk, square dancing. */
  | 'retired'
  /** Living alone past seventy and out most days. */
  | 'active-elder'
  /** Living alone past seventy and out on some days. */
  | 'homebody'
  /** Living alone past seventy and almost never out: days, even weeks, without a passage. */
  | 'housebound'
  /** Registered here but living elsewhere (人户分离): never seen. */
  | 'away';

export interface SimResident {
  /** Place in the city's enumeration of residents, from 0 (the seed's person id is ordinal + 1). */
  ordinal: number;
  idNumber: string;
  age: number;
  routine: Routine;
  /** The door card, when the resident's building has a reader and they are old enough for one. */
  card: string | null;
  /** The phone's own MAC, when the resident has a phone. */
  phoneMac: string | null;
  /** The phone shows probes a MAC of the week instead of its own. */
  randomisesMac: boolean;
  /** The plate of the car the resident owns, if any. */
  plate: string | null;
}

export interface SimHousehold {
  index: number;
  community: number;
  /** Index of the community gate the household uses, always the same one. */
  gate: number;
  /** The door reader at the household's building entrance, if it has one. */
  door: string | null;
  members: SimResident[];
}

export interface Gate {
  face: string;
  plate: string;
}

export interface SimCommunity {
  index: number;
  code: string;
  gates: Gate[];
  wifi: string | null;
  residents: number;
  /** Courier and delivery vans calling at the community. */
  vans: number;
}

export interface SensingWorld {
  seed: number;
  communities: SimCommunity[];
  households: SimHousehold[];
  /** Residents of the smart communities. */
  residents: number;
}

/** Shares of working-age adults on night shifts and at home; of residents registered but living away. */
const NIGHT_SHIFT = 0.07;
const AT_HOME = 0.17;
const AWAY = 0.03;
/** The elderly living alone: housebound, homebodies, the rest active. */
const HOUSEBOUND = 0.25;
const HOMEBODY = 0.45;
/** Phones that hide their MAC from probes. */
const RANDOMISES_MAC = 0.3;
const RESIDENTS_PER_VAN = 150;
const MIN_VANS = 4;
const STREAM = 0x5e45;

const unit = (...keys: number[]) => hashKeys(...keys) / 2 ** 32;

function routineOf(seed: number, ordinal: number, age: number, livesAloneOld: boolean): Routine {
  const x = unit(seed, STREAM, ordinal);
  if (age >= 18 && age < 70 && unit(seed, STREAM, ordinal, 1) < AWAY) return 'away';
  if (age < 6) return 'infant';
  if (age < 18) return 'pupil';
  if (livesAloneOld)
    return x < HOUSEBOUND ? 'housebound' : x < HOUSEBOUND + HOMEBODY ? 'homebody' : 'active-elder';
  if (age >= 65 || (age >= 60 && x < 0.7)) return 'retired';
  return x < NIGHT_SHIFT ? 'night-shift' : x < NIGHT_SHIFT + AT_HOME ? 'at-home' : 'commuter';
}

interface CommunityDraft extends SimCommunity {
  gatePoints: [lng: number, lat: number][];
  doors: Map<string, string>;
}

/** Collects a plan's households into a world; `add` them in the plan's order, then take `world()`. */
export class SensingWorldBuilder {
  private readonly communities: CommunityDraft[] = [];
  private readonly byGrid = new Map<string, CommunityDraft>();
  private readonly households: SimHousehold[] = [];
  private ordinal = 0;
  private residents = 0;

  constructor(private readonly plan: CityPlan) {
    const villageOf = new Map(
      plan.units.filter((u) => u.level === 'grid').map((u) => [u.code, u.parentCode!]),
    );
    const byVillage = new Map<string, CommunityDraft>();
    const gates = new Map<string, Partial<Gate> & { point?: [number, number] }>();
    for (const device of plan.devices) {
      const village = villageOf.get(device.gridCode);
      if (!village) continue;
      let community = byVillage.get(village);
      if (!community) {
        community = {
          index: this.communities.length,
          code: village,
          gates: [],
          wifi: null,
          residents: 0,
          vans: 0,
          gatePoints: [],
          doors: new Map(),
        };
        byVillage.set(village, community);
        this.communities.push(community);
      }
      const gateNumber = /-G[FP](\d+)$/.exec(device.code)?.[1];
      if (gateNumber && (device.type === 'face' || device.type === 'plate')) {
        const key = `${village}/${gateNumber}`;
        const gate = gates.get(key) ?? {};
        gate[device.type] = device.code;
        gate.point ??= [device.lng, device.lat];
        gates.set(key, gate);
        if (gate.face && gate.plate) {
          community.gates.push({ face: gate.face, plate: gate.plate });
          community.gatePoints.push(gate.point);
        }
      } else if (device.type === 'door' && device.buildingCode)
        community.doors.set(device.buildingCode, device.code);
      else if (device.type === 'wifi') community.wifi = device.code;
    }
    for (const [grid, village] of villageOf) {
      const community = byVillage.get(village);
      if (community && community.gates.length > 0) this.byGrid.set(grid, community);
    }
  }

  add({ building, houses, vehicles }: Household): void {
    const community = this.byGrid.get(building.gridCode);
    if (!community) {
      for (const { persons } of houses) this.ordinal += persons.length;
      return;
    }
    const seed = this.plan.options.seed;
    const door = community.doors.get(building.code) ?? null;
    const plates = new Map(vehicles.map((v) => [v.ownerIdNumber, v.plate]));
    const distance = ([lng, lat]: [number, number]) => (lng - building.lng) ** 2 + (lat - building.lat) ** 2;
    const gate = community.gatePoints.reduce(
      (best, point, i) => (distance(point) < distance(community.gatePoints[best]!) ? i : best),
      0,
    );
    for (const { persons } of houses) {
      if (persons.length === 0) continue;
      const members = persons.map((p): SimResident => {
        const ordinal = this.ordinal++;
        const age = ageOn(p.birthDate);
        const alone = p.tags.some((t) => t.category === 'elderly-alone');
        return {
          ordinal,
          idNumber: p.idNumber,
          age,
          routine: routineOf(seed, ordinal, age, alone),
          card: door && carriesAccessCard(p) ? accessCardNumber(seed, ordinal) : null,
          phoneMac: p.phone ? residentPhoneMac(seed, ordinal) : null,
          randomisesMac: unit(seed, STREAM, ordinal, 2) < RANDOMISES_MAC,
          plate: plates.get(p.idNumber) ?? null,
        };
      });
      community.residents += members.length;
      this.residents += members.length;
      this.households.push({
        index: this.households.length,
        community: community.index,
        gate,
        door,
        members,
      });
    }
  }

  world(): SensingWorld {
    const communities = this.communities.map(
      ({ gatePoints: _points, doors: _doors, ...c }): SimCommunity => ({
        ...c,
        vans: Math.max(MIN_VANS, Math.round(c.residents / RESIDENTS_PER_VAN)),
      }),
    );
    return {
      seed: this.plan.options.seed,
      communities,
      households: this.households,
      residents: this.residents,
    };
  }
}

/** The sensing world of `plan`, in one pass over its households. */
export function buildSensingWorld(plan: CityPlan): SensingWorld {
  const builder = new SensingWorldBuilder(plan);
  for (const household of plan.households()) builder.add(household);
  return builder.world();
}
