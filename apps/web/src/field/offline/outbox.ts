// The outbox: every write the field app makes (a report, a check-in, a patrol point, an alert step, a read
// receipt, a reply, a case step) is first stored in IndexedDB with a client id, then sent when the network
// allows — at once when online, on the `online` event, and after failures with a growing back-off. An item
// leaves the outbox only when the server has answered it; the server keys its writes by the client id, so
// sending one twice (an answer lost on the way back) changes nothing. Items of one chain (a patrol and its
// points, the steps on one alert) go in order, one at a time; chains go side by side.
import { ApiError } from '../../lib/api.ts';
import { idb } from './idb.ts';

export type OutboxKind =
  | 'case-report'
  | 'case-step'
  | 'checkin'
  | 'patrol-start'
  | 'patrol-point'
  | 'patrol-stop'
  | 'alert-step'
  | 'instruction-read'
  | 'instruction-reply';

export interface OutboxItem<P = unknown> {
  /** The client id: crypto.randomUUID() when the user acted; the server's idempotency key. */
  id: string;
  /** Creation order across the whole outbox. */
  seq: number;
  kind: OutboxKind;
  userId: string;
  /** Items of one chain are sent in creation order, one at a time. */
  chain: string;
  createdAt: string;
  payload: P;
  attempts: number;
  /** Not before this time (ms since the epoch): the back-off after a failure. */
  nextAt: number;
  /** `failed`: the server refused it (it will not be sent again unless the user retries). */
  state: 'pending' | 'failed';
  error?: string;
  /** The server's error code for a refused item. */
  errorCode?: string;
  /** When a request that may have reached the server was first sent: a retry checks before repeating. */
  sentAt?: string;
}

/** What sends one kind of item: a batch of consecutive items of that kind in one chain (one, by default). */
export interface Sender {
  batch?: number;
  /** Resolves when the server has the items; throws ApiError otherwise (a 409 it understands it settles). */
  send(items: OutboxItem[], outbox: Outbox): Promise<void>;
}

export interface OutboxSnapshot {
  /** The current user's items, oldest first. */
  items: readonly OutboxItem[];
  pending: number;
  failed: number;
  isSyncing: boolean;
  isOnline: boolean;
  /** A request answered 401: sending waits for the next login. */
  needsLogin: boolean;
  /** Items sent since the page loaded. */
  synced: number;
  lastSyncedAt: number | null;
}

/** Chains sent side by side: a browser opens six connections to a host and the live stream holds one. */
const CONCURRENCY = 5;
/** Screens hear of changes at most this often while hundreds of items go out. */
const NOTIFY_MS = 100;
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;

/** 2 s doubling to 5 minutes, less up to a quarter at random so many phones do not retry in step. */
export function backoffMs(attempts: number): number {
  const full = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(full * (1 - Math.random() * 0.25));
}

type Verdict = 'retry' | 'login' | 'refused';

/** Network failures, timeouts, rate limits and server errors are worth retrying; other refusals are not. */
function verdictOf(error: unknown): Verdict {
  if (!(error instanceof ApiError)) return 'retry';
  if (error.status === 401) return 'login';
  if (error.isNetwork || error.status === 408 || error.status === 429 || error.status >= 500) return 'retry';
  return 'refused';
}

let lastSeq = 0;
function nextSeq(): number {
  lastSeq = Math.max(lastSeq + 1, Date.now() * 1000);
  return lastSeq;
}

export class Outbox {
  private readonly items = new Map<string, OutboxItem>();
  private readonly listeners = new Set<() => void>();
  private readonly senders: Record<OutboxKind, Sender>;
  private userId: string | null = null;
  private loaded: Promise<void> | null = null;
  private isRunning = false;
  private runAgain = false;
  private needsLogin = false;
  private synced = 0;
  private lastSyncedAt: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private notifying: ReturnType<typeof setTimeout> | null = null;
  private snapshot: OutboxSnapshot;

  constructor(senders: Record<OutboxKind, Sender>) {
    this.senders = senders;
    this.snapshot = this.makeSnapshot();
  }

