import { ZErrorBody, ZLoginRequest, ZLoginResponse } from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { requireActor } from '../../platform/http.ts';
import { SESSION_COOKIE } from '../../platform/sessions.ts';
import { presentSessionUser } from './presenter.ts';
import { displayNameOf, login, logout } from './service.ts';

export function authRoutes(ctx: Context): FastifyPluginAsyncZod {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: ctx.config.mode === 'production',
  };
  return async (app) => {
    app.post(
      '/api/v1/auth/login',
      {
        schema: {
          tags: ['auth'],
          summary: 'Log in; sets an HttpOnly session cookie',
          body: ZLoginRequest,
          response: { 200: ZLoginResponse, 401: ZErrorBody },
        },
      },
      async (request, reply) => {
        const { username, password } = request.body;
        const result = await login(ctx, username, password, {
          ip: request.ip,
          userAgent: request.headers['user-agent'] ?? null,
        });
        reply.setCookie(SESSION_COOKIE, result.token, cookieOptions);
        return { user: presentSessionUser(result.actor, result.displayName) };
      },
    );

    app.post(
      '/api/v1/auth/logout',
      { schema: { tags: ['auth'], summary: 'End the current session', response: { 204: z.null() } } },
      async (request, reply) => {
        const token = request.cookies[SESSION_COOKIE];
        if (request.actor?.kind === 'user' && token) await logout(ctx, request.actor, token);
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/v1/auth/me',
      {
        schema: {
          tags: ['auth'],
          summary: 'The logged-in user',
          response: { 200: ZLoginResponse, 401: ZErrorBody },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        return { user: presentSessionUser(actor, await displayNameOf(ctx, actor.id!)) };
      },
    );
  };
}
