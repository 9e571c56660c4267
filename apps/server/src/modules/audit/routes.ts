import { ZAuditEntry, ZAuditList, ZAuditQuery, ZAuditVerifyResult, ZErrorBody } from '@civgrid/contracts';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import * as audit from './service.ts';

const tags = ['audit'];

export function auditRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/audit',
      {
        schema: {
          tags,
          summary: 'Audit log, newest first (auditors)',
          querystring: ZAuditQuery,
          response: { 200: ZAuditList },
        },
      },
      async (request) => audit.listAudit(ctx, await authorize(ctx, request, 'audit.read'), request.query),
    );
    app.get(
      '/api/v1/audit/:seq',
      {
        schema: {
          tags,
          summary: 'One audit row',
          params: z.object({ seq: z.string().regex(/^\d{1,18}$/) }),
          response: { 200: ZAuditEntry, 403: ZErrorBody, 404: ZErrorBody },
        },
      },
      async (request) =>
        audit.getAuditEntry(ctx, await authorize(ctx, request, 'audit.read'), request.params.seq),
    );
    app.post(
      '/api/v1/audit/verify',
      {
        schema: {
          tags,
          summary: 'Check the hash chain; names the first broken row',
          response: { 200: ZAuditVerifyResult },
        },
      },
      async (request) => audit.verifyChain(ctx, await authorize(ctx, request, 'audit.read')),
    );
  };
}
