// Who a case can be handed to, for the console's assign and whistle forms: the active users of one kind
// (department, grid worker, police) whose jurisdiction holds the case — the rule `checkAssignees` applies
// when the step arrives, so the form offers exactly the people the step will accept.
import { ZErrorBody } from '@civgrid/contracts';
import { ASSIGNEE_KINDS, type AssigneeKind } from '@civgrid/domain';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Actor } from '../../platform/actor.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/http.ts';
import { findInScope } from '../../platform/scope.ts';
import { findCase } from './repository.ts';

const ZId = z.object({ id: z.string().regex(/^\d{1,18}$/) });
const ZAssigneeQuery = z.object({ kind: z.enum(ASSIGNEE_KINDS) });
const ZAssignees = z.object({
  assignees: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(ASSIGNEE_KINDS),
      name: z.string(),
      unit: z.object({ code: z.string(), name: z.string() }),
    }),
  ),
});
type TAssignees = z.infer<typeof ZAssignees>;

/** More than any real jurisdiction line holds; a bound all the same. */
const MAX_ASSIGNEES = 200;

/** `a.b.c` → `['a', 'a.b', 'a.b.c']`: the paths whose subtree holds `path`. */
function pathsHolding(path: string): string[] {
  const labels = path.split('.');
  return labels.map((_, i) => labels.slice(0, i + 1).join('.'));
}

/** Active users of `kind` whose scope holds `casePath`, nearest unit first. Unscoped on purpose, like the
 *  assignee names of the case page: a township hands work to the county's bureaus, above its own scope;
 *  only ids, display names and their units leave. */
function usersHolding(db: Queryable, kind: AssigneeKind, casePath: string) {
  return db
    .selectFrom('app_user')
    .innerJoin('org_unit', 'org_unit.id', 'app_user.scope_id')
    .select(['app_user.id', 'app_user.display_name', 'org_unit.code', 'org_unit.name', 'app_user.org_path'])
    .where('app_user.role', '=', kind)
    .where('app_user.disabled_at', 'is', null)
    .where((eb) => eb(eb.cast('app_user.org_path', 'text'), 'in', pathsHolding(casePath)))
    .orderBy((eb) => eb.fn('length', [eb.cast('app_user.org_path', 'text')]), 'desc')
    .orderBy('app_user.display_name')
    .limit(MAX_ASSIGNEES)
    .execute();
}

/** The candidates for a task of `kind` on case `id`; 404 when the case is out of the actor's reach. */
export async function listAssignees(
  ctx: Context,
  actor: Actor,
  id: string,
  kind: AssigneeKind,
): Promise<TAssignees> {
  const row = await findInScope(
    ctx.db,
    actor,
    { table: 'case_file', column: 'id', value: id },
    () => findCase(ctx.db, actor, id),
    ctx.now(),
  );
  if (!row) throw new AppError('NOT_FOUND');
  const users = await usersHolding(ctx.db, kind, row.org_path);
  return {
    assignees: users.map((u) => ({
      id: u.id,
      kind,
      name: u.display_name,
      unit: { code: u.code, name: u.name },
    })),
  };
}

export function caseAssigneeRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/cases/:id/assignees',
      {
        schema: {
          tags: ['cases'],
          summary: 'Who a task on this case can go to: active users of the kind whose jurisdiction holds it',
          params: ZId,
          querystring: ZAssigneeQuery,
          response: { 200: ZAssignees, 400: ZErrorBody, 403: ZErrorBody, 404: ZErrorBody },
        },
      },
      async (request) =>
        listAssignees(ctx, await authorize(ctx, request, 'case.step'), request.params.id, request.query.kind),
    );
  };
}
