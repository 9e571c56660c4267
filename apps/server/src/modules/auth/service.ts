// Login with lock-out. Every attempt is audited; every failure looks the same from outside (one body,
// comparable timing), whether the name is unknown, the password wrong, or the account locked or disabled.
import { afterLoginAttempt, DEMO_PASSWORD, isLocked } from '@civgrid/domain';
import { type Actor, systemActor, userActor } from '../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { createSession, deleteSession } from '../../platform/sessions.ts';
import { cityRoot } from '../org/service.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
}

export async function login(ctx: Context, username: string, password: string, meta: LoginMeta) {
  const name = username.trim().toLowerCase();
  const now = ctx.now();
  const outcome = await ctx.db.transaction().execute(async (tx) => {
    const user = await tx
      .selectFrom('app_user as u')
      .innerJoin('org_unit as o', 'o.id', 'u.scope_id')
      .select([
        'u.id',
        'u.username',
        'u.display_name',
        'u.role',
        'u.password_hash',
        'u.failed_attempts',
        'u.locked_until',
        'u.disabled_at',
        'u.org_path',
        'o.code as scope_code',
        'o.name as scope_name',
        'o.level as scope_level',
      ])
      .where('u.username', '=', name)
      .forUpdate('u')
      .executeTakeFirst();
    const isPasswordRight = await verifyPassword(
      user?.password_hash ?? (await dummyPasswordHash()),
      password,
    );
    if (!user) return { ok: false as const, reason: 'unknown-user' };
    const actor = userActor(user, meta.ip);
    const state = { failedAttempts: user.failed_attempts, lockedUntil: user.locked_until };
    const reason = user.disabled_at
      ? 'disabled'
      : isLocked(state, now)
        ? 'locked'
        : !isPasswordRight
          ? 'wrong-password'
          : ctx.config.mode === 'production' && password === DEMO_PASSWORD
            ? 'demo-password'
            : null;
    const next = user.disabled_at ? state : afterLoginAttempt(state, reason === null, now);
    await tx
      .updateTable('app_user')
      .set({
        failed_attempts: next.failedAttempts,
        locked_until: next.lockedUntil,
        ...(reason === null ? { last_login_at: now } : {}),
      })
      .where('id', '=', user.id)
      .execute();
    const lockedNow = !isLocked(state, now) && isLocked(next, now);
    await appendAudit(
      tx,
      actor,
      {
        action: 'auth.login',
        outcome: reason === null ? 'ok' : 'failed',
        targetType: 'app_user',
        targetId: user.id,
        details: reason === null ? {} : { reason, ...(lockedNow ? { lockedUntil: next.lockedUntil } : {}) },
      },
      now,
    );
    return reason === null
      ? { ok: true as const, actor, displayName: user.display_name }
      : { ok: false as const, reason };
  });
  if (!outcome.ok) {
    if (outcome.reason === 'unknown-user') await auditUnknownUser(ctx, name, meta.ip, now);
    if (outcome.reason === 'demo-password') throw new AppError('DEMO_PASSWORD_REFUSED');
    throw new AppError('INVALID_CREDENTIALS');
  }
  const token = await createSession(ctx, outcome.actor.id!, meta.ip, meta.userAgent);
  return { token, actor: outcome.actor, displayName: outcome.displayName };
}

/** A failed login for a name that is no account: recorded against the city root, where city auditors see it. */
async function auditUnknownUser(ctx: Context, username: string, ip: string | null, now: Date) {
  const root = await cityRoot(ctx.db);
  const anonymous = systemActor(root ?? { code: '', name: '', org_path: '' }, 'anonymous', ip);
  await auditAlone(
    ctx.db,
    anonymous,
    { action: 'auth.login', outcome: 'failed', details: { reason: 'unknown-user', username } },
    now,
  );
}

export async function logout(ctx: Context, actor: Actor, token: string) {
  await deleteSession(ctx, token);
  await auditAlone(
    ctx.db,
    actor,
    { action: 'auth.logout', targetType: 'app_user', targetId: actor.id },
    ctx.now(),
  );
}

export async function displayNameOf(ctx: Context, userId: string): Promise<string> {
  const row = await ctx.db
    .selectFrom('app_user')
    .select('display_name')
    .where('id', '=', userId)
    .executeTakeFirst();
  return row?.display_name ?? '';
}
