// Case photos at the byte level: real small images built here (a baseline JPEG, a PNG, a lossless WebP)
// carrying the metadata a phone adds — an EXIF GPS position, XMP, comments, text chunks, a thumbnail —
// come out without it, with their image data untouched and their structure still whole; anything that
// is not a JPEG, PNG or WebP, too big, broken or one too many is refused naming the photo.
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  checkPhoto,
  checkPhotos,
  MAX_PHOTO_BYTES,
  photoTypeOf,
  stripPhotoMetadata,
} from '../src/modules/cases/photos.ts';
import { AppError } from '../src/platform/errors.ts';

const bytes = (...parts: (number[] | Buffer | string)[]) =>
  Buffer.concat(
    parts.map((p) =>
      typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.isBuffer(p) ? p : Buffer.from(p),
    ),
  );
const u16 = (n: number) => [n >> 8, n & 0xff];
const u32le = (n: number) => [n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff, n >>> 24];

// 39°31'45.12"N 116°42'7.89"E, written the way a camera writes it: three rationals each.
const LAT = [39, 1, 31, 1, 4512, 100];
const LNG = [116, 1, 42, 1, 789, 100];

/** A TIFF block (little-endian, as phones write it) whose IFD0 names a camera and points to a GPS IFD. */
function exifTiff(): Buffer {
  const entry = (tag: number, type: number, count: number, value: number) => {
    const b = Buffer.alloc(12);
    b.writeUInt16LE(tag, 0);
    b.writeUInt16LE(type, 2);
    b.writeUInt32LE(count, 4);
    b.writeUInt32LE(value, 8);
    return b;
  };
  const rationals = (values: number[]) => Buffer.concat(values.map((v) => Buffer.from(u32le(v))));
  const ifd0At = 8;
  const gpsAt = ifd0At + 2 + 12 + 4;
  const latAt = gpsAt + 2 + 4 * 12 + 4;
  const lngAt = latAt + 24;
  return bytes(
    'II',
    [0x2a, 0],
    u32le(ifd0At),
    [1, 0],
    entry(0x8825, 4, 1, gpsAt),
    u32le(0),
    [4, 0],
    entry(0x0001, 2, 2, 0x4e), // GPSLatitudeRef "N"
    entry(0x0002, 5, 3, latAt),
    entry(0x0003, 2, 2, 0x45), // GPSLongitudeRef "E"
    entry(0x0004, 5, 3, lngAt),
    u32le(0),
    rationals(LAT),
    rationals(LNG),
  );
}
const GPS_BYTES = Buffer.from(LAT.flatMap(u32le));
const XMP = '<x:xmpmeta><exif:GPSLatitude>39,31.752N</exif:GPSLatitude></x:xmpmeta>';
const COMMENT = 'taken at home, 3-1-402';

