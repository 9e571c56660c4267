// Frequent unregistered identities (实有人口 follow-up): a person or vehicle seen in a community on at
// least K of the last days but not in that community's registers asks the grid worker to register them
// (or to find out why they come). The SQL finds the identities the community's registers do not hold;
// the thresholds are applied here.

import { type AlertCandidate, type EvidenceEvent, latestEvents } from './alert.ts';
import type { UnregisteredSettings } from './rules.ts';

export interface FrequentIdentity {
  subjectId: string;
  identityKind: 'person' | 'vehicle' | 'card';
  /** The keyed hash (hex) the registers would file the identity under; never the identity itself. */
  hash: string;
  /** The community (village-level unit) code it was seen in. */
  community: string;
  /** The dossier behind it when another community registers it. */
  personId: string | null;
  /** Local days of the window it was seen on in the community. */
  days: number;
  events: number;
  firstAt: Date;
  lastAt: Date;
  /** The grid of the device it was last seen at, and its path. */
  gridId: string;
  orgPath: string;
  /** Its latest events in the community, for the evidence. */
  sample: readonly EvidenceEvent[];
}

/** `unregistered-frequent` candidates: identities of the wanted kinds seen on at least `minDays` days. */
export function unregisteredFrequent(
  identities: readonly FrequentIdentity[],
  s: UnregisteredSettings,
): AlertCandidate[] {
  if (!s.enabled) return [];
  const kinds: readonly string[] = s.kinds;
  const candidates: AlertCandidate[] = [];
  for (const id of identities) {
    if (id.days < s.minDays || !kinds.includes(id.identityKind)) continue;
    const what =
      id.identityKind === 'vehicle'
        ? { zh: '未登记车辆', en: 'An unregistered vehicle' }
        : { zh: '未登记人员', en: 'An unregistered person' };
    candidates.push({
      rule: 'unregistered-frequent',
      dedupKey: `identity:${id.hash}@${id.community}`,
      situationAt: id.firstAt,
      severity: s.severity,
      subject: { kind: 'identity', identityKind: id.identityKind, subjectId: id.subjectId, hash: id.hash },
      houseId: null,
      buildingId: null,
      gridId: id.gridId,
      orgPath: id.orgPath,
      evidence: {
        summary: {
          zh: `${what.zh}近 ${s.windowDays} 天中有 ${id.days} 天在本社区出现（${id.events} 次），请核实登记`,
          en: `${what.en} was seen in the community on ${id.days} of the last ${s.windowDays} days (${id.events} times); please check and register`,
        },
        figures: {
          identityKind: id.identityKind,
          community: id.community,
          days: id.days,
          events: id.events,
          firstSeen: id.firstAt.toISOString(),
          lastSeen: id.lastAt.toISOString(),
          registeredElsewhere: id.personId !== null,
        },
        thresholds: { windowDays: s.windowDays, minDays: s.minDays, kinds: s.kinds },
        events: latestEvents(id.sample),
      },
      dispatchTo: s.dispatchTo,
      ackMinutes: s.ackMinutes,
      quietHours: s.quietHours,
    });
  }
  return candidates;
}
