// Configuration from the environment, read once at start-up. Everything has a demo default except what
// production must set on purpose (CIVGRID_SECRET).

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface Config {
  mode: 'demo' | 'production';
  host: string;
  port: number;
  dataDir: string;
  /** External PostgreSQL; when absent civgrid runs its embedded PostgreSQL on `embeddedPgPort`. */
  databaseUrl: string | null;
  embeddedPgPort: number;
  /** Master secret: encryption and keyed-hash keys are derived from it. */
  secret: string;
  seed: 'demo' | 'none';
  simulate: boolean;
  timezone: string;
  tileUrl: string | null;
  logLevel: string;
  /** Sensing events (and the identities only they mention) are kept this many days. */
  retentionDays: number;
  /** MQTT broker to take events from (`civgrid/events/<deviceCode>`); none when null. */
  mqttUrl: string | null;
  /** HTTP Digest credentials GA/T 1400 devices register with. */
  viid: { user: string; password: string };
  /** The token the WeChat Official Account's server settings name (服务器配置 → Token); empty: off. */
  wechat: { token: string };
  /** Minutes past a step's deadline before an open case escalates to the level above by itself. */
  escalationGraceMinutes: number;
  /** Where residents' notifications go: webhooks (POST JSON, 2xx = delivered) in front of the SMS gateway
   *  and the WeChat Official Account; unset, the channel writes to the log. Optional so a hand-made
   *  configuration (tests) may leave them out. */
  smsWebhook?: string | null;
  wechatWebhook?: string | null;
  /** Whose X-Forwarded-For to believe (Fastify's trustProxy): off unless a proxy is named, so a client
   *  cannot choose the address its rate limits and audit rows are kept under. */
  trustProxy?: boolean | string;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const mode = env.CIVGRID_MODE === 'production' ? 'production' : 'demo';
  const dataDir = resolve(env.CIVGRID_DATA ?? './data');
  const seed = env.CIVGRID_SEED === 'none' ? 'none' : 'demo';
  if (mode === 'production' && !env.CIVGRID_SECRET) {
    throw new ConfigError('CIVGRID_MODE=production needs CIVGRID_SECRET (at least 32 characters)');
  }
  if (mode === 'production' && seed === 'demo' && env.CIVGRID_SEED !== undefined) {
    throw new ConfigError(
      'CIVGRID_MODE=production refuses CIVGRID_SEED=demo: demo accounts have a public password',
    );
  }
  // Production seeds nothing (and so simulates nothing) unless told to.
  const effectiveSeed = mode === 'production' && env.CIVGRID_SEED === undefined ? 'none' : seed;
  const secret = env.CIVGRID_SECRET ?? demoSecret(dataDir);
  if (secret.length < 32) throw new ConfigError('CIVGRID_SECRET must be at least 32 characters');
  return {
    mode,
    host: env.HOST ?? '0.0.0.0',
    port: Number(env.PORT ?? 8080),
    dataDir,
    databaseUrl: env.DATABASE_URL || null,
    embeddedPgPort: Number(env.CIVGRID_PG_PORT ?? 5488),
    secret,
    seed: effectiveSeed,
    simulate: (env.CIVGRID_SIMULATE ?? (effectiveSeed === 'demo' ? '1' : '0')) === '1',
    timezone: env.CIVGRID_TIMEZONE ?? 'Asia/Shanghai',
    tileUrl: env.CIVGRID_TILE_URL || null,
    // Request logs are for operators of a real installation; a demo terminal shows only what goes wrong.
    logLevel: env.LOG_LEVEL ?? (mode === 'production' ? 'info' : 'warn'),
    retentionDays: positiveInteger(env.CIVGRID_RETENTION_DAYS ?? '90', 'CIVGRID_RETENTION_DAYS'),
    mqttUrl: env.MQTT_URL || null,
    viid: viidCredentials(env, mode),
    wechat: { token: wechatToken(env, mode) },
    escalationGraceMinutes: positiveInteger(
      env.CIVGRID_ESCALATION_GRACE_MINUTES ?? '60',
      'CIVGRID_ESCALATION_GRACE_MINUTES',
    ),
    smsWebhook: env.CIVGRID_SMS_WEBHOOK || null,
    wechatWebhook: env.CIVGRID_WECHAT_WEBHOOK || null,
    trustProxy: trustProxy(env.CIVGRID_TRUST_PROXY),
  };
}

/** `true` trusts every proxy hop; a comma-separated list of addresses or CIDRs trusts only those. */
function trustProxy(value: string | undefined): boolean | string {
  if (!value || value === 'false' || value === '0') return false;
  return value === 'true' || value === '1' ? true : value;
}

function positiveInteger(value: string, name: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new ConfigError(`${name} must be a positive whole number`);
  return n;
}

/** GA/T 1400 Digest credentials; the demo pair is public, so production must set its own. */
function viidCredentials(env: NodeJS.ProcessEnv, mode: 'demo' | 'production') {
  const user = env.CIVGRID_VIID_USER ?? 'viid';
  const password = env.CIVGRID_VIID_PASSWORD ?? (mode === 'production' ? '' : 'civgrid-demo');
  if (mode === 'production' && password === 'civgrid-demo')
    throw new ConfigError('CIVGRID_MODE=production refuses the public demo CIVGRID_VIID_PASSWORD');
  return { user, password };
}

/** The WeChat callback's token; the demo one is public, so production must set its own (or none: off). */
function wechatToken(env: NodeJS.ProcessEnv, mode: 'demo' | 'production'): string {
  const token = env.CIVGRID_WECHAT_TOKEN ?? (mode === 'production' ? '' : 'civgrid-demo');
  if (mode === 'production' && token === 'civgrid-demo')
    throw new ConfigError('CIVGRID_MODE=production refuses the public demo CIVGRID_WECHAT_TOKEN');
  return token;
}

/** In demo mode a random secret is made once and kept in the data directory, so encrypted fields stay
 *  readable across restarts without asking a newcomer to configure anything. */
function demoSecret(dataDir: string): string {
  const file = join(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}
