// A record's change history, read from the audit chain: every edit appends a row naming the record and
// what changed (sensitive values masked before they are written), so the history cannot drift from it.
import { chainCommitted } from '../../platform/audit.ts';
import type { Db } from '../../platform/db.ts';

const CHANGE_ACTIONS = ['update', 'tag', 'tag-end', 'correction', 'label'];

/** The newest changes first. Rows committed but not yet chained are chained first, so a writer that
 *  reads the record back after its commit finds its own change. */
export async function recordHistory(db: Db, targetType: string, targetId: string, limit = 50) {
  await chainCommitted(db);
  const rows = await db
    .selectFrom('audit_log')
    .select(['seq', 'at', 'actor', 'action', 'details'])
    .where('target_type', '=', targetType)
    .where('target_id', '=', targetId)
    .where('outcome', '=', 'ok')
    .where(
      'action',
      'in',
      CHANGE_ACTIONS.map((a) => `${targetType}.${a}`),
    )
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    at: r.at.toISOString(),
    actor: r.actor,
    action: r.action,
    ...(r.details.changes
      ? { changes: r.details.changes as Record<string, { from: unknown; to: unknown }> }
      : {}),
    ...(typeof r.details.note === 'string' ? { note: r.details.note } : {}),
  }));
}

/** The fields whose values differ, as {from, to}; values of sensitive fields are passed in masked. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const [field, to] of Object.entries(after)) {
    if (to !== undefined && before[field] !== to) changes[field] = { from: before[field] ?? null, to };
  }
  return changes;
}