// --- JPEG: an 8x8 mid-grey baseline image. Every coefficient is zero, so one-symbol Huffman tables
// (DC category 0, AC end-of-block) code each block in two bits.
const jpegSegment = (marker: number, body: Buffer | string) => {
  const b = typeof body === 'string' ? Buffer.from(body, 'latin1') : body;
  return bytes([0xff, marker], u16(b.length + 2), b);
};
const JFIF = jpegSegment(0xe0, bytes('JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0]));
const JFIF_WITH_THUMB = jpegSegment(0xe0, bytes('JFIF\0', [1, 1, 0, 0, 1, 0, 1, 1, 1], [200, 10, 10]));
const TABLES = bytes(
  jpegSegment(0xdb, bytes([0], Array(64).fill(1))),
  jpegSegment(0xc0, bytes([8], u16(8), u16(8), [1, 1, 0x11, 0])),
  jpegSegment(0xc4, bytes([0x00, 1], Array(15).fill(0), [0])),
  jpegSegment(0xc4, bytes([0x10, 1], Array(15).fill(0), [0])),
);
const SCAN = bytes(jpegSegment(0xda, bytes([1, 1, 0, 0, 63, 0])), [0x3f]);
const EOI = Buffer.from([0xff, 0xd9]);
const plainJpeg = bytes([0xff, 0xd8], JFIF, TABLES, SCAN, EOI);

function jpegSegments(jpeg: Buffer): string[] {
  const names: string[] = [];
  let at = 2;
  names.push('d8');
  while (at < jpeg.length) {
    const marker = jpeg[at + 1]!;
    names.push(marker.toString(16));
    if (marker === 0xd9) break;
    const end = at + 2 + jpeg.readUInt16BE(at + 2);
    at = marker === 0xda ? jpeg.indexOf(Buffer.from([0xff, 0xd9]), end) : end;
  }
  return names;
}

// --- PNG: 2x2 RGB.
const PIXELS = [
  [255, 0, 0, 0, 255, 0],
  [0, 0, 255, 255, 255, 255],
];
const pngChunk = (type: string, data: Buffer | string) => {
  const body = bytes(type, typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(body.length - 4);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return bytes(head, body, crc);
};
const IHDR = pngChunk('IHDR', bytes([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]));
const IDAT = pngChunk('IDAT', deflateSync(bytes(...PIXELS.map((row) => [0, ...row]))));
const IEND = pngChunk('IEND', Buffer.alloc(0));
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngChunks(png: Buffer): { type: string; data: Buffer }[] {
  const chunks = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    chunks.push({
      type: png.toString('latin1', at + 4, at + 8),
      data: png.subarray(at + 8, at + 8 + length),
    });
    at += 12 + length;
  }
  return chunks;
}

// --- WebP: an 8x8 lossless (VP8L) bitstream as Chromium's encoder wrote it for a two-colour canvas.
const VP8L = Buffer.from('VlA4TBcAAAAvB8ABAA/wRNWLqP6Od/4jDfMQ0f94AAA=', 'base64');
const riffChunk = (fourcc: string, data: Buffer) =>
  bytes(fourcc, u32le(data.length), data, data.length % 2 ? [0] : []);
const riff = (...chunks: Buffer[]) => {
  const body = bytes('WEBP', ...chunks);
  return bytes('RIFF', u32le(body.length), body);
};
const VP8X_ALL = riffChunk('VP8X', bytes([0x0c, 0, 0, 0], [7, 0, 0], [7, 0, 0])); // EXIF | XMP flags

function riffChunks(webp: Buffer): { fourcc: string; data: Buffer }[] {
  const chunks = [];
  for (let at = 12; at < 8 + webp.readUInt32LE(4); ) {
    const size = webp.readUInt32LE(at + 4);
    chunks.push({ fourcc: webp.toString('latin1', at, at + 4), data: webp.subarray(at + 8, at + 8 + size) });
    at += 8 + size + (size % 2);
  }
  return chunks;
}

function refusal(run: () => unknown): { code: string; field: string | undefined; en: string | undefined } {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, field: error.field, en: error.detail?.en };
    throw error;
  }
  throw new Error('not refused');
}

