// Device codes → the devices the pipeline writes events for, and who may send for them. Devices change
// rarely and every batch names them, so each process remembers them for a minute.
import type { Actor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';

export interface KnownDevice {
  id: string;
  code: string;
  type: string;
  orgPath: string;
}

const TTL_MS = 60_000;

export class DeviceDirectory {
  private devices = new Map<string, KnownDevice>();
  private loadedAt = Date.now();

  constructor(private readonly ctx: Context) {}

  /** The devices with these codes that exist (unknown codes are absent from the answer). */
  async find(codes: Iterable<string>): Promise<Map<string, KnownDevice>> {
    if (Date.now() - this.loadedAt > TTL_MS) {
      this.devices = new Map();
      this.loadedAt = Date.now();
    }
    const found = new Map<string, KnownDevice>();
    const missing: string[] = [];
    for (const code of codes) {
      const device = this.devices.get(code);
      if (device) found.set(code, device);
      else if (!found.has(code)) missing.push(code);
    }
    if (missing.length > 0) {
      const rows = await this.ctx.db
        .selectFrom('device')
        .select(['id', 'code', 'type', 'org_path'])
        .where('code', 'in', missing)
        .where('type', '!=', 'phone')
        .execute();
      for (const row of rows) {
        const device = { id: row.id, code: row.code, type: row.type, orgPath: row.org_path };
        this.devices.set(row.code, device);
        found.set(row.code, device);
      }
    }
    return found;
  }
}

/** A key sends for its own device, or for any device inside its scope; anything else is unknown to it,
 *  exactly like a device that does not exist. */
export function maySendFor(actor: Actor, device: KnownDevice): boolean {
  if (actor.deviceId !== undefined) return actor.deviceId === device.id;
  return device.orgPath === actor.scopePath || device.orgPath.startsWith(`${actor.scopePath}.`);
}
