// Cases (the "9+X" loop) as the console and scripts see them: opening, one endpoint for every step,
// the case page and the work queues. Texts are checked again by packages/domain's `transition()`, which
// answers the rule a step breaks; these schemas only shape what arrives.
import {
  ASSIGNEE_KINDS,
  CASE_LEVELS,
  CASE_SOURCES,
  CASE_STATUSES,
  CASE_STEPS,
  MAX_CASE_TEXT,
  STEP_LIMIT_KEYS,
} from '@civgrid/domain';
import { z } from 'zod';
import { pageOf, ZPageQuery } from './common.ts';

const ZText = z.string().max(MAX_CASE_TEXT);
const ZWhen = z.iso.datetime({ offset: true });
const ZMessage = z.object({ zh: z.string(), en: z.string() });

/** Staff intake: a grid worker's report, a call taken on the hotline, an instruction from above. */
export const ZCaseOpen = z
  .object({
    source: z.enum(CASE_SOURCES).default('hotline'),
    category: z.string().min(1).max(100),
    priority: z.enum(['normal', 'urgent']).default('normal'),
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().min(1).max(MAX_CASE_TEXT),
    /** A point, resolved to the grid that holds it; or `gridCode` when the caller cannot place it. */
    location: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).optional(),
    gridCode: z.string().min(1).max(32).optional(),
    address: z.string().trim().max(300).optional(),
    /** The centre level the case arrives at; by default the caller's own (a village for grid workers). */
    level: z.enum(CASE_LEVELS).optional(),
    /** The caller on the hotline, when there is one. */
    reporter: z
      .object({ name: z.string().trim().max(50).optional(), phone: z.string().trim().max(20).optional() })
      .optional(),
    /** People concerned, by their dossier ids (in the caller's scope). */
    personIds: z
      .array(z.string().regex(/^\d{1,18}$/))
      .max(20)
      .default([]),
    /** A hotline operator who registers the call at once. */
    register: z.boolean().default(false),
    /** Made by an offline client once per report: a resend with the same id answers the case it opened. */
    clientId: z.uuid().optional(),
  })
  .refine((v) => v.location !== undefined || v.gridCode !== undefined, {
    message: 'location or gridCode is required',
    path: ['location'],
  });
export type TCaseOpen = z.infer<typeof ZCaseOpen>;

const ZAssignee = z.object({ kind: z.enum(ASSIGNEE_KINDS), id: z.string().regex(/^\d{1,18}$/) });

const step = <S extends (typeof CASE_STEPS)[number], T extends z.ZodRawShape>(name: S, shape: T) =>
  z.object({ step: z.literal(name), version: z.number().int().min(1), ...shape });

/** One step; `version` is the case's version the step was decided on (409 when it moved meanwhile). */
export const ZCaseStep = z.discriminatedUnion('step', [
  step('register', { note: ZText.optional() }),
  step('decline', { reason: ZText }),
  step('assign', {
    tasks: z
      .array(z.object({ assignee: ZAssignee, instructions: ZText, dueAt: ZWhen.optional() }))
      .min(1)
      .max(20),
  }),
  step('whistle', {
    departments: z
      .array(z.string().regex(/^\d{1,18}$/))
      .min(1)
      .max(20),
    instructions: ZText,
    ackMinutes: z.number().int().optional(),
    dueAt: ZWhen.optional(),
  }),
  step('accept', { task: z.number().int().min(1) }),
  step('report', { task: z.number().int().min(1), outcome: z.enum(['done', 'unable']), report: ZText }),
  step('withdraw', { task: z.number().int().min(1), reason: ZText }),
  step('rework', {
    tasks: z.array(z.number().int().min(1)).min(1).max(20),
    reason: ZText,
    dueAt: ZWhen.optional(),
  }),
  step('resolve', { note: ZText.optional() }),
  step('close-unfixed', { reason: ZText }),
  step('escalate', { reason: ZText.optional() }),
  step('take', { note: ZText.optional() }),
  step('return', { instructions: ZText, supervise: z.boolean().optional() }),
  step('supervise', { note: ZText, dueAt: ZWhen.optional() }),
  step('evaluate', {
    rating: z.number().int().optional(),
    notSatisfied: z.boolean().optional(),
    comment: ZText.optional(),
  }),
]);
export type TCaseStep = z.infer<typeof ZCaseStep>;

