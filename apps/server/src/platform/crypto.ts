// Field protection: AES-256-GCM for identity and phone numbers, HMAC-SHA256 keyed hashes for exact lookups
// (and for pseudonymising MAC addresses), SHA-256 for session tokens and API keys.
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes } from 'node:crypto';

export interface FieldCrypto {
  encrypt(plaintext: string): Buffer;
  /** `encrypt` of each text, for bulk work: the same format and key, at a fraction of the cost. */
  encryptMany(plaintexts: readonly string[]): Buffer[];
  decrypt(sealed: Buffer): string;
  keyedHash(value: string): Buffer;
  /** `keyedHash` of each value, for bulk work: equal results at a fraction of the cost. */
  keyedHashMany(values: readonly string[]): Buffer[];
  /** A short (8-byte) HMAC tag for opaque links such as building labels, under a key of its own. */
  linkTag(value: string): string;
}

/** Keys derived from the master secret with HKDF, one per purpose, so no key does two jobs. */
export function createFieldCrypto(secret: string): FieldCrypto {
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', secret, 'civgrid', info, 32));
  const encKey = derive('field-encryption-v1');
  const hashKey = derive('field-lookup-hash-v1');
  const linkKey = derive('building-label-v1');
  const hmacStates = hmacKeyStates(hashKey);
  const ecb = () => createCipheriv('aes-256-ecb', encKey, null).setAutoPadding(false);
  // GCM's hash subkey H = AES(K, 0¹²⁸), as four big-endian words.
  const hashSubkey = ecb().update(Buffer.alloc(16));
  const ghash = ghashKey(Int32Array.from([0, 4, 8, 12], (i) => hashSubkey.readInt32BE(i)));
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
    encryptMany(plaintexts) {
      return sealMany(plaintexts, (blocks) => ecb().update(blocks), ghash);
    },
    decrypt(sealed) {
      const decipher = createDecipheriv('aes-256-gcm', encKey, sealed.subarray(0, 12));
      decipher.setAuthTag(sealed.subarray(12, 28));
      return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
    },
    keyedHash(value) {
      return createHmac('sha256', hashKey).update(value).digest();
    },
    keyedHashMany(values) {
      return hmacMany(values, hmacStates);
    },
    linkTag(value) {
      return createHmac('sha256', linkKey).update(value).digest().subarray(0, 8).toString('base64url');
    },
  };
}

/** AES-256-GCM of many short texts, each sealed exactly as `encrypt` seals one (IV ‖ tag ‖ ciphertext with
 *  a fresh 96-bit IV), so `decrypt` — OpenSSL's GCM — reads and authenticates it. Why by hand: a cipher
 *  object per field costs ~8 µs, almost all OpenSSL context set-up, and a million people have two fields
 *  each. GCM is AES in counter mode plus GHASH, so one AES-ECB call makes the key stream of every field
 *  and GHASH is computed here. */
