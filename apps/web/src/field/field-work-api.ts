// The field module's calls (apps/server/src/modules/field): check-ins, patrols and their points. Every
// write carries the client id made when the user acted; the server answers a replay like the first.
import { api } from '../lib/api.ts';
import type {
  CheckinPayload,
  PatrolPointPayload,
  PatrolStartPayload,
  PatrolStopPayload,
} from './offline/senders.ts';

export interface CheckinView {
  id: string;
  clientId: string;
  kind: 'in' | 'out';
  at: string;
  receivedAt: string;
  location: { lng: number; lat: number; accuracy?: number } | null;
}

export const sendCheckin = (clientId: string, payload: CheckinPayload) =>
  api.post<{ checkin: CheckinView; isReplay: boolean }>('/api/v1/field/checkins', {
    clientId,
    at: payload.at,
    kind: payload.kind,
    ...(payload.position ? { location: payload.position } : {}),
  });

/** The user's check-ins of a month (`YYYY-MM`, this month by default). */
export const myCheckins = (month?: string) =>
  api.get<{ items: CheckinView[] }>(`/api/v1/field/checkins/mine${month ? `?month=${month}` : ''}`);

export const sendPatrolStart = (payload: PatrolStartPayload) =>
  api.post('/api/v1/field/patrols', { clientId: payload.patrolId, event: 'start', at: payload.at });

export const sendPatrolStop = (payload: PatrolStopPayload) =>
  api.post('/api/v1/field/patrols', { clientId: payload.patrolId, event: 'stop', at: payload.at });

export const sendPatrolPoints = (patrolId: string, points: (PatrolPointPayload & { clientId: string })[]) =>
  api.post(`/api/v1/field/patrols/${encodeURIComponent(patrolId)}/points`, {
    points: points.map((p) => ({
      clientId: p.clientId,
      at: p.at,
      lng: p.lng,
      lat: p.lat,
      accuracy: p.accuracy,
    })),
  });
