// The sensing side of the synthetic city: door cards and phones for the seed, and the event simulator.
import type { CityPlan } from '../types.ts';

export type { SimEvent } from './emit.ts';
export {
  accessCardNumber,
  CARD_FROM_AGE,
  carriesAccessCard,
  localTime,
  residentPhoneMac,
} from './identifiers.ts';
export type { Trip, TripMode } from './routines.ts';
export { EventSimulator, type SimulationOptions, simulateEvents } from './simulator.ts';
export {
  buildSensingWorld,
  type Routine,
  type SensingWorld,
  SensingWorldBuilder,
  type SimCommunity,
  type SimHousehold,
  type SimResident,
} from './world.ts';

/** The buildings with a door reader: their residents get door cards. */
export function doorReaderBuildings(plan: CityPlan): Set<string> {
  return new Set(plan.devices.flatMap((d) => (d.type === 'door' && d.buildingCode ? [d.buildingCode] : [])));
}
