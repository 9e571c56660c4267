// HTTP Digest authentication as GA/T 1400 devices speak it (RFC 2617 / 7616: MD5, qop=auth).
// A nonce carries its own expiry and is tagged with an HMAC over the realm, so any civgrid process can
// check one it did not mint, a nonce from another realm or a forged one is refused, and an expired one
// is answered `stale=true` (the device retries with the fresh nonce without giving up). Replays are
// refused by recording each accepted (nonce, nonce count) pair in the database until the nonce expires.
import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type { Context } from '../../../platform/context.ts';

export const REALM = 'viid';
/** How long a nonce is good for (the observed practice is 300 s). */
export const NONCE_TTL_MS = 300_000;

const keys = new WeakMap<Context, { nonce: Buffer; ha1: string; opaque: string }>();
function keysOf(ctx: Context) {
  let k = keys.get(ctx);
  if (!k) {
    const nonce = Buffer.from(hkdfSync('sha256', ctx.config.secret, 'civgrid', 'viid-digest-nonce-v1', 32));
    const { user, password } = ctx.config.viid;
    k = {
      nonce,
      ha1: md5(`${user}:${REALM}:${password}`),
      opaque: createHmac('sha256', nonce).update(`opaque:${REALM}`).digest('hex').slice(0, 32),
    };
    keys.set(ctx, k);
  }
  return k;
}

const md5 = (value: string) => createHash('md5').update(value, 'utf8').digest('hex');
const tagOf = (key: Buffer, body: Buffer) =>
  createHmac('sha256', key).update(REALM).update(body).digest().subarray(0, 16);

/** A fresh nonce: 8 bytes of expiry, 8 random bytes and a 16-byte tag, in hex. */
function mintNonce(ctx: Context, now: Date): string {
  const body = Buffer.alloc(16);
  body.writeBigUInt64BE(BigInt(now.getTime() + NONCE_TTL_MS));
  randomBytes(8).copy(body, 8);
  return Buffer.concat([body, tagOf(keysOf(ctx).nonce, body)]).toString('hex');
}

/** The nonce's expiry when this realm minted it; null for anything else. */
function nonceExpiry(ctx: Context, nonce: string): number | null {
  if (!/^[0-9a-f]{64}$/.test(nonce)) return null;
  const raw = Buffer.from(nonce, 'hex');
  const body = raw.subarray(0, 16);
  if (!timingSafeEqual(raw.subarray(16), tagOf(keysOf(ctx).nonce, body))) return null;
  return Number(body.readBigUInt64BE(0));
}

/** The `WWW-Authenticate` value of a 401: always a new nonce. */
export function digestChallenge(ctx: Context, now: Date, isStale = false): string {
  const nonce = mintNonce(ctx, now);
  return (
    `Digest realm="${REALM}", qop="auth", nonce="${nonce}", opaque="${keysOf(ctx).opaque}", algorithm=MD5` +
    (isStale ? ', stale=true' : '')
  );
}

/** The parameters of a `Digest` Authorization header; null when it is not one. */
export function parseDigest(header: string | undefined): Record<string, string> | null {
  const m = header?.match(/^\s*Digest\s+(.*)$/is);
  if (!m) return null;
  const params: Record<string, string> = {};
  const pattern = /([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))/g;
  for (const p of m[1]!.matchAll(pattern)) {
    params[p[1]!.toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, '$1') : p[3]!;
  }
  return params;
}

export type DigestVerdict = { ok: true; username: string } | { ok: false; isStale: boolean };

const refused: DigestVerdict = { ok: false, isStale: false };
const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Checks a request's Digest credentials against the configured VIID account. `url` is the request
 *  target as received (path and query). */
export async function verifyDigest(
  ctx: Context,
  header: string | undefined,
  method: string,
  url: string,
  now: Date,
): Promise<DigestVerdict> {
  const p = parseDigest(header);
  if (!p) return refused;
  const { username, realm, nonce, uri, response, qop, nc, cnonce, opaque, algorithm } = p;
  if (!username || !nonce || !uri || !response || !nc || !cnonce) return refused;
  if (realm !== REALM || qop?.toLowerCase() !== 'auth' || !/^[0-9a-f]{8}$/i.test(nc)) return refused;
  if (algorithm !== undefined && algorithm.toUpperCase() !== 'MD5') return refused;
  if (opaque !== undefined && opaque !== keysOf(ctx).opaque) return refused;
  if (!sameTarget(uri, url)) return refused;
  const expiresAt = nonceExpiry(ctx, nonce);
  if (expiresAt === null) return refused;
  const { ha1 } = keysOf(ctx);
  const expected = md5(`${ha1}:${nonce}:${nc}:${cnonce}:auth:${md5(`${method}:${uri}`)}`);
  const isRightUser = sameText(username, ctx.config.viid.user);
  if (!sameText(response.toLowerCase(), expected) || !isRightUser) return refused;
  // Right credentials on an old nonce, or a nonce count used before: ask again with a new nonce.
  if (expiresAt <= now.getTime()) return { ok: false, isStale: true };
  if (!(await recordNonceUse(ctx, nonce, nc.toLowerCase(), new Date(expiresAt), now)))
    return { ok: false, isStale: true };
  return { ok: true, username };
}

/** Devices put the path in `uri`; a few send the absolute URL. */
function sameTarget(uri: string, url: string): boolean {
  if (uri === url) return true;
  try {
    const parsed = new URL(uri);
    return `${parsed.pathname}${parsed.search}` === url;
  } catch {
    return false;
  }
}

const lastSweep = new WeakMap<Context, number>();

/** True the first time this (nonce, count) is seen. Expired pairs are swept about once a minute. */
async function recordNonceUse(ctx: Context, nonce: string, nc: string, expiresAt: Date, now: Date) {
  if (now.getTime() - (lastSweep.get(ctx) ?? 0) > 60_000) {
    lastSweep.set(ctx, now.getTime());
    await sql`delete from viid_nonce_use where expires_at < ${now}`.execute(ctx.db);
  }
  const result = await sql`
    insert into viid_nonce_use (nonce, nc, expires_at) values (${nonce}, ${nc}, ${expiresAt})
    on conflict do nothing`.execute(ctx.db);
  return Number(result.numAffectedRows ?? 0) === 1;
}
