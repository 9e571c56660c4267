// The watchlist API's shapes as the console reads them (the server's zod schemas are in
// apps/server/src/modules/watchlist/schemas.ts; the contract's part is POST → {id, status:"pending"}).

export type WatchStatus = 'pending' | 'active' | 'expired' | 'rejected' | 'revoked';
export const WATCH_STATUSES: readonly WatchStatus[] = ['pending', 'active', 'expired', 'rejected', 'revoked'];
export type WatchStep = 'approve' | 'reject' | 'revoke';

interface UserRef {
  id: string;
  name: string;
}

export interface TWatchEntry {
  id: string;
  status: WatchStatus;
  subject: { kind: 'person' | 'vehicle' | 'device'; form: string; display: string };
  dossier: { kind: 'person' | 'vehicle' | 'device'; id: string; label: string } | null;
  reason: string;
  from: string;
  to: string;
  unit: { code: string; name: string };
  requestedBy: UserRef;
  requestedAt: string;
  decidedBy: UserRef | null;
  decidedAt: string | null;
  decisionNote: string | null;
  revokedBy: UserRef | null;
  revokedAt: string | null;
  revokeNote: string | null;
  hits: number;
  lastHitAt: string | null;
  allowed: WatchStep[];
}

export interface TWatchList {
  entries: TWatchEntry[];
  total: number;
  page: number;
  pageSize: number;
}

/** A subject as the request names it. */
export type TWatchSubject =
  | { type: 'person'; idNumber: string }
  | { type: 'vehicle'; plate: string }
  | { type: 'device'; mac: string }
  | { type: 'device'; deviceCode: string };
