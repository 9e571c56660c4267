// Attention categories (who needs attention and why), configurable by admins. Deactivating keeps the
// history of tags that used it.
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';

export interface CategoryInput {
  code: string;
  nameZh: string;
  nameEn: string;
  careLimitHours: number | null;
  isActive: boolean;
}

const present = (r: {
  code: string;
  name_zh: string;
  name_en: string;
  care_limit_hours: number | null;
  is_active: boolean;
}) => ({
  code: r.code,
  nameZh: r.name_zh,
  nameEn: r.name_en,
  careLimitHours: r.care_limit_hours,
  isActive: r.is_active,
});

export async function listCategories(ctx: Context) {
  const rows = await ctx.db.selectFrom('attention_category').selectAll().orderBy('code').execute();
  return { categories: rows.map(present) };
}

export async function saveCategory(ctx: Context, actor: Actor, input: CategoryInput, isNew: boolean) {
  return ctx.db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('attention_category')
      .select('code')
      .where('code', '=', input.code)
      .executeTakeFirst();
    if (isNew && existing)
      throw new AppError('VALIDATION_FAILED', 'code', {
        zh: '类别编码已存在',
        en: 'code: this category exists already',
      });
    if (!isNew && !existing) throw new AppError('NOT_FOUND');
    const values = {
      name_zh: input.nameZh,
      name_en: input.nameEn,
      care_limit_hours: input.careLimitHours,
      is_active: input.isActive,
    };
    const row = isNew
      ? await tx
          .insertInto('attention_category')
          .values({ code: input.code, ...values })
          .returningAll()
          .executeTakeFirstOrThrow()
      : await tx
          .updateTable('attention_category')
          .set(values)
          .where('code', '=', input.code)
          .returningAll()
          .executeTakeFirstOrThrow();
    await appendAudit(
      tx,
      actor,
      {
        action: isNew ? 'category.create' : 'category.update',
        targetType: 'attention_category',
        targetId: input.code,
        details: { ...input },
      },
      ctx.now(),
    );
    return present(row);
  });
}

/** Changes some fields of an existing category; 404 when there is none with this code. */
export async function updateCategory(
  ctx: Context,
  actor: Actor,
  code: string,
  patch: Partial<Omit<CategoryInput, 'code'>>,
) {
  const current = await ctx.db
    .selectFrom('attention_category')
    .selectAll()
    .where('code', '=', code)
    .executeTakeFirst();
  if (!current) throw new AppError('NOT_FOUND');
  return saveCategory(ctx, actor, { ...present(current), ...patch }, false);
}