describe('JPEG', () => {
  const withMetadata = bytes(
    [0xff, 0xd8],
    JFIF_WITH_THUMB,
    jpegSegment(0xe1, bytes('Exif\0\0', exifTiff())),
    jpegSegment(0xe1, `http://ns.adobe.com/xap/1.0/\0${XMP}`),
    jpegSegment(0xe2, 'ICC_PROFILE\0\x01\x01 fake profile'),
    jpegSegment(0xfe, COMMENT),
    TABLES,
    jpegSegment(0xed, 'Photoshop 3.0\0 8BIM caption'),
    SCAN,
    EOI,
    // A second picture after EOI (MPF previews), with a GPS block of its own.
    bytes([0xff, 0xd8], jpegSegment(0xe1, bytes('Exif\0\0', exifTiff())), EOI),
  );

  it('drops EXIF (with its GPS position), XMP, ICC, Photoshop, comments and trailing pictures', () => {
    expect(withMetadata.includes(GPS_BYTES)).toBe(true);
    const photo = checkPhoto({ bytes: withMetadata, fileName: 'IMG_0001.JPG' }, 0);
    expect(photo.contentType).toBe('image/jpeg');
    for (const gone of [GPS_BYTES, 'Exif', 'GPS', 'xap/1.0', 'ICC_PROFILE', '8BIM', COMMENT])
      expect(photo.bytes.includes(gone), String(gone)).toBe(false);
    expect(jpegSegments(photo.bytes)).toEqual(['d8', 'e0', 'db', 'c0', 'c4', 'c4', 'da', 'd9']);
    // The JFIF header stays, its thumbnail does not; tables and scan are copied byte for byte.
    expect(photo.bytes.subarray(2, 2 + JFIF.length)).toEqual(JFIF);
    expect(photo.bytes).toEqual(plainJpeg);
  });

  it('leaves a clean image byte for byte and is idempotent', () => {
    expect(stripPhotoMetadata(plainJpeg, 'image/jpeg')).toEqual(plainJpeg);
    const once = stripPhotoMetadata(withMetadata, 'image/jpeg');
    expect(stripPhotoMetadata(once, 'image/jpeg')).toEqual(once);
  });

  it('keeps stuffed bytes and restart markers inside the scan, and fill bytes do not confuse it', () => {
    const scan = bytes(
      jpegSegment(0xda, bytes([1, 1, 0, 0, 63, 0])),
      [0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56],
    );
    const jpeg = bytes([0xff, 0xd8], TABLES, [0xff, 0xff], jpegSegment(0xfe, COMMENT), scan, [0xff], EOI);
    const clean = stripPhotoMetadata(jpeg, 'image/jpeg');
    expect(clean).toEqual(bytes([0xff, 0xd8], TABLES, scan, EOI));
  });

  it('refuses a truncated file and one without image data', () => {
    const cut = plainJpeg.subarray(0, plainJpeg.length - 2);
    expect(refusal(() => checkPhoto({ bytes: cut }, 1))).toMatchObject({
      code: 'PHOTO_MALFORMED',
      field: 'photos[1]',
    });
    expect(refusal(() => checkPhoto({ bytes: bytes([0xff, 0xd8], JFIF, EOI) }, 0)).code).toBe(
      'PHOTO_MALFORMED',
    );
    const badLength = bytes([0xff, 0xd8, 0xff, 0xe1, 0xff, 0xf0, 1, 2, 3]);
    expect(refusal(() => checkPhoto({ bytes: badLength }, 0)).code).toBe('PHOTO_MALFORMED');
  });
});

describe('PNG', () => {
  const withMetadata = bytes(
    PNG_SIG,
    IHDR,
    pngChunk('tEXt', 'Comment\0GPS 39.5292N 116.7022E'),
    pngChunk('iTXt', `XML:com.adobe.xmp\0\0\0\0\0${XMP}`),
    pngChunk('eXIf', exifTiff()),
    pngChunk('tIME', bytes([0x07, 0xea, 3, 1, 8, 0, 0])),
    pngChunk('pHYs', bytes([0, 0, 0x0b, 0x13, 0, 0, 0x0b, 0x13, 1])),
    IDAT,
    pngChunk('zTXt', bytes('Author\0\0', deflateSync('resident'))),
    IEND,
    'trailing data',
  );

  it('drops text, EXIF and time chunks and keeps the image, which still decodes to the same pixels', () => {
    const photo = checkPhoto({ bytes: withMetadata }, 0);
    expect(photo.contentType).toBe('image/png');
    for (const gone of [GPS_BYTES, 'GPS', 'xmp', 'Author', 'trailing'])
      expect(photo.bytes.includes(gone)).toBe(false);
    const chunks = pngChunks(photo.bytes);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
    const raw = inflateSync(chunks.find((c) => c.type === 'IDAT')!.data);
    expect([...raw]).toEqual(PIXELS.flatMap((row) => [0, ...row]));
    expect(photo.bytes).toEqual(bytes(PNG_SIG, IHDR, pngChunk('pHYs', chunks[1]!.data), IDAT, IEND));
  });

  it('refuses a chunk whose CRC does not match, and a PNG without image data', () => {
    const broken = Buffer.from(bytes(PNG_SIG, IHDR, IDAT, IEND));
    broken[PNG_SIG.length + IHDR.length + 10]! ^= 0xff;
    expect(refusal(() => checkPhoto({ bytes: broken }, 2))).toMatchObject({
      code: 'PHOTO_MALFORMED',
      field: 'photos[2]',
    });
    expect(refusal(() => checkPhoto({ bytes: bytes(PNG_SIG, IHDR, IEND) }, 0)).code).toBe('PHOTO_MALFORMED');
  });
});

