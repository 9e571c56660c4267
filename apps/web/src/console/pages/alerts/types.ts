// The alerts API's shapes as the console reads them (the server's zod schemas are in
// apps/server/src/modules/alerts/schemas.ts).
import type { AlertRule, AlertSeverity, AlertStatus } from '@civgrid/domain';

export interface TMessage {
  zh: string;
  en: string;
}

export type AlertStep = 'acknowledge' | 'resolve' | 'false-alarm';
/** The path segment of each step's POST. */
export const STEP_PATHS: Record<AlertStep, string> = {
  acknowledge: 'ack',
  resolve: 'resolve',
  'false-alarm': 'false-alarm',
};

export interface TAlertSubject {
  kind: 'person' | 'vehicle' | 'device' | 'identity';
  id?: string;
  label?: string;
  idNumberMask?: string;
  identityKind?: string;
  ref?: string;
}

export interface TEvidenceEvent {
  eventId: string;
  deviceId: string;
  deviceCode: string;
  time: string;
  type: string;
  direction: 'in' | 'out' | null;
}

export interface TAlertSummary {
  id: string;
  rule: string;
  subject?: TAlertSubject;
  houseCode?: string;
  gridCode: string;
  createdAt: string;
  evidence: {
    summary: TMessage;
    figures: Record<string, string | number | boolean | null>;
    thresholds: Record<string, unknown>;
    events: TEvidenceEvent[];
  };
  ruleLabel: TMessage;
  severity: AlertSeverity;
  status: AlertStatus;
  statusLabel: TMessage;
  level: 'grid' | 'township';
  gridName: string;
  assignee: { id: string; name: string } | null;
  ackDueAt: string;
  caseId: string | null;
  version: number;
}

export interface TAlertList {
  alerts: TAlertSummary[];
  total: number;
  page: number;
  pageSize: number;
}

export interface TAlertPage extends TAlertSummary {
  house: { code: string; address: string } | null;
  acknowledgedAt: string | null;
  escalatedAt: string | null;
  closedAt: string | null;
  note: string | null;
  case: { id: string; trackingNo: string } | null;
  history: { at: string; action: string; actor: string; note: string | null }[];
  allowed: (AlertStep | 'case')[];
}

export interface TAlertStats {
  from: string;
  to: string;
  rules: {
    rule: AlertRule;
    label: TMessage;
    raised: number;
    open: number;
    acknowledged: number;
    resolved: number;
    falseAlarms: number;
    falseAlarmRate: number | null;
    escalated: number;
    withCase: number;
    medianAckMinutes: number | null;
  }[];
}

/** The colour of a status tag: open ones stand out, closed ones recede. */
export const STATUS_COLORS: Record<AlertStatus, string> = {
  new: 'red',
  dispatched: 'orange',
  acknowledged: 'blue',
  resolved: 'green',
  'false-alarm': 'default',
};

export const SEVERITY_COLORS: Record<AlertSeverity, string> = { low: 'default', medium: 'gold', high: 'red' };

/** The alert list's path (the alert page is under it). */
export const ALERTS_PATH = '/alerts';
export const ALERT_STATS_PATH = '/alert-stats';

export interface TRuleSettingsList {
  rules: {
    rule: AlertRule;
    label: TMessage;
    isCategoryScoped: boolean;
    defaults: Record<string, unknown>;
    settings: Record<string, unknown>;
    overrides: {
      category: string | null;
      settings: Record<string, unknown>;
      updatedBy: string;
      updatedAt: string;
    }[];
  }[];
}

export interface TDryRunResult {
  rule: string;
  asOf: string;
  candidates: number;
  wouldRaise: number;
  bySeverity: Record<string, number>;
  sample: { dedupKey: string; gridId: string; summary: TMessage }[];
}

export const RULE_SETTINGS_PATH = '/alert-rules';

/** GET /api/v1/alerts/map: where the newest alerts matching the list's filters are. */
export interface TAlertMap {
  points: {
    id: string;
    rule: AlertRule;
    severity: AlertSeverity;
    status: AlertStatus;
    lat: number;
    lng: number;
  }[];
  truncated: boolean;
}
