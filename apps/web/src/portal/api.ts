// The portal's calls. JSON goes through the shared client; a report with photos is multipart/form-data
// (a `report` field with the JSON and one `photos` part per file), which the shared client does not send.
import type {
  PORTAL_PHOTO_FIELD,
  PORTAL_REPORT_FIELD,
  TPortalReceipt,
  TResidentCaseView,
  TResidentReport,
} from '@civgrid/contracts';
import { ApiError, api } from '../lib/api.ts';
import type { PortalTranslate } from './i18n.tsx';

// The field names as the server reads them, checked against the contract's constants by type only: a
// value import of the contracts would bring zod into the portal's bundle.
const REPORT_FIELD: typeof PORTAL_REPORT_FIELD = 'report';
const PHOTO_FIELD: typeof PORTAL_PHOTO_FIELD = 'photos';

export async function submitReport(
  report: TResidentReport,
  photos: readonly File[],
): Promise<TPortalReceipt> {
  const form = new FormData();
  form.append(REPORT_FIELD, JSON.stringify(report));
  for (const photo of photos) form.append(PHOTO_FIELD, photo, photo.name);
  let response: Response;
  try {
    response = await fetch('/api/v1/portal/reports', {
      method: 'POST',
      body: form,
      headers: { Accept: 'application/json', 'Accept-Language': document.documentElement.lang || 'zh-CN' },
    });
  } catch (cause) {
    throw new ApiError(0, 'NETWORK', cause instanceof Error ? cause.message : String(cause));
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return body as TPortalReceipt;
  const error = (body as { error?: { code: string; message: string; field?: string } } | null)?.error;
  if (error) throw new ApiError(response.status, error.code, error.message, error.field);
  throw new ApiError(response.status, `HTTP_${response.status}`, response.statusText);
}

export const followCase = (trackingNo: string) =>
  api.get<TResidentCaseView>(`/api/v1/portal/cases/${encodeURIComponent(trackingNo)}`);

export const rateCase = (trackingNo: string, body: { secret: string; rating: number; comment?: string }) =>
  api.post<TResidentCaseView>(`/api/v1/portal/cases/${encodeURIComponent(trackingNo)}/rating`, body);

/** A sentence for the resident: the server's own (localised) message, or a generic one. */
export function describePortalError(error: unknown, t: PortalTranslate): string {
  if (error instanceof ApiError) {
    if (error.isNetwork) return t('portal.error.network');
    if (error.message) return error.message;
  }
  return t('portal.error.unknown');
}

/** Tracking numbers as the server issues them: `GD` + six digits + eight base-32 characters. */
export const TRACKING_NO = /^GD\d{6}[0-9A-HJKMNP-TV-Z]{8}$/;
