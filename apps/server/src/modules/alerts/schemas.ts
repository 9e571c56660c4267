// The alerts API's shapes (interfaces.md, "Alerts and watchlists"): the list is `{alerts:[…]}` with
// `id, rule, subject?, houseCode?, gridCode, createdAt, evidence` per alert, plus paging and more fields.
import { ZErrorBody } from '@civgrid/contracts';
import { ALERT_RULES, ALERT_SEVERITIES, ALERT_STATUSES, MODEL_RULES } from '@civgrid/domain';
import { z } from 'zod';

const ZMessage = z.object({ zh: z.string(), en: z.string() });

export const ZAlertId = z.object({ id: z.string().regex(/^\d{1,18}$/) });

export const ZAlertListQuery = z.object({
  rule: z.string().max(40).optional(),
  /** `open` (new, dispatched, acknowledged) or one status. */
  status: z.enum(['open', ...ALERT_STATUSES]).optional(),
  /** A grid (or any unit) code: alerts at or under it. */
  grid: z.string().max(20).optional(),
  /** `true`: only the alerts assigned to me. */
  mine: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAlertListQuery = z.infer<typeof ZAlertListQuery>;

export const ZAlertSubject = z.object({
  kind: z.enum(['person', 'vehicle', 'device', 'identity']),
  id: z.string().optional(),
  /** A person's name, a plate, a device's code and name; absent for an identity the registers lack. */
  label: z.string().optional(),
  /** A person's identity number, masked. */
  idNumberMask: z.string().optional(),
  /** For an identity: what kind it is and a reference (the start of its keyed hash). */
  identityKind: z.string().optional(),
  ref: z.string().optional(),
});

const ZEvidence = z.object({
  summary: ZMessage,
  figures: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  thresholds: z.record(z.string(), z.unknown()),
  events: z.array(
    z.object({
      eventId: z.string(),
      deviceId: z.string(),
      deviceCode: z.string(),
      time: z.string(),
      type: z.string(),
      direction: z.enum(['in', 'out']).nullable(),
    }),
  ),
  identities: z
    .array(
      z.object({
        subjectId: z.string(),
        personId: z.string().nullable(),
        days: z.number(),
        events: z.number(),
      }),
    )
    .optional(),
});

export const ZAlertSummary = z.object({
  id: z.string(),
  rule: z.string(),
  subject: ZAlertSubject.optional(),
  houseCode: z.string().optional(),
  gridCode: z.string(),
  createdAt: z.string(),
  evidence: ZEvidence,
  ruleLabel: ZMessage,
  severity: z.enum(ALERT_SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  statusLabel: ZMessage,
  level: z.enum(['grid', 'township']),
  gridName: z.string(),
  assignee: z.object({ id: z.string(), name: z.string() }).nullable(),
  ackDueAt: z.string(),
  caseId: z.string().nullable(),
  version: z.number().int(),
});
export type TAlertSummary = z.infer<typeof ZAlertSummary>;

export const ZAlertList = z.object({
  alerts: z.array(ZAlertSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** The alert centre's map: where the newest matching alerts are (the list's filters; no names). */
export const ZAlertMap = z.object({
  points: z.array(
    z.object({
      id: z.string(),
      rule: z.string(),
      severity: z.enum(ALERT_SEVERITIES),
      status: z.enum(ALERT_STATUSES),
      lat: z.number(),
      lng: z.number(),
    }),
  ),
  /** True when more alerts match than the map shows (the newest are shown). */
  truncated: z.boolean(),
});

export type TAlertMap = z.infer<typeof ZAlertMap>;

export const ZAlertPage = ZAlertSummary.extend({
  house: z.object({ code: z.string(), address: z.string() }).nullable(),
  acknowledgedAt: z.string().nullable(),
  escalatedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  note: z.string().nullable(),
  case: z.object({ id: z.string(), trackingNo: z.string() }).nullable(),
  history: z.array(
    z.object({
      at: z.string(),
      action: z.string(),
      actor: z.string(),
      note: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
  /** The steps the viewer may take now. */
  allowed: z.array(z.enum(['acknowledge', 'resolve', 'false-alarm', 'case'])),
});
export type TAlertPage = z.infer<typeof ZAlertPage>;

export const ZAlertStatsQuery = z.object({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const ZAlertStats = z.object({
  from: z.string(),
  to: z.string(),
  rules: z.array(
    z.object({
      rule: z.string(),
      label: ZMessage,
      raised: z.number().int(),
      open: z.number().int(),
      acknowledged: z.number().int(),
      resolved: z.number().int(),
      falseAlarms: z.number().int(),
      /** Of the closed ones, the share called a false alarm: what tuning a rule looks at first. */
      falseAlarmRate: z.number().nullable(),
      escalated: z.number().int(),
      withCase: z.number().int(),
      medianAckMinutes: z.number().nullable(),
    }),
  ),
});

export const ZAlertNote = z.object({ note: z.string().trim().max(2000).optional() });

export const ZAlertCase = z.object({
  category: z.string().max(100).optional(),
  priority: z.enum(['normal', 'urgent']).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().min(1).max(4000).optional(),
});
export type TAlertCase = z.infer<typeof ZAlertCase>;

export const ZAlertCaseOpened = z.object({
  caseId: z.string(),
  trackingNo: z.string(),
  alert: ZAlertPage,
});

const ZAsOf = z.iso.datetime({ offset: true }).optional();

export const ZModelRun = z.object({ asOf: ZAsOf });
export const ZModelRunSummary = z.object({
  asOf: z.string(),
  rules: z.record(z.string(), z.object({ candidates: z.number(), raised: z.number(), ms: z.number() })),
  raised: z.number(),
  ms: z.number(),
});

export const ZDryRun = z.object({
  rule: z.enum(MODEL_RULES),
  settings: z.record(z.string(), z.unknown()).default({}),
  category: z.string().max(40).nullable().optional(),
  asOf: ZAsOf,
});
export const ZDryRunResult = z.object({
  rule: z.string(),
  asOf: z.string(),
  candidates: z.number().int(),
  wouldRaise: z.number().int(),
  bySeverity: z.record(z.string(), z.number()),
  sample: z.array(z.object({ dedupKey: z.string(), gridId: z.string(), summary: ZMessage })),
});

export const ZRuleName = z.object({ rule: z.enum(ALERT_RULES) });
export const ZRuleSettingsBody = z.object({
  category: z.string().max(40).nullable().default(null),
  settings: z.record(z.string(), z.unknown()),
});
export const ZRuleSettingsList = z.object({
  rules: z.array(
    z.object({
      rule: z.string(),
      label: ZMessage,
      isCategoryScoped: z.boolean(),
      defaults: z.record(z.string(), z.unknown()),
      settings: z.record(z.string(), z.unknown()),
      overrides: z.array(
        z.object({
          category: z.string().nullable(),
          settings: z.record(z.string(), z.unknown()),
          updatedBy: z.string(),
          updatedAt: z.string(),
        }),
      ),
    }),
  ),
});

export const alertErrors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
