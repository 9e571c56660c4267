import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORG_LEVELS } from '../org/hierarchy.ts';
import {
  afterLoginAttempt,
  checkPassword,
  isLocked,
  isSessionAlive,
  LOCKOUT_MS,
  MAX_FAILED_LOGINS,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
} from './password.ts';
import { can, isScopeLevelAllowed, ROLES } from './roles.ts';

describe('password rules', () => {
  it('accepts the demo password and names each broken rule', () => {
    expect(checkPassword('civgrid-demo', 'admin')).toBeNull();
    expect(checkPassword('short-1', 'admin')).toBe('tooShort');
    expect(checkPassword('abcdefghijkl', 'admin')).toBe('tooSimple');
    expect(checkPassword('1234567890', 'admin')).toBe('tooSimple');
    expect(checkPassword('my-wangwei-pass', 'wangwei')).toBe('containsUsername');
    expect(checkPassword(`a1${'x'.repeat(127)}`, 'admin')).toBe('tooLong');
  });
});

describe('lock-out', () => {
  const start = new Date('2026-03-01T00:00:00Z');
  it(`locks after exactly ${MAX_FAILED_LOGINS} consecutive failures for 15 minutes`, () => {
    let state = { failedAttempts: 0, lockedUntil: null as Date | null };
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      state = afterLoginAttempt(state, false, start);
      expect(isLocked(state, start)).toBe(false);
    }
    state = afterLoginAttempt(state, false, start);
    expect(isLocked(state, start)).toBe(true);
    expect(isLocked(state, new Date(start.getTime() + LOCKOUT_MS - 1))).toBe(true);
    expect(isLocked(state, new Date(start.getTime() + LOCKOUT_MS))).toBe(false);
    // While locked even the right password changes nothing.
    expect(afterLoginAttempt(state, true, start)).toEqual(state);
  });

  it('is locked after any sequence exactly when the last run of failures reached five', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { maxLength: 30 }), (outcomes) => {
        let state = { failedAttempts: 0, lockedUntil: null as Date | null };
        let run = 0;
        let expectLocked = false;
        for (const ok of outcomes) {
          if (expectLocked) break; // all attempts at the same instant: once locked, stays locked
          state = afterLoginAttempt(state, ok, start);
          run = ok ? 0 : run + 1;
          expectLocked = run >= MAX_FAILED_LOGINS;
        }
        expect(isLocked(state, start)).toBe(expectLocked);
      }),
    );
  });
});

describe('sessions', () => {
  it('live under 30 idle minutes and under 12 hours in all', () => {
    const created = new Date('2026-03-01T00:00:00Z');
    const at = (ms: number) => new Date(created.getTime() + ms);
    expect(isSessionAlive(created, created, at(SESSION_IDLE_MS - 1))).toBe(true);
    expect(isSessionAlive(created, created, at(SESSION_IDLE_MS))).toBe(false);
    expect(isSessionAlive(created, at(SESSION_ABSOLUTE_MS - 1000), at(SESSION_ABSOLUTE_MS - 1))).toBe(true);
    expect(isSessionAlive(created, at(SESSION_ABSOLUTE_MS - 1000), at(SESSION_ABSOLUTE_MS))).toBe(false);
  });
});

describe('roles', () => {
  it('keeps the auditor to the audit log and the audit log to the auditor', () => {
    for (const role of ROLES) expect(can(role, 'audit.read')).toBe(role === 'auditor');
    expect(can('auditor', 'org.read')).toBe(false);
    expect(can('auditor', 'person.read')).toBe(false);
  });

  it('lets only admins manage users and gives every role at least one scope level', () => {
    for (const role of ROLES) {
      expect(can(role, 'user.manage')).toBe(role === 'admin');
      expect(ORG_LEVELS.some((level) => isScopeLevelAllowed(role, level))).toBe(true);
    }
    expect(isScopeLevelAllowed('grid-worker', 'grid')).toBe(true);
    expect(isScopeLevelAllowed('grid-worker', 'township')).toBe(false);
  });
});
