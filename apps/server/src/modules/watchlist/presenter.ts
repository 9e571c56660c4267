// Entry rows to API shapes: the subject only as its masked display, a dossier only when the viewer's
// jurisdiction holds it, and the steps the viewer may take now.
import { type Actor, actorCan } from '../../platform/actor.ts';
import type { EntryRow } from './repository.ts';
import { checkDecision, checkRevoke, STATUS_LABELS, type StoredStatus, watchStatus } from './rules.ts';
import type { TWatchlistEntry } from './schemas.ts';

const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const userRef = (id: string | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

function dossierOf(row: EntryRow): TWatchlistEntry['dossier'] {
  if (row.seen_person_id) return { kind: 'person', id: row.seen_person_id, label: row.person_name ?? '' };
  if (row.seen_vehicle_id)
    return { kind: 'vehicle', id: row.seen_vehicle_id, label: row.vehicle_plate ?? '' };
  if (row.seen_device_id)
    return { kind: 'device', id: row.seen_device_id, label: `${row.device_code} ${row.device_name}` };
  return null;
}

export function presentEntry(row: EntryRow, viewer: Actor, now: Date): TWatchlistEntry {
  const status = watchStatus(row.status as StoredStatus, row.valid_to, now);
  const decider = {
    userId: viewer.kind === 'user' ? viewer.id : null,
    mayApprove: actorCan(viewer, 'watchlist.approve'),
  };
  const allowed: TWatchlistEntry['allowed'] = [];
  if (checkDecision(decider, row.requested_by, status).ok) allowed.push('approve', 'reject');
  if (actorCan(viewer, 'watchlist.request') && checkRevoke(decider, row.requested_by, status).ok)
    allowed.push('revoke');
  return {
    id: row.id,
    status,
    statusLabel: STATUS_LABELS[status],
    subject: { kind: row.subject_kind, form: row.subject_form, display: row.subject_display },
    dossier: dossierOf(row),
    reason: row.reason,
    from: row.valid_from.toISOString(),
    to: row.valid_to.toISOString(),
    unit: { code: row.unit_code ?? '', name: row.unit_name ?? '' },
    requestedBy: { id: row.requested_by, name: row.requester_name },
    requestedAt: row.requested_at.toISOString(),
    decidedBy: userRef(row.decided_by, row.decider_name),
    decidedAt: iso(row.decided_at),
    decisionNote: row.decision_note,
    revokedBy: userRef(row.revoked_by, row.revoker_name),
    revokedAt: iso(row.revoked_at),
    revokeNote: row.revoke_note,
    hits: row.hit_count,
    lastHitAt: iso(row.last_hit_at),
    allowed,
  };
}
