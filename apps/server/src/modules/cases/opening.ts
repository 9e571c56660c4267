// Opening a case from staff intake: a grid worker's report, a hotline call, an instruction. The point is
// placed in a grid of the caller's jurisdiction (the case inherits that grid's org_path, which decides
// who sees it), the category's limits are copied in, and the domain's `openCase` says where it starts.
import { randomBytes } from 'node:crypto';
import type { TCaseOpen } from '@civgrid/contracts';
import {
  type CaseLevel,
  type CaseResult,
  type CaseSource,
  categoryLimits,
  isMobileNumber,
  localDay,
  maskMobileNumber,
  normalizeMobileNumber,
  openCase,
  transition,
} from '@civgrid/domain';
import { type Insertable, type InsertObject, type QueryCreator, sql } from 'kysely';
import type { Actor } from '../../platform/actor.ts';
import { auditInboxRows } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db.ts';
import type { CaseFileTable, DB } from '../../platform/db-types.ts';
import { AppError } from '../../platform/errors.ts';
import { scopedFrom } from '../../platform/scope.ts';
import { milestoneRows } from '../notify/outbox.ts';
import { gridAt } from '../org/service.ts';
import { categoryTree } from './categories.ts';
import { refuse } from './refusals.ts';
import { caseActorOf, stateColumns } from './state.ts';
import { auditDetails, timelineColumns } from './writer.ts';

// Crockford's base32 without I, L, O, U: nothing a resident reading it over the phone can confuse.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `GD` + local date + eight random characters (40 bits): short enough to read out, too many a day to guess. */
export function newTrackingNo(now: Date, timeZone: string): string {
  const day = localDay(now, timeZone).replaceAll('-', '').slice(2);
  const bytes = randomBytes(8);
  return `GD${day}${[...bytes].map((b) => ALPHABET[b % 32]).join('')}`;
}

/** The level a new case arrives at: a grid worker's or police officer's report goes to the village
 *  centre of its grid; a centre's own intake stays at its level unless it names one below. */
function arrivalLevel(actor: Actor, asked: CaseLevel | undefined): CaseLevel {
  if (asked) return asked;
  if (actor.role === 'grid-worker' || actor.role === 'police') return 'village';
  return actor.scopeLevel === 'grid' ? 'village' : (actor.scopeLevel as CaseLevel);
}

async function placeCase(ctx: Context, actor: Actor, input: TCaseOpen) {
  let code = input.gridCode;
  if (input.location) code = (await gridAt(ctx, actor, input.location.lng, input.location.lat))?.code;
  const grid = code
    ? await scopedFrom(ctx.db, actor, 'org_unit')
        .select(['id', 'org_path'])
        .where('code', '=', code)
        .where('level', '=', 'grid')
        .executeTakeFirst()
    : undefined;
  if (!grid) throw new AppError('CASE_LOCATION_OUTSIDE', input.location ? 'location' : 'gridCode');
  return grid;
}

/** The reporter's name and phone (sealed, keyed hash, mask); a phone that is not a mobile number is refused. */
export function reporterColumns(ctx: Context, reporter: TCaseOpen['reporter']) {
  const phone = reporter?.phone ? normalizeMobileNumber(reporter.phone) : null;
  if (phone !== null && !isMobileNumber(phone))
    throw new AppError('VALIDATION_FAILED', 'reporter.phone', {
      zh: '手机号格式不正确',
      en: 'reporter.phone: not a mainland mobile number',
    });
  return {
    reporter_name: reporter?.name || null,
    reporter_phone_enc: phone ? ctx.crypto.encrypt(phone) : null,
    reporter_phone_hash: phone ? ctx.crypto.keyedHash(phone) : null,
    reporter_phone_mask: phone ? maskMobileNumber(phone) : null,
  };
}

const UNIQUE_VIOLATION = '23505';
const CLIENT_ID_INDEX = 'case_file_client_id_idx';

/** The case this user opened with `clientId`, if any. By opener, not by scope: it answers only the user's
 *  own case's id, and the case page read with it goes through the scope layer. */
async function caseOpenedWith(ctx: Context, userId: string, clientId: string): Promise<string | undefined> {
  const row = await ctx.db
    .selectFrom('case_file')
    .select('id')
    .where('opened_by', '=', userId)
    .where('client_id', '=', clientId)
    .executeTakeFirst();
  return row?.id;
}

const isClientIdConflict = (error: unknown) =>
  (error as { code?: unknown }).code === UNIQUE_VIOLATION &&
  (error as { constraint?: unknown }).constraint === CLIENT_ID_INDEX;

/** Opens (and with `register`, registers) a case; answers its id. With a `clientId` the user already
 *  opened a case with (an offline client resending a report whose answer it lost), answers that case with
 *  `isReplay` and writes nothing — also when the two requests raced, which the unique index decides. */
export async function openNewCase(
  ctx: Context,
  actor: Actor,
  input: TCaseOpen,
): Promise<{ id: string; isReplay: boolean }> {
  const clientId = actor.kind === 'user' && actor.id !== null ? input.clientId : undefined;
  if (clientId) {
    const earlier = await caseOpenedWith(ctx, actor.id!, clientId);
    if (earlier) return { id: earlier, isReplay: true };
  }
  const grid = await placeCase(ctx, actor, input);
  const persons = input.personIds.length
    ? await scopedFrom(ctx.db, actor, 'person').select('id').where('id', 'in', input.personIds).execute()
    : [];
  if (persons.length !== new Set(input.personIds).size) throw new AppError('NOT_FOUND', 'personIds');
  try {
    const created = await createCase(ctx, actor, {
      ...input,
      level: arrivalLevel(actor, input.level),
      grid,
      personIds: persons.map((p) => p.id),
      columns: { ...reporterColumns(ctx, input.reporter), client_id: clientId ?? null },
    });
    return { id: created.id, isReplay: false };
  } catch (error) {
    if (!clientId || !isClientIdConflict(error)) throw error;
    const raced = await caseOpenedWith(ctx, actor.id!, clientId);
    if (!raced) throw error;
    return { id: raced, isReplay: true };
  }
}

