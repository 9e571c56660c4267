// Trajectory (轨迹查寻), collision (碰撞比对) and contact tracing over the event store, and a dossier's
// sensing timeline. Each one needs a stated purpose, sees only devices in the caller's scope, and is
// audited with its parameters and the number of results in the same transaction as the read.
import type {
  TCollision,
  TContacts,
  TPurpose,
  TSubject,
  TTimelinePage,
  TTrajectory,
} from '@civgrid/contracts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import type { SubjectKind } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { findInScope, scopedFrom } from '../../platform/scope.ts';
import { dossierLinks, type TimelineKind, timelineTarget } from '../registry/sensed.ts';
import {
  collide,
  contactsOf,
  type EventPoint,
  subjectIdsOf,
  timelinePage,
  trajectoryPoints,
} from './queries.ts';
import { presentKey, subjectForAudit, subjectHash } from './subjects.ts';

/** Results beyond this are cut (and flagged `truncated`): a screen cannot use more, and the bound keeps a
 *  careless query from reading the whole store into memory. */
const RESULT_LIMIT = 2_000;

/** The stated purpose, or 400 PURPOSE_REQUIRED (a reason of at least two characters). */
export function requirePurpose(purpose: TPurpose): { reason: string; caseId?: string } {
  const reason = purpose?.reason?.trim() ?? '';
  if (reason.length < 2) throw new AppError('PURPOSE_REQUIRED', 'purpose.reason');
  return purpose?.caseId ? { reason, caseId: purpose.caseId } : { reason };
}

function range(from: string, to: string, field = 'from'): { from: Date; to: Date } {
  const range = { from: new Date(from), to: new Date(to) };
  if (range.from > range.to) throw new AppError('VALIDATION_FAILED', field);
  return range;
}

/** Runs `read` and its audit row in one transaction. */
function audited<T>(
  ctx: Context,
  actor: Actor,
  action: string,
  read: (tx: Queryable) => Promise<T>,
  details: (result: T) => Record<string, unknown>,
): Promise<T> {
  return ctx.db.transaction().execute(async (tx) => {
    const result = await read(tx);
    await appendAudit(tx, actor, { action, details: details(result) }, ctx.now());
    return result;
  });
}

const presentPoint = (p: EventPoint) => ({
  time: new Date(p.time).toISOString(),
  deviceCode: p.device_code,
  deviceName: p.device_name,
  type: p.type,
  direction: p.direction,
  lat: p.lat,
  lng: p.lng,
  gridCode: p.grid_code,
  snapshotRef: p.snapshot_ref,
});

export async function trajectory(
  ctx: Context,
  actor: Actor,
  request: { subject: TSubject; from: string; to: string; purpose?: TPurpose },
): Promise<TTrajectory> {
  const purpose = requirePurpose(request.purpose);
  const span = range(request.from, request.to);
  const hash = subjectHash(ctx, request.subject, ctx.now());
  return audited(
    ctx,
    actor,
    'insight.trajectory',
    async (tx) => {
      const ids = await subjectIdsOf(tx, [hash]);
      const points = await trajectoryPoints(tx, actor, ids, span.from, span.to);
      return { points: points.map(presentPoint) };
    },
    (r) => ({
      purpose,
      subject: subjectForAudit(request.subject),
      from: request.from,
      to: request.to,
      results: r.points.length,
    }),
  );
}

const KIND_OF: Record<TCollisionRequest['subjectType'], SubjectKind> = {
  person: 'person',
  vehicle: 'vehicle',
  device: 'device',
};
type TCollisionRequest = {
  subjectType: 'person' | 'vehicle' | 'device';
  conditions: { deviceCodes: string[]; from: string; to: string }[];
  minMatches?: number | undefined;
  purpose?: TPurpose;
};

/** The device ids of `codes` in the caller's scope; a code it cannot see is named in a 404 like a
 *  device that does not exist. */
async function devicesInScope(
  db: Queryable,
  actor: Actor,
  codes: string[],
  field: string,
): Promise<string[]> {
  const unique = [...new Set(codes)];
  const rows = await scopedFrom(db, actor, 'device')
    .select(['id', 'code'])
    .where('code', 'in', unique)
    .execute();
  if (rows.length < unique.length) throw new AppError('UNKNOWN_DEVICE', field);
  return rows.map((r) => r.id);
}

