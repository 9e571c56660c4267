// Attention categories on a person (独居老人, 居家隔离 …): who set each, why, from when to when.
// Ending a tag keeps it, dated, so the record shows what was true when.
import { sql } from 'kysely';
import type { Actor } from '../../../platform/actor.ts';
import { appendAudit } from '../../../platform/audit.ts';
import type { Context } from '../../../platform/context.ts';
import { AppError } from '../../../platform/errors.ts';
import { personDossier, personOr404 } from './service.ts';

export async function addTag(
  ctx: Context,
  actor: Actor,
  personId: string,
  input: { category: string; reason: string; from?: string; until?: string },
) {
  const now = ctx.now();
  const from = input.from ? new Date(input.from) : now;
  const until = input.until ? new Date(input.until) : null;
  if (until && until < from)
    throw new AppError('VALIDATION_FAILED', 'until', {
      zh: '结束时间早于开始时间',
      en: 'until: ends before it starts',
    });
  await ctx.db.transaction().execute(async (tx) => {
    const person = await personOr404(ctx, actor, tx, personId);
    const category = await tx
      .selectFrom('attention_category')
      .select('code')
      .where('code', '=', input.category)
      .where('is_active', '=', true)
      .executeTakeFirst();
    if (!category)
      throw new AppError('VALIDATION_FAILED', 'category', {
        zh: '关注类别不存在或已停用',
        en: 'category: no such active category',
      });
    // One open tag per category: adding again refreshes its reason instead of stacking duplicates.
    await sql`insert into person_tag (person_id, org_path, category, reason, valid_from, valid_until, set_by, set_at)
      values (${personId}, ${person.org_path}::ltree, ${input.category}, ${input.reason}, ${from}, ${until}, ${actor.name}, ${now})
      on conflict (person_id, category) where valid_until is null do update set reason = excluded.reason, set_by = excluded.set_by, set_at = excluded.set_at`.execute(
      tx,
    );
    await appendAudit(
      tx,
      actor,
      {
        action: 'person.tag',
        targetType: 'person',
        targetId: personId,
        orgPath: person.org_path,
        details: { changes: { [`tag:${input.category}`]: { from: null, to: input.reason } } },
      },
      now,
    );
  });
  return personDossier(ctx, actor, personId);
}

export async function endTag(ctx: Context, actor: Actor, personId: string, tagId: string, reason: string) {
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    const person = await personOr404(ctx, actor, tx, personId);
    const ended = await tx
      .updateTable('person_tag')
      .set({ valid_until: now })
      .where('id', '=', tagId)
      .where('person_id', '=', personId)
      .where((eb) => eb.or([eb('valid_until', 'is', null), eb('valid_until', '>', now)]))
      .returning('category')
      .executeTakeFirst();
    if (!ended) throw new AppError('NOT_FOUND');
    await appendAudit(
      tx,
      actor,
      {
        action: 'person.tag-end',
        targetType: 'person',
        targetId: personId,
        orgPath: person.org_path,
        details: { changes: { [`tag:${ended.category}`]: { from: 'active', to: 'ended' } }, note: reason },
      },
      now,
    );
  });
  return personDossier(ctx, actor, personId);
}
