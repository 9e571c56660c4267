// Threshold overrides (`alert_rule_setting`): read by every model run, edited by admins. The defaults
// and the rules for what a setting may hold are the domain's; this file only stores and audits.
import {
  ALERT_RULE_LABELS,
  ALERT_RULES,
  type AlertRule,
  CATEGORY_SCOPED_RULES,
  checkMergedSettings,
  checkRuleSettings,
  DEFAULT_RULE_SETTINGS,
  effectiveSettings,
  type RuleOverride,
} from '@civgrid/domain';
import type { Actor } from '../../../platform/actor.ts';
import { appendAudit } from '../../../platform/audit.ts';
import type { Context } from '../../../platform/context.ts';
import type { Queryable } from '../../../platform/db.ts';
import { AppError } from '../../../platform/errors.ts';

/** Every stored override. */
export async function loadOverrides(db: Queryable): Promise<RuleOverride[]> {
  const rows = await db.selectFrom('alert_rule_setting').select(['rule', 'category', 'settings']).execute();
  return rows.map((r) => ({ rule: r.rule, category: r.category, settings: r.settings }));
}

/** Attention categories and their own care limits. */
export async function attentionCategories(db: Queryable) {
  return db
    .selectFrom('attention_category')
    .select(['code', 'care_limit_hours', 'is_active'])
    .orderBy('code')
    .execute();
}

/** Checks `settings` as an override of `rule` (for `category`, when given) against the categories that
 *  exist; answers the override's settings, or throws VALIDATION_FAILED naming the field. */
export async function checkOverride(
  db: Queryable,
  rule: AlertRule,
  category: string | null,
  settings: unknown,
  others: readonly RuleOverride[],
): Promise<Record<string, unknown>> {
  const codes = new Set((await attentionCategories(db)).map((c) => c.code));
  if (category !== null && (!CATEGORY_SCOPED_RULES.includes(rule) || !codes.has(category)))
    throw new AppError('VALIDATION_FAILED', 'category', {
      zh: 'category：该规则不按关注类别设置，或类别不存在',
      en: 'category: this rule has no per-category settings, or no such category',
    });
  const checked = checkRuleSettings(rule, settings, (code) => codes.has(code));
  if (!checked.ok) throw new AppError('VALIDATION_FAILED', checked.field, checked.message);
  const merged = effectiveSettings(
    rule,
    [
      ...others.filter((o) => !(o.rule === rule && o.category === category)),
      { rule, category, settings: checked.settings },
    ],
    category,
  );
  const coherent = checkMergedSettings(rule, merged);
  if (!coherent.ok) throw new AppError('VALIDATION_FAILED', coherent.field, coherent.message);
  return checked.settings;
}

/** Every rule: its label, defaults, the settings in force and the stored overrides. */
export async function listRuleSettings(ctx: Context) {
  const rows = await ctx.db.selectFrom('alert_rule_setting').selectAll().orderBy('id').execute();
  const overrides = rows.map((r) => ({ rule: r.rule, category: r.category, settings: r.settings }));
  return {
    rules: ALERT_RULES.map((rule) => ({
      rule,
      label: ALERT_RULE_LABELS[rule],
      isCategoryScoped: CATEGORY_SCOPED_RULES.includes(rule),
      defaults: DEFAULT_RULE_SETTINGS[rule] as unknown as Record<string, unknown>,
      settings: effectiveSettings(rule, overrides) as unknown as Record<string, unknown>,
      overrides: rows
        .filter((r) => r.rule === rule)
        .map((r) => ({
          category: r.category,
          settings: r.settings,
          updatedBy: r.updated_by,
          updatedAt: r.updated_at.toISOString(),
        })),
    })),
  };
}

/** Replaces the override of `rule` (and `category`); empty settings remove it. Audited. */
export async function saveRuleSettings(
  ctx: Context,
  actor: Actor,
  rule: AlertRule,
  category: string | null,
  settings: Record<string, unknown>,
) {
  const now = ctx.now();
  const others = await loadOverrides(ctx.db);
  const checked = await checkOverride(ctx.db, rule, category, settings, others);
  await ctx.db.transaction().execute(async (tx) => {
    let remove = tx.deleteFrom('alert_rule_setting').where('rule', '=', rule);
    remove =
      category === null ? remove.where('category', 'is', null) : remove.where('category', '=', category);
    await remove.execute();
    if (Object.keys(checked).length > 0)
      await tx
        .insertInto('alert_rule_setting')
        .values({
          rule,
          category,
          settings: JSON.stringify(checked),
          updated_by: actor.name,
          updated_at: now,
        })
        .execute();
    await appendAudit(
      tx,
      actor,
      {
        action: 'alert.rule-settings',
        targetType: 'alert_rule',
        targetId: rule,
        details: { category, settings: checked },
      },
      now,
    );
  });
  return listRuleSettings(ctx);
}