describe('WebP', () => {
  it('drops EXIF and XMP chunks, clears their VP8X flags and rewrites the RIFF size', () => {
    const exif = bytes(exifTiff(), [0]); // odd-sized: padded in the file
    const webp = riff(VP8X_ALL, riffChunk('EXIF', exif), VP8L, riffChunk('XMP ', Buffer.from(XMP)));
    expect(riffChunks(webp).map((c) => c.fourcc)).toEqual(['VP8X', 'EXIF', 'VP8L', 'XMP ']);
    const photo = checkPhoto({ bytes: webp }, 0);
    expect(photo.contentType).toBe('image/webp');
    expect(photo.bytes.includes(GPS_BYTES)).toBe(false);
    expect(photo.bytes.includes('GPSLatitude')).toBe(false);
    const chunks = riffChunks(photo.bytes);
    expect(chunks.map((c) => c.fourcc)).toEqual(['VP8X', 'VP8L']);
    expect(chunks[0]!.data[0]).toBe(0);
    expect(chunks[0]!.data.subarray(4)).toEqual(Buffer.from([7, 0, 0, 7, 0, 0]));
    expect(photo.bytes.readUInt32LE(4)).toBe(photo.bytes.length - 8);
    expect(chunks[1]!.data).toEqual(VP8L.subarray(8, 8 + VP8L.readUInt32LE(4)));
  });

  it('leaves a simple lossless file as it is, and refuses one that is cut short', () => {
    const simple = riff(VP8L);
    expect(stripPhotoMetadata(simple, 'image/webp')).toEqual(simple);
    const cut = simple.subarray(0, simple.length - 6);
    expect(refusal(() => checkPhoto({ bytes: cut }, 0)).code).toBe('PHOTO_MALFORMED');
  });
});

describe('what is refused', () => {
  it('knows a photo by its first bytes, not by its name', () => {
    expect(photoTypeOf(plainJpeg)).toBe('image/jpeg');
    expect(photoTypeOf(bytes(PNG_SIG, IHDR))).toBe('image/png');
    expect(photoTypeOf(riff(VP8L))).toBe('image/webp');
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    const heic = bytes([0, 0, 0, 0x18], 'ftypheic', [0, 0, 0, 0], 'mif1heic');
    for (const [upload, name] of [
      [gif, 'photo.jpg'],
      [heic, 'IMG_0002.HEIC'],
      [Buffer.from('%PDF-1.7'), 'scan.png'],
      [Buffer.alloc(0), 'empty.jpg'],
    ] as const) {
      const refused = refusal(() => checkPhoto({ bytes: upload, fileName: name }, 3));
      expect(refused).toMatchObject({ code: 'PHOTO_TYPE_UNSUPPORTED', field: 'photos[3]' });
      expect(refused.en).toBe(`Photo 4 (${name}): A photo must be a JPEG, PNG or WebP image`);
    }
  });

  it('refuses more than 8 MB and more than four photos', () => {
    const big = Buffer.concat([plainJpeg.subarray(0, -2), Buffer.alloc(MAX_PHOTO_BYTES), EOI]);
    expect(refusal(() => checkPhoto({ bytes: big }, 0)).code).toBe('PHOTO_TOO_LARGE');
    const five = Array.from({ length: 5 }, () => ({ bytes: plainJpeg }));
    expect(refusal(() => checkPhotos(five))).toMatchObject({ code: 'PHOTO_TOO_MANY', field: 'photos[4]' });
    expect(checkPhotos(five.slice(0, 4))).toHaveLength(4);
  });
});
