import type { TSessionUser } from '@civgrid/contracts';
import { ACTIONS, can } from '@civgrid/domain';
import type { Actor } from '../../platform/actor.ts';

export function presentSessionUser(actor: Actor, displayName: string): TSessionUser {
  return {
    id: actor.id ?? '',
    username: actor.name,
    displayName,
    role: actor.role,
    scope: { code: actor.scopeCode, name: actor.scopeName, level: actor.scopeLevel },
    permissions: ACTIONS.filter((action) => can(actor.role, action)),
  };
}
