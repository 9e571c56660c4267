// The live push in one process: the clients connected here, fed from the alert event log. Every process
// hears `civgrid_alert` on its one listening connection (whichever process raised or changed the alert),
// reads the events after the last it handled — in order, so a notification lost in a reconnection is
// caught up by the next — reads each alert once, and writes it to every client whose jurisdiction holds
// it. A client that resumes (`Last-Event-ID`) is registered first and its missed events read after, so
// nothing falls between the two; what both deliver is sent once, by number.
import { type Actor, systemActor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import { listenerOf } from '../../platform/listener.ts';
import { presentSummary } from '../alerts/presenter.ts';
import { findAlert } from '../alerts/repository.ts';
import {
  type AlertEventRow,
  eventsAfter,
  latestSeq,
  missedInScope,
  prunedThrough,
  pruneEvents,
} from './repository.ts';

export interface LiveOptions {
  heartbeatMs: number;
  /** How often a stream's session is checked (logged out, expired, disabled → the stream ends). */
  sessionCheckMs: number;
  /** More alerts than this in one catch-up for one client, and it is told to reload instead. */
  burstLimit: number;
  /** How long the event log keeps events for resuming clients. */
  keepHours: number;
}

export const DEFAULT_LIVE_OPTIONS: LiveOptions = {
  heartbeatMs: 20_000,
  sessionCheckMs: 60_000,
  burstLimit: 200,
  keepHours: 72,
};

/** One connected client. `write` answers false when the connection can take no more. */
export interface LiveClient {
  actor: Actor;
  write(frame: string): boolean;
  close(): void;
  isSessionAlive(): Promise<boolean>;
}

interface Subscriber {
  client: LiveClient;
  lastSent: bigint;
  /** Frames that arrived while the client's missed events were being read. */
  buffered: { seq: bigint; frame: string }[] | null;
}

const PAGE = 500;
const READ_CONCURRENCY = 4;

const frame = (seq: bigint, event: string, data: unknown) =>
  `id: ${seq}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

const holds = (scopePath: string, orgPath: string) =>
  orgPath === scopePath || orgPath.startsWith(`${scopePath}.`);

export class AlertHub {
  private cursor = 0n;
  private starting: Promise<void> | null = null;
  private isPumping = false;
  private isPumpAgain = false;
  private readonly subscribers = new Set<Subscriber>();
  private readonly timers: NodeJS.Timeout[] = [];
  private reader: Actor | null = null;
  private isStopped = false;

  constructor(
    private readonly ctx: Context,
    readonly options: LiveOptions,
  ) {}

  get clientCount() {
    return this.subscribers.size;
  }

  /** Connects a client: from now on it gets every alert event in its jurisdiction; with `lastEventId`,
   *  first those it missed after it (the current state of each alert), or `resync` when they cannot be
   *  replayed (pruned, or too many), after which it should reload its list. */
  async subscribe(client: LiveClient, lastEventId: bigint | null): Promise<{ replayed: number }> {
    await this.start();
    const sub: Subscriber = { client, lastSent: 0n, buffered: [] };
    this.subscribers.add(sub);
    let replayed = 0;
    const latest = await latestSeq(this.ctx.db);
    if (lastEventId === null) {
      client.write(`retry: 3000\n\n${frame(latest, 'ready', { heartbeatMs: this.options.heartbeatMs })}`);
      sub.lastSent = latest;
    } else {
      const missed =
        lastEventId > latest || lastEventId < (await prunedThrough(this.ctx.db))
          ? null
          : await missedInScope(this.ctx.db, client.actor.scopePath, lastEventId, this.options.burstLimit);
      client.write('retry: 3000\n\n');
      if (missed === null || missed.length > this.options.burstLimit) {
        client.write(frame(latest, 'resync', {}));
        sub.lastSent = latest;
      } else {
        const alerts = await this.readAlerts(missed.map((m) => m.alertId));
        sub.lastSent = lastEventId;
        for (const m of missed) {
          const alert = alerts.get(m.alertId);
          if (alert) client.write(frame(m.seq, 'alert', alert));
          sub.lastSent = m.seq;
        }
        replayed = missed.length;
        // Nothing newer in scope up to `latest` was missed: say so, so its last id moves on.
        if (sub.lastSent < latest) {
          client.write(frame(latest, 'ready', { heartbeatMs: this.options.heartbeatMs }));
          sub.lastSent = latest;
        }
      }
    }
    const buffered = sub.buffered ?? [];
    sub.buffered = null;
    for (const b of buffered) if (b.seq > sub.lastSent) this.send(sub, b.seq, b.frame);
    return { replayed };
  }

  unsubscribe(client: LiveClient) {
    for (const sub of this.subscribers) if (sub.client === client) this.subscribers.delete(sub);
  }

  /** Ends every stream (the app is closing) and stops the timers. */
  stop() {
    this.isStopped = true;
    for (const timer of this.timers) clearInterval(timer);
    for (const sub of this.subscribers) sub.client.close();
    this.subscribers.clear();
    hubs.delete(this.ctx);
  }

  private start(): Promise<void> {
    this.starting ??= (async () => {
      const listener = listenerOf(this.ctx);
      const pump = () => void this.pump();
      await listener.listen('civgrid_alert', pump, pump);
      listener.onClose(() => this.stop());
      this.cursor = await latestSeq(this.ctx.db);
      const root = await this.ctx.db
        .selectFrom('org_unit')
        .select(['code', 'name', 'org_path'])
        .where('level', '=', 'city')
        .executeTakeFirst();
      this.reader = root ? systemActor(root, 'live') : null;
      const every = (ms: number, fn: () => void) => {
        const timer = setInterval(fn, ms);
        timer.unref();
        this.timers.push(timer);
      };
      every(this.options.heartbeatMs, () => this.heartbeat());
      every(this.options.sessionCheckMs, () => void this.checkSessions());
      every(3_600_000, () => void pruneEvents(this.ctx.db, this.options.keepHours).catch(() => {}));
      // Events committed between LISTEN and reading the cursor were skipped on purpose: no client was here.
    })();
    this.starting.catch(() => {
      this.starting = null;
    });
    return this.starting;
  }

  /** Reads and delivers the events after the cursor; one pump at a time, run again if asked meanwhile. */
  private async pump() {
    if (this.isPumping) {
      this.isPumpAgain = true;
      return;
    }
    this.isPumping = true;
    try {
      do {
        this.isPumpAgain = false;
        for (;;) {
          const events = await eventsAfter(this.ctx.db, this.cursor, PAGE);
          if (events.length === 0) break;
          await this.deliver(events);
          this.cursor = events.at(-1)!.seq;
          if (events.length < PAGE) break;
        }
      } while (this.isPumpAgain && !this.isStopped);
    } catch {
      // The next notification, reconnection or heartbeat pumps again from the same cursor.
      setTimeout(() => void this.pump(), 1000).unref();
    } finally {
      this.isPumping = false;
    }
  }

  private async deliver(events: AlertEventRow[]) {
    const wanted = new Map<Subscriber, AlertEventRow[]>();
    for (const sub of this.subscribers) {
      const mine = events.filter((e) => holds(sub.client.actor.scopePath, e.orgPath) && e.seq > sub.lastSent);
      if (mine.length > 0) wanted.set(sub, mine);
    }
    if (wanted.size === 0) return;
    const ids = new Set<string>();
    const flooded = new Set<Subscriber>();
    for (const [sub, mine] of wanted) {
      if (new Set(mine.map((e) => e.alertId)).size > this.options.burstLimit) flooded.add(sub);
      else for (const e of mine) ids.add(e.alertId);
    }
    const alerts = await this.readAlerts([...ids]);
    for (const [sub, mine] of wanted) {
      if (flooded.has(sub)) {
        const last = mine.at(-1)!.seq;
        this.send(sub, last, frame(last, 'resync', {}));
        continue;
      }
      for (const e of mine) {
        const alert = alerts.get(e.alertId);
        if (alert) this.send(sub, e.seq, frame(e.seq, 'alert', alert));
      }
    }
  }

  private send(sub: Subscriber, seq: bigint, text: string) {
    if (sub.buffered) {
      sub.buffered.push({ seq, frame: text });
      return;
    }
    if (seq <= sub.lastSent) return;
    sub.lastSent = seq;
    if (!sub.client.write(text)) this.drop(sub);
  }

  /** A client that cannot keep up is let go; it reconnects with its last id and misses nothing. */
  private drop(sub: Subscriber) {
    this.subscribers.delete(sub);
    sub.client.close();
  }

  /** The alerts as the API shows them, read once whoever they go to. */
  private async readAlerts(ids: string[]) {
    const found = new Map<string, ReturnType<typeof presentSummary>>();
    const reader = this.reader;
    if (!reader) return found;
    const queue = [...ids];
    const work = async () => {
      for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
        const row = await findAlert(this.ctx.db, reader, id);
        if (row) found.set(id, presentSummary(row));
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_CONCURRENCY, ids.length) }, work));
    return found;
  }

  private heartbeat() {
    const at = new Date().toISOString();
    for (const sub of this.subscribers)
      if (!sub.buffered && !sub.client.write(frame(sub.lastSent, 'heartbeat', { at }))) this.drop(sub);
    // A lost notification is caught up here at the latest.
    void this.pump();
  }

  private async checkSessions() {
    for (const sub of [...this.subscribers]) {
      const isAlive = await sub.client.isSessionAlive().catch(() => true);
      if (!isAlive && this.subscribers.has(sub)) {
        sub.client.write(frame(sub.lastSent, 'end', { reason: 'session' }));
        this.drop(sub);
      }
    }
  }
}

const hubs = new WeakMap<Context, AlertHub>();

/** The process's hub on this database; `options` apply when it is first made. */
export function hubOf(ctx: Context, options: Partial<LiveOptions> = {}): AlertHub {
  let hub = hubs.get(ctx);
  if (!hub) {
    hub = new AlertHub(ctx, { ...DEFAULT_LIVE_OPTIONS, ...options });
    hubs.set(ctx, hub);
  }
  return hub;
}

/** Ends the streams of this process (before the server waits for open connections to finish). */
export function stopHub(ctx: Context) {
  hubs.get(ctx)?.stop();
}