  /** Loads the stored items and starts listening for the network; call once at start-up. */
  start(): Promise<void> {
    this.loaded ??= (async () => {
      const stored = await idb.getAll<OutboxItem>('outbox').catch(() => []);
      for (const item of stored) {
        this.items.set(item.id, item);
        lastSeq = Math.max(lastSeq, item.seq);
      }
      window.addEventListener('online', () => this.wake());
      window.addEventListener('offline', () => this.changed());
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible') this.kick();
      });
      this.changed();
    })();
    return this.loaded;
  }

  /** Whose items are sent (null: nobody logged in, nothing is sent). */
  setUser(userId: string | null): void {
    this.userId = userId;
    if (userId) this.needsLogin = false;
    this.changed();
    this.kick();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): OutboxSnapshot => this.snapshot;

  /** Stores a new item and tries to send it. Answers the item (its id is the client id). */
  async add<P>(
    kind: OutboxKind,
    payload: P,
    options: { chain?: string; id?: string } = {},
  ): Promise<OutboxItem<P>> {
    await this.start();
    if (!this.userId) throw new Error('nobody is logged in');
    const id = options.id ?? crypto.randomUUID();
    const item: OutboxItem<P> = {
      id,
      seq: nextSeq(),
      kind,
      userId: this.userId,
      chain: options.chain ?? id,
      createdAt: new Date().toISOString(),
      payload,
      attempts: 0,
      nextAt: 0,
      state: 'pending',
    };
    await idb.put('outbox', item);
    this.items.set(id, item);
    this.changed();
    this.kick();
    return item;
  }

  /** Persists a change to an item being sent (the case id a report got, the photos already sent). */
  async update(item: OutboxItem, patch: Partial<OutboxItem>): Promise<void> {
    const next = { ...item, ...patch };
    Object.assign(item, patch);
    await idb.put('outbox', next);
    if (this.items.has(item.id)) this.items.set(item.id, next);
  }

  /** Sends a refused item again (after the user fixed the cause, or to try once more). */
  async retry(id: string): Promise<void> {
    const item = this.items.get(id);
    if (!item) return;
    const next: OutboxItem = { ...item, state: 'pending', nextAt: 0, attempts: 0 };
    delete next.error;
    delete next.errorCode;
    await idb.put('outbox', next);
    this.items.set(id, next);
    this.changed();
    this.kick();
  }

  /** Gives an item up: it is never sent. */
  async discard(id: string): Promise<void> {
    await idb.delete('outbox', id);
    this.items.delete(id);
    this.changed();
  }

  /** Sends whatever is waiting now, ignoring back-off (the "sync now" button, the `online` event). */
  wake(): void {
    for (const item of this.items.values()) if (item.state === 'pending') item.nextAt = 0;
    this.changed();
    this.kick();
  }

  /** True while items of this user wait for `predicate` (a screen shows "waiting to sync" beside them). */
  has(predicate: (item: OutboxItem) => boolean): boolean {
    return this.snapshot.items.some(predicate);
  }

  kick(): void {
    void this.start().then(() => this.run());
  }

  private async run(): Promise<void> {
    if (this.isRunning) {
      this.runAgain = true;
      return;
    }
    this.isRunning = true;
    this.changed();
    try {
      // One tab sends at a time: two tabs sending the same outbox would only waste requests.
      const locks = (navigator as Navigator & { locks?: LockManager }).locks;
      if (locks) await locks.request('civgrid-field-outbox', () => this.drainAll());
      else await this.drainAll();
    } finally {
      this.isRunning = false;
      this.schedule();
      this.changed();
    }
  }

  private async drainAll(): Promise<void> {
    do {
      this.runAgain = false;
      if (!navigator.onLine || !this.userId || this.needsLogin) return;
      const chains = this.dueChains();
      if (chains.length === 0) return;
      let next = 0;
      const worker = async () => {
        while (next < chains.length && !this.needsLogin) await this.drainChain(chains[next++]!);
      };
      await Promise.all(Array.from({ length: Math.min(CONCURRENCY, chains.length) }, worker));
    } while (this.runAgain);
  }

  /** The current user's pending items by chain, in order, for chains whose first item is due. */
  private dueChains(): OutboxItem[][] {
    const now = Date.now();
    const byChain = new Map<string, OutboxItem[]>();
    const pending = [...this.items.values()]
      .filter((i) => i.userId === this.userId && i.state === 'pending')
      .sort((a, b) => a.seq - b.seq);
    for (const item of pending) {
      const chain = byChain.get(item.chain);
      if (chain) chain.push(item);
      else byChain.set(item.chain, [item]);
    }
    return [...byChain.values()].filter((chain) => chain[0]!.nextAt <= now);
  }

  private async drainChain(chain: OutboxItem[]): Promise<void> {
    let at = 0;
    while (at < chain.length) {
      const head = chain[at]!;
      const sender = this.senders[head.kind];
      const limit = sender.batch ?? 1;
      let end = at + 1;
      while (end < chain.length && end - at < limit && chain[end]!.kind === head.kind) end++;
      const batch = chain.slice(at, end);
      try {
        await sender.send(batch, this);
        await idb.deleteMany(
          'outbox',
          batch.map((i) => i.id),
        );
        for (const item of batch) this.items.delete(item.id);
        this.synced += batch.length;
        this.lastSyncedAt = Date.now();
        this.changed();
      } catch (error) {
        const verdict = verdictOf(error);
        if (verdict === 'login') {
          this.needsLogin = true;
          this.changed();
          return;
        }
        if (verdict === 'retry') {
          const attempts = head.attempts + 1;
          await this.update(head, { attempts, nextAt: Date.now() + backoffMs(attempts) });
          this.changed();
          return; // the rest of the chain waits for its head
        }
        const message = error instanceof Error ? error.message : String(error);
        const errorCode = error instanceof ApiError ? error.code : 'UNKNOWN';
        for (const item of batch) await this.update(item, { state: 'failed', error: message, errorCode });
        this.changed();
      }
      at = end;
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const waits = [...this.items.values()]
      .filter((i) => i.userId === this.userId && i.state === 'pending')
      .map((i) => i.nextAt);
    if (waits.length === 0 || this.needsLogin) return;
    const delay = Math.max(500, Math.min(...waits) - Date.now());
    this.timer = setTimeout(() => this.kick(), Math.min(delay, MAX_RETRY_MS));
  }

  private makeSnapshot(): OutboxSnapshot {
    const items = [...this.items.values()]
      .filter((i) => i.userId === this.userId)
      .sort((a, b) => a.seq - b.seq);
    return {
      items,
      pending: items.filter((i) => i.state === 'pending').length,
      failed: items.filter((i) => i.state === 'failed').length,
      isSyncing: this.isRunning,
      isOnline: typeof navigator === 'undefined' ? true : navigator.onLine,
      needsLogin: this.needsLogin,
      synced: this.synced,
      lastSyncedAt: this.lastSyncedAt,
    };
  }

  /** Tells the screens at once when idle; while sending, once per NOTIFY_MS (a snapshot sorts the lot). */
  private changed(): void {
    if (!this.isRunning) {
      this.notify();
      return;
    }
    this.notifying ??= setTimeout(() => this.notify(), NOTIFY_MS);
  }

  private notify(): void {
    if (this.notifying) clearTimeout(this.notifying);
    this.notifying = null;
    this.snapshot = this.makeSnapshot();
    for (const listener of this.listeners) listener();
  }
}
