// Photos off a multipart request, read into memory only up to the photo limits (size, count); their
// content is checked by photos.ts. Shared by the portal's report and staff adding photos to a case.
import type { FastifyRequest } from 'fastify';
import type { AppError } from '../../platform/errors.ts';
import { MAX_PHOTO_BYTES, MAX_PHOTOS_PER_CASE, photoError, type UploadedPhoto } from './photos.ts';

const codeOf = (error: unknown) => (error as { code?: unknown }).code;

export interface MultipartPhotos {
  /** The photo files in the order sent. */
  uploads: UploadedPhoto[];
  /** The text fields by name. */
  fields: Map<string, string>;
}

/** Reads a multipart request's files as photos (only those named `photoField` when given) and its text
 *  fields; a malformed or over-large form is answered with `badForm()`, a photo too big or too many by
 *  its number. */
export async function readMultipartPhotos(
  request: FastifyRequest,
  options: { photoField?: string; badForm: () => AppError },
): Promise<MultipartPhotos> {
  const uploads: UploadedPhoto[] = [];
  const fields = new Map<string, string>();
  try {
    const parts = request.parts({
      limits: {
        fileSize: MAX_PHOTO_BYTES,
        files: MAX_PHOTOS_PER_CASE + 1,
        fields: 10,
        fieldSize: 64 * 1024,
        parts: 20,
      },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        fields.set(part.fieldname, String(part.value));
        continue;
      }
      if (options.photoField !== undefined && part.fieldname !== options.photoField) {
        await part.toBuffer().catch(() => undefined);
        continue;
      }
      const index = uploads.length;
      if (index >= MAX_PHOTOS_PER_CASE) throw photoError('PHOTO_TOO_MANY', index, part.filename);
      try {
        uploads.push({ bytes: await part.toBuffer(), fileName: part.filename });
      } catch (error) {
        if (codeOf(error) === 'FST_REQ_FILE_TOO_LARGE')
          throw photoError('PHOTO_TOO_LARGE', index, part.filename);
        throw error;
      }
    }
  } catch (error) {
    if (codeOf(error) === 'FST_FILES_LIMIT') throw photoError('PHOTO_TOO_MANY', MAX_PHOTOS_PER_CASE);
    if (String(codeOf(error)).startsWith('FST_')) throw options.badForm();
    throw error;
  }
  return { uploads, fields };
}
