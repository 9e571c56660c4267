// The purpose every insight query states (PIPL: purpose limitation). Asked once and remembered for the
// session in this tab, so an operator working one case is not asked again on every page; it belongs to
// the user who stated it and is forgotten at logout.
import type { TSessionUser } from '@civgrid/contracts';
import { useCallback, useMemo, useSyncExternalStore } from 'react';

export interface Purpose {
  reason: string;
  caseId?: string;
}

interface Stored extends Purpose {
  userId: string;
}

const STORAGE_KEY = 'civgrid.purpose';
/** The server's rule is non-empty; four characters keep "查询" alone from passing as a purpose. */
export const PURPOSE_MIN_LENGTH = 4;

function load(): Stored | null {
  try {
    const raw = window.sessionStorage.getItem(STORAGE_KEY);
    const value: unknown = raw ? JSON.parse(raw) : null;
    if (typeof value !== 'object' || value === null) return null;
    const { userId, reason, caseId } = value as Record<string, unknown>;
    if (typeof userId !== 'string' || typeof reason !== 'string') return null;
    return { userId, reason, ...(typeof caseId === 'string' && caseId ? { caseId } : {}) };
  } catch {
    return null;
  }
}

// One snapshot object per change: useSyncExternalStore compares snapshots by identity.
let snapshot: Stored | null = typeof window === 'undefined' ? null : load();
const listeners = new Set<() => void>();

function store(next: Stored | null): void {
  snapshot = next;
  try {
    if (next) window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Storage unavailable: the purpose lives until the page reloads.
  }
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Forget the stated purpose (at logout). */
export function forgetPurpose(): void {
  store(null);
}

/** A purpose as the API takes it: trimmed, and without an empty case number. */
export function cleanPurpose({ reason, caseId }: Purpose): Purpose {
  const caseText = caseId?.trim();
  return { reason: reason.trim(), ...(caseText ? { caseId: caseText } : {}) };
}

/** The purpose `user` stated in this session (null until they do), and a way to state a new one. */
export function usePurpose(user: TSessionUser): {
  purpose: Purpose | null;
  remember: (purpose: Purpose) => void;
} {
  const stored = useSyncExternalStore(subscribe, () => snapshot);
  const remember = useCallback(
    (purpose: Purpose) => store({ userId: user.id, ...cleanPurpose(purpose) }),
    [user.id],
  );
  const purpose = useMemo(
    () =>
      stored && stored.userId === user.id
        ? { reason: stored.reason, ...(stored.caseId ? { caseId: stored.caseId } : {}) }
        : null,
    [stored, user.id],
  );
  return { purpose, remember };
}
