// Alerts as the models propose them and as people work them: the candidate (what fired, about whom,
// where, with the evidence), the life cycle new → dispatched → acknowledged → resolved | false-alarm,
// deduplication (one open alert per situation; a closed one keeps its situation quiet) and escalation.

import type { Message } from '../../registry/rules.ts';
import type { AlertRule, AlertSeverity, DispatchTarget } from './rules.ts';

/** Who or what an alert is about: a dossier, or an identity the registers do not know (its sensing subject
 *  and keyed hash — never the identity number, plate or MAC address itself). */
export type AlertSubject =
  | { kind: 'person'; personId: string }
  | { kind: 'vehicle'; vehicleId: string }
  | { kind: 'device'; deviceId: string }
  | { kind: 'identity'; identityKind: 'person' | 'vehicle' | 'card'; subjectId: string; hash: string };

/** One event that fired a rule, as the evidence shows it. */
export interface EvidenceEvent {
  eventId: string;
  deviceId: string;
  deviceCode: string;
  time: string;
  type: string;
  direction: 'in' | 'out' | null;
}

/** Why an alert fired: a sentence, the figures the rule compared, the thresholds it used, the events. */
export interface AlertEvidence {
  summary: Message;
  figures: Readonly<Record<string, string | number | boolean | null>>;
  thresholds: Readonly<Record<string, unknown>>;
  events: readonly EvidenceEvent[];
  /** The identities that fired it, when there are several (an occupancy count): subject ids only. */
  identities?: readonly EvidenceIdentity[];
}

export interface EvidenceIdentity {
  subjectId: string;
  personId: string | null;
  days: number;
  events: number;
}

/** An alert a model (or the watchlist matcher) proposes; `raiseAlerts` stores the ones not already raised. */
export interface AlertCandidate {
  rule: AlertRule;
  /** Names the situation: one open alert per (rule, dedupKey). */
  dedupKey: string;
  /** When the situation began (last sighting, last contact, the exit): a closed alert of the same key
   *  dated at or after it means this situation was already handled. */
  situationAt: Date;
  severity: AlertSeverity;
  subject: AlertSubject | null;
  houseId: string | null;
  buildingId: string | null;
  gridId: string;
  orgPath: string;
  evidence: AlertEvidence;
  dispatchTo: DispatchTarget;
  ackMinutes: number;
  quietHours: number;
}

/** How many events an alert's evidence keeps (the latest): enough to explain it, small enough to list. */
export const MAX_EVIDENCE_EVENTS = 20;

/** The latest `MAX_EVIDENCE_EVENTS` events, newest first. */
export function latestEvents(events: readonly EvidenceEvent[]): EvidenceEvent[] {
  return [...events]
    .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : a.eventId < b.eventId ? -1 : 1))
    .slice(0, MAX_EVIDENCE_EVENTS);
}

export const ALERT_STATUSES = ['new', 'dispatched', 'acknowledged', 'resolved', 'false-alarm'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];
export const OPEN_ALERT_STATUSES: readonly AlertStatus[] = ['new', 'dispatched', 'acknowledged'];

/** True while someone still has to act on the alert. */
export function isOpenAlertStatus(status: AlertStatus): boolean {
  return OPEN_ALERT_STATUSES.includes(status);
}

export const ALERT_STATUS_LABELS: Readonly<Record<AlertStatus, Message>> = {
  new: { zh: '待派发', en: 'New' },
  dispatched: { zh: '已派发', en: 'Dispatched' },
  acknowledged: { zh: '已签收', en: 'Acknowledged' },
  resolved: { zh: '已处置', en: 'Resolved' },
  'false-alarm': { zh: '误报', en: 'False alarm' },
};

export type AlertCommand = 'acknowledge' | 'resolve' | 'false-alarm';

export type AlertStepResult =
  | { ok: true; status: AlertStatus }
  | { ok: false; code: 'ALERT_STATE_CONFLICT' | 'ALERT_NOTE_REQUIRED'; message: Message };

/** The status a person's step leads to, or why it may not be taken. Acknowledging is for new and
 *  dispatched alerts; resolving and calling a false alarm close any open alert and need a note. */
export function stepAlert(status: AlertStatus, command: AlertCommand, note: string | null): AlertStepResult {
  if (!isOpenAlertStatus(status) || (command === 'acknowledge' && status === 'acknowledged'))
    return {
      ok: false,
      code: 'ALERT_STATE_CONFLICT',
      message: {
        zh: `预警当前为「${ALERT_STATUS_LABELS[status].zh}」，不能执行此操作`,
        en: `The alert is ${ALERT_STATUS_LABELS[status].en.toLowerCase()}; this step is not possible`,
      },
    };
  if (command === 'acknowledge') return { ok: true, status: 'acknowledged' };
  if (!note?.trim())
    return {
      ok: false,
      code: 'ALERT_NOTE_REQUIRED',
      message: { zh: '处置或判定误报须填写说明', en: 'Resolving or calling a false alarm needs a note' },
    };
  return { ok: true, status: command === 'resolve' ? 'resolved' : 'false-alarm' };
}

/** An earlier alert of the same rule and situation key. */
export interface PriorAlert {
  status: AlertStatus;
  situationAt: Date;
  closedAt: Date | null;
}

/** True when the candidate must not become a new alert: one of the same key is open, or a closed one
 *  handled this situation (dated at or after it), or was closed less than `quietHours` before `asOf`. */
export function isSuppressed(
  candidate: Pick<AlertCandidate, 'situationAt' | 'quietHours'>,
  prior: readonly PriorAlert[],
  asOf: Date,
): boolean {
  const quietFrom = asOf.getTime() - candidate.quietHours * 3_600_000;
  return prior.some(
    (p) =>
      isOpenAlertStatus(p.status) ||
      p.situationAt.getTime() >= candidate.situationAt.getTime() ||
      (p.closedAt !== null && p.closedAt.getTime() > quietFrom),
  );
}

/** What the escalation job needs of an alert. */
export interface EscalationCheck {
  id: string;
  status: AlertStatus;
  level: 'grid' | 'township';
  ackDueAt: Date;
}

/** The alerts to hand to the township centre at `now`: not acknowledged (new or dispatched), still at the
 *  grid, and past their acknowledgement deadline (a deadline met to the millisecond is on time). */
export function dueAlertEscalations(alerts: Iterable<EscalationCheck>, now: Date): string[] {
  const due: string[] = [];
  for (const a of alerts)
    if (
      (a.status === 'new' || a.status === 'dispatched') &&
      a.level === 'grid' &&
      a.ackDueAt.getTime() < now.getTime()
    )
      due.push(a.id);
  return due;
}
