// The Open311 door's reads: the requests it took, and only their public columns. GeoReport v2 is open to
// anyone, so what it lists is what its reporters filed knowing it is public (a partner app's report):
// hotline calls, WeChat messages, portal reports and staff cases never appear here, and no reporter
// column is ever selected. Reads start from the scope layer as the city-wide resident actor. The cases
// module has no public listing of its own yet; when it gets one, this query belongs there.
import type { Actor } from '../../platform/actor.ts';
import type { Queryable } from '../../platform/db.ts';
import { scopedFrom } from '../../platform/scope.ts';

const PUBLIC_COLUMNS = [
  'case_file.id',
  'case_file.tracking_no',
  'case_file.category_code',
  'case_file.description',
  'case_file.status',
  'case_file.is_open',
  'case_file.holder_level',
  'case_file.opened_at',
  'case_file.updated_at',
  'case_file.closed_at',
  'case_file.due_at',
  'case_file.address',
  'case_file.lat',
  'case_file.lng',
] as const;

function open311Requests(db: Queryable, actor: Actor) {
  return scopedFrom(db, actor, 'case_file').select(PUBLIC_COLUMNS).where('case_file.source', '=', 'open311');
}

export type PublicRequestRow = Awaited<ReturnType<typeof requestsByTrackingNo>>[number];

/** The Open311 requests among these tracking numbers. */
export function requestsByTrackingNo(db: Queryable, actor: Actor, trackingNos: readonly string[]) {
  return open311Requests(db, actor)
    .where('case_file.tracking_no', 'in', trackingNos.length > 0 ? [...trackingNos] : [''])
    .execute();
}

export interface RequestFilter {
  from: Date;
  to: Date;
  /** Service codes (category codes); all when absent. */
  codes?: readonly string[];
  /** true: open only, false: closed only; both when absent. */
  isOpen?: boolean;
  limit: number;
}

/** Open311 requests filed in [from, to], newest first (index `case_file_source_opened_idx`). */
export function requestsFiled(db: Queryable, actor: Actor, filter: RequestFilter) {
  let query = open311Requests(db, actor)
    .where('case_file.opened_at', '>=', filter.from)
    .where('case_file.opened_at', '<=', filter.to);
  if (filter.codes) query = query.where('case_file.category_code', 'in', [...filter.codes]);
  if (filter.isOpen !== undefined) query = query.where('case_file.is_open', '=', filter.isOpen);
  return query
    .orderBy('case_file.opened_at', 'desc')
    .orderBy('case_file.id', 'desc')
    .limit(filter.limit)
    .execute();
}
