// Password and lock-out rules, independent of storage and hashing.

export const DEMO_PASSWORD = 'civgrid-demo';
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
export const SESSION_IDLE_MS = 30 * 60_000;
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'tooSimple' | 'containsUsername';

/** Why `password` is not acceptable for `username`, or `null` when it is: 10–128 characters, at least
 *  two of letters, digits and other characters, and not containing the username. */
export function checkPassword(password: string, username: string): PasswordProblem | null {
  if (password.length < 10) return 'tooShort';
  if (password.length > 128) return 'tooLong';
  const classes = [/[A-Za-z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  if (classes < 2) return 'tooSimple';
  if (username.length >= 3 && password.toLowerCase().includes(username.toLowerCase()))
    return 'containsUsername';
  return null;
}

export interface LockState {
  failedAttempts: number;
  lockedUntil: Date | null;
}

/** True while the account is locked at `now`. */
export function isLocked(state: LockState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil.getTime() > now.getTime();
}

/** The lock state after a login attempt. A success clears the count; the fifth failure in a row locks
 *  the account for 15 minutes and restarts the count. Attempts while locked change nothing. */
export function afterLoginAttempt(state: LockState, succeeded: boolean, now: Date): LockState {
  if (isLocked(state, now)) return state;
  if (succeeded) return { failedAttempts: 0, lockedUntil: null };
  const failedAttempts = state.failedAttempts + 1;
  if (failedAttempts >= MAX_FAILED_LOGINS) {
    return { failedAttempts: 0, lockedUntil: new Date(now.getTime() + LOCKOUT_MS) };
  }
  return { failedAttempts, lockedUntil: null };
}

/** True while a session created at `createdAt` and last used at `lastSeenAt` is still valid at `now`. */
export function isSessionAlive(createdAt: Date, lastSeenAt: Date, now: Date): boolean {
  const t = now.getTime();
  return t - lastSeenAt.getTime() < SESSION_IDLE_MS && t - createdAt.getTime() < SESSION_ABSOLUTE_MS;
}
