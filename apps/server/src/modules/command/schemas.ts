// The flat command API's shapes. Every write the field app makes carries `clientId`, a UUID it generated
// when the user acted, so a queue replayed after a lost answer changes nothing; `at` is when the user acted
// (kept within sending and arrival).
import { ZErrorBody } from '@civgrid/contracts';
import { ROLES } from '@civgrid/domain';
import { z } from 'zod';

export const ZInstructionId = z.object({ id: z.string().regex(/^\d{1,18}$/) });
const ZClientTime = z.iso.datetime({ offset: true }).optional();

export const ZSendInstruction = z.object({
  clientId: z.uuid(),
  title: z.string().trim().min(1).max(200),
  body: z.string().trim().min(1).max(4000),
  deadline: z.iso.datetime({ offset: true }).optional(),
  replyRequired: z.boolean().default(false),
  /** Units whose subtrees receive it (codes in the sender's jurisdiction); none: the whole jurisdiction. */
  units: z.array(z.string().min(1).max(32)).max(200).default([]),
  /** Only users of these roles; none: every working role. */
  roles: z
    .array(z.enum(ROLES.filter((r) => r !== 'auditor') as [string, ...string[]]))
    .max(ROLES.length)
    .default([]),
});
export type TSendInstruction = z.infer<typeof ZSendInstruction>;

export const ZReceipt = z.object({ clientId: z.uuid(), at: ZClientTime });
export type TReceipt = z.infer<typeof ZReceipt>;

export const ZReplyBody = z.object({
  clientId: z.uuid(),
  body: z.string().trim().min(1).max(2000),
  at: ZClientTime,
});
export type TReplyBody = z.infer<typeof ZReplyBody>;

export const ZRemind = z.object({ target: z.enum(['unread', 'unreplied']) });

export const ZCounts = z.object({
  recipients: z.number().int(),
  received: z.number().int(),
  read: z.number().int(),
  replied: z.number().int(),
  /** Recipients past the deadline without a reply (a reply is required) or without a read receipt. */
  overdue: z.number().int(),
  reminders: z.number().int(),
});

export const ZInstruction = z.object({
  id: z.string(),
  clientId: z.string(),
  title: z.string(),
  body: z.string(),
  deadline: z.string().nullable(),
  replyRequired: z.boolean(),
  sentAt: z.string(),
  sender: z.object({ id: z.string(), name: z.string(), unit: z.string() }),
  targets: z.object({ units: z.array(z.string()), roles: z.array(z.string()) }),
});

/** The recipient's own copy: when it arrived, was read, what they replied. */
export const ZMyReceipt = z.object({
  receivedAt: z.string().nullable(),
  readAt: z.string().nullable(),
  lastRemindedAt: z.string().nullable(),
  replies: z.array(
    z.object({ id: z.string(), clientId: z.string(), body: z.string(), writtenAt: z.string() }),
  ),
});

export const ZInstructionPage = z.object({
  instruction: ZInstruction,
  /** Present when the caller is a recipient. */
  mine: ZMyReceipt.nullable(),
  /** Present when the caller follows it as its sender's centre: counts across recipients. */
  counts: ZCounts.nullable(),
});
export type TInstructionPage = z.infer<typeof ZInstructionPage>;

export const ZMineQuery = z.object({
  /** Only instructions not yet read. */
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const ZMineList = z.object({
  items: z.array(ZInstruction.extend({ mine: ZMyReceipt })),
  total: z.number().int(),
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZSentQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const ZSentList = z.object({
  items: z.array(ZInstruction.extend({ counts: ZCounts })),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZRecipientsQuery = z.object({
  status: z.enum(['all', 'unreceived', 'unread', 'unreplied', 'replied']).default('all'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export type TRecipientsQuery = z.infer<typeof ZRecipientsQuery>;

export const ZRecipientList = z.object({
  items: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      role: z.string(),
      unit: z.object({ code: z.string(), name: z.string() }),
      receivedAt: z.string().nullable(),
      readAt: z.string().nullable(),
      firstReplyAt: z.string().nullable(),
      replies: z.array(z.object({ body: z.string(), writtenAt: z.string() })),
      reminders: z.number().int(),
      lastRemindedAt: z.string().nullable(),
    }),
  ),
  total: z.number().int(),
  counts: ZCounts,
  page: z.number().int(),
  pageSize: z.number().int(),
});

export const ZReplyAnswer = z.object({
  reply: z.object({ id: z.string(), clientId: z.string(), body: z.string(), writtenAt: z.string() }),
  /** True when this client id had already been received: nothing changed. */
  isReplay: z.boolean(),
});

export const ZReceiptAnswer = z.object({
  readAt: z.string(),
  /** True when the instruction had already been read: nothing changed. */
  isReplay: z.boolean(),
});

export const ZRemindAnswer = z.object({ reminded: z.number().int(), at: z.string() });

export const commandErrors = { 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody, 409: ZErrorBody };
