import type { TUser } from '@civgrid/contracts';
import type { OrgLevel, Role } from '@civgrid/domain';
import type { UserRow } from './repository.ts';

export function presentUser(row: UserRow, now: Date): TUser {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    scope: { code: row.scope_code, name: row.scope_name, level: row.scope_level as OrgLevel },
    disabled: row.disabled_at !== null,
    locked: row.locked_until !== null && row.locked_until.getTime() > now.getTime(),
    lastLoginAt: row.last_login_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
