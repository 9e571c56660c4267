// Photos of a case. An upload is recognised by its first bytes (never by the name or the type the client
// claims), limited in size and number, and stripped of its metadata before it is stored: a phone's photo
// carries the GPS position of where it was taken (often the reporter's home), the camera's serial number
// and the time, none of which the case needs. Stripping is lossless and byte-level — segments and chunks
// are dropped, the image data is copied untouched — so no image library and no native code is involved.
// JPEG keeps its JFIF header (without a thumbnail) and the image segments; PNG loses its text and time
// chunks; WebP loses its EXIF and XMP chunks and the VP8X flags announcing them.
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit, auditAlone } from '../../platform/audit.ts';
import type { Context } from '../../platform/context.ts';
import type { Queryable, Tx } from '../../platform/db.ts';
import { AppError, ERRORS, type ErrorCode } from '../../platform/errors.ts';
import { findInScope } from '../../platform/scope.ts';
import * as repo from './repository.ts';

export const PHOTO_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoType = (typeof PHOTO_TYPES)[number];
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
export const MAX_PHOTOS_PER_CASE = 4;

/** A photo ready to store: its type from its bytes, the bytes without metadata, and their SHA-256. */
export interface CleanPhoto {
  contentType: PhotoType;
  bytes: Buffer;
  sha256: Buffer;
}

/** Thrown by the format parsers; becomes PHOTO_MALFORMED with the photo's field. */
class MalformedImage extends Error {}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The image type the bytes begin with, or null for anything else (HEIC, GIF, a PDF, a renamed file). */
export function photoTypeOf(bytes: Uint8Array): PhotoType | null {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

// --- JPEG -------------------------------------------------------------------------------------------

const SOI = 0xd8;
const EOI = 0xd9;
const SOS = 0xda;
const APP0 = 0xe0;
const APP14 = 0xee;
const COM = 0xfe;

const isRestart = (marker: number) => marker >= 0xd0 && marker <= 0xd7;
/** Start-of-frame markers: C0–CF except DHT (C4), JPG (C8) and DAC (CC). */
const isFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);

function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** What of an application segment is kept: JFIF's header without its thumbnail (a thumbnail can show what
 *  a crop removed), and Adobe's 12-byte colour-transform header, which CMYK decoding needs; no others. */
function keptAppSegment(marker: number, body: Buffer): Buffer | null {
  if (marker === APP0 && body.length >= 14 && body.toString('latin1', 0, 5) === 'JFIF\0') {
    const header = Buffer.from(body.subarray(0, 14));
    header[12] = 0;
    header[13] = 0;
    return segment(APP0, header);
  }
  if (marker === APP14 && body.length === 12 && body.toString('latin1', 0, 5) === 'Adobe')
    return segment(APP14, body);
  return null;
}

/** Walks the JPEG's segments: drops APP1–APP15 (EXIF, XMP, ICC, MPF, maker notes…) and comments,
 *  keeps the tables, frames and scans byte for byte, and ends at EOI (trailing previews are dropped). */
