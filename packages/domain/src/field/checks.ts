// The two checks (两查): the daily check of check-ins and attendance, and the weekly patrol-track check of
// buildings passed, distance walked and time on patrol.

import { localDay } from '../sensing/retention.ts';
import { isoWeekday, weekWindow } from './calendar.ts';
import type { AssessmentSettings } from './settings.ts';
import { buildingsPassed, type PlacedBuilding, type TrackPoint, trackDistanceMeters } from './track.ts';

export interface CheckinRecord {
  at: Date;
  kind: 'in' | 'out';
}

export interface DayAttendance {
  day: string;
  isWorkday: boolean;
  /** The day has a check-in (签到). */
  isPresent: boolean;
  firstIn: Date | null;
  lastOut: Date | null;
}

export interface DailyCheck {
  days: DayAttendance[];
  /** Days with a check-in, workdays or not. */
  present: number;
  /** Workdays among the days assessed. */
  required: number;
  /** 100 × present / required, at most 100; null when no workday was assessed. */
  score: number | null;
}

/** Attendance over `days` (local days in `timeZone`): a day is present when it has a check-in; a day off
 *  worked makes up for a workday missed, but the score never passes 100. */
export function dailyCheck(
  days: readonly string[],
  checkins: readonly CheckinRecord[],
  timeZone: string,
  workdays: readonly number[],
): DailyCheck {
  const byDay = new Map<string, CheckinRecord[]>();
  for (const c of checkins) {
    const day = localDay(c.at, timeZone);
    const list = byDay.get(day);
    if (list) list.push(c);
    else byDay.set(day, [c]);
  }
  const result: DayAttendance[] = days.map((day) => {
    const records = byDay.get(day) ?? [];
    const ins = records.filter((r) => r.kind === 'in').map((r) => r.at.getTime());
    const outs = records.filter((r) => r.kind === 'out').map((r) => r.at.getTime());
    return {
      day,
      isWorkday: workdays.includes(isoWeekday(day)),
      isPresent: ins.length > 0,
      firstIn: ins.length > 0 ? new Date(Math.min(...ins)) : null,
      lastOut: outs.length > 0 ? new Date(Math.max(...outs)) : null,
    };
  });
  const present = result.filter((d) => d.isPresent).length;
  const required = result.filter((d) => d.isWorkday).length;
  return {
    days: result,
    present,
    required,
    score: required === 0 ? null : 100 * Math.min(1, present / required),
  };
}

export interface PatrolRecord {
  startedAt: Date;
  endedAt: Date | null;
  points: readonly TrackPoint[];
}

export interface PatrolWeekCheck {
  /** The week's Monday. */
  week: string;
  patrols: number;
  /** Minutes on patrol (overlapping patrols counted once). */
  minutes: number;
  distanceM: number;
  buildings: number;
  buildingsPassed: number;
  /** Share of the grid's buildings passed; null for a grid without buildings. */
  coverage: number | null;
  /** 0–100, the weighted parts against the week's targets; null when no part applies. */
  score: number | null;
}

/** The patrol-track check of one week (named by its Monday): only what happened inside the week counts —
 *  a patrol over midnight on Sunday is cut there; each patrol's track is measured on its own, never joined
 *  to another's. */
export function patrolWeekCheck(
  week: string,
  patrols: readonly PatrolRecord[],
  buildings: readonly PlacedBuilding[],
  settings: AssessmentSettings['patrol'],
  timeZone: string,
): PatrolWeekCheck {
  const { from, to } = weekWindow(week, timeZone);
  const inWeek = (p: TrackPoint) => p.at.getTime() >= from.getTime() && p.at.getTime() < to.getTime();
  const intervals: [number, number][] = [];
  const passed = new Set<string>();
  let distanceM = 0;
  let count = 0;
  for (const patrol of patrols) {
    const lastPoint = patrol.points.reduce((t, p) => Math.max(t, p.at.getTime()), patrol.startedAt.getTime());
    const start = Math.max(patrol.startedAt.getTime(), from.getTime());
    const end = Math.min(patrol.endedAt?.getTime() ?? lastPoint, to.getTime());
    const points = patrol.points.filter(inWeek);
    if (end < start && points.length === 0) continue;
    count++;
    if (end > start) intervals.push([start, end]);
    distanceM += trackDistanceMeters(points, settings);
    for (const id of buildingsPassed(buildings, points, settings)) passed.add(id);
  }
  const minutes = unionLength(intervals) / 60_000;
  const coverage = buildings.length === 0 ? null : passed.size / buildings.length;
  const parts: [number | null, number][] = [
    [coverage === null ? null : Math.min(1, coverage / settings.coverageTarget), settings.parts.coverage],
    [Math.min(1, distanceM / 1000 / settings.kmPerWeek), settings.parts.distance],
    [Math.min(1, minutes / settings.minutesPerWeek), settings.parts.time],
  ];
  const score = weightedMean(parts);
  return {
    week,
    patrols: count,
    minutes,
    distanceM,
    buildings: buildings.length,
    buildingsPassed: passed.size,
    coverage,
    score: score === null ? null : 100 * score,
  };
}

/** The length covered by a set of intervals, overlaps counted once. */
export function unionLength(intervals: readonly (readonly [number, number])[]): number {
  const sorted = [...intervals].filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let current: [number, number] | null = null;
  for (const [a, b] of sorted) {
    if (current && a <= current[1]) current[1] = Math.max(current[1], b);
    else {
      if (current) total += current[1] - current[0];
      current = [a, b];
    }
  }
  if (current) total += current[1] - current[0];
  return total;
}

/** Σ wᵢvᵢ / Σ wᵢ over the values present (not null) with a positive weight; null when none is. */
export function weightedMean(parts: readonly (readonly [number | null, number])[]): number | null {
  let weights = 0;
  let total = 0;
  for (const [value, weight] of parts) {
    if (value === null || weight <= 0) continue;
    weights += weight;
    total += weight * value;
  }
  return weights === 0 ? null : total / weights;
}
