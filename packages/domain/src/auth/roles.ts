// Roles and what each may do. A user has exactly one role and one scope (an org unit);
// the permission says *what* a role may do, the scope says *where*.

import type { OrgLevel } from '../org/hierarchy.ts';

export const ROLES = [
  'admin',
  'city-centre',
  'county-centre',
  'township-centre',
  'village-centre',
  'grid-worker',
  'police',
  'department',
  'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'org.read',
  'user.read',
  'user.manage',
  'apikey.manage',
  'audit.read',
  'person.read',
  'person.reveal',
  'registry.edit',
  'registry.import',
  'registry.export',
  'category.manage',
  'rights.handle',
  'device.read',
  'device.manage',
  'sensing.ingest',
  'insight.query',
  'case.read',
  'case.open',
  'case.step',
  'case.category.manage',
  'case.report',
  'alert.read',
  'alert.handle',
  'alert.manage',
  'watchlist.read',
  'watchlist.request',
  'watchlist.approve',
  'command.send',
  'command.receive',
  'field.read',
  'field.manage',
  'field.settings',
  'field.work',
] as const;
export type Action = (typeof ACTIONS)[number];

const STAFF: readonly Role[] = ROLES.filter((r) => r !== 'auditor');
const CENTRES: readonly Role[] = [
  'admin',
  'city-centre',
  'county-centre',
  'township-centre',
  'village-centre',
];

// Declarative policy: who may take each action. The auditor reads the audit log and nothing else,
// so no one who watches the watchers also works the registers.
const POLICY: Record<Action, readonly Role[]> = {
  'org.read': STAFF,
  'user.read': CENTRES,
  'user.manage': ['admin'],
  'apikey.manage': ['admin'],
  'audit.read': ['auditor'],
  'person.read': STAFF,
  'person.reveal': ['admin', 'city-centre', 'county-centre', 'township-centre', 'police'],
  // Grid workers keep their grid's registers current (实有人口 is theirs to collect).
  'registry.edit': [
    'admin',
    'city-centre',
    'county-centre',
    'township-centre',
    'village-centre',
    'grid-worker',
    'police',
  ],
  'registry.import': ['admin', 'city-centre', 'county-centre', 'township-centre'],
  'registry.export': CENTRES,
  'category.manage': ['admin'],
  // Requests under PIPL arts. 44–47 are decided by a centre, not by whoever happens to read the record.
  'rights.handle': ['admin', 'city-centre', 'county-centre', 'township-centre'],
  'device.read': STAFF,
  'device.manage': ['admin', 'city-centre', 'county-centre'],
  // Events come from devices and gateways (API keys), never from a person at a keyboard.
  'sensing.ingest': [],
  // Trajectory, collision and contact queries, and the sensing timeline of a dossier: centres and
  // community police, each with a stated purpose. Grid workers and departments do not track people.
  'insight.query': ['admin', 'city-centre', 'county-centre', 'township-centre', 'police'],
  // Cases: every working role reads and steps; which case and which step is the scope layer's and
  // packages/domain's `transition()` question. Departments open nothing: matters reach them as tasks.
  'case.read': STAFF,
  'case.open': [...CENTRES, 'grid-worker', 'police'],
  'case.step': STAFF,
  'case.category.manage': ['admin'],
  // A resident's report through a partner app (Open311 POST): only API keys carry it, no staff role —
  // staff open cases with `case.open`, through their own scope.
  'case.report': [],
  // Alerts are worked where they happen: the grid's worker and police officer and the centres above them.
  // Departments serve many grids and get matters as case tasks; the auditor only watches.
  'alert.read': [...CENTRES, 'grid-worker', 'police'],
  'alert.handle': [...CENTRES, 'grid-worker', 'police'],
  // Thresholds, model runs and dry runs: they decide who is flagged city-wide.
  'alert.manage': ['admin'],
  // Watchlists (布控) track people: asked for by those who may run trajectory queries, made active only by a
  // second person at a city or county centre (or an admin) — never the one who asked.
  'watchlist.read': ['admin', 'city-centre', 'county-centre', 'township-centre', 'police'],
  'watchlist.request': ['admin', 'city-centre', 'county-centre', 'township-centre', 'police'],
  'watchlist.approve': ['admin', 'city-centre', 'county-centre'],
  // Flat command (扁平指挥): any centre instructs the users of its jurisdiction and follows their receipts;
  // every working role receives instructions. The auditor neither sends nor receives.
  'command.send': CENTRES,
  'command.receive': STAFF,
  // The grid workers' roster and assessments: centres read them; townships and above manage workers
  // (disabling one hands its tasks back), counties and above set the assessment's weights.
  'field.read': CENTRES,
  'field.manage': ['admin', 'city-centre', 'county-centre', 'township-centre'],
  'field.settings': ['admin', 'city-centre', 'county-centre'],
  // The field app's own writes: check-ins, patrols, the cached grid, the worker's own assessment.
  'field.work': ['grid-worker', 'police'],
};

/** True when `role` may take `action` (inside its scope). */
export function can(role: Role, action: Action): boolean {
  return POLICY[action].includes(role);
}

/** The org levels a user of `role` may be scoped to. */
export const SCOPE_LEVELS: Record<Role, readonly OrgLevel[]> = {
  admin: ['city'],
  'city-centre': ['city'],
  'county-centre': ['county'],
  'township-centre': ['township'],
  'village-centre': ['village'],
  'grid-worker': ['grid'],
  police: ['village', 'township'],
  department: ['city', 'county', 'township'],
  auditor: ['city', 'county'],
};

/** True when a user of `role` may be scoped to a unit of `level`. */
export function isScopeLevelAllowed(role: Role, level: OrgLevel): boolean {
  return SCOPE_LEVELS[role].includes(level);
}

/** True when `value` names a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