function sealMany(
  plaintexts: readonly string[],
  aesBlocks: (blocks: Buffer) => Buffer,
  ghash: GhashKey,
): Buffer[] {
  const lengths = plaintexts.map((p) => Buffer.byteLength(p, 'utf8'));
  const blocksOf = (n: number) => 1 + ((n + 15) >>> 4);
  let bytes = 0;
  let blocks = 0;
  for (const n of lengths) {
    bytes += 28 + n;
    blocks += blocksOf(n);
  }
  // Every field lives in one allocation (the results are views of it); its counter blocks are J0 = IV ‖ 1,
  // which masks the tag, then IV ‖ 2, IV ‖ 3, … which mask the text.
  const all = Buffer.allocUnsafe(bytes);
  const counters = Buffer.allocUnsafe(16 * blocks);
  const ivs = randomBytes(12 * plaintexts.length);
  for (let i = 0, at = 0, c = 0; i < plaintexts.length; at += 28 + lengths[i]!, i++) {
    for (let k = 0; k < 12; k++) all[at + k] = ivs[12 * i + k]!;
    all.write(plaintexts[i]!, at + 28, 'utf8');
    for (let j = 1; j <= blocksOf(lengths[i]!); j++, c += 16) {
      for (let k = 0; k < 12; k++) counters[c + k] = ivs[12 * i + k]!;
      putWord(counters, c + 12, j);
    }
  }
  const stream = aesBlocks(counters);
  const sealed: Buffer[] = [];
  const x = new Int32Array(4);
  const lastBlock = new Uint8Array(16);
  for (let i = 0, at = 0, c = 0; i < plaintexts.length; i++) {
    const n = lengths[i]!;
    const body = at + 28;
    for (let j = 0; j < n; j++) all[body + j]! ^= stream[c + 16 + j]!;
    // GHASH over the ciphertext blocks C1…Cm (zero-padded, no associated data) and the lengths block L is
    // (…((C1·H ⊕ C2)·H ⊕ …) ⊕ Cm)·H² ⊕ L·H: L·H depends only on the length and is cached, which saves one
    // multiplication of the two or three a short field needs.
    x.fill(0);
    for (let j = 0; j < n; j += 16) {
      if (j > 0) gfMultiply(x, ghash.h);
      let block: Uint8Array = all;
      let from = body + j;
      if (n - j < 16) {
        lastBlock.fill(0);
        for (let k = 0; k < n - j; k++) lastBlock[k] = all[from + k]!;
        block = lastBlock;
        from = 0;
      }
      for (let w = 0; w < 4; w++) x[w]! ^= wordAt(block, from + 4 * w);
    }
    if (n > 0) gfMultiply(x, ghash.h2);
    const lengthTerm = ghash.lengthTerm(n);
    for (let w = 0; w < 4; w++) x[w]! ^= lengthTerm[w]!;
    for (let w = 0; w < 4; w++) putWord(all, at + 12 + 4 * w, x[w]! ^ wordAt(stream, c + 4 * w));
    sealed.push(all.subarray(at, body + n));
    at = body + n;
    c += 16 * blocksOf(n);
  }
  return sealed;
}

interface GhashKey {
  h: Int32Array;
  h2: Int32Array;
  /** L·H for the lengths block L of a text of n bytes (no associated data). */
  lengthTerm(n: number): Int32Array;
}

function ghashKey(h: Int32Array): GhashKey {
  const h2 = h.slice();
  gfMultiply(h2, h);
  const lengthTerms = new Map<number, Int32Array>();
  return {
    h,
    h2,
    lengthTerm(n) {
      let term = lengthTerms.get(n);
      if (!term) {
        term = Int32Array.of(0, 0, Math.floor((n * 8) / 2 ** 32), n * 8);
        gfMultiply(term, h);
        if (lengthTerms.size < 1024) lengthTerms.set(n, term);
      }
      return term;
    },
  };
}

/** x ← x·h in GF(2¹²⁸) with GCM's bit order (NIST SP 800-38D, algorithm 1). Masks instead of branches
 *  and table look-ups, so the time taken says nothing about h or x. */
function gfMultiply(x: Int32Array, h: Int32Array) {
  let z0 = 0;
  let z1 = 0;
  let z2 = 0;
  let z3 = 0;
  let v0 = h[0]!;
  let v1 = h[1]!;
  let v2 = h[2]!;
  let v3 = h[3]!;
  for (let w = 0; w < 4; w++) {
    const word = x[w]!;
    for (let bit = 31; bit >= 0; bit--) {
      // 0 - b rather than -b: -0 is not a small integer and would slow the loop down.
      const take = 0 - ((word >>> bit) & 1);
      z0 ^= v0 & take;
      z1 ^= v1 & take;
      z2 ^= v2 & take;
      z3 ^= v3 & take;
      const reduce = (0 - (v3 & 1)) & 0xe1000000;
      v3 = (v3 >>> 1) | (v2 << 31);
      v2 = (v2 >>> 1) | (v1 << 31);
      v1 = (v1 >>> 1) | (v0 << 31);
      v0 = (v0 >>> 1) ^ reduce;
    }
  }
  x[0] = z0;
  x[1] = z1;
  x[2] = z2;
  x[3] = z3;
}

// SHA-256 (FIPS 180-4): round constants and initial state.
const SHA256_K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
]);
const SHA256_INIT = Int32Array.from([
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
]);

/** The SHA-256 states after the HMAC key's inner (0x36) and outer (0x5c) pad blocks: computed once per
 *  key, so each value then costs one or two compressions. */
