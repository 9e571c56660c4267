// Opens what a civgrid process runs on: the database (embedded unless DATABASE_URL is set), migrated,
// and the service context. `close()` shuts down in reverse order.
import { chainCommitted } from './audit.ts';
import type { Config } from './config.ts';
import type { Context } from './context.ts';
import { createFieldCrypto } from './crypto.ts';
import { type Database, openDatabase } from './db.ts';
import { type EmbeddedServer, startEmbeddedPostgres } from './embedded-postgres.ts';
import { migrate } from './migrate.ts';

export interface Stack {
  ctx: Context;
  database: Database;
  applied: string[];
  close(): Promise<void>;
}

export async function openStack(config: Config, log: (line: string) => void = () => {}): Promise<Stack> {
  let embedded: EmbeddedServer | null = null;
  let url = config.databaseUrl;
  if (!url) {
    log(`starting embedded PostgreSQL (data in ${config.dataDir}/pg, port ${config.embeddedPgPort})`);
    embedded = await startEmbeddedPostgres(config.dataDir, config.embeddedPgPort);
    url = embedded.url;
  }
  const database = openDatabase(url);
  try {
    const applied = await migrate(database.pool);
    const ctx: Context = {
      db: database.db,
      pool: database.pool,
      crypto: createFieldCrypto(config.secret),
      config,
      now: () => new Date(),
    };
    return {
      ctx,
      database,
      applied,
      async close() {
        // What this process wrote last (a CLI command, a job) joins the chain before the pool goes.
        await chainCommitted(database.db).catch(() => undefined);
        await database.close();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await database.close();
    await embedded?.stop();
    throw error;
  }
}
