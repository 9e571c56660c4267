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
  /** For a device's own API key: the one device whose events it may send. */
  deviceId?: string;
}

// API keys feed devices, scripts and partner apps: they write registers and events and file residents'
// reports (Open311), and read nothing back.
const API_KEY_ACTIONS: readonly Action[] = ['registry.import', 'sensing.ingest', 'case.report'];

/** True when this actor may take `action` at all; *where* it may is the scope layer's question. */
export function actorCan(actor: Actor, action: Action): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'apikey') return API_KEY_ACTIONS.includes(action);
  return can(actor.role, action);
}

/** The columns an actor is made from: the user and its scope unit. */
export interface UserWithScope {
  id: string;
  username: string;
  role: string;
  org_path: string;
  scope_code: string;
  scope_name: string;
  scope_level: string;
}

export function userActor(row: UserWithScope, ip: string | null): Actor {
  return {
    kind: 'user',
    id: row.id,
    name: row.username,
    role: row.role as Role,
    scopeCode: row.scope_code,
    scopeName: row.scope_name,
    scopeLevel: row.scope_level as OrgLevel,
    scopePath: row.org_path,
    ip,
  };
}

/** civgrid acting on its own behalf (CLI, anonymous events), scoped to the city root. */
export function systemActor(
  root: { code: string; name: string; org_path: string },
  name: string,
  ip: string | null = null,
): Actor {
  return {
    kind: 'system',
    id: null,
    name,
    role: 'admin',
    scopeCode: root.code,
    scopeName: root.name,
    scopeLevel: 'city',
    scopePath: root.org_path,
    ip,
  };
}
