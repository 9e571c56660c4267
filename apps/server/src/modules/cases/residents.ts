// Residents' side of a case, shared by the portal, WeChat and Open311: a report opened by the system on
// the resident's behalf, the case as its reporter follows it, and the rating that closes (or reopens) it.
// Residents have no account: the tracking number lets anyone follow the status (it names no one), the
// secret shown once beside it — or the WeChat openid that filed it — is what rates it.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { TResidentCaseView, TResidentReceipt, TResidentReport } from '@civgrid/contracts';
import {
  CASE_STATUS_INFO,
  type CaseCommand,
  type CaseLevel,
  type CaseSource,
  type CaseStatus,
  type CaseStep,
  describeTimelineEntry,
  isEvaluationOpen,
  RESIDENT_ACTOR,
  type TimelineKey,
  transition,
} from '@civgrid/domain';
import { type Actor, systemActor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { cityRoot, gridAt } from '../org/service.ts';
import { categoryTree } from './categories.ts';
import { createCase, type NewCase, reporterColumns } from './opening.ts';
import { refuse } from './refusals.ts';
import * as repo from './repository.ts';
import { loadState } from './service.ts';
import type { CaseRow } from './state.ts';
import { commitStep } from './writer.ts';

export type ResidentChannel = Extract<CaseSource, 'portal' | 'wechat' | 'open311'>;

export interface ResidentIntake extends TResidentReport {
  channel: ResidentChannel;
  /** A WeChat reporter's openid: sealed to reply, hashed to find their cases. */
  openid?: string;
  /** The Open311 partner's key that filed it. */
  apiKeyId?: string;
  /** Writes that must commit with the case or not at all (the portal's photos). */
  within?: NewCase['within'];
}

/** Tracking numbers as the portal and WeChat accept them: `GD` + 6 digits + 8 base32 characters. */
export const TRACKING_NO = /^GD\d{6}[0-9A-HJKMNP-TV-Z]{8}$/;

const SECRET_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** Eight characters without look-alikes (no 0/O, 1/I/L): about 40 bits, read off a screen or an SMS. */
function newSecret(): string {
  return [...randomBytes(8)].map((b) => SECRET_ALPHABET[b % SECRET_ALPHABET.length]).join('');
}

const secretHash = (ctx: Context, trackingNo: string, secret: string) =>
  ctx.crypto.keyedHash(`resident-secret:${trackingNo}:${secret.trim().toUpperCase()}`);

async function residentActor(ctx: Context, channel: ResidentChannel): Promise<Actor> {
  const root = await cityRoot(ctx.db);
  if (!root) throw new AppError('NOT_FOUND');
  return systemActor(root, `resident:${channel}`);
}

/** The grid holding the point, searched over the whole city; an unlocated report goes to the city root. */
async function placeResidentReport(ctx: Context, actor: Actor, report: TResidentReport) {
  if (!report.location) return { grid: { id: null, org_path: actor.scopePath }, level: 'city' as CaseLevel };
  const found = await gridAt(ctx, actor, report.location.lng, report.location.lat);
  const grid =
    found &&
    (await ctx.db
      .selectFrom('org_unit')
      .select(['id', 'org_path'])
      .where('code', '=', found.code)
      .where('level', '=', 'grid')
      .executeTakeFirst());
  if (!grid) throw new AppError('CASE_LOCATION_OUTSIDE', 'location');
  return { grid: { id: grid.id, org_path: grid.org_path }, level: 'village' as CaseLevel };
}

/** Opens a resident's report through the system actor; answers the receipt shown to the resident. */
export async function openResidentCase(
  ctx: Context,
  intake: ResidentIntake,
): Promise<TResidentReceipt & { id: string }> {
  const actor = await residentActor(ctx, intake.channel);
  const place = await placeResidentReport(ctx, actor, intake);
  const secret = newSecret();
  const created = await createCase(ctx, actor, {
    source: intake.channel,
    category: intake.category,
    priority: 'normal',
    title: intake.title ?? firstWords(intake.description),
    description: intake.description,
    location: intake.location,
    address: intake.address,
    level: place.level,
    grid: place.grid,
    columns: {
      ...reporterColumns(ctx, intake.reporter),
      ...(intake.openid
        ? {
            reporter_openid_enc: ctx.crypto.encrypt(intake.openid),
            reporter_openid_hash: ctx.crypto.keyedHash(intake.openid),
          }
        : {}),
      opened_by_key: intake.apiKeyId ?? null,
    },
    secretHash: (trackingNo) => secretHash(ctx, trackingNo, secret),
    within: intake.within,
  });
  const row = await repo.findCaseByTrackingNo(ctx.db, created.trackingNo);
  return { id: created.id, trackingNo: created.trackingNo, secret, dueAt: row!.due_at.toISOString() };
}

/** The first sentence or 30 characters of a description: a title for reports that came without one. */
export function firstWords(text: string): string {
  const sentence = text.trim().split(/[。！？!?\n]/)[0] ?? '';
  const chars = [...(sentence || text.trim())];
  return chars.length > 30 ? `${chars.slice(0, 30).join('')}…` : chars.join('');
}

/** The case as its reporter follows it; null when the tracking number names none. */
export async function residentView(ctx: Context, trackingNo: string): Promise<TResidentCaseView | null> {
  if (!TRACKING_NO.test(trackingNo)) return null;
  const row = await repo.findCaseByTrackingNo(ctx.db, trackingNo);
  if (!row) return null;
  const [timeline, tree, state] = await Promise.all([
    repo.caseTimeline(ctx.db, row.id),
    categoryTree(ctx.db),
    loadState(ctx.db, row),
  ]);
  const now = ctx.now();
  const status = row.status as CaseStatus;
  return {
    trackingNo: row.tracking_no,
    category: {
      code: row.category_code,
      name: tree.find((c) => c.code === row.category_code)?.name ?? {
        zh: row.category_code,
        en: row.category_code,
      },
    },
    title: row.title,
    status,
    statusLabel: CASE_STATUS_INFO[status].label,
    isOpen: row.is_open,
    openedAt: row.opened_at.toISOString(),
    dueAt: row.due_at.toISOString(),
    closedAt: row.closed_at?.toISOString() ?? null,
    canRateUntil: isEvaluationOpen(state, now) ? state.evaluationDueAt!.toISOString() : null,
    rating: row.rating,
    // Milestones only, in the domain's words; staff names and internal notes stay in the console.
    progress: timeline.filter((t) => Object.hasOwn(RESIDENT_PARAMS, t.step)).map(residentProgress),
  };
}

type TimelineRow = Awaited<ReturnType<typeof repo.caseTimeline>>[number];

/** One timeline line in the words a resident gets. */
function residentProgress(t: TimelineRow): TResidentCaseView['progress'][number] {
  return {
    at: t.at.toISOString(),
    step: t.step,
    text: describeTimelineEntry({
      at: t.at,
      step: t.step as CaseStep | 'open',
      key: t.key as TimelineKey,
      actor: { kind: 'system' },
      from: t.from_status as CaseStatus | null,
      to: t.to_status as CaseStatus,
      holderFrom: t.holder_from as CaseLevel | null,
      holderTo: t.holder_to as CaseLevel,
      params: residentParams(t.step, t.params),
    }),
  };
}

/** The latest line a resident may read of each case, in one query: for lists (Open311's requests). */
export async function latestResidentProgress(
  ctx: Context,
  caseIds: readonly string[],
): Promise<Map<string, TResidentCaseView['progress'][number]>> {
  if (caseIds.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('case_timeline')
    .selectAll()
    .distinctOn('case_id')
    .where('case_id', 'in', caseIds)
    .where('step', 'in', Object.keys(RESIDENT_PARAMS))
    .orderBy('case_id')
    .orderBy('id', 'desc')
    .execute();
  return new Map(rows.map((t) => [t.case_id, residentProgress(t)]));
}

/** The steps a resident hears of, and the parameters of each written for them: the answer (resolve
 *  note, reasons for declining or closing unfixed), never internal hand-offs, instructions or reports. */
const RESIDENT_PARAMS: Readonly<Record<string, readonly string[]>> = {
  open: ['source'],
  register: [],
  decline: ['reason'],
  assign: ['count'],
  resolve: ['note'],
  'close-unfixed': ['reason'],
  escalate: ['reason'],
  evaluate: ['rating', 'comment'],
};

function residentParams(step: string, params: Record<string, unknown>): Record<string, string | number> {
  const kept: Record<string, string | number> = {};
  for (const key of RESIDENT_PARAMS[step] ?? []) {
    const value = params[key];
    if (typeof value === 'string' || typeof value === 'number') kept[key] = value;
  }
  return kept;
}

/** How a resident proves they filed the case: the receipt's secret, or the WeChat openid that sent it. */
export type ResidentProof = { secret: string } | { openid: string };

/** The resident's rating of a closed case (1–2 reopen it); 404 for a wrong tracking number or proof. */
export async function rateAsResident(
  ctx: Context,
  trackingNo: string,
  proof: ResidentProof,
  rating: { rating: number; comment?: string | undefined },
  channel: ResidentChannel,
): Promise<TResidentCaseView> {
  const row = TRACKING_NO.test(trackingNo) ? await repo.findCaseByTrackingNo(ctx.db, trackingNo) : undefined;
  if (!row || !provesReporter(ctx, row, proof)) throw new AppError('NOT_FOUND');
  const actor = await residentActor(ctx, channel);
  const before = await loadState(ctx.db, row);
  const command: CaseCommand = { step: 'evaluate', rating: rating.rating, comment: rating.comment };
  const result = transition(before, command, RESIDENT_ACTOR, ctx.now());
  if (!result.ok) return refuse(ctx, actor, result, 'evaluate', { id: row.id, orgPath: row.org_path });
  await commitStep(ctx.db, actor, row, before, result);
  return (await residentView(ctx, trackingNo))!;
}

function provesReporter(ctx: Context, row: CaseRow, proof: ResidentProof): boolean {
  const [stored, given] =
    'secret' in proof
      ? [row.resident_secret_hash, secretHash(ctx, row.tracking_no, proof.secret)]
      : [row.reporter_openid_hash, ctx.crypto.keyedHash(proof.openid)];
  return stored !== null && stored.length === given.length && timingSafeEqual(stored, given);
}
