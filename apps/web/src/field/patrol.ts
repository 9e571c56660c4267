// Patrol recording (巡查轨迹): while a patrol is on, the phone's position is watched and a point is queued
// every N seconds (15, or 60 when the Battery API says the battery is low and not charging, when the fix
// is also asked with less accuracy: GPS is what drains it). Points wait in the outbox like everything else
// and reach the server under the patrol's own client id, made at its start. A patrol survives a reload:
// the one in progress is remembered on the device and picked up again.
import { type Fix, fixOf } from './geo.ts';
import { outbox } from './offline/senders.ts';

export const NORMAL_INTERVAL_S = 15;
export const LOW_BATTERY_INTERVAL_S = 60;
const LOW_LEVEL = 0.2;
/** Fixes this poor say little about where the worker walked; the server cleans the rest. */
const WORST_ACCURACY_M = 500;
const STORAGE_KEY = 'civgrid.field.patrol';

export interface PatrolSnapshot {
  active: { patrolId: string; startedAt: string; points: number } | null;
  lastFix: Fix | null;
  intervalS: number;
  isLowBattery: boolean;
  /** The position could not be watched (permission refused, no GPS). */
  error: 'denied' | 'unavailable' | null;
}

interface BatteryLike extends EventTarget {
  level: number;
  charging: boolean;
}

interface WakeLockLike extends EventTarget {
  release(): Promise<void>;
}

interface Stored {
  userId: string;
  patrolId: string;
  startedAt: string;
  points: number;
}

class PatrolRecorder {
  private snapshot: PatrolSnapshot = {
    active: null,
    lastFix: null,
    intervalS: NORMAL_INTERVAL_S,
    isLowBattery: false,
    error: null,
  };
  private readonly listeners = new Set<() => void>();
  private userId: string | null = null;
  private watchId: number | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private recordedFixAt = 0;
  private recordedAt = 0;
  private wakeLock: WakeLockLike | null = null;
  private battery: BatteryLike | null = null;

  constructor() {
    // The browser lets the screen lock go when the page is hidden; ask again when it is back.
    if (typeof document !== 'undefined')
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible' && this.snapshot.active) void this.holdScreen();
      });
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  /** Picks up the patrol the user had on before a reload (if any). */
  resume(userId: string | null): void {
    if (userId === this.userId) return;
    this.halt();
    this.userId = userId;
    this.set({ active: null, lastFix: null, error: null });
    const stored = this.stored();
    if (userId && stored?.userId === userId) {
      this.set({ active: { patrolId: stored.patrolId, startedAt: stored.startedAt, points: stored.points } });
      this.watch();
    }
  }

  async start(): Promise<void> {
    if (this.snapshot.active || !this.userId) return;
    const patrolId = crypto.randomUUID();
    const startedAt = new Date().toISOString();
    await outbox.add('patrol-start', { patrolId, at: startedAt }, { chain: `patrol:${patrolId}` });
    this.set({ active: { patrolId, startedAt, points: 0 }, error: null });
    this.store();
    this.watch();
  }

  async stop(): Promise<void> {
    const active = this.snapshot.active;
    if (!active) return;
    this.halt();
    // The last known position closes the track.
    const fix = this.snapshot.lastFix;
    if (fix && fix.at > this.recordedFixAt) await this.record(fix);
    await outbox.add(
      'patrol-stop',
      { patrolId: active.patrolId, at: new Date().toISOString() },
      { chain: `patrol:${active.patrolId}` },
    );
    this.set({ active: null });
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch {
      // nothing stored
    }
  }

  private watch(): void {
    if (!('geolocation' in navigator)) {
      this.set({ error: 'unavailable' });
      return;
    }
    void this.watchBattery();
    void this.holdScreen();
    this.restartWatch();
    this.timer = setInterval(() => this.tick(), 1000);
  }

  private restartWatch(): void {
    if (this.watchId !== null) navigator.geolocation.clearWatch(this.watchId);
    const low = this.snapshot.isLowBattery;
    this.watchId = navigator.geolocation.watchPosition(
      (position) => {
        this.set({ lastFix: fixOf(position), error: null });
        this.tick();
      },
      (error) => this.set({ error: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: !low, maximumAge: low ? 30_000 : 5_000, timeout: 60_000 },
    );
  }

  /** Records the latest fix when the interval has passed and the fix is new. */
  private tick(): void {
    const fix = this.snapshot.lastFix;
    if (!this.snapshot.active || !fix || fix.at <= this.recordedFixAt) return;
    if (Date.now() - this.recordedAt < this.snapshot.intervalS * 1000) return;
    void this.record(fix);
  }

  private async record(fix: Fix): Promise<void> {
    const active = this.snapshot.active;
    if (!active) return;
    this.recordedFixAt = fix.at;
    this.recordedAt = Date.now();
    if (fix.accuracy > WORST_ACCURACY_M) return;
    await outbox.add(
      'patrol-point',
      {
        patrolId: active.patrolId,
        at: new Date(fix.at).toISOString(),
        lng: fix.lng,
        lat: fix.lat,
        accuracy: fix.accuracy,
      },
      { chain: `patrol:${active.patrolId}` },
    );
    const current = this.snapshot.active;
    if (current?.patrolId === active.patrolId) {
      this.set({ active: { ...current, points: current.points + 1 } });
      this.store();
    }
  }

  private async watchBattery(): Promise<void> {
    const getBattery = (navigator as Navigator & { getBattery?: () => Promise<BatteryLike> }).getBattery;
    if (!getBattery || this.battery) return;
    try {
      this.battery = await getBattery.call(navigator);
    } catch {
      return;
    }
    const update = () => {
      const battery = this.battery!;
      const isLow = !battery.charging && battery.level <= LOW_LEVEL;
      if (isLow === this.snapshot.isLowBattery) return;
      this.set({ isLowBattery: isLow, intervalS: isLow ? LOW_BATTERY_INTERVAL_S : NORMAL_INTERVAL_S });
      if (this.watchId !== null) this.restartWatch();
    };
    this.battery.addEventListener('levelchange', update);
    this.battery.addEventListener('chargingchange', update);
    update();
  }

  /** Keeps the screen on while patrolling where the browser allows it: a sleeping phone stops the watch. */
  private async holdScreen(): Promise<void> {
    const wakeLock = (
      navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<WakeLockLike> } }
    ).wakeLock;
    if (!wakeLock || this.wakeLock) return;
    try {
      const lock = await wakeLock.request('screen');
      lock.addEventListener('release', () => {
        if (this.wakeLock === lock) this.wakeLock = null;
      });
      this.wakeLock = lock;
    } catch {
      // Not granted (page hidden, power saving): record as long as the page runs.
    }
  }

  private halt(): void {
    if (this.watchId !== null) navigator.geolocation.clearWatch(this.watchId);
    this.watchId = null;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    void this.wakeLock?.release().catch(() => undefined);
    this.wakeLock = null;
  }

  private stored(): Stored | null {
    try {
      const text = window.localStorage.getItem(STORAGE_KEY);
      return text ? (JSON.parse(text) as Stored) : null;
    } catch {
      return null;
    }
  }

  private store(): void {
    const active = this.snapshot.active;
    if (!active || !this.userId) return;
    try {
      const stored: Stored = { userId: this.userId, ...active };
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(stored));
    } catch {
      // The patrol goes on; only a reload would lose it.
    }
  }

  private set(patch: Partial<PatrolSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

export const patrol = new PatrolRecorder();
