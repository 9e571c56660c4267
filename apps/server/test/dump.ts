// The text of a database dump. Uses pg_dump when the installed one can dump this server (pg_dump refuses
// newer servers: the machine's pg_dump 15 cannot dump the embedded 17); otherwise COPYs every table out,
// which is exactly the data section pg_dump would write.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

export async function dumpDatabase(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const serverMajor =
      Number((await client.query('show server_version_num')).rows[0].server_version_num) / 10_000;
    const dumpVersion = spawnSync('pg_dump', ['--version'], { encoding: 'utf8' }).stdout?.match(
      /(\d+)\./,
    )?.[1];
    if (dumpVersion && Number(dumpVersion) >= Math.floor(serverMajor)) {
      const run = spawnSync('pg_dump', ['--dbname', url], { encoding: 'utf8', maxBuffer: 1 << 30 });
      if (run.status === 0) return run.stdout;
    }
    const tables = await client.query<{ name: string }>(
      `select format('%I.%I', schemaname, tablename) as name from pg_tables where schemaname not in ('pg_catalog', 'information_schema')`,
    );
    const parts: string[] = [];
    for (const { name } of tables.rows) {
      const { rows } = await client.query(`select t::text as line from ${name} t`);
      parts.push(`-- ${name}\n${rows.map((r) => r.line).join('\n')}`);
    }
    return parts.join('\n');
  } finally {
    await client.end();
  }
}
