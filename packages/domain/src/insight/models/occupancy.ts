// Occupancy per house (住宿密度): the distinct people who enter through the house's own door (or the entrance
// of a building that holds only that house) on enough days of the window to be living there, against the
// registered residents. A building entrance shared by many houses cannot say which flat someone goes to,
// so there the unit is the building: its registered residents plus the regular entrants none of its
// houses registers. More occupants than registered by `minExcess` raises `occupancy-excess` — possibly an
// overcrowded group rental (a fire hazard) or unregistered tenants.

import { type AlertCandidate, type EvidenceEvent, latestEvents } from './alert.ts';
import type { OccupancySettings } from './rules.ts';

/** One identity entering through the unit's doors in the window. */
export interface Entrant {
  subjectId: string;
  /** The dossier behind the identity when the registers know it. */
  personId: string | null;
  /** Registered as living in the unit (the house, or any house of the building). */
  isRegisteredHere: boolean;
  /** Local days of the window with at least one entry. */
  days: number;
  events: number;
}

export interface OccupancyUnit {
  kind: 'house' | 'building';
  houseId: string | null;
  buildingId: string | null;
  gridId: string;
  orgPath: string;
  /** Registered residents of the unit. */
  registered: number;
  entrants: readonly Entrant[];
  /** Entries of the entrants not registered here, for the evidence (the SQL picks the latest). */
  sample: readonly EvidenceEvent[];
}

export interface OccupancyFigures {
  occupants: number;
  registered: number;
  excess: number;
  /** Regular entrants the unit does not register. */
  unaccounted: number;
}

/** The figures of a unit: regular entrants are those seen entering on at least `minDays` days. A house's
 *  occupants are its regular entrants; a building's are its registered residents plus the regular
 *  entrants none of its houses registers. */
export function occupancyOf(unit: OccupancyUnit, minDays: number): OccupancyFigures {
  const regular = unit.entrants.filter((e) => e.days >= minDays);
  const unaccounted = regular.filter((e) => !e.isRegisteredHere).length;
  const occupants = unit.kind === 'house' ? regular.length : unit.registered + unaccounted;
  return { occupants, registered: unit.registered, excess: occupants - unit.registered, unaccounted };
}

/** `occupancy-excess` candidates: units whose occupants exceed the registered residents by at least
 *  `minExcess`. */
export function occupancyExcess(
  units: readonly OccupancyUnit[],
  asOf: Date,
  s: OccupancySettings,
): AlertCandidate[] {
  if (!s.enabled) return [];
  const candidates: AlertCandidate[] = [];
  for (const unit of units) {
    const f = occupancyOf(unit, s.minDays);
    if (f.excess < s.minExcess) continue;
    const unaccounted = unit.entrants.filter((e) => e.days >= s.minDays && !e.isRegisteredHere);
    const where =
      unit.kind === 'house' ? { zh: '该房屋', en: 'the house' } : { zh: '该楼栋', en: 'the building' };
    candidates.push({
      rule: 'occupancy-excess',
      dedupKey: unit.kind === 'house' ? `house:${unit.houseId}` : `building:${unit.buildingId}`,
      // The situation cannot be dated; a closed alert keeps the unit quiet for `quietHours` instead.
      situationAt: new Date(asOf.getTime() - s.windowDays * 86_400_000),
      severity: s.severity,
      subject: null,
      houseId: unit.houseId,
      buildingId: unit.buildingId,
      gridId: unit.gridId,
      orgPath: unit.orgPath,
      evidence: {
        summary: {
          zh: `近 ${s.windowDays} 天经${where.zh}门禁常进出 ${f.occupants} 人，登记 ${f.registered} 人，超出 ${f.excess} 人`,
          en: `${f.occupants} people regularly entered ${where.en} in the last ${s.windowDays} days; ${f.registered} registered, ${f.excess} more`,
        },
        figures: { unit: unit.kind, ...f },
        thresholds: { windowDays: s.windowDays, minDays: s.minDays, minExcess: s.minExcess },
        events: latestEvents(unit.sample),
        identities: unaccounted.map((e) => ({
          subjectId: e.subjectId,
          personId: e.personId,
          days: e.days,
          events: e.events,
        })),
      },
      dispatchTo: s.dispatchTo,
      ackMinutes: s.ackMinutes,
      quietHours: s.quietHours,
    });
  }
  return candidates;
}
