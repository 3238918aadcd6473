/**
 * crypto.hkdf / crypto.hkdfSync (RFC 5869) over @noble/hashes, with the
 * argument checks of lib/internal/crypto/hkdf.js. Both return an
 * ArrayBuffer, as Node does.
 * https://nodejs.org/api/crypto.html#cryptohkdfsyncdigest-ikm-salt-info-keylen
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { hkdf as nobleHkdf } from '@noble/hashes/hkdf.js';
import { digestFor } from './crypto-digests.js';
import { KeyObject, keyData } from './crypto-keys.js';
import {
  ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, cryptoError, dataBytes, nodeError, stringBytes, viewBytes,
} from './crypto-util.js';

function byteSource(v: any, name: string): Uint8Array {
  if (typeof v === 'string') return stringBytes(v);
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return viewBytes(v);
  throw ERR_INVALID_ARG_TYPE(name, 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', v);
}

/** Validates the arguments and returns the derivation to run. */
function plan(digest: unknown, ikm: any, salt: any, info: any, keylen: unknown): () => ArrayBuffer {
  if (typeof digest !== 'string') throw ERR_INVALID_ARG_TYPE('digest', 'of type string', digest);
  let key: Uint8Array;
  if (ikm instanceof KeyObject) {
    if (ikm.type !== 'secret') {
      throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${ikm.type}, expected secret.`);
    }
    key = (keyData(ikm) as { bytes: Uint8Array }).bytes;
  } else if (typeof ikm === 'string' || ikm instanceof ArrayBuffer || ArrayBuffer.isView(ikm)) {
    key = dataBytes(ikm, 'ikm', undefined, true);
  } else {
    throw ERR_INVALID_ARG_TYPE('ikm', 'of type string or an instance of SecretKeyObject, ArrayBuffer, TypedArray, DataView, or Buffer', ikm);
  }
  const s = byteSource(salt, 'salt');
  const i = byteSource(info, 'info');
  if (typeof keylen !== 'number') throw ERR_INVALID_ARG_TYPE('length', 'of type number', keylen);
  if (!Number.isInteger(keylen)) throw ERR_OUT_OF_RANGE('length', 'an integer', keylen);
  if (keylen < 0 || keylen > 2 ** 32 - 1) throw ERR_OUT_OF_RANGE('length', '>= 0 && <= 4294967295', keylen);
  const d = digestFor(digest);
  if (!d || d.xof) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
  if (i.length > 1024) throw ERR_OUT_OF_RANGE('info', 'must not contain more than 1024 bytes', i.length);
  if (keylen > 255 * d.hash.outputLen) throw cryptoError(RangeError as ErrorConstructor, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
  return () => {
    if (keylen === 0) throw new Error('Deriving bits failed');
    const out = nobleHkdf(d.hash, key, s, i, keylen);
    return out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength) as ArrayBuffer;
  };
}

export function hkdfSync(digest: unknown, ikm: any, salt: any, info: any, keylen: unknown): ArrayBuffer {
  return plan(digest, ikm, salt, info, keylen)();
}

export function hkdf(digest: unknown, ikm: any, salt: any, info: any, keylen: unknown, callback: any): void {
  const run = plan(digest, ikm, salt, info, keylen);
  if (typeof callback !== 'function') throw ERR_INVALID_ARG_TYPE('callback', 'of type function', callback);
  (globalThis as any).setImmediate(() => {
    let out: ArrayBuffer;
    try {
      out = run();
    } catch (e) {
      callback(e);
      return;
    }
    callback(null, out);
  });
}
