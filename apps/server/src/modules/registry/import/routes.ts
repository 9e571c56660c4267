import { IMPORT_KINDS, ZErrorBody, ZImportQuery, ZImportResult } from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../../platform/context.ts';
import { languageOf } from '../../../platform/errors.ts';
import { authorize } from '../../../platform/http.ts';
import { importRecords } from './service.ts';

export function importRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    // NDJSON arrives as text; JSON arrays keep Fastify's parser and are re-serialised cheaply by the pipeline.
    app.addContentTypeParser(
      ['application/x-ndjson', 'text/plain'],
      { parseAs: 'string', bodyLimit: 64 * 1024 * 1024 },
      (_request, body, done) => done(null, body),
    );
    app.post(
      '/api/v1/import/:kind',
      {
        bodyLimit: 64 * 1024 * 1024,
        schema: {
          tags: ['registry'],
          summary: 'Bulk import (NDJSON or a JSON array); upsert by key; valid lines are kept',
          params: z.object({ kind: z.enum(IMPORT_KINDS) }),
          querystring: ZImportQuery,
          response: { 200: ZImportResult, 400: ZErrorBody, 403: ZErrorBody },
        },
      },
      async (request) => {
        const actor = await authorize(ctx, request, 'registry.import');
        const body = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? []);
        return importRecords(ctx, actor, request.params.kind, body, {
          dryRun: request.query.dryRun === 'true',
          lang: languageOf(request.headers['accept-language']),
        });
      },
    );
  };
}
