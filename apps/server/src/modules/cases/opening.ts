// Opening a case from staff intake: a grid worker's report, a hotline call, an instruction. The point is
// placed in a grid of the caller's jurisdiction (the case inherits that grid's org_path, which decides
// who sees it), the category's limits are copied in, and the domain's `openCase` says where it starts.
import { randomBytes } from 'node:crypto';
import type { TCaseOpen } from '@civgrid/contracts';
import {
  type CaseLevel,
  type CaseResult,
  categoryLimits,
  isMobileNumber,
  localDay,
  maskMobileNumber,
  normalizeMobileNumber,
  openCase,
  transition,
} from '@civgrid/domain';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { scopedFrom } from '../../platform/scope.ts';
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

function reporterColumns(ctx: Context, reporter: TCaseOpen['reporter']) {
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

/** Opens (and with `register`, registers) a case; answers its id. */
export async function openNewCase(ctx: Context, actor: Actor, input: TCaseOpen): Promise<string> {
  const now = ctx.now();
  const tree = await categoryTree(ctx.db);
  const category = tree.find((c) => c.code === input.category);
  const limits = category?.isActive ? categoryLimits(tree, input.category, input.priority) : null;
  if (!limits) throw new AppError('CASE_CATEGORY_UNKNOWN', 'category');
  const grid = await placeCase(ctx, actor, input);
  const persons = input.personIds.length
    ? await scopedFrom(ctx.db, actor, 'person').select('id').where('id', 'in', input.personIds).execute()
    : [];
  if (persons.length !== new Set(input.personIds).size) throw new AppError('NOT_FOUND', 'personIds');
  const trackingNo = newTrackingNo(now, ctx.config.timezone);
  const who = caseActorOf(actor);
  const level = arrivalLevel(actor, input.level);
  const steps: CaseResult[] = [
    openCase({ id: trackingNo, source: input.source, level, priority: input.priority, limits }, who, now),
  ];
  const opened = steps[0]!;
  if (opened.ok && input.register) steps.push(transition(opened.case, { step: 'register' }, who, now));
  for (const result of steps)
    if (!result.ok) await refuse(ctx, actor, result, input.register ? 'register' : 'open');
  const final = steps.at(-1) as Extract<CaseResult, { ok: true }>;
  return ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('case_file')
      .values({
        tracking_no: trackingNo,
        source: input.source,
        category_code: input.category,
        title: input.title,
        description: input.description,
        lng: input.location?.lng ?? null,
        lat: input.location?.lat ?? null,
        address: input.address || null,
        grid_id: grid.id,
        org_path: grid.org_path,
        opened_by: actor.kind === 'user' ? actor.id : null,
        ...reporterColumns(ctx, input.reporter),
        ...stateColumns(final.case),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (persons.length > 0)
      await tx
        .insertInto('case_person')
        .values(persons.map((p) => ({ case_id: row.id, person_id: p.id })))
        .execute();
    for (const result of steps) {
      if (!result.ok) continue;
      await tx
        .insertInto('case_timeline')
        .values(timelineColumns(row.id, result.change.timeline, actor))
        .execute();
      await appendAudit(
        tx,
        actor,
        {
          action: `case.${result.change.step}`,
          targetType: 'case_file',
          targetId: row.id,
          orgPath: grid.org_path,
          details: {
            ...auditDetails(trackingNo, result.change),
            category: input.category,
            source: input.source,
          },
        },
        now,
      );
    }
    return row.id;
  });
}
