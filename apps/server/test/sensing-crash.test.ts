// Crash safety: a real server process is killed (SIGKILL) at random moments while gateways send, twenty
// times, and restarted. Every event it acknowledged must be stored, and once every batch has finally
// gone through, every event must be stored exactly once.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './harness.ts';
import { TEST_SECRET } from './template.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const KILLS = 20;
const BATCHES = 120;
const PER_BATCH = 100;

let h: Harness;
let key: string;
let devices: string[];
beforeAll(async () => {
  h = await createHarness();
  key = await h.apiKey();
  devices = (await h.ctx.db.selectFrom('device').select('code').where('type', '=', 'face').execute()).map(
    (d) => d.code,
  );
});
afterAll(() => h.close());

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts', 'start'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: h.ctx.config.databaseUrl!,
      PORT: String(port),
      HOST: '127.0.0.1',
      CIVGRID_SEED: 'none',
      CIVGRID_SIMULATE: '0',
      CIVGRID_SECRET: TEST_SECRET,
      MQTT_URL: '',
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('civgrid ready')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was ready`)));
  });
  return child;
}

describe('killing the server during ingestion', () => {
  it(`never loses an acknowledged event and stores each exactly once (${KILLS} kills)`, async () => {
    const next = random(20_261_129);
    // Twelve thousand events a fifth of a second apart, ending before now (none in the future).
    const start = Date.now() - 3_600_000;
    const batches = Array.from({ length: BATCHES }, (_, b) =>
      Array.from({ length: PER_BATCH }, (_, i) => ({
        eventId: `crash-${b}-${i}`,
        deviceCode: devices[(b + i) % devices.length]!,
        type: 'face',
        time: new Date(start + (b * PER_BATCH + i) * 200).toISOString(),
      })),
    );
    const acknowledged = new Set<number>();
    const port = 19_500 + (process.pid % 400);
    const send = async (b: number) => {
      const response = await fetch(`http://127.0.0.1:${port}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify(batches[b]),
      });
      if (response.status !== 200) return;
      const answer = (await response.json()) as { rejected: unknown[] };
      expect(answer.rejected).toEqual([]);
      acknowledged.add(b);
    };
    // Two senders work through the batches (each batch at least once, some several times) until the
    // process dies under them.
    const sendUntilDeath = async (child: ChildProcess) => {
      const dead = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      let alive = true;
      void dead.then(() => {
        alive = false;
      });
      const sender = async () => {
        while (alive) {
          const b = Math.floor(next() * BATCHES);
          await send(b).catch(() => {});
        }
      };
      setTimeout(() => child.kill('SIGKILL'), 100 + next() * 900);
      await Promise.all([sender(), sender(), dead]);
    };
    for (let kill = 0; kill < KILLS; kill++) await sendUntilDeath(await startServer(port));

    const stored = async () =>
      (
        await sql<{ event_id: string; n: number }>`
          select event_id, count(*)::int as n from sensing_event where event_id like 'crash-%' group by event_id`.execute(
          h.ctx.db,
        )
      ).rows;
    const afterKills = new Map((await stored()).map((r) => [r.event_id, r.n]));
    expect(acknowledged.size).toBeGreaterThan(0);
    for (const b of acknowledged) for (const e of batches[b]!) expect(afterKills.get(e.eventId)).toBe(1);

    // The gateways resend whatever was not acknowledged; then every event is there exactly once.
    const last = await startServer(port);
    try {
      for (let b = 0; b < BATCHES; b++) if (!acknowledged.has(b)) await send(b);
      await send(0);
    } finally {
      last.kill('SIGTERM');
      await new Promise((resolve) => last.once('exit', resolve));
    }
    const final = await stored();
    expect(final.length).toBe(BATCHES * PER_BATCH);
    expect(final.every((r) => r.n === 1)).toBe(true);
  }, 600_000);
});
