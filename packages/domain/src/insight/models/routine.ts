// Entry/exit regularity (人员出入规律) per person, and the welfare rule built on it: someone in a care
// category (e.g. 独居老人) not seen for longer than the category's limit is visited — a welfare check, not
// suspicion. The SQL hands each person's days in the window (first exit, last return, events) and their
// last sighting; everything else is decided here.

import { type AlertCandidate, type EvidenceEvent, latestEvents } from './alert.ts';
import { type CareSettings, effectiveSettings, overlaySettings, type RuleOverride } from './rules.ts';

/** One local day of a person's sightings: when they first went out and last came back (minutes after
 *  local midnight; null when no event that day had that direction), and how many events there were. */
export interface SightingDay {
  day: string;
  events: number;
  firstOut: number | null;
  lastIn: number | null;
}

export interface PersonRoutine {
  /** Days of the window with at least one sighting. */
  daysActive: number;
  daysObserved: number;
  /** The usual time of leaving and of coming back (median over the days that had one), minutes after
   *  local midnight; null without any such day. */
  usualLeaving: number | null;
  usualReturning: number | null;
  lastSeen: EvidenceEvent | null;
}

/** The lower median of the values (null when empty): a real observed value, never an average of two. */
export function lowerMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
}

/** `HH:MM` for minutes after midnight. */
export function clockTime(minutes: number | null): string | null {
  if (minutes === null) return null;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A person's routine over a window of `windowDays` days from their days with sightings; days listed
 *  twice are counted once (the first listing wins), days without events are not active. */
export function routineOf(
  days: readonly SightingDay[],
  lastSeen: EvidenceEvent | null,
  windowDays: number,
): PersonRoutine {
  const byDay = new Map<string, SightingDay>();
  for (const d of days) if (!byDay.has(d.day) && d.events > 0) byDay.set(d.day, d);
  const active = [...byDay.values()];
  return {
    daysActive: active.length,
    daysObserved: windowDays,
    usualLeaving: lowerMedian(active.flatMap((d) => (d.firstOut === null ? [] : [d.firstOut]))),
    usualReturning: lowerMedian(active.flatMap((d) => (d.lastIn === null ? [] : [d.lastIn]))),
    lastSeen,
  };
}

/** A tagged person as the care rule sees them. */
export interface CarePerson {
  personId: string;
  category: string;
  /** The category's own care limit in the registers (`attention_category.care_limit_hours`), if any. */
  categoryLimitHours: number | null;
  gridId: string;
  orgPath: string;
  houseId: string | null;
  buildingId: string | null;
  /** The earliest event at their community's devices in the window: how long the community has been
   *  watched. Null when it has no sensing at all — then nobody there can be "not seen". */
  coveredSince: Date | null;
  days: readonly SightingDay[];
  lastSeen: EvidenceEvent | null;
}

/** The care thresholds for one category: defaults, the rule's override, the category's own limit from the
 *  registers, then the category's override for this rule. */
export function careSettings(
  overrides: readonly RuleOverride[],
  category: string,
  categoryLimitHours: number | null,
): CareSettings {
  const base = effectiveSettings('care-not-seen', overrides);
  return overlaySettings(
    'care-not-seen',
    categoryLimitHours === null ? base : { ...base, limitHours: categoryLimitHours },
    overrides.find((o) => o.rule === 'care-not-seen' && o.category === category),
  );
}

/** Hours (one decimal) from `from` to `to`. */
const hoursBetween = (from: Date, to: Date) => Math.round((to.getTime() - from.getTime()) / 360_000) / 10;

/** Not seen before 1970: how a person never seen in the window dates their situation, so a closed alert
 *  holds until they are seen again. */
const NEVER = new Date(0);

/**
 * `care-not-seen` candidates at `asOf`: a person whose community has been watched for longer than the
 * limit and who was last seen more than the limit ago (or not at all in the window). A person in several
 * care categories gets one alert, under the category with the shortest limit that fired.
 */
export function careNotSeen(
  people: readonly CarePerson[],
  asOf: Date,
  settingsFor: (person: CarePerson) => CareSettings,
): AlertCandidate[] {
  const chosen = new Map<string, { candidate: AlertCandidate; limit: number }>();
  for (const person of people) {
    const s = settingsFor(person);
    if (!s.enabled) continue;
    const limitMs = s.limitHours * 3_600_000;
    if (person.coveredSince === null || person.coveredSince.getTime() > asOf.getTime() - limitMs) continue;
    const seen = person.lastSeen ? new Date(person.lastSeen.time) : null;
    if (seen && asOf.getTime() - seen.getTime() <= limitMs) continue;
    const previous = chosen.get(person.personId);
    if (previous && previous.limit <= s.limitHours) continue;
    const routine = routineOf(person.days, person.lastSeen, s.lookbackDays);
    const unseen = seen ? hoursBetween(seen, asOf) : null;
    const candidate: AlertCandidate = {
      rule: 'care-not-seen',
      dedupKey: `person:${person.personId}`,
      situationAt: seen ?? NEVER,
      severity: s.severity,
      subject: { kind: 'person', personId: person.personId },
      houseId: person.houseId,
      buildingId: person.buildingId,
      gridId: person.gridId,
      orgPath: person.orgPath,
      evidence: {
        summary:
          unseen === null
            ? {
                zh: `关注类别「${person.category}」人员近 ${s.lookbackDays} 天未被感知（上限 ${s.limitHours} 小时）`,
                en: `Person in care category ${person.category} not seen in the last ${s.lookbackDays} days (limit ${s.limitHours} h)`,
              }
            : {
                zh: `关注类别「${person.category}」人员已 ${unseen} 小时未被感知（上限 ${s.limitHours} 小时）`,
                en: `Person in care category ${person.category} not seen for ${unseen} h (limit ${s.limitHours} h)`,
              },
        figures: {
          category: person.category,
          lastSeen: seen ? seen.toISOString() : null,
          hoursUnseen: unseen,
          daysActive: routine.daysActive,
          daysObserved: routine.daysObserved,
          usualLeaving: clockTime(routine.usualLeaving),
          usualReturning: clockTime(routine.usualReturning),
          coveredSince: person.coveredSince.toISOString(),
        },
        thresholds: { limitHours: s.limitHours, lookbackDays: s.lookbackDays },
        events: person.lastSeen ? latestEvents([person.lastSeen]) : [],
      },
      dispatchTo: s.dispatchTo,
      ackMinutes: s.ackMinutes,
      quietHours: s.quietHours,
    };
    chosen.set(person.personId, { candidate, limit: s.limitHours });
  }
  return [...chosen.values()].map((c) => c.candidate);
}
