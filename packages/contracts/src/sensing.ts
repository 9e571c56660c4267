// Sensing: what devices send and get back, device health, and the insight queries (interfaces.md,
// "Sensing events" and "Insight queries"; more fields than the contract are allowed, none fewer).
import { z } from 'zod';
import { pageOf, ZPageQuery } from './common.ts';

/** `POST /api/v1/events` answer, after commit. */
export const ZIngestResult = z.object({
  accepted: z.number().int(),
  duplicates: z.number().int(),
  rejected: z.array(z.object({ index: z.number().int(), code: z.string(), message: z.string() })),
});
export type TIngestResult = z.infer<typeof ZIngestResult>;

export const DEVICE_TYPES = ['face', 'plate', 'door', 'wifi', 'checkpoint'] as const;

export const ZDeviceStatus = z.object({
  code: z.string(),
  name: z.string(),
  type: z.string(),
  gridCode: z.string(),
  lng: z.number(),
  lat: z.number(),
  online: z.boolean(),
  lastSeen: z.string().nullable(),
  offlineMinutes: z.number().int(),
});
export type TDeviceStatus = z.infer<typeof ZDeviceStatus>;

export const ZDeviceStatusQuery = ZPageQuery.extend({
  under: z.string().max(32).optional(),
  online: z.enum(['true', 'false']).optional(),
});
export const ZDeviceStatusPage = pageOf(ZDeviceStatus).extend({
  online: z.number().int(),
  offline: z.number().int(),
});

/** Every insight call states why (PIPL: purpose limitation). Optional in the schema so that a missing
 *  or empty one is answered with the contract's `PURPOSE_REQUIRED`, not a generic validation error. */
export const ZPurpose = z
  .object({ reason: z.string().trim().max(500).optional(), caseId: z.string().max(40).optional() })
  .optional();
export type TPurpose = z.infer<typeof ZPurpose>;

export const ZSubject = z.discriminatedUnion('type', [
  z.object({ type: z.literal('person'), idNumber: z.string().min(15).max(18) }),
  z.object({ type: z.literal('vehicle'), plate: z.string().min(2).max(12) }),
  z.object({ type: z.literal('device'), mac: z.string().min(11).max(17) }),
]);
export type TSubject = z.infer<typeof ZSubject>;

const ZInstant = z.iso.datetime({ offset: true });

export const ZTrajectoryRequest = z.object({
  subject: ZSubject,
  from: ZInstant,
  to: ZInstant,
  purpose: ZPurpose,
});
export const ZTrajectoryPoint = z.object({
  time: z.string(),
  deviceCode: z.string(),
  deviceName: z.string(),
  type: z.string(),
  direction: z.enum(['in', 'out']).nullable(),
  lat: z.number(),
  lng: z.number(),
  gridCode: z.string(),
  snapshotRef: z.string().nullable(),
});
export const ZTrajectory = z.object({ points: z.array(ZTrajectoryPoint) });
export type TTrajectory = z.infer<typeof ZTrajectory>;

export const SUBJECT_TYPES = ['person', 'vehicle', 'device'] as const;

export const ZCollisionRequest = z.object({
  subjectType: z.enum(SUBJECT_TYPES),
  conditions: z
    .array(
      z.object({ deviceCodes: z.array(z.string().max(64)).min(1).max(500), from: ZInstant, to: ZInstant }),
    )
    .min(1)
    .max(20),
  minMatches: z.number().int().min(1).optional(),
  purpose: ZPurpose,
});
export const ZCollisionSubject = z.object({
  key: z.string(),
  matched: z.array(z.number().int()),
  events: z.number().int(),
  /** The register entry behind the key, when there is one, for a link to its dossier. */
  dossier: z.object({ kind: z.enum(['person', 'vehicle', 'device']), id: z.string() }).nullable(),
});
export const ZCollision = z.object({ subjects: z.array(ZCollisionSubject), truncated: z.boolean() });
export type TCollision = z.infer<typeof ZCollision>;

export const ZContactsRequest = z.object({
  subject: ZSubject,
  from: ZInstant,
  to: ZInstant,
  windowMinutes: z.number().int().min(1).max(240),
  purpose: ZPurpose,
});
export const ZContact = z.object({
  key: z.string(),
  type: z.enum(SUBJECT_TYPES),
  encounters: z.number().int(),
  first: z.string(),
  last: z.string(),
  deviceCodes: z.array(z.string()),
  dossier: z.object({ kind: z.enum(['person', 'vehicle', 'device']), id: z.string() }).nullable(),
});
export const ZContacts = z.object({ contacts: z.array(ZContact), truncated: z.boolean() });
export type TContacts = z.infer<typeof ZContacts>;

/** A dossier's sensing timeline: `GET /api/v1/registry/{kind}/{id}/timeline?reason=…`. */
export const ZTimelineQuery = ZPageQuery.extend({
  reason: z.string().trim().max(500).optional(),
  from: ZInstant.optional(),
  to: ZInstant.optional(),
});
export const ZTimelineEvent = ZTrajectoryPoint.extend({ key: z.string().nullable() });
export const ZTimelinePage = pageOf(ZTimelineEvent);
export type TTimelinePage = z.infer<typeof ZTimelinePage>;
