// Field protection: AES-256-GCM for identity and phone numbers, HMAC-SHA256 keyed hashes for exact lookups
// (and for pseudonymising MAC addresses), SHA-256 for session tokens and API keys.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface FieldCrypto {
  encrypt(plaintext: string): Buffer;
  decrypt(sealed: Buffer): string;
  keyedHash(value: string): Buffer;
  /** A short (8-byte) HMAC tag for opaque links such as building labels, under a key of its own. */
  linkTag(value: string): string;
}

/** Keys derived from the master secret with HKDF, one per purpose, so no key does two jobs. */
export function createFieldCrypto(secret: string): FieldCrypto {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'civgrid', info, 32));
  const encKey = derive('field-encryption-v1');
  const hashKey = derive('field-lookup-hash-v1');
  const linkKey = derive('building-label-v1');
  // Fresh IVs drawn 4,096 at a time: one random draw per field costs more than the encryption itself
  // when a million people are imported.
  let ivPool = Buffer.alloc(0);
  let ivOffset = 0;
  const nextIv = () => {
    if (ivOffset + 12 > ivPool.length) {
      ivPool = randomBytes(12 * 4096);
      ivOffset = 0;
    }
    ivOffset += 12;
    return ivPool.subarray(ivOffset - 12, ivOffset);
  };
  return {
    encrypt(plaintext) {
      const iv = nextIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', encKey, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
    keyedHash(value) {
      return createHmac('sha256', hashKey).update(value).digest();
    },
    linkTag(value) {
      return createHmac('sha256', linkKey).update(value).digest().subarray(0, 8).toString('base64url');
    },
  };
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** A random URL-safe token of `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