function stripJpeg(input: Buffer): Buffer {
  const out: Buffer[] = [Buffer.from([0xff, SOI])];
  let at = 2;
  let hasFrame = false;
  let hasScan = false;
  for (;;) {
    if (input[at] !== 0xff) throw new MalformedImage('expected a marker');
    while (input[at] === 0xff) at++; // fill bytes
    const marker = input[at++];
    if (marker === undefined || marker === 0x00 || marker === SOI) throw new MalformedImage('bad marker');
    if (marker === EOI) break;
    if (isRestart(marker) || marker === 0x01) {
      out.push(Buffer.from([0xff, marker]));
      continue;
    }
    if (at + 2 > input.length) throw new MalformedImage('truncated segment');
    const length = input.readUInt16BE(at);
    const end = at + length;
    if (length < 2 || end > input.length) throw new MalformedImage('truncated segment');
    const body = input.subarray(at + 2, end);
    at = end;
    if (marker >= APP0 && marker <= 0xef) {
      const kept = keptAppSegment(marker, body);
      if (kept) out.push(kept);
      continue;
    }
    if (marker === COM) continue;
    if (isFrame(marker)) hasFrame = true;
    out.push(Buffer.from([0xff, marker]), input.subarray(end - length, end));
    if (marker !== SOS) continue;
    if (!hasFrame) throw new MalformedImage('scan before frame');
    hasScan = true;
    // Entropy-coded data runs to the next marker that is neither a stuffed 0xFF00 nor a restart marker.
    let data = at;
    while (data < input.length) {
      if (input[data] === 0xff) {
        const next = input[data + 1];
        if (next === undefined) break;
        if (next !== 0x00 && !isRestart(next)) break;
        data += 2;
      } else data++;
    }
    if (data >= input.length) throw new MalformedImage('no end of image');
    out.push(input.subarray(at, data));
    at = data;
  }
  if (!hasFrame || !hasScan) throw new MalformedImage('no image data');
  out.push(Buffer.from([0xff, EOI]));
  return Buffer.concat(out);
}

// --- PNG --------------------------------------------------------------------------------------------