export const ZCaseSummary = z.object({
  id: z.string(),
  trackingNo: z.string(),
  version: z.number().int(),
  source: z.enum(CASE_SOURCES),
  category: z.object({ code: z.string(), name: ZMessage }),
  priority: z.enum(['normal', 'urgent']),
  title: z.string(),
  status: z.enum(CASE_STATUSES),
  statusLabel: ZMessage,
  isOpen: z.boolean(),
  holderLevel: z.enum(CASE_LEVELS),
  /** Null for a resident's report that arrived without a point and is not placed yet. */
  gridCode: z.string().nullable(),
  address: z.string().nullable(),
  openedAt: z.string(),
  stepDueAt: z.string().nullable(),
  dueAt: z.string(),
  isOverdue: z.boolean(),
  isSupervised: z.boolean(),
});
export type TCaseSummary = z.infer<typeof ZCaseSummary>;

export const ZCaseTask = z.object({
  no: z.number().int(),
  round: z.number().int(),
  assignee: z.object({ kind: z.enum(ASSIGNEE_KINDS), id: z.string(), name: z.string() }),
  instructions: z.string(),
  whistle: z.number().int().nullable(),
  status: z.enum(['pending', 'accepted', 'done', 'unable', 'withdrawn']),
  assignedAt: z.string(),
  ackDueAt: z.string(),
  dueAt: z.string(),
  acceptedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  report: z.string().nullable(),
  reworks: z.number().int(),
});

export const ZCaseTimelineEntry = z.object({
  at: z.string(),
  step: z.string(),
  key: z.string(),
  text: ZMessage,
  actor: z.object({ kind: z.string(), role: z.string().nullable(), name: z.string().nullable() }),
  from: z.enum(CASE_STATUSES).nullable(),
  to: z.enum(CASE_STATUSES),
  holderFrom: z.enum(CASE_LEVELS).nullable(),
  holderTo: z.enum(CASE_LEVELS),
});

export const ZRollCall = z.object({
  whistle: z.number().int(),
  at: z.string(),
  instructions: z.string(),
  entries: z.array(
    z.object({
      task: z.number().int(),
      department: z.string(),
      ackDueAt: z.string(),
      acknowledgedAt: z.string().nullable(),
      verdict: z.enum(['on-time', 'late', 'absent', 'waiting', 'released']),
      handling: z.enum(['on-time', 'late', 'waiting', 'overdue', 'released']),
    }),
  ),
  counts: z.record(z.string(), z.number().int()),
});

export const ZCasePage = z.object({
  case: ZCaseSummary.extend({
    description: z.string(),
    categoryPath: z.array(z.string()),
    location: z.object({ lng: z.number(), lat: z.number() }).nullable(),
    originLevel: z.enum(CASE_LEVELS),
    round: z.number().int(),
    escalations: z.number().int(),
    reopenCount: z.number().int(),
    instructions: z.string().nullable(),
    supervision: z
      .object({ level: z.enum(CASE_LEVELS), at: z.string(), note: z.string(), dueAt: z.string().nullable() })
      .nullable(),
    evaluation: z
      .object({ rating: z.number().int(), comment: z.string().nullable(), at: z.string(), by: z.string() })
      .nullable(),
    evaluationDueAt: z.string().nullable(),
    closedAt: z.string().nullable(),
    reporter: z.object({ name: z.string().nullable(), phone: z.string().nullable() }).nullable(),
    persons: z.array(z.object({ id: z.string(), name: z.string().nullable(), relation: z.string() })),
  }),
  tasks: z.array(ZCaseTask),
  timeline: z.array(ZCaseTimelineEntry),
  whistles: z.array(ZRollCall),
  /** The steps the table lets this user take at all (the case's state decides the rest). */
  steps: z.array(z.enum(CASE_STEPS)),
  /** Ids of the case's photos, oldest first: `GET /api/v1/cases/{id}/photos/{photoId}`. */
  photos: z.array(z.string()).optional(),
});
export type TCasePage = z.infer<typeof ZCasePage>;

export const CASE_QUEUES = ['mine', 'level', 'overdue', 'supervised', 'all'] as const;
export const ZCaseQueueQuery = ZPageQuery.extend({
  queue: z.enum(CASE_QUEUES).default('all'),
  status: z.enum(CASE_STATUSES).optional(),
});
export type TCaseQueueQuery = z.infer<typeof ZCaseQueueQuery>;
export const ZCaseList = pageOf(ZCaseSummary);
export type TCaseList = z.infer<typeof ZCaseList>;

const ZLimits = z.object(Object.fromEntries(STEP_LIMIT_KEYS.map((k) => [k, z.number().int().optional()])));
export const ZCaseCategory = z.object({
  code: z.string().min(1).max(100),
  name: ZMessage,
  limits: ZLimits,
  isActive: z.boolean().default(true),
});
export const ZCaseCategoryTree = z.object({ categories: z.array(ZCaseCategory).max(500) });
export type TCaseCategoryTree = z.infer<typeof ZCaseCategoryTree>;
