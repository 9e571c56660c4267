// "My tasks" shared by the task screens and the tab bar's badge: my open case tasks, the open alerts of my
// grid and my instructions. Read from the server (and kept for offline use); alerts arrive live through the
// server's event stream, the rest is read again every two minutes and after the outbox has sent something.
import type { TCaseSummary } from '@civgrid/contracts';
import { api, query } from '../lib/api.ts';
import { type FieldAlert, type Instruction, myAlerts, myInstructions } from './field-api.ts';
import { readCached, writeCached } from './offline/cache.ts';
import type { OutboxItem } from './offline/outbox.ts';
import type { AlertStepPayload, CaseStepPayload, InstructionReadPayload } from './offline/senders.ts';
import { outbox } from './offline/senders.ts';

export interface TasksSnapshot {
  cases: TCaseSummary[] | null;
  alerts: FieldAlert[] | null;
  instructions: Instruction[] | null;
  /** When they were read from the server (ms). */
  at: number | null;
  /** Shown from the device's copy: the server did not answer. */
  isStale: boolean;
  loading: boolean;
}

const POLL_MS = 120_000;
const CACHE_NAME = 'tasks';

type Lists = Pick<TasksSnapshot, 'cases' | 'alerts' | 'instructions'>;

const myCases = () =>
  api.get<{ items: TCaseSummary[] }>(`/api/v1/cases${query({ queue: 'mine', pageSize: 100 })}`);

class TasksStore {
  private snapshot: TasksSnapshot = {
    cases: null,
    alerts: null,
    instructions: null,
    at: null,
    isStale: false,
    loading: false,
  };
  private readonly listeners = new Set<() => void>();
  private userId: string | null = null;
  private live: EventSource | null = null;
  private poll: ReturnType<typeof setInterval> | null = null;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private synced = 0;
  private unsubscribeOutbox: (() => void) | null = null;

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = () => this.snapshot;

  /** Starts (or stops, for null) following the user's tasks. */
  follow(userId: string | null): void {
    if (userId === this.userId) return;
    this.stop();
    this.userId = userId;
    this.set({ cases: null, alerts: null, instructions: null, at: null, isStale: false });
    if (!userId) return;
    void readCached<Lists>(CACHE_NAME).then((stored) => {
      if (stored && this.snapshot.at === null && this.userId === userId)
        this.set({ ...stored.data, at: stored.at });
    });
    void this.refresh();
    this.poll = setInterval(() => void this.refresh(), POLL_MS);
    this.openStream();
    window.addEventListener('online', this.onOnline);
    this.unsubscribeOutbox = outbox.subscribe(this.onOutbox);
  }

  /** Reads the three lists again (later, if asked again within a second). */
  refreshSoon(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), 1000);
  }

  async refresh(): Promise<void> {
    const userId = this.userId;
    if (!userId) return;
    this.set({ loading: true });
    const [cases, alerts, instructions] = await Promise.allSettled([myCases(), myAlerts(), myInstructions()]);
    if (this.userId !== userId) return;
    const lists: Lists = {
      cases: cases.status === 'fulfilled' ? cases.value.items : this.snapshot.cases,
      alerts: alerts.status === 'fulfilled' ? alerts.value.alerts : this.snapshot.alerts,
      instructions:
        instructions.status === 'fulfilled' ? instructions.value.items : this.snapshot.instructions,
    };
    const isComplete = [cases, alerts, instructions].every((r) => r.status === 'fulfilled');
    if (isComplete) {
      this.set({ ...lists, at: Date.now(), isStale: false, loading: false });
      await writeCached(CACHE_NAME, lists);
    } else this.set({ ...lists, isStale: true, loading: false });
  }

  private openStream(): void {
    if (typeof EventSource === 'undefined' || this.live) return;
    const source = new EventSource('/api/v1/live');
    source.addEventListener('alert', () => this.refreshSoon());
    source.addEventListener('resync', () => this.refreshSoon());
    source.addEventListener('end', () => {
      source.close();
      if (this.live === source) this.live = null;
    });
    this.live = source;
  }

  private onOnline = () => {
    void this.refresh();
    this.openStream();
  };

  private onOutbox = () => {
    const { synced } = outbox.getSnapshot();
    if (synced !== this.synced) {
      this.synced = synced;
      this.refreshSoon();
    }
  };

  private stop(): void {
    this.live?.close();
    this.live = null;
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    window.removeEventListener('online', this.onOnline);
    this.unsubscribeOutbox?.();
    this.unsubscribeOutbox = null;
  }

  private set(patch: Partial<TasksSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }
}

export const tasks = new TasksStore();

/** True when an alert step on `alertId` waits in the outbox. */
export const isAlertQueued = (items: readonly OutboxItem[], alertId: string) =>
  items.some((i) => i.kind === 'alert-step' && (i.payload as AlertStepPayload).alertId === alertId);

export const isInstructionReadQueued = (items: readonly OutboxItem[], id: string) =>
  items.some(
    (i) => i.kind === 'instruction-read' && (i.payload as InstructionReadPayload).instructionId === id,
  );

export const isCaseStepQueued = (items: readonly OutboxItem[], caseId: string) =>
  items.some((i) => i.kind === 'case-step' && (i.payload as CaseStepPayload).caseId === caseId);

/** What still needs the user: open case tasks, alerts not yet acknowledged, unread instructions — less
 *  what the user has already done and what waits in the outbox. */
export function countOpen(snapshot: TasksSnapshot, queued: readonly OutboxItem[]) {
  const cases = (snapshot.cases ?? []).filter((c) => !isCaseStepQueued(queued, c.id)).length;
  const alerts = (snapshot.alerts ?? []).filter(
    (a) => (a.status === 'new' || a.status === 'dispatched') && !isAlertQueued(queued, a.id),
  ).length;
  const instructions = (snapshot.instructions ?? []).filter(
    (i) => i.mine.readAt === null && !isInstructionReadQueued(queued, i.id),
  ).length;
  return { cases, alerts, instructions, total: cases + alerts + instructions };
}
