// API keys for devices and scripts: created by an admin (or the CLI), shown once, stored as a hash.
import type { Actor } from '../../platform/actor.ts';
import { newApiKey } from '../../platform/api-keys.ts';
import { appendAudit } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';

/** A key for `actor`'s scope, or, with `device`, for that one device's events (the device must be in scope). */
export async function createApiKey(
  ctx: Context,
  actor: Actor,
  name: string,
  device?: { id: string; orgPath: string },
) {
  const { key, prefix, hash } = newApiKey();
  return ctx.db.transaction().execute(async (tx) => {
    const { id } = await tx
      .insertInto('api_key')
      .values({
        name,
        key_hash: hash,
        key_prefix: prefix,
        org_path: device?.orgPath ?? actor.scopePath,
        device_id: device?.id ?? null,
        created_by: actor.kind === 'user' ? actor.id : null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      tx,
      actor,
      {
        action: 'apikey.create',
        targetType: 'api_key',
        targetId: id,
        details: { name, prefix, device: device?.id ?? null },
      },
      ctx.now(),
    );
    return { id, name, key };
  });
}
