// GA/T 1400 sessions and uploads. A DeviceID registers only when the device register (一机一档) already
// holds a device with that code: its grid decides who sees its events, and placing a camera in a grid
// is a deliberate act of someone responsible for that grid (the device import), not a side effect of a
// camera knowing the shared VIID password. Register carries no location either, so an unknown
// DeviceID is refused with StatusCode 4 until it is imported.
import { sql } from 'kysely';
import { type Actor, systemActor } from '../../../platform/actor.ts';
import { appendAudit } from '../../../platform/audit.ts';
import type { Context } from '../../../platform/context.ts';
import type { Lang } from '../../../platform/errors.ts';
import { cityRoot } from '../../org/service.ts';
import type { KnownDevice } from '../devices.ts';
import { type IngestResult, ingestEvents, ingestState } from '../ingest.ts';
import { heartbeat } from '../service.ts';

/** A registration lapses this long after the device's last authenticated request (observed: 5 min). */
export const SESSION_TTL_MS = 300_000;

const roots = new WeakMap<Context, { code: string; name: string; org_path: string }>();

/** The actor a registered device acts as. The VIID credentials are one account for the whole city, so
 *  a registered node (a camera, or a lower platform cascading its cameras' captures) may upload for any
 *  device in the register, as a city-wide gateway key may; the device each object names must exist. */
export async function viidActor(ctx: Context, caller: string, ip: string | null): Promise<Actor | null> {
  let root = roots.get(ctx);
  if (!root) {
    root = await cityRoot(ctx.db);
    if (!root) return null;
    roots.set(ctx, root);
  }
  return systemActor(root, `viid ${caller}`, ip);
}

async function findDevice(ctx: Context, code: string): Promise<KnownDevice | undefined> {
  return (await ingestState(ctx).devices.find([code])).get(code);
}

/** Registers a device that the register holds; false when it holds none with this code. */
export async function registerDevice(ctx: Context, actor: Actor, code: string): Promise<boolean> {
  const device = await findDevice(ctx, code);
  if (!device) return false;
  const now = ctx.now();
  await ctx.db.transaction().execute(async (tx) => {
    await sql`
      insert into viid_session (device_id, registered_at, expires_at)
      values (${device.id}, ${now}, ${new Date(now.getTime() + SESSION_TTL_MS)})
      on conflict (device_id) do update
        set registered_at = excluded.registered_at, expires_at = excluded.expires_at`.execute(tx);
    await appendAudit(
      tx,
      actor,
      {
        action: 'sensing.viid.register',
        targetType: 'device',
        targetId: device.id,
        orgPath: device.orgPath,
        details: { deviceId: code },
      },
      now,
    );
  });
  await heartbeat(ctx, actor, code);
  return true;
}

/** Keeps a registered device's session alive; false when it has none (never registered, unregistered
 *  or lapsed), and the device must register again. */
export async function touchSession(ctx: Context, code: string): Promise<boolean> {
  const now = ctx.now();
  const result = await sql`
    update viid_session s set expires_at = ${new Date(now.getTime() + SESSION_TTL_MS)}
    from device d
    where d.id = s.device_id and d.code = ${code} and s.expires_at > ${now}`.execute(ctx.db);
  return Number(result.numAffectedRows ?? 0) === 1;
}

/** Ends a device's session (UnRegister); false when it had none. */
export async function unregisterDevice(ctx: Context, actor: Actor, code: string): Promise<boolean> {
  const device = await findDevice(ctx, code);
  if (!device) return false;
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const result = await sql`
      delete from viid_session where device_id = ${device.id} and expires_at > ${now}`.execute(tx);
    if (Number(result.numAffectedRows ?? 0) !== 1) return false;
    await appendAudit(
      tx,
      actor,
      {
        action: 'sensing.viid.unregister',
        targetType: 'device',
        targetId: device.id,
        orgPath: device.orgPath,
        details: { deviceId: code },
      },
      now,
    );
    return true;
  });
}

/** A keepalive: the session was already extended by the request's authentication; the device's
 *  heartbeat is what the console's online state reads. */
export async function keepalive(ctx: Context, actor: Actor, code: string): Promise<void> {
  await heartbeat(ctx, actor, code);
}

/** Feeds mapped objects to the pipeline; null when it is full. */
export function ingestObjects(
  ctx: Context,
  actor: Actor,
  events: unknown[],
  lang: Lang,
): Promise<IngestResult | null> {
  return ingestEvents(ctx, actor, events, 'viid', lang);
}
