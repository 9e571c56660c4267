// Reading a portal report off the request: multipart/form-data with a `report` field (the report as JSON)
// and up to four photo files, or plain JSON for a report without photos. Files are read into memory
// only up to the photo limits; the checks of their content are the photos module's.
import { PORTAL_REPORT_FIELD, type TResidentReport, ZResidentReport } from '@civgrid/contracts';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { readMultipartPhotos } from '../cases/photo-upload.ts';
import type { UploadedPhoto } from '../cases/photos.ts';

/** The report validated by its contract; a broken field is refused by name, like any zod failure. */
function parseReport(value: unknown): TResidentReport {
  const parsed = ZResidentReport.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || PORTAL_REPORT_FIELD;
  throw new AppError('VALIDATION_FAILED', field, {
    zh: `${field} ${issue.message}`,
    en: `${field} ${issue.message}`,
  });
}

/** The report and its photo uploads, in the order sent. */
export async function readPortalReport(
  request: FastifyRequest,
): Promise<{ report: TResidentReport; uploads: UploadedPhoto[] }> {
  if (!request.isMultipart()) return { report: parseReport(request.body), uploads: [] };
  const { uploads, fields } = await readMultipartPhotos(request, {
    badForm: () => new AppError('VALIDATION_FAILED', PORTAL_REPORT_FIELD),
  });
  const raw = fields.get(PORTAL_REPORT_FIELD);
  if (raw === undefined)
    throw new AppError('VALIDATION_FAILED', PORTAL_REPORT_FIELD, {
      zh: `缺少 ${PORTAL_REPORT_FIELD} 字段（报事内容，JSON 格式）`,
      en: `The ${PORTAL_REPORT_FIELD} field (the report as JSON) is missing`,
    });
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new AppError('VALIDATION_FAILED', PORTAL_REPORT_FIELD, {
      zh: `${PORTAL_REPORT_FIELD} 字段不是有效的 JSON`,
      en: `The ${PORTAL_REPORT_FIELD} field is not valid JSON`,
    });
  }
  return { report: parseReport(json), uploads };
}
