// Watchlists (interfaces.md, "Alerts and watchlists"): request, list, read, approve, reject, revoke.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import {
  watchlistErrors as errors,
  ZWatchlistCreate,
  ZWatchlistCreated,
  ZWatchlistEntry,
  ZWatchlistId,
  ZWatchlistList,
  ZWatchlistNote,
  ZWatchlistQuery,
} from './schemas.ts';
import { decideEntry, listEntries, readEntry, requestEntry } from './service.ts';

const tags = ['watchlist'];

export function watchlistRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/v1/watchlist',
      {
        schema: {
          tags,
          summary:
            "Ask for a watch (布控): subject (ID number, plate, MAC or a registered phone's device code, as a string or {type, idNumber|plate|mac|deviceCode}), reason, window; pending until a second person approves",
          body: ZWatchlistCreate,
          response: { 201: ZWatchlistCreated, ...errors },
        },
      },
      async (request, reply) => {
        const actor = await authorize(ctx, request, 'watchlist.request');
        return reply.status(201).send(await requestEntry(ctx, actor, request.body));
      },
    );
    app.get(
      '/api/v1/watchlist',
      {
        schema: {
          tags,
          summary: 'Watchlist entries of my jurisdiction, newest first (audited)',
          querystring: ZWatchlistQuery,
          response: { 200: ZWatchlistList, ...errors },
        },
      },
      async (request) => listEntries(ctx, await authorize(ctx, request, 'watchlist.read'), request.query),
    );
    app.get(
      '/api/v1/watchlist/:id',
      {
        schema: {
          tags,
          summary: 'One entry and the steps I may take on it (audited)',
          params: ZWatchlistId,
          response: { 200: ZWatchlistEntry, ...errors },
        },
      },
      async (request) => readEntry(ctx, await authorize(ctx, request, 'watchlist.read'), request.params.id),
    );
    for (const [step, action, summary] of [
      [
        'approve',
        'watchlist.approve',
        'Approve a pending entry (never one I asked for): it matches from now on',
      ],
      ['reject', 'watchlist.approve', 'Reject a pending entry (never one I asked for)'],
      ['revoke', 'watchlist.request', 'Revoke a pending or active entry (its requester or an approver)'],
    ] as const) {
      app.post(
        `/api/v1/watchlist/:id/${step}`,
        {
          schema: {
            tags,
            summary,
            params: ZWatchlistId,
            body: ZWatchlistNote,
            response: { 200: ZWatchlistEntry, ...errors },
          },
        },
        async (request) =>
          decideEntry(
            ctx,
            await authorize(ctx, request, action),
            request.params.id,
            step,
            request.body?.note || null,
          ),
      );
    }
  };
}