function hmacKeyStates(key: Buffer): { inner: Int32Array; outer: Int32Array } {
  const w = new Int32Array(64);
  const state = (pad: number) => {
    const s = SHA256_INIT.slice();
    for (let i = 0; i < 64; i++) w[i >> 2]! = (w[i >> 2]! << 8) | ((key[i] ?? 0) ^ pad); // key ≤ 64 bytes
    sha256Compress(s, w);
    return s;
  };
  return { inner: state(0x36), outer: state(0x5c) };
}

/** HMAC-SHA256 of many values, equal to `createHmac('sha256', key)` for each. Why by hand: OpenSSL's
 *  per-call set-up (~4 µs) is most of the cost of hashing an 18-digit number, and an import of a million
 *  people hashes two million values. Only additions, rotations and fixed tables: nothing depends on the
 *  secret but the data flowing through. */
function hmacMany(values: readonly string[], key: { inner: Int32Array; outer: Int32Array }): Buffer[] {
  const out = Buffer.allocUnsafe(32 * values.length);
  const w = new Int32Array(64);
  const s = new Int32Array(8);
  let message = Buffer.allocUnsafe(128);
  const hashes: Buffer[] = [];
  for (let v = 0; v < values.length; v++) {
    const value = values[v]!;
    if (message.length < 3 * value.length + 72) message = Buffer.allocUnsafe(2 * (3 * value.length + 72));
    // Inner hash: the value after the key's inner block, padded with 0x80, zeros and the bit length.
    const n = message.write(value, 0, 'utf8');
    const blocks = (n + 72) >>> 6;
    message.fill(0, n, 64 * blocks);
    message[n] = 0x80;
    const bits = (64 + n) * 8;
    putWord(message, 64 * blocks - 8, Math.floor(bits / 2 ** 32));
    putWord(message, 64 * blocks - 4, bits);
    s.set(key.inner);
    for (let b = 0; b < blocks; b++) {
      for (let i = 0; i < 16; i++) w[i] = wordAt(message, 64 * b + 4 * i);
      sha256Compress(s, w);
    }
    // Outer hash: the inner digest after the key's outer block, padded likewise (one block).
    for (let i = 0; i < 8; i++) w[i] = s[i]!;
    w[8] = 0x80000000;
    w.fill(0, 9, 15);
    w[15] = (64 + 32) * 8;
    s.set(key.outer);
    sha256Compress(s, w);
    for (let i = 0; i < 8; i++) putWord(out, 32 * v + 4 * i, s[i]!);
    hashes.push(out.subarray(32 * v, 32 * v + 32));
  }
  return hashes;
}

/** One SHA-256 compression of the block in w[0..15] into state s (w[16..63] is scratch). */
function sha256Compress(s: Int32Array, w: Int32Array) {
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = s[0]!;
  let b = s[1]!;
  let c = s[2]!;
  let d = s[3]!;
  let e = s[4]!;
  let f = s[5]!;
  let g = s[6]!;
  let h = s[7]!;
  for (let i = 0; i < 64; i++) {
    const t1 =
      (h +
        (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
        ((e & f) ^ (~e & g)) +
        SHA256_K[i]! +
        w[i]!) |
      0;
    const t2 =
      ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
        ((a & b) ^ (a & c) ^ (b & c))) |
      0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  s[0] = (s[0]! + a) | 0;
  s[1] = (s[1]! + b) | 0;
  s[2] = (s[2]! + c) | 0;
  s[3] = (s[3]! + d) | 0;
  s[4] = (s[4]! + e) | 0;
  s[5] = (s[5]! + f) | 0;
  s[6] = (s[6]! + g) | 0;
  s[7] = (s[7]! + h) | 0;
}

// Big-endian 32-bit words read and written in place: Buffer's readInt32BE and writeInt32BE check their
// arguments on every call, which the inner loops above cannot afford.
function wordAt(bytes: Uint8Array, at: number): number {
  return (bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
}

function putWord(bytes: Uint8Array, at: number, value: number) {
  bytes[at] = value >>> 24;
  bytes[at + 1] = value >>> 16;
  bytes[at + 2] = value >>> 8;
  bytes[at + 3] = value;
}

export function sha256(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** A random URL-safe token of `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
