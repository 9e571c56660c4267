// Home quarantine (居家隔离): a person under a stay-at-home category who passes out of a community — an
// exit-direction event at a community gate — or, optionally, is sighted at another community's devices
// (they are out, whichever way they left) breaches it. Only sightings after the tag began count.

import { type AlertCandidate, type EvidenceEvent, latestEvents } from './alert.ts';
import type { QuarantineSettings } from './rules.ts';

/** A sighting of a quarantined person, with what the rule needs to know of the device. */
export interface QuarantineSighting extends EvidenceEvent {
  /** The device is a community gate: a face, plate or checkpoint camera at no building or house. */
  isGate: boolean;
  /** The code of the community (village-level unit) the device belongs to; null above that level. */
  community: string | null;
}

export interface QuarantinedPerson {
  personId: string;
  category: string;
  /** The code of the community they are registered in; null when registered above that level. */
  community: string | null;
  gridId: string;
  orgPath: string;
  houseId: string | null;
  buildingId: string | null;
  tagFrom: Date;
  sightings: readonly QuarantineSighting[];
}

/** True when the sighting breaches the quarantine of `person`. */
export function isBreach(
  person: QuarantinedPerson,
  s: QuarantineSighting,
  isSightingElsewhereBreach: boolean,
): boolean {
  if (s.isGate && s.direction === 'out') return true;
  return (
    isSightingElsewhereBreach &&
    person.community !== null &&
    s.community !== null &&
    s.community !== person.community
  );
}

/** `quarantine-breach` candidates: people with a breaching sighting after their tag began and inside the
 *  lookback. The situation is dated by the latest breach, so a new exit after a closed alert is a new alert. */
export function quarantineBreach(
  people: readonly QuarantinedPerson[],
  asOf: Date,
  settingsFor: (person: QuarantinedPerson) => QuarantineSettings,
): AlertCandidate[] {
  const candidates: AlertCandidate[] = [];
  const seen = new Set<string>();
  for (const person of people) {
    const s = settingsFor(person);
    if (!s.enabled || seen.has(person.personId)) continue;
    const from = Math.max(person.tagFrom.getTime(), asOf.getTime() - s.lookbackHours * 3_600_000);
    const breaches = person.sightings.filter((e) => {
      const t = new Date(e.time).getTime();
      return t >= from && t <= asOf.getTime() && isBreach(person, e, s.isSightingElsewhereBreach);
    });
    if (breaches.length === 0) continue;
    seen.add(person.personId);
    const events = latestEvents(breaches);
    const latest = events[0]!;
    const exits = breaches.filter((e) => e.isGate && e.direction === 'out').length;
    candidates.push({
      rule: 'quarantine-breach',
      dedupKey: `person:${person.personId}`,
      situationAt: new Date(latest.time),
      severity: s.severity,
      subject: { kind: 'person', personId: person.personId },
      houseId: person.houseId,
      buildingId: person.buildingId,
      gridId: person.gridId,
      orgPath: person.orgPath,
      evidence: {
        summary: {
          zh: `关注类别「${person.category}」人员在管控期间被感知外出：出门 ${exits} 次，违规感知共 ${breaches.length} 次，最近一次在 ${latest.deviceCode}`,
          en: `Person under ${person.category} sighted out: ${exits} exits, ${breaches.length} breaching sightings, the latest at ${latest.deviceCode}`,
        },
        figures: {
          category: person.category,
          tagFrom: person.tagFrom.toISOString(),
          exits,
          sightings: breaches.length,
          latestBreach: latest.time,
        },
        thresholds: {
          lookbackHours: s.lookbackHours,
          isSightingElsewhereBreach: s.isSightingElsewhereBreach,
        },
        events: events.map(({ eventId, deviceId, deviceCode, time, type, direction }) => ({
          eventId,
          deviceId,
          deviceCode,
          time,
          type,
          direction,
        })),
      },
      dispatchTo: s.dispatchTo,
      ackMinutes: s.ackMinutes,
      quietHours: s.quietHours,
    });
  }
  return candidates;
}
