// A token bucket per client address for the portal's anonymous writes. In-memory and per process: it
// only has to make flooding the city's queue from one address slow, not count exactly across processes
// (a deployment behind a proxy sets the forwarded address, which Fastify's trustProxy reads). Bounded:
// past `maxKeys` addresses the least recently seen are forgotten, which only ever lets someone through.

export interface BucketOptions {
  /** Requests allowed at once (a full bucket). */
  capacity: number;
  /** One request comes back every this many milliseconds. */
  refillMs: number;
  maxKeys?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly options: BucketOptions) {}

  /** Takes one token for `key` at `now`; answers 0 when allowed, else the seconds until one is back. */
  take(key: string, now: Date): number {
    const { capacity, refillMs } = this.options;
    const time = now.getTime();
    const held = this.buckets.get(key);
    const refilled = held ? Math.min(capacity, held.tokens + (time - held.at) / refillMs) : capacity;
    // Re-inserted on every use, so the Map's order is least recently seen first.
    this.buckets.delete(key);
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at: time });
      return Math.max(1, Math.ceil(((1 - refilled) * refillMs) / 1000));
    }
    this.buckets.set(key, { tokens: refilled - 1, at: time });
    this.forgetOldest();
    return 0;
  }

  private forgetOldest(): void {
    const max = this.options.maxKeys ?? 50_000;
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= max) return;
      this.buckets.delete(key);
    }
  }
}
