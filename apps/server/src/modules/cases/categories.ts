// The case category tree: read by everyone who opens cases, replaced by admins. A category left out of an
// edit becomes inactive rather than deleted — cases keep their code, and the tree their ancestors' limits.
import type { TCaseCategoryTree } from '@civgrid/contracts';
import { type CaseCategory, checkCategoryTree, type StepLimits } from '@civgrid/domain';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { allCategories } from './repository.ts';

export type StoredCategory = CaseCategory & { isActive: boolean };

/** How long a process keeps the tree it read: every case opened, page and queue shown names categories,
 *  and the tree changes a few times a year. Another process's edit shows here within this time. */
const TREE_CACHE_MS = 5_000;
const treeCache = new WeakMap<Queryable, { at: number; tree: Promise<StoredCategory[]> }>();

/** Every category, active or not (inactive parents still lend their limits to their children). */
export async function categoryTree(db: Queryable): Promise<StoredCategory[]> {
  const cached = treeCache.get(db);
  if (cached && performance.now() - cached.at < TREE_CACHE_MS) return cached.tree;
  const tree = allCategories(db).then((rows) =>
    rows.map((r) => ({
      code: r.code,
      name: { zh: r.name_zh, en: r.name_en },
      limits: r.limits as Partial<StepLimits>,
      isActive: r.is_active,
    })),
  );
  treeCache.set(db, { at: performance.now(), tree });
  tree.catch(() => treeCache.delete(db));
  return tree;
}

export async function listCategories(ctx: Context): Promise<TCaseCategoryTree> {
  return { categories: await categoryTree(ctx.db) };
}

/** Replaces the tree: the listed categories in their order; the rest made inactive. */
export async function replaceCategories(
  ctx: Context,
  actor: Actor,
  input: TCaseCategoryTree,
): Promise<TCaseCategoryTree> {
  treeCache.delete(ctx.db);
  const existing = await categoryTree(ctx.db);
  const listed = new Set(input.categories.map((c) => c.code));
  const all = [...input.categories, ...existing.filter((c) => !listed.has(c.code))];
  const problem = checkCategoryTree(all as CaseCategory[]);
  if (problem) throw new AppError('CASE_CATEGORY_TREE_INVALID', problem.code, problem.message);
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    for (const [i, c] of input.categories.entries()) {
      const row = {
        name_zh: c.name.zh,
        name_en: c.name.en,
        limits: JSON.stringify(c.limits),
        position: i + 1,
        is_active: c.isActive,
        updated_at: now,
      };
      await tx
        .insertInto('case_category')
        .values({ code: c.code, ...row })
        .onConflict((oc) => oc.column('code').doUpdateSet(row))
        .execute();
    }
    const dropped = existing.filter((c) => !listed.has(c.code) && c.isActive).map((c) => c.code);
    if (dropped.length > 0)
      await tx
        .updateTable('case_category')
        .set({ is_active: false, updated_at: now })
        .where('code', 'in', dropped)
        .execute();
    await appendAudit(
      tx,
      actor,
      { action: 'case.categories', details: { listed: listed.size, deactivated: dropped } },
      now,
    );
  });
  treeCache.delete(ctx.db);
  return listCategories(ctx);
}
