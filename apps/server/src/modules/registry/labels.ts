// Building QR labels. A label encodes `<origin>/l/<token>`: a random token with an HMAC tag, nothing
// about the building or anyone in it. Resolving a label is a scoped lookup, so a label found in the
// street opens the building for staff of that jurisdiction and nothing for anyone else.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { findInScope, scopedFrom } from '../../platform/scope.ts';

export function newLabelToken(ctx: Context): string {
  const body = randomBytes(12).toString('base64url');
  return `${body}.${ctx.crypto.linkTag(body)}`;
}

/** True when the token carries a valid tag: forged or mistyped tokens never reach the database. */
export function isGenuineToken(ctx: Context, token: string): boolean {
  const [body, signature] = token.split('.');
  if (!body || !signature) return false;
  const expected = Buffer.from(ctx.crypto.linkTag(body));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function labelSheet(ctx: Context, actor: Actor, gridCode: string, origin: string) {
  const grid = await findInScope(
    ctx.db,
    actor,
    { table: 'org_unit', column: 'code', value: gridCode },
    () =>
      scopedFrom(ctx.db, actor, 'org_unit')
        .select(['org_unit.name', 'org_unit.org_path'])
        .where('org_unit.code', '=', gridCode)
        .where('org_unit.level', '=', 'grid')
        .executeTakeFirst(),
    ctx.now(),
  );
  if (!grid) throw new AppError('NOT_FOUND');
  const buildings = await ctx.db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('building')
      .select(['id', 'code', 'name', 'address', 'label_token'])
      .where('org_path', '=', grid.org_path)
      .orderBy('code')
      .execute();
    const missing = rows.filter((r) => !r.label_token);
    for (const row of missing) {
      row.label_token = newLabelToken(ctx);
      await tx
        .updateTable('building')
        .set({ label_token: row.label_token })
        .where('id', '=', row.id)
        .execute();
    }
    await appendAudit(
      tx,
      actor,
      {
        action: 'building.labels',
        targetType: 'org_unit',
        targetId: gridCode,
        orgPath: grid.org_path,
        details: { labels: rows.length, issued: missing.length },
      },
      ctx.now(),
    );
    return rows;
  });
  const labels = await Promise.all(
    buildings.map(async (b) => {
      const url = `${origin}/l/${b.label_token}`;
      const qrSvg = await QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
      return { buildingId: b.id, code: b.code, name: b.name, address: b.address, url, qrSvg };
    }),
  );
  return { gridCode, gridName: grid.name, labels };
}

export async function resolveLabel(ctx: Context, actor: Actor, token: string) {
  if (!isGenuineToken(ctx, token)) throw new AppError('NOT_FOUND');
  const building = await scopedFrom(ctx.db, actor, 'building')
    .select(['building.id', 'building.org_path'])
    .where('building.label_token', '=', token)
    .executeTakeFirst();
  if (!building) {
    await auditAlone(
      ctx.db,
      actor,
      { action: 'building.label-resolve', outcome: 'denied', details: { token: token.slice(0, 6) } },
      ctx.now(),
    );
    throw new AppError('NOT_FOUND');
  }
  return { buildingId: building.id };
}
