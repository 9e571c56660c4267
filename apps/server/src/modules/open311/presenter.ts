// Open311 shapes: services, a service definition, service requests and the discovery document, as the
// GeoReport v2 specification names their fields. Each is plain data the routes write as JSON or XML.
import type { TResidentCaseView } from '@civgrid/contracts';
import { CASE_LEVEL_LABELS, type CaseLevel } from '@civgrid/domain';
import type { Lang } from '../../platform/errors.ts';
import type { StoredCategory } from '../cases/categories.ts';
import type { PublicRequestRow } from './repository.ts';
import { isoInZone } from './time.ts';

export const GEOREPORT_V2 = 'http://wiki.open311.org/GeoReport_v2';

/** The line a `media_url` is kept on at the end of a description (staff see it there too). */
const MEDIA_LINE = /\n\nmedia_url: (\S+)$/;

/** A description with the media URL on its own last line. */
export function withMediaUrl(description: string, mediaUrl: string | undefined): string {
  return mediaUrl ? `${description}\n\nmedia_url: ${mediaUrl}` : description;
}

export function presentService(category: StoredCategory, top: StoredCategory, lang: Lang) {
  const other: Lang = lang === 'zh' ? 'en' : 'zh';
  return {
    service_code: category.code,
    service_name: category.name[lang],
    description:
      top.code === category.code ? category.name[lang] : `${top.name[lang]} / ${category.name[lang]}`,
    // No service asks for more than the standard fields, so clients need not fetch a definition.
    metadata: false,
    type: 'realtime',
    keywords: category.name[other],
    group: top.name[lang],
  };
}

export function presentDefinition(code: string) {
  return { service_code: code, attributes: [] };
}

/** One request with its public fields only: never who reported it. */
export function presentRequest(
  row: PublicRequestRow,
  latest: TResidentCaseView['progress'][number] | null,
  serviceName: string,
  lang: Lang,
  timeZone: string,
) {
  const media = MEDIA_LINE.exec(row.description);
  return {
    service_request_id: row.tracking_no,
    status: row.is_open ? 'open' : 'closed',
    status_notes: latest ? latest.text[lang] : null,
    service_name: serviceName,
    service_code: row.category_code,
    description: media ? row.description.slice(0, media.index) : row.description,
    agency_responsible: CASE_LEVEL_LABELS[row.holder_level as CaseLevel]?.[lang] ?? null,
    service_notice: null,
    requested_datetime: isoInZone(row.opened_at, timeZone),
    // The spec: for a closed request, the time it was closed.
    updated_datetime: isoInZone(!row.is_open && row.closed_at ? row.closed_at : row.updated_at, timeZone),
    expected_datetime: isoInZone(row.due_at, timeZone),
    address: row.address,
    address_id: null,
    zipcode: null,
    lat: row.lat,
    long: row.lng,
    media_url: media?.[1] ?? null,
  };
}

export function presentDiscovery(url: string, changeset: string, isProduction: boolean, contact: string) {
  return {
    changeset,
    contact,
    key_service: contact,
    endpoints: [
      {
        specification: GEOREPORT_V2,
        url,
        changeset,
        type: isProduction ? 'production' : 'test',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}
