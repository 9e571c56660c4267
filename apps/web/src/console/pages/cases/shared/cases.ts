// Where the case pages live in the console and on the server, and the shapes they read. Types only
// from the contracts (no zod in the pages' chunks); lists as plain data.
import type { TCaseList, TCasePage, TCaseSummary } from '@civgrid/contracts';
import type { AssigneeKind } from '@civgrid/domain';

export type { TCaseList, TCasePage, TCaseSummary };
export type TCaseTask = TCasePage['tasks'][number];
export type TRollCall = TCasePage['whistles'][number];
export type TTimelineEntry = TCasePage['timeline'][number];

/** The work queues, in tab order (as the server names them). */
export const QUEUES = ['mine', 'level', 'overdue', 'supervised', 'all'] as const;
export type Queue = (typeof QUEUES)[number];

/** One candidate of `GET /api/v1/cases/{id}/assignees?kind=`. */
export interface TAssignee {
  id: string;
  kind: AssigneeKind;
  name: string;
  unit: { code: string; name: string };
}

export const CASES_API = '/api/v1/cases';

export function caseApi(id: string): string {
  return `${CASES_API}/${encodeURIComponent(id)}`;
}

/** A photo of the case, served by the server in the viewer's scope. */
export function casePhotoApi(id: string, photoId: string): string {
  return `${caseApi(id)}/photos/${encodeURIComponent(photoId)}`;
}

export const QUEUE_PATH = '/cases';
export const HOTLINE_PATH = '/hotline';
export const STATS_PATH = '/case-stats';

export function casePath(id: string): string {
  return `${QUEUE_PATH}/${encodeURIComponent(id)}`;
}

/** Photo ids of a case page, wherever the server puts them (the page or its case) — none before the
 *  server sends any. */
export function photoIdsOf(page: TCasePage): string[] {
  const holders = [page as { photos?: unknown }, page.case as { photos?: unknown }];
  for (const holder of holders) {
    if (Array.isArray(holder.photos))
      return holder.photos.filter((p): p is string => typeof p === 'string' && p !== '');
  }
  return [];
}
