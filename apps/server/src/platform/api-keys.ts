// API keys for devices and scripts: `cg_<random>`, shown once, stored as a SHA-256 hash.
import type { Actor } from './actor.ts';
import type { Context } from './context.ts';
import { randomToken, sha256 } from './crypto.ts';

export function newApiKey(): { key: string; prefix: string; hash: Buffer } {
  const key = `cg_${randomToken(24)}`;
  return { key, prefix: key.slice(0, 8), hash: sha256(key) };
}

export async function resolveApiKey(ctx: Context, key: string, ip: string | null): Promise<Actor | null> {
  const row = await ctx.db
    .selectFrom('api_key as k')
    .innerJoin('org_unit as o', 'o.org_path', 'k.org_path')
    .select(['k.id', 'k.name', 'k.org_path', 'k.device_id', 'o.code', 'o.name as scope_name', 'o.level'])
    .where('k.key_hash', '=', sha256(key))
    .where('k.revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return {
    kind: 'apikey',
    id: row.id,
    name: row.name,
    // An API key has no staff role; `actorCan` grants it only the machine actions. The role field is
    // filled with the least privileged one so nothing that reads it by mistake gains rights.
    role: 'auditor',
    scopeCode: row.code,
    scopeName: row.scope_name,
    scopeLevel: row.level,
    scopePath: row.org_path,
    ip,
    ...(row.device_id ? { deviceId: row.device_id } : {}),
  };
}
