// The residents' satisfaction survey (满意度测评): a resident rates their grid's service 1–5 with no account.
// The phone only makes one answer per phone, grid and month: it is kept as its keyed hash, never in clear,
// and a second answer in the same month replaces the first. The answers feed the grid worker's residents'
// rating in the monthly assessment (field/figures.ts).
import { isMobileNumber, monthOf, normalizeMobileNumber } from '@civgrid/domain';
import { sql } from 'kysely';
import { z } from 'zod';
import { systemActor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { cityRoot, gridAt } from '../org/service.ts';

// The grid by its code, or by a point in it: the portal's map names grids but never shows their codes,
// so the page sends the point the resident tapped (or one inside the grid chosen from the list).
export const ZSurveyAnswer = z.object({
  gridCode: z.string().trim().min(1).max(40).optional(),
  location: z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).optional(),
  phone: z.string().trim().min(1).max(20),
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(500).optional(),
});
export type TSurveyAnswer = z.infer<typeof ZSurveyAnswer>;

export const ZSurveyReceipt = z.object({
  grid: z.object({ name: z.string() }),
  month: z.string(),
  rating: z.number().int(),
  isReplacement: z.boolean(),
});
export type TSurveyReceipt = z.infer<typeof ZSurveyReceipt>;

/** Stores a resident's answer for the grid and the current month, replacing the phone's earlier one. */
export async function answerSurvey(
  ctx: Context,
  input: TSurveyAnswer,
  ip: string | null,
): Promise<TSurveyReceipt> {
  const phone = normalizeMobileNumber(input.phone);
  if (!isMobileNumber(phone))
    throw new AppError('VALIDATION_FAILED', 'phone', {
      zh: '手机号格式不正确，请填写 11 位大陆手机号',
      en: 'phone: not a mainland mobile number (11 digits)',
    });
  // grids are public on the portal's map, so looking one up by code needs no scope
  const root = await cityRoot(ctx.db);
  const code =
    input.gridCode ??
    (input.location && root
      ? (await gridAt(ctx, systemActor(root, 'resident:portal'), input.location.lng, input.location.lat))
          ?.code
      : undefined);
  const grid = code
    ? await ctx.db
        .selectFrom('org_unit')
        .select(['id', 'code', 'name', 'org_path'])
        .where('level', '=', 'grid')
        .where('code', '=', code)
        .executeTakeFirst()
    : undefined;
  if (!grid) throw new AppError('UNKNOWN_GRID', input.gridCode || !input.location ? 'gridCode' : 'location');
  const now = ctx.now();
  const month = monthOf(now, ctx.config.timezone);
  const comment = input.comment || null;
  const isReplacement = await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .insertInto('satisfaction_survey_response')
      .values({
        grid_id: grid.id,
        org_path: grid.org_path,
        month,
        rating: input.rating,
        comment,
        respondent_hash: ctx.crypto.keyedHash(phone),
        created_at: now,
      })
      .onConflict((oc) =>
        oc
          .columns(['grid_id', 'month', 'respondent_hash'])
          .doUpdateSet({ rating: input.rating, comment, created_at: now }),
      )
      // xmax is set on a row an upsert updated, zero on one it inserted
      .returning(['id', sql<boolean>`xmax <> 0`.as('replaced')])
      .executeTakeFirstOrThrow();
    if (root)
      await appendAudit(
        tx,
        systemActor(root, 'resident:portal', ip),
        {
          action: 'survey.answer',
          targetType: 'satisfaction_survey_response',
          targetId: row.id,
          orgPath: grid.org_path,
          details: { grid: grid.code, month, rating: input.rating, replaced: row.replaced },
        },
        now,
      );
    return row.replaced;
  });
  return { grid: { name: grid.name }, month, rating: input.rating, isReplacement };
}