/** Text (which cameras and editors fill with descriptions, software, GPS), EXIF and the modification time. */
const PNG_DROPPED = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/** Walks the PNG's chunks (each CRC checked): keeps all but the metadata chunks, ends at IEND. */
function stripPng(input: Buffer): Buffer {
  const out: Buffer[] = [PNG_SIGNATURE];
  let at = PNG_SIGNATURE.length;
  let hasData = false;
  for (let index = 0; ; index++) {
    if (at + 12 > input.length) throw new MalformedImage('truncated chunk');
    const length = input.readUInt32BE(at);
    const type = input.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (!/^[A-Za-z]{4}$/.test(type) || end > input.length) throw new MalformedImage('bad chunk');
    if (crc32(input.subarray(at + 4, end - 4)) !== input.readUInt32BE(end - 4))
      throw new MalformedImage('bad CRC');
    if (index === 0 && type !== 'IHDR') throw new MalformedImage('no IHDR');
    if (type === 'IDAT') hasData = true;
    if (!PNG_DROPPED.has(type)) out.push(input.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  if (!hasData) throw new MalformedImage('no image data');
  return Buffer.concat(out);
}

// --- WebP -------------------------------------------------------------------------------------------

const VP8X_EXIF = 0x08;
const VP8X_XMP = 0x04;
const WEBP_IMAGE = new Set(['VP8 ', 'VP8L', 'ANMF']);

/** Walks the RIFF chunks: drops EXIF and XMP, clears their VP8X flags, rewrites the RIFF size. */
function stripWebp(input: Buffer): Buffer {
  const riffEnd = 8 + input.readUInt32LE(4);
  if (riffEnd > input.length || riffEnd < 20) throw new MalformedImage('truncated RIFF');
  const kept: Buffer[] = [];
  let at = 12;
  let hasImage = false;
  while (at < riffEnd) {
    if (at + 8 > riffEnd) throw new MalformedImage('truncated chunk');
    const fourcc = input.toString('latin1', at, at + 4);
    const size = input.readUInt32LE(at + 4);
    const dataEnd = at + 8 + size;
    if (dataEnd > riffEnd) throw new MalformedImage('bad chunk');
    if (kept.length === 0 && !['VP8 ', 'VP8L', 'VP8X'].includes(fourcc))
      throw new MalformedImage('no header');
    if (WEBP_IMAGE.has(fourcc)) hasImage = true;
    const chunk = Buffer.from(input.subarray(at, dataEnd));
    if (fourcc === 'VP8X') {
      if (size < 10) throw new MalformedImage('short VP8X');
      chunk[8] = chunk[8]! & ~(VP8X_EXIF | VP8X_XMP);
    }
    // Chunks are padded to an even size; the last one's pad byte is sometimes missing, so it is rewritten.
    if (fourcc !== 'EXIF' && fourcc !== 'XMP ')
      kept.push(size & 1 ? Buffer.concat([chunk, Buffer.alloc(1)]) : chunk);
    const end = Math.min(dataEnd + (size & 1), riffEnd);
    at = end;
  }
  if (!hasImage) throw new MalformedImage('no image data');
  const header = Buffer.from('RIFF\0\0\0\0WEBP', 'latin1');
  const body = Buffer.concat(kept);
  header.writeUInt32LE(body.length + 4, 4);
  return Buffer.concat([header, body]);
}

/** The image without its metadata; the image data itself is copied byte for byte. Throws on a file whose
 *  structure is broken (truncated, bad chunk, no image data). */
export function stripPhotoMetadata(bytes: Buffer, type: PhotoType): Buffer {
  try {
    if (type === 'image/jpeg') return stripJpeg(bytes);
    if (type === 'image/png') return stripPng(bytes);
    return stripWebp(bytes);
  } catch (error) {
    // A read past the end of a truncated file is the same finding as a broken length.
    if (error instanceof RangeError) throw new MalformedImage(error.message);
    throw error;
  }
}

// --- Checking and storing ---------------------------------------------------------------------------

/** An upload as it arrived: its bytes, and the file name the client gave (only to name it in errors). */
export interface UploadedPhoto {
  bytes: Buffer;
  fileName?: string | undefined;
}

/** The error for the photo at `index` (0-based), naming it as the resident counts (1-based) and by name. */
export function photoError(code: ErrorCode, index: number, fileName?: string): AppError {
  const name = fileName ? [...fileName].slice(0, 60).join('') : '';
  const zh = `第 ${index + 1} 张照片${name ? `（${name}）` : ''}：${ERRORS[code].zh}`;
  const en = `Photo ${index + 1}${name ? ` (${name})` : ''}: ${ERRORS[code].en}`;
  return new AppError(code, `photos[${index}]`, { zh, en });
}

/** Checks one upload (type by magic bytes, size, structure) and strips its metadata. */
export function checkPhoto(upload: UploadedPhoto, index: number): CleanPhoto {
  if (upload.bytes.length > MAX_PHOTO_BYTES) throw photoError('PHOTO_TOO_LARGE', index, upload.fileName);
  const contentType = photoTypeOf(upload.bytes);
  if (!contentType) throw photoError('PHOTO_TYPE_UNSUPPORTED', index, upload.fileName);
  let bytes: Buffer;
  try {
    bytes = stripPhotoMetadata(upload.bytes, contentType);
  } catch (error) {
    if (error instanceof MalformedImage) throw photoError('PHOTO_MALFORMED', index, upload.fileName);
    throw error;
  }
  return { contentType, bytes, sha256: createHash('sha256').update(bytes).digest() };
}

/** Checks every upload of one report before anything is written; at most four. */
export function checkPhotos(uploads: readonly UploadedPhoto[]): CleanPhoto[] {
  if (uploads.length > MAX_PHOTOS_PER_CASE)
    throw photoError('PHOTO_TOO_MANY', MAX_PHOTOS_PER_CASE, uploads[MAX_PHOTOS_PER_CASE]?.fileName);
  return uploads.map(checkPhoto);
}

/** Stores checked photos with a case, in the caller's transaction, with one audit row; the case row is
 *  locked so two additions cannot both pass the limit. */
export async function storePhotos(
  tx: Tx,
  actor: Actor,
  target: { id: string; trackingNo: string; orgPath: string },
  photos: readonly CleanPhoto[],
  addedBy: string,
  now: Date,
): Promise<string[]> {
  if (photos.length === 0) return [];
  await tx.selectFrom('case_file').select('id').where('id', '=', target.id).forUpdate().execute();
  const held = await tx
    .selectFrom('case_photo')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('case_id', '=', target.id)
    .executeTakeFirstOrThrow();
  if (Number(held.n) + photos.length > MAX_PHOTOS_PER_CASE)
    throw photoError('PHOTO_TOO_MANY', Math.max(0, MAX_PHOTOS_PER_CASE - Number(held.n)));
  const rows = await tx
    .insertInto('case_photo')
    .values(
      photos.map((p) => ({
        case_id: target.id,
        content_type: p.contentType,
        bytes: p.bytes,
        size: p.bytes.length,
        sha256: p.sha256,
        added_at: now,
        added_by: addedBy,
      })),
    )
    .returning('id')
    .execute();
  await appendAudit(
    tx,
    actor,
    {
      action: 'case.photo.add',
      targetType: 'case_file',
      targetId: target.id,
      orgPath: target.orgPath,
      details: {
        trackingNo: target.trackingNo,
        photos: rows.map((r, i) => ({
          id: r.id,
          type: photos[i]!.contentType,
          size: photos[i]!.bytes.length,
          sha256: photos[i]!.sha256.toString('hex'),
        })),
      },
    },
    now,
  );
  return rows.map((r) => r.id);
}

/** Adds staff photos to a case the actor may reach (404 like a missing one otherwise, audited); a photo
 *  whose stripped bytes the case already holds is not stored again, so a retried upload adds nothing.
 *  Answers the ids of the case's photos after the addition, oldest first. */
export async function addCasePhotos(
  ctx: Context,
  actor: Actor,
  caseId: string,
  uploads: readonly UploadedPhoto[],
): Promise<string[]> {
  const now = ctx.now();
  const row = await findInScope(
    ctx.db,
    actor,
    { table: 'case_file', column: 'id', value: caseId },
    () => repo.findCase(ctx.db, actor, caseId),
    now,
  );
  if (!row) throw new AppError('NOT_FOUND');
  const photos = checkPhotos(uploads);
  return ctx.db.transaction().execute(async (tx) => {
    // Locked before the hashes are read, so two retries of one upload cannot both find it missing.
    await tx.selectFrom('case_file').select('id').where('id', '=', caseId).forUpdate().execute();
    const held = await tx.selectFrom('case_photo').select('sha256').where('case_id', '=', caseId).execute();
    const seen = new Set(held.map((p) => p.sha256.toString('hex')));
    const fresh = photos.filter((p) => {
      const hash = p.sha256.toString('hex');
      if (seen.has(hash)) return false;
      seen.add(hash);
      return true;
    });
    const target = { id: caseId, trackingNo: row.tracking_no, orgPath: row.org_path };
    await storePhotos(tx, actor, target, fresh, actor.id ?? actor.name, now);
    return casePhotoIds(tx, caseId);
  });
}

/** The ids of a case's photos, oldest first (for the case page). */
export async function casePhotoIds(db: Queryable, caseId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('case_photo')
    .select('id')
    .where('case_id', '=', caseId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** One photo of a case the actor may read (404 like a missing one otherwise); the read is audited. */
export async function readCasePhoto(
  ctx: Context,
  actor: Actor,
  caseId: string,
  photoId: string,
): Promise<{ contentType: PhotoType; bytes: Buffer; sha256: Buffer }> {
  const now = ctx.now();
  const row = await findInScope(
    ctx.db,
    actor,
    { table: 'case_file', column: 'id', value: caseId },
    () => repo.findCase(ctx.db, actor, caseId),
    now,
  );
  if (!row) throw new AppError('NOT_FOUND');
  const photo = await ctx.db
    .selectFrom('case_photo')
    .select(['content_type', 'bytes', 'sha256'])
    .where('case_id', '=', caseId)
    .where('id', '=', photoId)
    .executeTakeFirst();
  if (!photo) throw new AppError('NOT_FOUND');
  await auditAlone(
    ctx.db,
    actor,
    {
      action: 'case.photo.read',
      targetType: 'case_file',
      targetId: caseId,
      orgPath: row.org_path,
      details: { photo: photoId },
    },
    now,
  );
  return { contentType: photo.content_type, bytes: photo.bytes, sha256: photo.sha256 };
}
