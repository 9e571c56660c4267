// The watchlist API's shapes (interfaces.md, "Alerts and watchlists"): `POST /api/v1/watchlist`
// `{subject, reason, from, to}` → `{id, status:"pending"}`; the rest (list, entry, decisions) beyond it.
import { ZErrorBody } from '@civgrid/contracts';
import { z } from 'zod';
import { WATCH_STATUSES } from './rules.ts';

const ZMessage = z.object({ zh: z.string(), en: z.string() });
const ZInstant = z.iso.datetime({ offset: true });

export const ZWatchSubject = z.union([
  z.string().trim().min(1).max(64),
  z.object({ type: z.literal('person'), idNumber: z.string().min(15).max(18) }),
  z.object({ type: z.literal('vehicle'), plate: z.string().min(2).max(12) }),
  z.object({ type: z.literal('device'), mac: z.string().min(11).max(17) }),
  z.object({ type: z.literal('device'), deviceCode: z.string().min(1).max(64) }),
]);

export const ZWatchlistCreate = z.object({
  subject: ZWatchSubject,
  reason: z.string().trim().min(1).max(500),
  from: ZInstant,
  to: ZInstant,
});
export type TWatchlistCreate = z.infer<typeof ZWatchlistCreate>;

export const ZWatchlistCreated = z.object({ id: z.string(), status: z.literal('pending') });

export const ZWatchlistId = z.object({ id: z.string().regex(/^\d{1,18}$/) });

export const ZWatchlistNote = z.object({ note: z.string().trim().max(500).optional() }).optional();

export const ZWatchlistQuery = z.object({
  status: z.enum(WATCH_STATUSES).optional(),
  /** Entries waiting for my decision: pending, asked for by someone else. */
  awaitingMe: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TWatchlistQuery = z.infer<typeof ZWatchlistQuery>;

const ZUserRef = z.object({ id: z.string(), name: z.string() });

export const ZWatchlistEntry = z.object({
  id: z.string(),
  status: z.enum(WATCH_STATUSES),
  statusLabel: ZMessage,
  subject: z.object({
    kind: z.enum(['person', 'vehicle', 'device']),
    form: z.enum(['id-number', 'plate', 'mac', 'device-code']),
    /** Masked: the identity itself is not kept. */
    display: z.string(),
  }),
  /** The dossier the subject is registered as, when it lies in the viewer's jurisdiction. */
  dossier: z
    .object({ kind: z.enum(['person', 'vehicle', 'device']), id: z.string(), label: z.string() })
    .nullable(),
  reason: z.string(),
  from: z.string(),
  to: z.string(),
  unit: z.object({ code: z.string(), name: z.string() }),
  requestedBy: ZUserRef,
  requestedAt: z.string(),
  decidedBy: ZUserRef.nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  revokedBy: ZUserRef.nullable(),
  revokedAt: z.string().nullable(),
  revokeNote: z.string().nullable(),
  hits: z.number().int(),
  lastHitAt: z.string().nullable(),
  /** What the viewer may do with it now. */
  allowed: z.array(z.enum(['approve', 'reject', 'revoke'])),
});
export type TWatchlistEntry = z.infer<typeof ZWatchlistEntry>;

export const ZWatchlistList = z.object({
  entries: z.array(ZWatchlistEntry),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const watchlistErrors = {
  400: ZErrorBody,
  401: ZErrorBody,
  403: ZErrorBody,
  404: ZErrorBody,
};