/** The statement that opens a case, once its first CTE has inserted the case row. */
type WithOpened = QueryCreator<DB & { opened: { id: string } }>;

/** A case about to be written: where it lands and what it carries beyond the staff form. */
export interface NewCase {
  source: CaseSource;
  category: string;
  priority: 'normal' | 'urgent';
  title: string;
  description: string;
  location?: { lng: number; lat: number } | undefined;
  address?: string | undefined;
  level: CaseLevel;
  /** The grid it lies in, or only the city root's path for an unlocated report. */
  grid: { id: string | null; org_path: string };
  personIds?: readonly string[];
  register?: boolean;
  /** Reporter and channel columns. */
  columns?: Partial<Insertable<CaseFileTable>>;
  /** For a resident's report: the keyed hash of the secret on the receipt, which names the tracking no. */
  secretHash?: (trackingNo: string) => Buffer;
  /** More writes that belong to the opening (a resident's photos): in its transaction, after its rows. */
  within?: (
    tx: Tx,
    created: { id: string; trackingNo: string; orgPath: string },
    actor: Actor,
  ) => Promise<void>;
}

/** Writes a new case with its opening (and registering) steps, timeline and audit rows in one
 *  transaction; answers its id and tracking number. Callers have checked placement and persons. */
export async function createCase(
  ctx: Context,
  actor: Actor,
  spec: NewCase,
): Promise<{ id: string; trackingNo: string }> {
  const now = ctx.now();
  const tree = await categoryTree(ctx.db);
  const category = tree.find((c) => c.code === spec.category);
  const limits = category?.isActive ? categoryLimits(tree, spec.category, spec.priority) : null;
  if (!limits) throw new AppError('CASE_CATEGORY_UNKNOWN', 'category');
  const trackingNo = newTrackingNo(now, ctx.config.timezone);
  const who = caseActorOf(actor);
  const steps: CaseResult[] = [
    openCase(
      { id: trackingNo, source: spec.source, level: spec.level, priority: spec.priority, limits },
      who,
      now,
    ),
  ];
  const opened = steps[0]!;
  if (opened.ok && spec.register) steps.push(transition(opened.case, { step: 'register' }, who, now));
  for (const result of steps)
    if (!result.ok) await refuse(ctx, actor, result, spec.register ? 'register' : 'open');
  const final = steps.at(-1) as Extract<CaseResult, { ok: true }>;
  const taken = steps.filter((result) => result.ok);
  const columns = {
    tracking_no: trackingNo,
    source: spec.source,
    category_code: spec.category,
    title: spec.title,
    description: spec.description,
    lng: spec.location?.lng ?? null,
    lat: spec.location?.lat ?? null,
    address: spec.address || null,
    grid_id: spec.grid.id,
    org_path: spec.grid.org_path,
    opened_by: actor.kind === 'user' ? actor.id : null,
    ...spec.columns,
    resident_secret_hash: spec.secretHash?.(trackingNo) ?? null,
    ...stateColumns(final.case),
  };
  // One statement writes the case and everything its opening leaves (people, timeline, the reporter's
  // message, audit rows): a statement is atomic on its own, and one round trip instead of a transaction's
  // six is most of what opening a case costs. Every row names the new id through the CTE `opened`.
  const newId = sql<string>`(select id from opened)`;
  const write = (db: Queryable) => {
    let query: WithOpened = db.with('opened', (q) =>
      q.insertInto('case_file').values(columns).returning('id'),
    );
    const alsoInsert = <T extends keyof DB & string>(table: T, rows: readonly InsertObject<DB, T>[]) => {
      // A CTE per table with rows (an empty VALUES list is not SQL). The casts drop the CTE's own type,
      // which nothing reads, and widen the rows to the statement's tables, of which DB is a part.
      if (rows.length > 0)
        query = query.with(
          `${table}_rows`,
          (q) => q.insertInto(table).values(rows as never) as never,
        ) as never;
    };
    alsoInsert(
      'case_person',
      (spec.personIds ?? []).map((personId) => ({ case_id: newId, person_id: personId })),
    );
    alsoInsert(
      'case_timeline',
      taken.map((result) => timelineColumns(newId, result.change.timeline, actor)),
    );
    // One message to a reporter who left a phone or openid: received, or registered when registered at once.
    alsoInsert(
      'outbox',
      milestoneRows(
        { caseId: newId, trackingNo, milestone: final.change.milestone ?? 'received', at: now },
        { sms: columns.reporter_phone_enc, wechat: columns.reporter_openid_enc },
      ),
    );
    alsoInsert(
      'audit_inbox',
      auditInboxRows(
        actor,
        taken.map((result) => ({
          action: `case.${result.change.step}`,
          targetType: 'case_file',
          orgPath: spec.grid.org_path,
          details: {
            ...auditDetails(trackingNo, result.change),
            category: spec.category,
            source: spec.source,
          },
        })),
        now,
      ).map((row) => ({ ...row, target_id: sql<string>`(select id::text from opened)` })),
    );
    return query.selectFrom('opened').select('id').executeTakeFirstOrThrow();
  };
  const { within } = spec;
  const { id } = within
    ? await ctx.db.transaction().execute(async (tx) => {
        const row = await write(tx);
        await within(tx, { id: row.id, trackingNo, orgPath: spec.grid.org_path }, actor);
        return row;
      })
    : await write(ctx.db);
  return { id, trackingNo };
}
