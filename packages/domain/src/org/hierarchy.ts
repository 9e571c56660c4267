// The five levels of the grid hierarchy and the paths that place every record in it.

export const ORG_LEVELS = ['city', 'county', 'township', 'village', 'grid'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

/** The level directly below `level`, or `null` under a grid. */
export function childLevel(level: OrgLevel): OrgLevel | null {
  return ORG_LEVELS[ORG_LEVELS.indexOf(level) + 1] ?? null;
}

/** The level directly above `level`, or `null` above the city. */
export function parentLevel(level: OrgLevel): OrgLevel | null {
  const i = ORG_LEVELS.indexOf(level);
  return i > 0 ? ORG_LEVELS[i - 1]! : null;
}

/** True when a unit at `path` lies inside the subtree rooted at `scopePath` (ltree `<@` semantics). */
export function isWithin(path: string, scopePath: string): boolean {
  return path === scopePath || path.startsWith(`${scopePath}.`);
}

/** The ltree label for a unit code: ltree labels allow letters, digits and underscores only. */
export function pathLabel(code: string): string {
  if (!/^[A-Za-z0-9_]+$/.test(code)) throw new RangeError(`code cannot be a path label: ${code}`);
  return code;
}
