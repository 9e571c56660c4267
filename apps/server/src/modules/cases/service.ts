// Cases: a step on a case, the case page and the work queues. The case is found through the scope layer
// (404 like a missing one when out of reach, audited), the domain's `transition()` decides the step, and
// the writer commits case, tasks, timeline and audit row together.
import type { TCaseList, TCasePage, TCaseQueueQuery, TCaseStep } from '@civgrid/contracts';
import {
  type CaseCommand,
  type CaseState,
  isWithin,
  type Message,
  stepsFor,
  transition,
} from '@civgrid/domain';
import type { Actor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { findInScope } from '../../platform/scope.ts';
import { categoryTree } from './categories.ts';
import {
  categoryPath,
  presentRollCalls,
  presentSummary,
  presentTasks,
  presentTimeline,
} from './presenter.ts';
import { refuse } from './refusals.ts';
import * as repo from './repository.ts';
import { type CaseRow, caseActorOf, toCaseState } from './state.ts';
import { commitStep } from './writer.ts';

async function caseOr404(ctx: Context, actor: Actor, id: string): Promise<CaseRow> {
  const row = await findInScope(
    ctx.db,
    actor,
    { table: 'case_file', column: 'id', value: id },
    () => repo.findCase(ctx.db, actor, id),
    ctx.now(),
  );
  if (!row) throw new AppError('NOT_FOUND');
  return row;
}

export async function loadState(db: Queryable, row: CaseRow): Promise<CaseState> {
  const [tasks, whistles] = await Promise.all([repo.caseTasks(db, row.id), repo.caseWhistles(db, row.id)]);
  return toCaseState(row, tasks, whistles);
}

/** The HTTP body as the domain's command: times as Dates, the version left out. */
function toCommand(body: TCaseStep): CaseCommand {
  const { version: _version, ...rest } = body;
  const date = (v: string | undefined) => (v === undefined ? undefined : new Date(v));
  switch (rest.step) {
    case 'assign':
      return { ...rest, tasks: rest.tasks.map((t) => ({ ...t, dueAt: date(t.dueAt) })) };
    case 'whistle':
    case 'rework':
    case 'supervise':
      return { ...rest, dueAt: date(rest.dueAt) } as CaseCommand;
    default:
      return rest as CaseCommand;
  }
}

/** Assignees are users of the task's kind, active, whose jurisdiction holds the case: a township cannot
 *  hand a matter to another county's bureau or to a grid worker of another grid. */
async function checkAssignees(ctx: Context, row: CaseRow, command: CaseCommand): Promise<void> {
  const wanted =
    command.step === 'assign'
      ? command.tasks.map((t, i) => ({ ...t.assignee, field: `tasks[${i}].assignee` }))
      : command.step === 'whistle'
        ? command.departments.map((id, i) => ({
            kind: 'department' as const,
            id,
            field: `departments[${i}]`,
          }))
        : [];
  if (wanted.length === 0) return;
  const users = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'role', 'org_path'])
    .where(
      'id',
      'in',
      wanted.map((w) => w.id),
    )
    .where('disabled_at', 'is', null)
    .execute();
  const byId = new Map(users.map((u) => [u.id, u]));
  for (const w of wanted) {
    const user = byId.get(w.id);
    if (!user || user.role !== w.kind || !isWithin(row.org_path, user.org_path))
      throw new AppError('CASE_ASSIGNEE_UNKNOWN', w.field);
  }
}

/** Takes one step on a case; answers the case page after it. */
export async function takeStep(ctx: Context, actor: Actor, id: string, body: TCaseStep): Promise<TCasePage> {
  const row = await caseOr404(ctx, actor, id);
  const before = await loadState(ctx.db, row);
  const command = toCommand(body);
  const result = transition(before, command, caseActorOf(actor), ctx.now());
  const target = { id: row.id, orgPath: row.org_path };
  // A step the caller may not take is refused as such (403) whatever version its page showed; only a
  // step it may take is then checked against the version.
  if (!result.ok && result.code === 'CASE_STEP_FORBIDDEN')
    return refuse(ctx, actor, result, body.step, target);
  if (row.version !== body.version) throw new AppError('CASE_VERSION_CONFLICT', 'version');
  if (!result.ok) return refuse(ctx, actor, result, body.step, target);
  await checkAssignees(ctx, row, command);
  await commitStep(ctx.db, actor, row, before, result);
  return readCasePage(ctx, actor, id, { audited: false });
}

function categoryNames(tree: Awaited<ReturnType<typeof categoryTree>>): Map<string, Message> {
  return new Map(tree.map((c) => [c.code, c.name]));
}

/** The case page: the case, its tasks, timeline and whistle roll calls. A read is audited like a dossier's
 *  (it carries the reporter and the people concerned); the page answered after a step is not read again. */
export async function readCasePage(
  ctx: Context,
  actor: Actor,
  id: string,
  options = { audited: true },
): Promise<TCasePage> {
  const now = ctx.now();
  const [page, tree] = await Promise.all([
    findInScope(
      ctx.db,
      actor,
      { table: 'case_file', column: 'id', value: id },
      () =>
        repo.findCasePage(
          ctx.db,
          actor,
          id,
          options.audited ? { entry: { action: 'case.read', targetType: 'case_file' }, at: now } : undefined,
        ),
      now,
    ),
    categoryTree(ctx.db),
  ]);
  if (!page) throw new AppError('NOT_FOUND');
  const { tasks, whistles, timeline, persons, photos, ...row } = page;
  const state = toCaseState(row, tasks, whistles);
  const names = new Map(tasks.map((t) => [t.assignee_user_id, t.assignee_name ?? t.assignee_user_id]));
  return {
    case: {
      ...presentSummary(row, categoryNames(tree), now),
      description: row.description,
      categoryPath: categoryPath(row.category_code),
      location: row.lng !== null && row.lat !== null ? { lng: row.lng, lat: row.lat } : null,
      originLevel: state.originLevel,
      round: state.round,
      escalations: state.escalations,
      reopenCount: state.reopenCount,
      instructions: state.instructions,
      supervision: state.supervision && {
        level: state.supervision.level,
        at: state.supervision.at.toISOString(),
        note: state.supervision.note,
        dueAt: state.supervision.dueAt?.toISOString() ?? null,
      },
      evaluation: state.evaluation && {
        rating: state.evaluation.rating,
        comment: state.evaluation.comment,
        at: state.evaluation.at.toISOString(),
        by: state.evaluation.by,
      },
      evaluationDueAt: state.evaluationDueAt?.toISOString() ?? null,
      closedAt: state.closedAt?.toISOString() ?? null,
      reporter:
        row.reporter_name || row.reporter_phone_mask
          ? { name: row.reporter_name, phone: row.reporter_phone_mask }
          : null,
      persons: persons.map((p) => ({ id: p.person_id, name: p.name ?? null, relation: p.relation })),
    },
    tasks: presentTasks(state, names),
    timeline: timeline.map(presentTimeline),
    whistles: presentRollCalls(state, now),
    steps: stepsFor(caseActorOf(actor)),
    photos,
  };
}

/** A work queue, paged: mine (my open tasks), my level's, overdue, supervised, or all I may see. */
export async function listQueue(ctx: Context, actor: Actor, query: TCaseQueueQuery): Promise<TCaseList> {
  const now = ctx.now();
  const [[rows, { total }], tree] = await Promise.all([
    repo.listQueue(
      ctx.db,
      actor,
      { queue: query.queue, status: query.status, now },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
    ),
    categoryTree(ctx.db),
  ]);
  const names = categoryNames(tree);
  return {
    items: rows.map((r) => presentSummary(r, names, now)),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