export async function collision(ctx: Context, actor: Actor, request: TCollisionRequest): Promise<TCollision> {
  const purpose = requirePurpose(request.purpose);
  const minMatches = request.minMatches ?? request.conditions.length;
  if (minMatches > request.conditions.length) throw new AppError('VALIDATION_FAILED', 'minMatches');
  const spans = request.conditions.map((c, i) => range(c.from, c.to, `conditions.${i}.from`));
  return audited(
    ctx,
    actor,
    'insight.collision',
    async (tx) => {
      const conditions = [];
      for (const [i, c] of request.conditions.entries()) {
        const deviceIds = await devicesInScope(tx, actor, c.deviceCodes, `conditions.${i}.deviceCodes`);
        conditions.push({ deviceIds, ...spans[i]! });
      }
      const rows = await collide(tx, conditions, KIND_OF[request.subjectType], minMatches, RESULT_LIMIT + 1);
      const shown = rows.slice(0, RESULT_LIMIT);
      const links = await dossierLinks(
        ctx,
        actor,
        shown.map((r) => ({ ...r, id: r.subject_id })),
      );
      return {
        subjects: shown.map((r) => ({
          key: presentKey(ctx, actor, r),
          matched: r.matched,
          events: r.events,
          dossier: links.get(r.subject_id) ?? null,
        })),
        truncated: rows.length > RESULT_LIMIT,
      };
    },
    (r) => ({
      purpose,
      subjectType: request.subjectType,
      conditions: request.conditions,
      minMatches,
      results: r.subjects.length,
    }),
  );
}

export async function contacts(
  ctx: Context,
  actor: Actor,
  request: { subject: TSubject; from: string; to: string; windowMinutes: number; purpose?: TPurpose },
): Promise<TContacts> {
  const purpose = requirePurpose(request.purpose);
  const span = range(request.from, request.to);
  const hash = subjectHash(ctx, request.subject, ctx.now());
  return audited(
    ctx,
    actor,
    'insight.contacts',
    async (tx) => {
      const ids = await subjectIdsOf(tx, [hash]);
      const rows = await contactsOf(
        tx,
        actor,
        ids,
        span.from,
        span.to,
        request.windowMinutes,
        RESULT_LIMIT + 1,
      );
      const shown = rows.slice(0, RESULT_LIMIT);
      const links = await dossierLinks(
        ctx,
        actor,
        shown.map((r) => ({ ...r, id: r.subject_id })),
      );
      return {
        contacts: shown.map((r) => ({
          key: presentKey(ctx, actor, r),
          type: r.kind as 'person' | 'vehicle' | 'device',
          encounters: r.encounters,
          first: new Date(r.first).toISOString(),
          last: new Date(r.last).toISOString(),
          deviceCodes: r.device_codes,
          dossier: links.get(r.subject_id) ?? null,
        })),
        truncated: rows.length > RESULT_LIMIT,
      };
    },
    (r) => ({
      purpose,
      subject: subjectForAudit(request.subject),
      from: request.from,
      to: request.to,
      windowMinutes: request.windowMinutes,
      results: r.contacts.length,
    }),
  );
}

const TIMELINE_TABLE = {
  persons: 'person',
  vehicles: 'vehicle',
  houses: 'house',
  devices: 'device',
} as const;

/** A page of a dossier's sensing timeline, newest first. 404 for a record missing or out of scope. */
export async function timeline(
  ctx: Context,
  actor: Actor,
  kind: TimelineKind,
  id: string,
  query: {
    reason?: string | undefined;
    from?: string | undefined;
    to?: string | undefined;
    page: number;
    pageSize: number;
  },
) {
  const purpose = requirePurpose({ reason: query.reason });
  const now = ctx.now();
  const target = await findInScope(
    ctx.db,
    actor,
    { table: TIMELINE_TABLE[kind], column: 'id', value: id },
    () => timelineTarget(ctx, actor, kind, id),
    now,
  );
  if (!target) throw new AppError('NOT_FOUND');
  const span = range(query.from ?? new Date(0).toISOString(), query.to ?? now.toISOString());
  return audited(
    ctx,
    actor,
    'insight.timeline',
    async (tx): Promise<TTimelinePage> => {
      const filter = 'deviceId' in target ? target : { subjectIds: await subjectIdsOf(tx, target.hashes) };
      const { rows, total } = await timelinePage(tx, actor, filter, span, {
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      });
      const subjects = await tx
        .selectFrom('sensing_subject')
        .select(['id', 'kind', 'hash', 'sealed'])
        .where(
          'id',
          'in',
          [...new Set(rows.flatMap((r) => (r.subject_id ? [r.subject_id] : [])))].concat(['0']),
        )
        .execute();
      const keys = new Map(subjects.map((s) => [s.id, presentKey(ctx, actor, s)]));
      return {
        items: rows.map((r) => ({
          ...presentPoint(r),
          key: r.subject_id ? (keys.get(r.subject_id) ?? null) : null,
        })),
        total,
        page: query.page,
        pageSize: query.pageSize,
      };
    },
    (r) => ({ purpose, kind, id, page: query.page, results: r.items.length }),
  );
}
