// One dedicated PostgreSQL connection per process that LISTENs for what other processes (and this one)
// commit: `civgrid_alert` for the live push, `civgrid_watchlist` for the watchlist matcher's cache,
// `civgrid_session` for the session cache. Never
// one per client: any number of browsers share it. When the connection drops it is opened again with a
// growing pause, and every subscriber is told to catch up, since notifications sent meanwhile are lost.
import pg from 'pg';
import type { Context } from './context.ts';

type Handler = (payload: string) => void;

interface Channel {
  handlers: Set<Handler>;
  resyncs: Set<() => void>;
}

const MAX_PAUSE_MS = 30_000;

export class PgListener {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly channels = new Map<string, Channel>();
  private readonly closers = new Set<() => void>();
  private pause = 500;
  private retry: NodeJS.Timeout | null = null;
  private isClosed = false;

  constructor(private readonly pool: pg.Pool) {}

  /** Calls `handler` with each notification's payload on `channel`, and `onResync` after a reconnection;
   *  resolves once LISTEN is in effect, so anything committed afterwards is heard. Answers the unsubscribe. */
  async listen(channel: string, handler: Handler, onResync?: () => void): Promise<() => void> {
    let entry = this.channels.get(channel);
    const isNew = entry === undefined;
    if (!entry) {
      entry = { handlers: new Set(), resyncs: new Set() };
      this.channels.set(channel, entry);
    }
    entry.handlers.add(handler);
    if (onResync) entry.resyncs.add(onResync);
    const client = await this.connect();
    if (isNew && this.client === client) await client.query(`listen ${client.escapeIdentifier(channel)}`);
    return () => {
      entry.handlers.delete(handler);
      if (onResync) entry.resyncs.delete(onResync);
    };
  }

  /** Runs `fn` when the listener closes (with the app): timers of subscribers stop with it. */
  onClose(fn: () => void) {
    this.closers.add(fn);
  }

  get closed() {
    return this.isClosed;
  }

  /** Whether notifications are being heard right now (between a drop and the reconnection they are lost). */
  get connected() {
    return this.client !== null;
  }

  async close() {
    if (this.isClosed) return;
    this.isClosed = true;
    if (this.retry) clearTimeout(this.retry);
    for (const fn of this.closers) fn();
    const client = this.client ?? (await this.connecting?.catch(() => null));
    this.client = null;
    await client?.end().catch(() => {});
  }

  private connect(): Promise<pg.Client> {
    if (this.client) return Promise.resolve(this.client);
    if (this.isClosed) return Promise.reject(new Error('the listener is closed'));
    this.connecting ??= this.open().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async open(): Promise<pg.Client> {
    const options = this.pool.options;
    const client = new pg.Client({
      ...(options as pg.ClientConfig),
      application_name: 'civgrid-listen',
    });
    client.on('notification', (message) => {
      const entry = this.channels.get(message.channel);
      if (!entry) return;
      for (const handler of entry.handlers) handler(message.payload ?? '');
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    for (const channel of this.channels.keys())
      await client.query(`listen ${client.escapeIdentifier(channel)}`);
    if (this.isClosed) {
      await client.end().catch(() => {});
      throw new Error('the listener is closed');
    }
    this.client = client;
    this.pause = 500;
    return client;
  }

  /** The connection broke: open it again after a pause, then have everyone catch up. */
  private lost(client: pg.Client) {
    if (this.client !== client || this.isClosed) return;
    this.client = null;
    client.end().catch(() => {});
    const reopen = () => {
      this.retry = null;
      this.connect().then(
        () => {
          for (const entry of this.channels.values()) for (const resync of entry.resyncs) resync();
        },
        () => {
          this.pause = Math.min(this.pause * 2, MAX_PAUSE_MS);
          if (!this.isClosed) this.retry = setTimeout(reopen, this.pause);
        },
      );
    };
    this.retry = setTimeout(reopen, this.pause);
  }
}

const listeners = new WeakMap<Context, PgListener>();

/** The process's listener on this database (one per Context). */
export function listenerOf(ctx: Context): PgListener {
  let listener = listeners.get(ctx);
  if (!listener || listener.closed) {
    listener = new PgListener(ctx.pool);
    listeners.set(ctx, listener);
  }
  return listener;
}

/** Closes the listener and what hangs on it (the app's onClose does this). */
export async function closeListener(ctx: Context): Promise<void> {
  const listener = listeners.get(ctx);
  listeners.delete(ctx);
  await listener?.close();
}
