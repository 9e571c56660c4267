import type { TOrgUnit } from '@civgrid/contracts';
import type { OrgLevel } from '@civgrid/domain';

interface UnitRow {
  code: string;
  name: string;
  level: string;
  smart_community: boolean;
  centre_lng: number | null;
  centre_lat: number | null;
  child_count: number;
  parent_code: string | null;
}

export function presentUnit(row: UnitRow): TOrgUnit {
  return {
    code: row.code,
    name: row.name,
    level: row.level as OrgLevel,
    parentCode: row.parent_code,
    childCount: row.child_count,
    smartCommunity: row.smart_community,
    centre: row.centre_lng === null || row.centre_lat === null ? null : [row.centre_lng, row.centre_lat],
  };
}
