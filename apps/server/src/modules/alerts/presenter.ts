// Alert rows to API shapes. A person leaves only as name and masked identity number; an identity the
// registers lack only as the start of its keyed hash.
import {
  ALERT_RULE_LABELS,
  ALERT_STATUS_LABELS,
  type AlertEvidence,
  type AlertStatus,
  isAlertRule,
  isOpenAlertStatus,
} from '@civgrid/domain';
import type { AlertRow } from './repository.ts';
import type { TAlertPage, TAlertSummary } from './schemas.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

function presentSubject(row: AlertRow): TAlertSummary['subject'] {
  switch (row.subject_kind) {
    case 'person':
      return row.person_id
        ? {
            kind: 'person',
            id: row.person_id,
            label: row.person_name ?? undefined,
            idNumberMask: row.person_id_mask ?? undefined,
          }
        : { kind: 'person' };
    case 'vehicle':
      return row.vehicle_id
        ? { kind: 'vehicle', id: row.vehicle_id, label: row.vehicle_plate ?? undefined }
        : { kind: 'vehicle' };
    case 'device':
      return row.device_id
        ? { kind: 'device', id: row.device_id, label: `${row.device_code} ${row.device_name}` }
        : { kind: 'device' };
    case 'identity': {
      const kind = (row.evidence as { figures?: { identityKind?: unknown } }).figures?.identityKind;
      return {
        kind: 'identity',
        ...(typeof kind === 'string' ? { identityKind: kind } : {}),
        ...(row.subject_hash ? { ref: row.subject_hash.toString('hex').slice(0, 16) } : {}),
      };
    }
    default:
      return undefined;
  }
}

export function presentSummary(row: AlertRow): TAlertSummary {
  const subject = presentSubject(row);
  const status = row.status as AlertStatus;
  return {
    id: row.id,
    rule: row.rule,
    ...(subject ? { subject } : {}),
    ...(row.house_code ? { houseCode: row.house_code } : {}),
    gridCode: row.grid_code,
    createdAt: row.raised_at.toISOString(),
    evidence: row.evidence as unknown as AlertEvidence as TAlertSummary['evidence'],
    ruleLabel: isAlertRule(row.rule) ? ALERT_RULE_LABELS[row.rule] : { zh: row.rule, en: row.rule },
    severity: row.severity,
    status,
    statusLabel: ALERT_STATUS_LABELS[status],
    level: row.level,
    gridName: row.grid_name,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name ?? '' } : null,
    ackDueAt: row.ack_due_at.toISOString(),
    caseId: row.case_id,
    version: row.version,
  };
}

export function presentPage(
  row: AlertRow,
  history: {
    at: Date;
    action: string;
    actor: string;
    note: string | null;
    details: Record<string, unknown>;
  }[],
  caseRef: { id: string; trackingNo: string } | null,
  may: { handle: boolean; openCase: boolean },
): TAlertPage {
  const status = row.status as AlertStatus;
  const allowed: TAlertPage['allowed'] = [];
  if (may.handle && (status === 'new' || status === 'dispatched')) allowed.push('acknowledge');
  if (may.handle && isOpenAlertStatus(status)) allowed.push('resolve', 'false-alarm');
  if (may.handle && may.openCase && row.case_id === null) allowed.push('case');
  return {
    ...presentSummary(row),
    house: row.house_code ? { code: row.house_code, address: row.house_address ?? '' } : null,
    acknowledgedAt: iso(row.acknowledged_at),
    escalatedAt: iso(row.escalated_at),
    closedAt: iso(row.closed_at),
    note: row.note,
    case: caseRef,
    history: history.map((h) => ({
      at: h.at.toISOString(),
      action: h.action,
      actor: h.actor,
      note: h.note,
      details: h.details,
    })),
    allowed,
  };
}
