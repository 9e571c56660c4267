// The bulk methods of the field crypto must be indistinguishable from the one-at-a-time ones: the same
// keyed hashes, and ciphertexts that the ordinary (OpenSSL) decryption reads and authenticates.
import { createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createFieldCrypto } from '../src/platform/crypto.ts';

const SECRET = 'test-secret-0123456789-abcdefghijklmnop';
const crypto = createFieldCrypto(SECRET);
// Short and long texts, multi-byte and astral characters, lone surrogates, and the GCM block edges.
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ maxLength: 300 }));
const edges = [0, 1, 15, 16, 17, 31, 32, 33, 55, 56, 63, 64, 65, 119, 120].map((n) => 'x'.repeat(n));

describe('bulk field crypto', () => {
  it('keyedHashMany equals keyedHash, which is HMAC-SHA256 under the lookup key', () => {
    const key = Buffer.from(hkdfSync('sha256', SECRET, 'civgrid', 'field-lookup-hash-v1', 32));
    expect(crypto.keyedHash('130682198503140017')).toEqual(
      createHmac('sha256', key).update('130682198503140017').digest(),
    );
    fc.assert(
      fc.property(fc.array(text, { maxLength: 20 }), (values) => {
        const all = [...values, ...edges, '张伟', '😀'];
        expect(crypto.keyedHashMany(all)).toEqual(all.map((v) => crypto.keyedHash(v)));
      }),
    );
  });

  it('encryptMany seals what decrypt reads back, each field with its own IV', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 20 }), (values) => {
        const all = [...values, ...edges, '13800138000', '😀'];
        const sealed = crypto.encryptMany(all);
        // decrypt(encrypt(x)) is the reference: a lone surrogate comes back as U+FFFD either way.
        expect(sealed.map((s) => crypto.decrypt(s))).toEqual(
          all.map((v) => crypto.decrypt(crypto.encrypt(v))),
        );
        expect(sealed.map((s) => s.length)).toEqual(all.map((v) => 28 + Buffer.byteLength(v)));
        expect(new Set(sealed.map((s) => s.subarray(0, 12).toString('hex'))).size).toBe(all.length);
      }),
    );
  });

  it('encryptMany output is authenticated: a changed byte anywhere is refused', () => {
    const [sealed] = crypto.encryptMany(['130682198503140017']);
    for (let i = 0; i < sealed!.length; i++) {
      const tampered = Buffer.from(sealed!);
      tampered[i]! ^= 0x01;
      expect(() => crypto.decrypt(tampered)).toThrow();
    }
  });
});
