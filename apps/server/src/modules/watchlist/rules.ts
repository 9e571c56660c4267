// The watchlist's rules, pure: the validity window, the status a viewer sees, who may decide and revoke,
// and when an entry matches an event.
import type { Message } from '@civgrid/domain';

/** The longest window an entry may ask for: a watch is renewed by a new request, approved again. */
export const MAX_WINDOW_DAYS = 366;

export type StoredStatus = 'pending' | 'active' | 'rejected' | 'revoked';
/** As shown: a pending or active entry whose window has ended is `expired`. */
export type WatchStatus = StoredStatus | 'expired';
export const WATCH_STATUSES = ['pending', 'active', 'expired', 'rejected', 'revoked'] as const;

/** Why the window [from, to) cannot be asked for at `now`, or null: it must end after it begins, not
 *  lie wholly in the past, and last at most `MAX_WINDOW_DAYS`. */
export function windowProblem(from: Date, to: Date, now: Date): { field: string; message: Message } | null {
  if (to.getTime() <= from.getTime())
    return { field: 'to', message: { zh: '结束时间须晚于开始时间', en: 'to must be later than from' } };
  if (to.getTime() <= now.getTime())
    return { field: 'to', message: { zh: '结束时间已过', en: 'the window has already ended' } };
  if (to.getTime() - from.getTime() > MAX_WINDOW_DAYS * 86_400_000)
    return {
      field: 'to',
      message: {
        zh: `布控期限最长 ${MAX_WINDOW_DAYS} 天`,
        en: `a watch lasts at most ${MAX_WINDOW_DAYS} days`,
      },
    };
  return null;
}

/** The status a viewer sees at `now`. */
export function watchStatus(status: StoredStatus, validTo: Date, now: Date): WatchStatus {
  return (status === 'pending' || status === 'active') && validTo.getTime() <= now.getTime()
    ? 'expired'
    : status;
}

export interface Decider {
  userId: string | null;
  mayApprove: boolean;
}

export type DecisionCheck = { ok: true } | { ok: false; kind: 'self' | 'role' | 'state'; message: Message };

/** Whether `decider` may approve or reject an entry asked for by `requestedBy`, now in `status`: only a
 *  pending entry whose window has not ended, only by someone who may approve, never by the requester. */
export function checkDecision(decider: Decider, requestedBy: string, status: WatchStatus): DecisionCheck {
  if (!decider.mayApprove)
    return {
      ok: false,
      kind: 'role',
      message: { zh: '您的角色无权审批布控', en: 'Your role may not approve watchlist entries' },
    };
  if (decider.userId === requestedBy)
    return {
      ok: false,
      kind: 'self',
      message: {
        zh: '不能审批自己提交的布控申请，须由另一位有审批权限的人员审批',
        en: 'You cannot approve your own watchlist request; another person allowed to approve must',
      },
    };
  if (status !== 'pending')
    return {
      ok: false,
      kind: 'state',
      message: {
        zh: `该布控当前为「${STATUS_LABELS[status].zh}」，不能审批`,
        en: `The entry is ${STATUS_LABELS[status].en.toLowerCase()}; it cannot be decided`,
      },
    };
  return { ok: true };
}

/** Whether `actor` may revoke: the requester (withdrawing their own) or someone who may approve; only
 *  while the entry is pending or active. */
export function checkRevoke(decider: Decider, requestedBy: string, status: WatchStatus): DecisionCheck {
  if (!decider.mayApprove && decider.userId !== requestedBy)
    return {
      ok: false,
      kind: 'role',
      message: {
        zh: '只有申请人或有审批权限的人员可以撤销布控',
        en: 'Only the requester or someone allowed to approve may revoke an entry',
      },
    };
  if (status !== 'pending' && status !== 'active')
    return {
      ok: false,
      kind: 'state',
      message: {
        zh: `该布控当前为「${STATUS_LABELS[status].zh}」，不能撤销`,
        en: `The entry is ${STATUS_LABELS[status].en.toLowerCase()}; it cannot be revoked`,
      },
    };
  return { ok: true };
}

export const STATUS_LABELS: Readonly<Record<WatchStatus, Message>> = {
  pending: { zh: '待审批', en: 'Pending' },
  active: { zh: '布控中', en: 'Active' },
  expired: { zh: '已到期', en: 'Expired' },
  rejected: { zh: '未批准', en: 'Rejected' },
  revoked: { zh: '已撤销', en: 'Revoked' },
};

/** An active entry as the matcher holds it. */
export interface MatchWindow {
  validFrom: number;
  validTo: number;
  orgPath: string;
}

/** True when an event at `eventTime`, received at `now` from a device at `devicePath`, is a hit: both
 *  times inside [from, to) — an event from the window that arrives after it ended no longer counts — and
 *  the device inside the entry's jurisdiction. */
export function isHit(entry: MatchWindow, eventTime: number, now: number, devicePath: string): boolean {
  return (
    eventTime >= entry.validFrom &&
    eventTime < entry.validTo &&
    now >= entry.validFrom &&
    now < entry.validTo &&
    (devicePath === entry.orgPath || devicePath.startsWith(`${entry.orgPath}.`))
  );
}
