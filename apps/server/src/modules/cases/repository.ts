// Case queries, all from `visibleCases`: the scope layer's subtree, and for departments only the cases
// they were given a task on — a department works for many grids and must not browse them all.
import type { CaseLevel } from '@civgrid/domain';
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Actor } from '../../platform/actor.ts';
import { selectAudited } from '../../platform/audit.ts';
import type { Queryable } from '../../platform/db.ts';
import { inScope, scopedFrom } from '../../platform/scope.ts';

/** `select … from case_file` limited to what the actor may see. */
export function visibleCases(db: Queryable, actor: Actor) {
  const query = scopedFrom(db, actor, 'case_file');
  if (actor.role !== 'department') return query;
  return query.where((eb) =>
    eb.exists(
      eb
        .selectFrom('case_task')
        .select(sql`1`.as('one'))
        .whereRef('case_task.case_id', '=', 'case_file.id')
        .where('case_task.assignee_user_id', '=', actor.id ?? '0'),
    ),
  );
}

export function findCase(db: Queryable, actor: Actor, id: string) {
  return visibleCases(db, actor).selectAll('case_file').where('case_file.id', '=', id).executeTakeFirst();
}

/** How a read is audited: the entry (its target is each row read) and the time. */
export interface AuditedRead {
  entry: { action: string; targetType: string };
  at: Date;
}

/** A case with everything its page shows, in one statement (each query is a round trip and a system
 *  call, which cost more than these small reads): tasks with their assignees' names, roll calls,
 *  timeline, the people concerned (names only in the reader's scope) and the photos' ids; with `audit`,
 *  the read's audit row is written by the same statement. */
export async function findCasePage(db: Queryable, actor: Actor, id: string, audit?: AuditedRead) {
  const query = visibleCases(db, actor)
    .selectAll('case_file')
    .select((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('case_task')
          .leftJoin('app_user', 'app_user.id', 'case_task.assignee_user_id')
          .selectAll('case_task')
          .select('app_user.display_name as assignee_name')
          .whereRef('case_task.case_id', '=', 'case_file.id')
          .orderBy('case_task.no'),
      ).as('tasks'),
      jsonArrayFrom(
        eb
          .selectFrom('case_whistle')
          .selectAll('case_whistle')
          .whereRef('case_whistle.case_id', '=', 'case_file.id')
          .orderBy('case_whistle.no'),
      ).as('whistles'),
      jsonArrayFrom(
        eb
          .selectFrom('case_timeline')
          .selectAll('case_timeline')
          .whereRef('case_timeline.case_id', '=', 'case_file.id')
          .orderBy('case_timeline.id'),
      ).as('timeline'),
      jsonArrayFrom(
        eb
          .selectFrom('case_person')
          .leftJoin('person', (join) =>
            join.onRef('person.id', '=', 'case_person.person_id').on(inScope(actor, 'person')),
          )
          .select(['case_person.person_id', 'case_person.relation', 'person.name'])
          .whereRef('case_person.case_id', '=', 'case_file.id')
          .orderBy('case_person.person_id'),
      ).as('persons'),
      jsonArrayFrom(
        eb
          .selectFrom('case_photo')
          .select('id')
          .whereRef('case_photo.case_id', '=', 'case_file.id')
          .orderBy('case_photo.id'),
      ).as('photos'),
    ])
    .where('case_file.id', '=', id);
  const row = audit
    ? (await selectAudited(db, query, actor, audit.entry, audit.at))[0]
    : await query.executeTakeFirst();
  if (!row) return undefined;
  return {
    ...row,
    tasks: row.tasks.map(fromJsonRow),
    whistles: row.whistles.map(fromJsonRow),
    timeline: row.timeline.map(fromJsonRow),
    persons: row.persons.map(fromJsonRow),
    photos: row.photos.map((p) => String(p.id)),
  };
}

/** A row that came through `json_agg` as the driver would have read it: bigint ids back to strings
 *  (JSON made them numbers), timestamps back to Dates (JSON made them strings). The case tables name
 *  them consistently: `id`, `…_id`; `at`, `…_at`. */
