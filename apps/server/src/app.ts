// buildApp(deps) assembles the HTTP server from the platform and the domain modules. It never listens:
// main.ts does, and tests call app.inject() on it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { alertRoutes } from './modules/alerts/routes.ts';
import { auditRoutes } from './modules/audit/routes.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { caseAssigneeRoutes } from './modules/cases/assignee-routes.ts';
import { casePhotoRoutes } from './modules/cases/photo-routes.ts';
import { caseRoutes } from './modules/cases/routes.ts';
import { caseStatsRoutes } from './modules/cases/stats-routes.ts';
import { commandRoutes } from './modules/command/routes.ts';
import { fieldRoutes } from './modules/field/routes.ts';
import { modelRoutes } from './modules/insight/models/routes.ts';
import { insightRoutes } from './modules/insight/routes.ts';
import { liveRoutes } from './modules/live/routes.ts';
import { notifyRoutes } from './modules/notify/routes.ts';
import { open311Routes } from './modules/open311/routes.ts';
import { orgRoutes } from './modules/org/routes.ts';
import { portalRoutes } from './modules/portal/routes.ts';
import { importRoutes } from './modules/registry/import/routes.ts';
import { personRoutes } from './modules/registry/persons/routes.ts';
import { registryRoutes } from './modules/registry/routes.ts';
import { sensingRoutes } from './modules/sensing/routes.ts';
import { viidRoutes } from './modules/sensing/viid/routes.ts';
import { systemRoutes, VERSION } from './modules/system/routes.ts';
import { userRoutes } from './modules/users/routes.ts';
import { watchlistRoutes } from './modules/watchlist/routes.ts';
import { wechatRoutes } from './modules/wechat/routes.ts';
import type { Context } from './platform/context.ts';
import { registerAuthentication, registerErrorHandler, sendNotFound } from './platform/http.ts';

export const WEB_DIST = join(dirname(fileURLToPath(import.meta.url)), '../../web/dist');

const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface AppOptions {
  logger?: boolean | { level: string };
  /** Serve the built web apps (off in most tests). */
  serveWeb?: boolean;
}

export async function buildApp(ctx: Context, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: ctx.config.trustProxy ?? false,
    bodyLimit: 32 * 1024 * 1024,
    // ajv's default would coerce and strip; zod does validation instead.
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'civgrid API',
        version: VERSION,
        description: 'Grid-based community governance. Integration contract: docs/interfaces.md.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'civgrid_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  registerErrorHandler(app);
  registerAuthentication(app, ctx);
  for (const routes of [
    systemRoutes,
    authRoutes,
    orgRoutes,
    userRoutes,
    auditRoutes,
    importRoutes,
    personRoutes,
    registryRoutes,
    sensingRoutes,
    viidRoutes,
    insightRoutes,
    alertRoutes,
    modelRoutes,
    watchlistRoutes,
    liveRoutes,
    caseRoutes,
    casePhotoRoutes,
    portalRoutes,
    caseAssigneeRoutes,
    caseStatsRoutes,
    notifyRoutes,
    open311Routes,
    wechatRoutes,
    commandRoutes,
    fieldRoutes,
  ]) {
    await app.register(routes(ctx));
  }

  const serveWeb = (options.serveWeb ?? true) && existsSync(join(WEB_DIST, 'console/index.html'));
  if (serveWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart; a page's
    // own folder (`/portal/`, `/console/`) answers with its index.html.
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: true,
      index: ['index.html'],
      // The build writes .br/.gz beside each file (apps/web/vite.config.ts).
      preCompressed: true,
      // Hashed bundles never change under their name; pages and the service worker are asked for anew.
      cacheControl: false,
      setHeaders: (response, path) =>
        response.header('cache-control', path.includes('/assets/') ? IMMUTABLE : 'no-cache'),
    });
    app.get('/', (_request, reply) => reply.redirect('/console/'));
  }
  // Deep links into a single-page app (e.g. /console/org) are answered with its index.html;
  // everything else unknown is the catalogue's NOT_FOUND.
  app.setNotFoundHandler((request, reply) => {
    const page =
      request.method === 'GET' && serveWeb
        ? request.url.match(/^\/(console|field|portal)(\/|$|\?)/)?.[1]
        : undefined;
    if (page && existsSync(join(WEB_DIST, page, 'index.html'))) return reply.sendFile(`${page}/index.html`);
    return sendNotFound(request, reply);
  });
  return app;
}
