// What residents see of a case through the portal, WeChat and Open311: no account, a tracking number to
// follow it and a secret (shown once) to rate it. Nothing here names staff or other people.
import { CASE_STATUSES, MAX_CASE_TEXT } from '@civgrid/domain';
import { z } from 'zod';

const ZMessage = z.object({ zh: z.string(), en: z.string() });
const ZPoint = z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) });

/** A resident's report. Without a point it reaches the city command centre, which places it. */
export const ZResidentReport = z.object({
  category: z.string().min(1).max(100).default('other'),
  description: z.string().trim().min(1).max(MAX_CASE_TEXT),
  title: z.string().trim().min(1).max(200).optional(),
  location: ZPoint.optional(),
  address: z.string().trim().max(300).optional(),
  reporter: z
    .object({ name: z.string().trim().max(50).optional(), phone: z.string().trim().max(20).optional() })
    .optional(),
});
export type TResidentReport = z.infer<typeof ZResidentReport>;

/** The answer to a report: the tracking number to follow it and the secret to rate it, shown once. */
export const ZResidentReceipt = z.object({
  trackingNo: z.string(),
  secret: z.string(),
  dueAt: z.string(),
});
export type TResidentReceipt = z.infer<typeof ZResidentReceipt>;

/** A case as its reporter follows it. */
export const ZResidentCaseView = z.object({
  trackingNo: z.string(),
  category: z.object({ code: z.string(), name: ZMessage }),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  statusLabel: ZMessage,
  isOpen: z.boolean(),
  openedAt: z.string(),
  dueAt: z.string(),
  closedAt: z.string().nullable(),
  /** Until when a rating is taken; null when it is not (open, already rated, or too late). */
  canRateUntil: z.string().nullable(),
  rating: z.number().int().nullable(),
  progress: z.array(z.object({ at: z.string(), step: z.string(), text: ZMessage })),
});
export type TResidentCaseView = z.infer<typeof ZResidentCaseView>;

/** A rating of 1–5 (1–2 reopen the case as "not satisfied"), with the secret from the receipt. */
export const ZResidentRating = z.object({
  secret: z.string().min(1).max(64),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(MAX_CASE_TEXT).optional(),
});
export type TResidentRating = z.infer<typeof ZResidentRating>;
