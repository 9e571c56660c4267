// GET /api/v1/live: Server-Sent Events for the logged-in user — every alert of their jurisdiction as it is
// raised or changes (`event: alert`, data = the alert as GET /api/v1/alerts lists it), `id:` on every
// event, `Last-Event-ID` (or `?lastEventId=`) to resume without a gap, `heartbeat` every 20 s, `resync`
// when the missed events cannot be replayed (reload the list), `end` when the session is over.
// This plugin also owns the process's listening connection: it is closed with the app.

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import { SESSION_COOKIE } from '../../platform/sessions.ts';
import { hubOf, type LiveClient, stopHub } from './hub.ts';
import { isStreamSessionAlive } from './repository.ts';

/** Beyond this much unsent data a client is let go (it resumes by its last id). */
const MAX_BUFFERED = 1024 * 1024;

const ZLiveQuery = z.object({ lastEventId: z.string().max(20).optional() });

function eventIdOf(value: string | string[] | undefined): bigint | null {
  const text = Array.isArray(value) ? value[0] : value;
  return text !== undefined && /^\d{1,19}$/.test(text.trim()) ? BigInt(text.trim()) : null;
}

export function liveRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    // Open streams would keep the server from closing: end them first (the listener closes after).
    app.addHook('preClose', (done) => {
      stopHub(ctx);
      done();
    });

    app.get(
      '/api/v1/live',
      {
        schema: {
          tags: ['alerts'],
          summary:
            'Server-Sent Events: the alerts of my jurisdiction as they are raised or change; resume with Last-Event-ID',
          querystring: ZLiveQuery,
        },
      },
      async (request, reply) => {
        const actor = await authorize(ctx, request, 'alert.read');
        const lastEventId = eventIdOf(request.headers['last-event-id'] ?? request.query.lastEventId);
        const token = request.cookies[SESSION_COOKIE];
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        const client: LiveClient = {
          actor,
          write(frame) {
            if (res.destroyed || res.writableEnded) return false;
            res.write(frame);
            return res.writableLength < MAX_BUFFERED;
          },
          close() {
            if (!res.writableEnded) res.end();
          },
          isSessionAlive: () =>
            token ? isStreamSessionAlive(ctx.db, token, ctx.now()) : Promise.resolve(true),
        };
        const hub = hubOf(ctx);
        res.on('close', () => hub.unsubscribe(client));
        try {
          const { replayed } = await hub.subscribe(client, lastEventId);
          await auditAlone(
            ctx.db,
            actor,
            {
              action: 'alert.stream',
              details: { lastEventId: lastEventId?.toString() ?? null, replayed },
            },
            ctx.now(),
          );
        } catch (error) {
          request.log.error({ err: error }, 'live stream failed');
          hub.unsubscribe(client);
          client.close();
        }
      },
    );
  };
}
