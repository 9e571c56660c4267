// Who is making a request: a logged-in user, an API key, or civgrid itself. Every service call receives one.
import { type Action, can, type OrgLevel, type Role } from '@civgrid/domain';

export interface Actor {
  kind: 'user' | 'apikey' | 'system';
  id: string | null;
  name: string;
  role: Role;
  scopeCode: string;
  scopeName: string;
  scopeLevel: OrgLevel;
  scopePath: string;
  ip: string | null;
}

/** True when this actor may take `action` at all; *where* it may is the scope layer's question.
 *  API keys feed devices and scripts, so they hold only the actions later modules grant them by name. */
export function actorCan(actor: Actor, action: Action): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'apikey') return false;
  return can(actor.role, action);
}
