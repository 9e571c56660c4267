// Request plumbing shared by every module: who is calling, whether they may, and the error shape.
import type { Action } from '@civgrid/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { type Actor, actorCan } from './actor.ts';
import { resolveApiKey } from './api-keys.ts';
import { auditAlone } from './audit.ts';
import type { Context } from './context.ts';
import { AppError, type ErrorCode, errorBody, languageOf } from './errors.ts';
import { closeListener } from './listener.ts';
import { resolveSession, SESSION_COOKIE } from './sessions.ts';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    sessionExpired: boolean;
  }
}

/** Resolves the caller from the session cookie or a Bearer API key before any handler runs. */
export function registerAuthentication(app: FastifyInstance, ctx: Context): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('sessionExpired', false);
  // The session cache listens on the process's listener (as the live push does); it closes with the app.
  app.addHook('onClose', async () => closeListener(ctx));
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/') && !request.url.startsWith('/open311/')) return;
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (bearer) {
      request.actor = await resolveApiKey(ctx, bearer, request.ip);
      return;
    }
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await resolveSession(ctx, token, request.ip);
    if (found && 'actor' in found) request.actor = found.actor;
    else if (found) request.sessionExpired = true;
  });
}

/** The caller, or 401 (SESSION_EXPIRED when a session just ran out, so the console can say so). */
export function requireActor(request: FastifyRequest): Actor {
  if (request.actor) return request.actor;
  throw new AppError(request.sessionExpired ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
}

/** The caller if it may take `action`; otherwise the denial is audited and the request answered 403. */
export async function authorize(ctx: Context, request: FastifyRequest, action: Action): Promise<Actor> {
  const actor = requireActor(request);
  if (actorCan(actor, action)) return actor;
  await auditAlone(
    ctx.db,
    actor,
    {
      action: 'access.forbidden',
      outcome: 'denied',
      details: { wanted: action, route: request.routeOptions.url },
    },
    ctx.now(),
  );
  throw new AppError('FORBIDDEN');
}

/** One error handler: catalogue errors keep their code; validation errors name the field; anything
 *  unexpected is logged and answered 500 without internals. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request, reply) => {
    const lang = languageOf(request.headers['accept-language']);
    if (error instanceof AppError) {
      return reply.status(error.status).send(errorBody(error.code, lang, error.field, error.detail));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const issue = error.validation[0];
      const field = issue?.instancePath.replace(/^\//, '').replaceAll('/', '.') || undefined;
      const detail = issue
        ? { zh: `${field ?? ''} ${issue.message}`.trim(), en: `${field ?? ''} ${issue.message}`.trim() }
        : undefined;
      return reply.status(400).send(errorBody('VALIDATION_FAILED', lang, field, detail));
    }
    const statusCode = (error as { statusCode?: number }).statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      const code: ErrorCode =
        statusCode === 413 ? 'PAYLOAD_TOO_LARGE' : statusCode === 429 ? 'RATE_LIMITED' : 'VALIDATION_FAILED';
      return reply.status(statusCode).send(errorBody(code, lang));
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL', lang));
  });
}

export function sendNotFound(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send(errorBody('NOT_FOUND', languageOf(request.headers['accept-language'])));
}
