import { z } from 'zod';
import { pageOf, ZPageQuery } from './common.ts';

export const ZAuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  outcome: z.enum(['ok', 'denied', 'failed']),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  orgPath: z.string().nullable(),
  ip: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = ZPageQuery.extend({
  actor: z.string().trim().optional(),
  action: z.string().trim().optional(),
  outcome: z.enum(['ok', 'denied', 'failed']).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const ZAuditList = pageOf(ZAuditEntry);
export type TAuditList = z.infer<typeof ZAuditList>;

export const ZAuditVerifyResult = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z
    .object({
      seq: z.number().int(),
      problem: z.enum(['changed', 'removed', 'truncated']),
      message: z.string(),
    })
    .nullable(),
});
export type TAuditVerifyResult = z.infer<typeof ZAuditVerifyResult>;
