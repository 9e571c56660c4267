// Shared by the case tests: fixed limits, actors, and a driver that walks a case through steps and fails
// loudly on the first refusal.

import { expect } from 'vitest';
import type { Role } from '../auth/roles.ts';
import type { OrgLevel } from '../org/hierarchy.ts';
import { type CaseCommand, type CaseState, openCase } from './case.ts';
import type { StepLimits } from './categories.ts';
import type { CaseLevel } from './statuses.ts';
import type { CaseActor } from './steps.ts';
import { transition } from './transition.ts';

export const T0 = new Date('2026-03-02T09:00:00+08:00');
export const MIN = 60_000;
export const at = (minutes: number) => new Date(T0.getTime() + minutes * MIN);

/** Limits chosen so every step's deadline is distinct. */
export const LIMITS: StepLimits = {
  register: 60,
  assign: 120,
  ack: 90,
  handle: 24 * 60,
  verify: 12 * 60,
  respond: 240,
  evaluate: 7 * 24 * 60,
  total: 5 * 24 * 60,
};

export const staff = (role: Role, level: OrgLevel, id = `${role}@${level}`): CaseActor => ({
  kind: 'staff',
  role,
  level,
  id,
});

/** The centre operator of a level. */
export const centre = (level: CaseLevel): CaseActor =>
  staff(level === 'city' ? 'city-centre' : (`${level}-centre` as Role), level);
export const dept = (id: string): CaseActor => staff('department', 'township', id);
export const gridWorker = (id: string): CaseActor => staff('grid-worker', 'grid', id);

/** A case just reported at `level` at T0. */
export function reported(level: CaseLevel = 'village', limits: StepLimits = LIMITS): CaseState {
  const result = openCase(
    { id: 'c1', source: 'grid-worker', level, priority: 'normal', limits },
    { kind: 'system' },
    T0,
  );
  if (!result.ok) throw new Error(result.message.en);
  return result.case;
}

/** `c` after each step in turn, each `[command, actor, minutes after T0]`; fails on the first refusal. */
export function walk(c: CaseState, steps: readonly [CaseCommand, CaseActor, number][]): CaseState {
  let current = c;
  for (const [command, actor, minutes] of steps) {
    const result = transition(current, command, actor, at(minutes));
    if (!result.ok) expect.fail(`${command.step} refused: ${result.rule} ${result.message.en}`);
    current = result.case;
  }
  return current;
}
