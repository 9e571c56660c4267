// Staff read a case's photos here, within the case's own reach: a case out of scope (or a photo of
// another case) answers 404 like a missing one. Photos are served as stored — already stripped of
// metadata — and never sniffed by the browser as anything but the image type they were checked to be.
// Staff who step on a case (a grid worker on the spot, a department reporting its task) add photos as
// multipart `photos` parts; the field app retries an upload whose answer it lost, which adds nothing.
import { ZErrorBody } from '@civgrid/contracts';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Context } from '../../platform/context.ts';
import { AppError } from '../../platform/errors.ts';
import { authorize } from '../../platform/http.ts';
import { readMultipartPhotos } from './photo-upload.ts';
import { addCasePhotos, readCasePhoto, type UploadedPhoto } from './photos.ts';

const ZId = z.object({ id: z.string().regex(/^\d{1,18}$/) });
const ZParams = z.object({ id: z.string().regex(/^\d{1,18}$/), photoId: z.string().regex(/^\d{1,18}$/) });
const PHOTOS_FIELD = 'photos';

/** The `photos` file parts in the order sent; at least one. */
async function readPhotoUploads(request: FastifyRequest): Promise<UploadedPhoto[]> {
  const missing = () =>
    new AppError('VALIDATION_FAILED', PHOTOS_FIELD, {
      zh: `请以 multipart/form-data 的 ${PHOTOS_FIELD} 字段上传照片`,
      en: `Send the photos as multipart/form-data ${PHOTOS_FIELD} parts`,
    });
  if (!request.isMultipart()) throw missing();
  const { uploads } = await readMultipartPhotos(request, { photoField: PHOTOS_FIELD, badForm: missing });
  if (uploads.length === 0) throw missing();
  return uploads;
}

export function casePhotoRoutes(ctx: Context): FastifyPluginAsyncZod {
  return async (app) => {
    await app.register(fastifyMultipart);
    app.post(
      '/api/v1/cases/:id/photos',
      {
        schema: {
          tags: ['cases'],
          summary:
            'Add photos to a case (multipart `photos` parts, JPEG, PNG or WebP, metadata stripped); a photo ' +
            'the case holds already is not added again. Answers the ids of the photos on the case',
          consumes: ['multipart/form-data'],
          params: ZId,
          response: {
            200: z.object({ photos: z.array(z.string()) }),
            400: ZErrorBody,
            403: ZErrorBody,
            404: ZErrorBody,
            413: ZErrorBody,
          },
        },
      },
      async (request) => {
        const actor = await authorize(ctx, request, 'case.step');
        const uploads = await readPhotoUploads(request);
        return { photos: await addCasePhotos(ctx, actor, request.params.id, uploads) };
      },
    );
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
