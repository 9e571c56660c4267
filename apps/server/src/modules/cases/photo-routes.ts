// Staff read a case's photos here, within the case's own reach: a case out of scope (or a photo of
// another case) answers 404 like a missing one. Photos are served as stored — already stripped of
// metadata — and never sniffed by the browser as anything but the image type they were checked to be.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { authorize } from '../../platform/http.ts';
import { readCasePhoto } from './photos.ts';

const ZParams = z.object({ id: z.string().regex(/^\d{1,18}$/), photoId: z.string().regex(/^\d{1,18}$/) });

export function casePhotoRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/v1/cases/:id/photos/:photoId',
      {
        schema: {
          tags: ['cases'],
          summary: 'A photo of a case (JPEG, PNG or WebP, metadata stripped); the case page lists the ids',
          params: ZParams,
        },
      },
      async (request, reply) => {
        const actor = await authorize(ctx, request, 'case.read');
        const photo = await readCasePhoto(ctx, actor, request.params.id, request.params.photoId);
        const etag = `"${photo.sha256.toString('hex')}"`;
        return reply
          .header('content-type', photo.contentType)
          .header('x-content-type-options', 'nosniff')
          .header(
            'content-disposition',
            `inline; filename="case-${request.params.id}-${request.params.photoId}"`,
          )
          .header('cache-control', 'private, max-age=3600')
          .header('etag', etag)
          .send(photo.bytes);
      },
    );
  };
}
