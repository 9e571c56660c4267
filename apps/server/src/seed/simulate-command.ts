// The simulator as the command line runs it: `civgrid simulate [--rate N]` in the foreground until
// Ctrl-C, the gentle in-process feed of the demo start, and the backfill after seeding the demo city.
import type { CityPlan } from '@civgrid/sim';
import { ConfigError } from '../platform/config.ts';
import type { Context } from '../platform/context.ts';
import { progressBar } from '../platform/progress.ts';
import { startLiveSimulation } from './live-events.ts';
import { backfillEvents } from './seed-events.ts';

/** The demo start's live feed: a few events a second, enough for the console to show something live. */
export const DEMO_FEED_RATE = 2;
/** Days of events the demo seed loads, so dossiers, trajectories and the device map are not empty. */
export const BACKFILL_DAYS = 7;
export const DEFAULT_SIMULATE_RATE = 20;

/** Loads the last `BACKFILL_DAYS` days of simulated events for the city just seeded from `plan`. */
export async function loadBackfill(ctx: Context, plan: CityPlan, log: (line: string) => void) {
  const started = Date.now();
  const counts = await backfillEvents(
    ctx,
    plan,
    BACKFILL_DAYS,
    progressBar(`simulating the last ${BACKFILL_DAYS} days (minutes):`),
  );
  log(
    `loaded ${counts.accepted} simulated events of the last ${BACKFILL_DAYS} days in ` +
      `${((Date.now() - started) / 1000).toFixed(1)} s (${counts.rejected} rejected)`,
  );
}

/** Starts the demo feed in the background (start-up never waits for it); `stop()` ends it. */
export function startDemoFeed(ctx: Context, log: (line: string) => void) {
  let stopped = false;
  let lastError = 0;
  const starting = startLiveSimulation(ctx, {
    rate: DEMO_FEED_RATE,
    onError: (error) => {
      // A database restart fails every tick; once a minute is enough to tell.
      if (Date.now() - lastError < 60_000) return;
      lastError = Date.now();
      log(`simulator: ${error.message}`);
    },
  }).then(
    async (feed) => {
      if (stopped) await feed?.stop();
      else if (feed)
        log(`simulating live events at about ${DEMO_FEED_RATE}/s (CIVGRID_SIMULATE=0 turns it off)`);
      return feed;
    },
    (error: Error) => {
      log(`simulator not started: ${error.message}`);
      return null;
    },
  );
  return {
    async stop() {
      stopped = true;
      await (await starting)?.stop();
    },
  };
}

/** `civgrid simulate`: streams live events at about `rate` a second until SIGINT or SIGTERM. */
export async function runSimulateCommand(ctx: Context, rate: number, log: (line: string) => void) {
  if (!(rate > 0)) throw new ConfigError('--rate must be a positive number of events per second');
  log('loading the seeded city…');
  const feed = await startLiveSimulation(ctx, {
    rate,
    report: log,
    onError: (error) => log(`simulate: ${error.message}`),
  });
  if (!feed) throw new ConfigError('no seeded city to simulate: run `civgrid seed` first');
  log(
    `simulating about ${rate} events/s (the city's own rate is ${feed.naturalRate.toFixed(1)}/s); Ctrl-C stops`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await feed.stop();
  const { sent, accepted, duplicates, rejected } = feed.counts;
  log(
    `simulate: stopped after ${sent} events: ${accepted} accepted, ${duplicates} duplicates, ${rejected} rejected`,
  );
}