type FromJson<T> = {
  [K in keyof T]: K extends 'at' | `${string}_at` ? (null extends T[K] ? Date | null : Date) : T[K];
};
function fromJsonRow<T extends object>(row: T): FromJson<T> {
  const out = { ...row } as Record<string, unknown>;
  for (const [key, value] of Object.entries(out)) {
    if (value === null) continue;
    if ((key === 'id' || key.endsWith('_id')) && typeof value === 'number') out[key] = String(value);
    else if ((key === 'at' || key.endsWith('_at')) && typeof value === 'string') out[key] = new Date(value);
  }
  return out as FromJson<T>;
}

/** A case by its tracking number, unscoped: for the resident's channels, which answer only what the
 *  reporter may know. */
export function findCaseByTrackingNo(db: Queryable, trackingNo: string) {
  return db.selectFrom('case_file').selectAll().where('tracking_no', '=', trackingNo).executeTakeFirst();
}

export function caseTasks(db: Queryable, caseId: string) {
  return db.selectFrom('case_task').selectAll().where('case_id', '=', caseId).orderBy('no').execute();
}

export function caseWhistles(db: Queryable, caseId: string) {
  return db.selectFrom('case_whistle').selectAll().where('case_id', '=', caseId).orderBy('no').execute();
}

export function caseTimeline(db: Queryable, caseId: string) {
  return db.selectFrom('case_timeline').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
}

export type Queue = 'mine' | 'level' | 'overdue' | 'supervised' | 'all';

export function queueQuery(
  db: Queryable,
  actor: Actor,
  filter: { queue: Queue; status?: string; now: Date },
) {
  let query = visibleCases(db, actor);
  if (filter.queue === 'mine')
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('case_task')
          .select(sql`1`.as('one'))
          .whereRef('case_task.case_id', '=', 'case_file.id')
          .where('case_task.assignee_user_id', '=', actor.id ?? '0')
          .where('case_task.status', 'in', ['pending', 'accepted']),
      ),
    );
  if (filter.queue === 'level')
    query = query
      .where('case_file.is_open', '=', true)
      .where('case_file.holder_level', '=', actor.scopeLevel as CaseLevel);
  if (filter.queue === 'overdue')
    query = query.where('case_file.is_open', '=', true).where('case_file.step_due_at', '<', filter.now);
  if (filter.queue === 'supervised')
    query = query.where('case_file.is_open', '=', true).where('case_file.supervision_level', 'is not', null);
  if (filter.status) query = query.where('case_file.status', '=', filter.status);
  return query;
}

export const summaryColumns = [
  'case_file.id',
  'case_file.tracking_no',
  'case_file.version',
  'case_file.source',
  'case_file.category_code',
  'case_file.priority',
  'case_file.title',
  'case_file.status',
  'case_file.is_open',
  'case_file.holder_level',
  'case_file.org_path',
  'case_file.grid_id',
  'case_file.address',
  'case_file.opened_at',
  'case_file.step_due_at',
  'case_file.due_at',
  'case_file.supervision_level',
] as const;

export async function listQueue(
  db: Queryable,
  actor: Actor,
  filter: Parameters<typeof queueQuery>[2],
  page: { limit: number; offset: number },
) {
  const query = queueQuery(db, actor, filter);
  // The page and the total in one statement (the count is taken over every match before the limit);
  // only a page past the end, which has no row to carry it, counts again.
  const rows = await query
    .select([...summaryColumns, sql<number>`count(*) over ()::int`.as('total')])
    .orderBy(sql`case_file.step_due_at asc nulls last`)
    .orderBy('case_file.id', 'desc')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
  const total =
    rows[0]?.total ??
    (page.offset === 0
      ? 0
      : (await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow()).total);
  return [rows, { total }] as const;
}

export function allCategories(db: Queryable) {
  return db.selectFrom('case_category').selectAll().orderBy('position').execute();
}
