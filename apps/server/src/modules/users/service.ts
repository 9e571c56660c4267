// User management. Admins create users, give each one role and one scope inside their own, and disable
// them; disabling (or changing role, scope or password) ends the user's sessions at once.
import type { TCreateUser, TUpdateUser, TUser } from '@civgrid/contracts';
import {
  checkPassword,
  isScopeLevelAllowed,
  type OrgLevel,
  type PasswordProblem,
  type Role,
} from '@civgrid/domain';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { findInScope } from '../../platform/scope.ts';
import { forgetSessionsOf } from '../../platform/sessions.ts';
import { hashPassword } from '../auth/passwords.ts';
import { presentUser } from './presenter.ts';
import * as repo from './repository.ts';

const PASSWORD_RULES: Record<PasswordProblem, { zh: string; en: string }> = {
  tooShort: { zh: '密码至少 10 个字符', en: 'The password needs at least 10 characters' },
  tooLong: { zh: '密码最多 128 个字符', en: 'The password may have at most 128 characters' },
  tooSimple: {
    zh: '密码须包含字母、数字、符号中的至少两类',
    en: 'The password needs at least two of letters, digits and symbols',
  },
  containsUsername: { zh: '密码不能包含用户名', en: 'The password may not contain the username' },
};

async function passwordHashFor(password: string, username: string) {
  const problem = checkPassword(password, username);
  if (problem) throw new AppError('WEAK_PASSWORD', 'password', PASSWORD_RULES[problem]);
  return hashPassword(password);
}

async function scopeFor(db: Queryable, actor: Actor, role: Role, scopeCode: string) {
  const unit = await repo.findUnitInScope(db, actor, scopeCode);
  if (!unit) throw new AppError('UNKNOWN_UNIT', 'scopeCode');
  if (!isScopeLevelAllowed(role, unit.level as OrgLevel))
    throw new AppError('SCOPE_LEVEL_NOT_ALLOWED', 'scopeCode');
  return unit;
}

async function userOr404(ctx: Context, actor: Actor, db: Queryable, id: string) {
  const user = await findInScope(
    ctx.db,
    actor,
    { table: 'app_user', column: 'id', value: id },
    () => repo.findUser(db, actor, id),
    ctx.now(),
  );
  if (!user) throw new AppError('NOT_FOUND');
  return user;
}

export async function listUsers(
  ctx: Context,
  actor: Actor,
  query: { page: number; pageSize: number; q?: string; role?: string },
) {
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const [rows, { total }] = await repo.listUsers(tx, actor, {
      ...query,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    await appendAudit(tx, actor, { action: 'user.list', details: { ...query, returned: rows.length } }, now);
    return { items: rows.map((r) => presentUser(r, now)), total, page: query.page, pageSize: query.pageSize };
  });
}

export async function getUser(ctx: Context, actor: Actor, id: string): Promise<TUser> {
  const now = ctx.now();
  const user = await userOr404(ctx, actor, ctx.db, id);
  await auditAlone(ctx.db, actor, { action: 'user.read', targetType: 'app_user', targetId: id }, now);
  return presentUser(user, now);
}

export async function createUser(ctx: Context, actor: Actor, input: TCreateUser): Promise<TUser> {
  const now = ctx.now();
  const passwordHash = await passwordHashFor(input.password, input.username);
  return ctx.db.transaction().execute(async (tx) => {
    const unit = await scopeFor(tx, actor, input.role, input.scopeCode);
    const taken = await tx
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken) throw new AppError('USERNAME_TAKEN', 'username');
    const { id } = await tx
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        scope_id: unit.id,
        org_path: unit.org_path,
        password_hash: passwordHash,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendAudit(
      tx,
      actor,
      {
        action: 'user.create',
        targetType: 'app_user',
        targetId: id,
        orgPath: unit.org_path,
        details: { username: input.username, role: input.role, scope: input.scopeCode },
      },
      now,
    );
    return presentUser((await repo.findUser(tx, actor, id))!, now);
  });
}

export async function updateUser(ctx: Context, actor: Actor, id: string, input: TUpdateUser): Promise<TUser> {
  const now = ctx.now();
  const user = await ctx.db.transaction().execute(async (tx) => {
    const current = await userOr404(ctx, actor, tx, id);
    const role = input.role ?? (current.role as Role);
    const unit =
      input.role || input.scopeCode
        ? await scopeFor(tx, actor, role, input.scopeCode ?? current.scope_code)
        : null;
    const passwordHash = input.password ? await passwordHashFor(input.password, current.username) : null;
    await tx
      .updateTable('app_user')
      .set({
        updated_at: now,
        ...(input.displayName ? { display_name: input.displayName } : {}),
        ...(unit ? { role, scope_id: unit.id, org_path: unit.org_path } : {}),
        ...(passwordHash ? { password_hash: passwordHash, failed_attempts: 0, locked_until: null } : {}),
      })
      .where('id', '=', id)
      .execute();
    // A changed role, scope or password must not leave an old session with the old rights.
    const endedSessions = unit || passwordHash ? await repo.endSessions(tx, id) : 0;
    await appendAudit(
      tx,
      actor,
      {
        action: 'user.update',
        targetType: 'app_user',
        targetId: id,
        details: {
          changed: Object.keys(input).filter((k) => input[k as keyof TUpdateUser] !== undefined),
          ...(unit ? { role, scope: input.scopeCode ?? current.scope_code } : {}),
          endedSessions,
        },
      },
      now,
    );
    return presentUser((await repo.findUser(tx, actor, id)) ?? current, now);
  });
  // Sessions with the old rights or of a disabled user end in this process before the answer.
  forgetSessionsOf(ctx, id);
  return user;
}

export async function setDisabled(ctx: Context, actor: Actor, id: string, disabled: boolean): Promise<TUser> {
  const now = ctx.now();
  if (disabled && id === actor.id)
    throw new AppError('VALIDATION_FAILED', 'id', {
      zh: '不能停用自己的账号',
      en: 'You cannot disable your own account',
    });
  const user = await ctx.db.transaction().execute(async (tx) => {
    await userOr404(ctx, actor, tx, id);
    await tx
      .updateTable('app_user')
      .set(
        disabled
          ? { disabled_at: now, updated_at: now }
          : { disabled_at: null, failed_attempts: 0, locked_until: null, updated_at: now },
      )
      .where('id', '=', id)
      .execute();
    const endedSessions = disabled ? await repo.endSessions(tx, id) : 0;
    await appendAudit(
      tx,
      actor,
      {
        action: disabled ? 'user.disable' : 'user.enable',
        targetType: 'app_user',
        targetId: id,
        details: { endedSessions },
      },
      now,
    );
    return presentUser((await repo.findUser(tx, actor, id))!, now);
  });
  // Sessions with the old rights or of a disabled user end in this process before the answer.
  forgetSessionsOf(ctx, id);
  return user;
}
