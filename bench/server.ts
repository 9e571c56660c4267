// A civgrid server process for the benchmarks that go through HTTP: spawned (so its memory and CPU are
// its own and can be read), on the bench database, with no seed and no simulator, ready when it says so.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { DEMO_PASSWORD } from '@civgrid/domain';
import { serverNodeFlags } from '../bin/node-flags.mjs';

export const BENCH_SECRET = 'bench-secret-0123456789-abcdefghijklmnop';

export async function startServer(url: string, port: number): Promise<ChildProcess> {
  // CIVGRID_BENCH_PROFILE=<dir> writes a CPU profile of the server process there (open it in Chrome).
  const profile = process.env.CIVGRID_BENCH_PROFILE;
  const flags = [...serverNodeFlags(), ...(profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [])];
  const child = spawn(process.execPath, [...flags, '--import', 'tsx', 'apps/server/src/main.ts', 'start'], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: '127.0.0.1',
      CIVGRID_SEED: 'none',
      CIVGRID_SIMULATE: '0',
      CIVGRID_SECRET: BENCH_SECRET,
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    // Read everything it prints (the log adapter writes each notification): a full pipe would stall it.
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('civgrid ready')) resolve();
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return child;
}

/** Stops a server started here and waits for it to exit. */
export async function stopServer(server: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => server.once('exit', resolve));
  server.kill('SIGTERM');
  await exited;
}

/** Peak resident memory of a process (VmHWM), in MB. */
export const peakMb = (pid: number) =>
  Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;

/** A session cookie of a seeded account (demo password). */
export async function logIn(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (response.status !== 200) throw new Error(`log-in of ${username}: ${response.status}`);
  return response.headers.get('set-cookie')!.split(';')[0]!;
}

/** Sends requests over kept-alive sockets with node:http. On two shared cores the generator's CPU is
 *  taken from the server; this needs about 40 % of a core for 2,500 requests a second where `fetch`
 *  needs 70 % for 1,400. Answers the status and the body. */
function send(
  agent: http.Agent,
  url: string,
  method: string,
  headers: http.OutgoingHttpHeaders,
  payload: string | undefined,
) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const request = http.request(url, { agent, method, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({ status: response.statusCode!, text: Buffer.concat(chunks).toString() }),
      );
    });
    request.on('error', reject);
    request.end(payload);
  });
}

/** A request function for load on `base` as the user of `cookie`; throws on a status of 300 or above. */
export function loadClient(base: string, sockets: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  return async (path: string, cookie: string, body?: unknown) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = { cookie, ...(payload === undefined ? {} : { 'content-type': 'application/json' }) };
    const { status, text } = await send(
      agent,
      `${base}${path}`,
      payload === undefined ? 'GET' : 'POST',
      headers,
      payload,
    );
    if (status >= 300) throw new Error(`${path}: ${status} ${text.slice(0, 300)}`);
    return text;
  };
}

/** POSTs bodies already written out to `url` with fixed headers; answers status and body. */
export function rawPoster(url: string, headers: http.OutgoingHttpHeaders) {
  const agent = new http.Agent({ keepAlive: true });
  return (payload: string) => send(agent, url, 'POST', headers, payload);
}
