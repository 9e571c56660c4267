// A live feed of simulated events for the seeded city: every tick, the events of the time since the last
// tick, as the simulator has the city live them, through the ingestion pipeline. The rate is reached by
// letting a share of the households act (below the city's own rate) or by adding passers-by on top of
// it (above), so the residents' days stay what they are either way.
import { EventSimulator, type SimEvent } from '@civgrid/sim';
import type { Context } from '../platform/context.ts';
import {
  addCounts,
  type FeedCounts,
  loadSensingWorld,
  seededPlan,
  sendBatch,
  simulatorActor,
} from './seed-events.ts';

export interface LiveOptions {
  /** Events per second to aim at, on average over a day. */
  rate: number;
  /** Time between two sends (default 2 s). */
  tickMs?: number;
  /** Where to print a line of counts every `reportEveryMs` (default 5 s); nothing when absent. */
  report?: (line: string) => void;
  reportEveryMs?: number;
  /** Where a failed tick is told (the next tick tries again). */
  onError?: (error: Error) => void;
  /** Ticks by itself (default); tests call `tick()` with their own clock instead. */
  autoStart?: boolean;
}

export interface LiveSimulation {
  readonly counts: FeedCounts;
  /** The city's own rate (events per second, averaged over a week) the feed was scaled from. */
  readonly naturalRate: number;
  /** Sends the events since the previous tick. */
  tick(): Promise<void>;
  /** Stops ticking and waits for the tick in flight. */
  stop(): Promise<void>;
}

const BATCH = 5000;
/** After a long pause (a suspended laptop) the feed resumes from this far back, not from the pause. */
const MAX_CATCH_UP_MS = 10 * 60_000;

/** Starts a live feed for the seeded city; `null` when the database holds no city civgrid seeded. */
export async function startLiveSimulation(
  ctx: Context,
  options: LiveOptions,
): Promise<LiveSimulation | null> {
  const plan = await seededPlan(ctx);
  if (!plan) return null;
  const actor = await simulatorActor(ctx, 'simulator');
  const world = await loadSensingWorld(plan);
  const naturalRate = new EventSimulator(world).expectedRate();
  const rate = Math.max(0, options.rate);
  const simulator = new EventSimulator(
    world,
    rate <= naturalRate
      ? { share: naturalRate > 0 ? rate / naturalRate : 0 }
      : { extraPerSecond: rate - naturalRate },
  );
  const counts: FeedCounts = { sent: 0, accepted: 0, duplicates: 0, rejected: 0 };
  let last = ctx.now().getTime();
  let stopped = false;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let reported = { at: Date.now(), sent: 0 };

  const send = async () => {
    const now = ctx.now().getTime();
    if (now <= last) return;
    const events: SimEvent[] = simulator.between(
      new Date(Math.max(last, now - MAX_CATCH_UP_MS)),
      new Date(now),
    );
    last = now;
    for (let i = 0; i < events.length && !stopped; i += BATCH) {
      const batch = events.slice(i, i + BATCH);
      addCounts(counts, batch.length, await sendBatch(ctx, actor, batch));
    }
  };
  const report = () => {
    if (!options.report || Date.now() - reported.at < (options.reportEveryMs ?? 5000)) return;
    const perSecond = ((counts.sent - reported.sent) * 1000) / (Date.now() - reported.at);
    options.report(
      `simulate: sent ${counts.sent} (${perSecond.toFixed(1)}/s) · accepted ${counts.accepted} · ` +
        `duplicates ${counts.duplicates} · rejected ${counts.rejected}`,
    );
    reported = { at: Date.now(), sent: counts.sent };
  };
  const tick = async () => {
    if (running) return running;
    running = send()
      .catch((error: Error) => options.onError?.(error))
      .finally(() => {
        running = null;
        report();
      });
    return running;
  };
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => void tick().then(schedule), options.tickMs ?? 2000);
  };
  if (options.autoStart ?? true) schedule();
  return {
    counts,
    naturalRate,
    tick,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
