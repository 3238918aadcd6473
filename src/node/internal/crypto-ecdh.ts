/**
 * Key agreement: crypto.createECDH / crypto.ECDH over @noble/curves, and
 * crypto.diffieHellman({ privateKey, publicKey }) for EC, X25519 and X448
 * KeyObjects. Errors as lib/internal/crypto/diffiehellman.js and Node's
 * ECDH binding report them.
 * https://nodejs.org/api/crypto.html#class-ecdh
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Buffer } from '../buffer.js';
import { callableClass } from './callable-class.js';
import { type Curve, curveByName } from './crypto-curves.js';
import { okpImpl } from './crypto-key-codec.js';
import { KeyObject, keyData } from './crypto-keys.js';
import { i2osp, os2ip } from './crypto-rsa.js';
import {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, cryptoError, dataBytes, encodeOutput, nodeError, opensslError,
} from './crypto-util.js';

const kHandle = Symbol('kHandle');

function pointFormat(format: unknown): 'uncompressed' | 'compressed' | 'hybrid' {
  if (format === undefined || format === null || format === 'uncompressed') return 'uncompressed';
  if (format === 'compressed' || format === 'hybrid') return format;
  throw nodeError(TypeError, 'ERR_CRYPTO_ECDH_INVALID_FORMAT', `Invalid ECDH format: ${String(format)}`);
}

/** Encodes an uncompressed point in the requested SEC1 form. */
function encodePoint(curve: Curve, uncompressed: Uint8Array, format: 'uncompressed' | 'compressed' | 'hybrid'): Uint8Array {
  if (format === 'uncompressed') return uncompressed;
  const odd = uncompressed[uncompressed.length - 1]! & 1;
  if (format === 'compressed') {
    const out = uncompressed.slice(0, 1 + curve.size);
    out[0] = 2 + odd;
    return out;
  }
  const out = uncompressed.slice();
  out[0] = 6 + odd;
  return out;
}

const invalidPublicKey = () =>
  nodeError(Error, 'ERR_CRYPTO_ECDH_INVALID_PUBLIC_KEY', 'Public key is not valid for specified curve');

/** Any SEC1 encoding of a point on `curve`, as uncompressed bytes; throws on a bad point. */
function decodePoint(curve: Curve, bytes: Uint8Array): Uint8Array {
  try {
    let b = bytes;
    if (b[0] === 6 || b[0] === 7) {
      b = b.slice();
      b[0] = 4;
    }
    const P = curve.impl.Point.fromBytes(b);
    P.assertValidity();
    return P.toBytes(false);
  } catch {
    throw invalidPublicKey();
  }
}

/** The binding-side state; its fields stay hidden from util.inspect, as in Node (`ECDH {}`). */
class NativeECDH {
  declare curve: Curve;
  declare priv?: Uint8Array;
  declare pub?: Uint8Array;
  constructor(curve: Curve) {
    for (const [k, value] of [['curve', curve], ['priv', undefined], ['pub', undefined]] as const) {
      Object.defineProperty(this, k, { value, writable: true, enumerable: false, configurable: true });
    }
  }
}
Object.defineProperty(NativeECDH, 'name', { value: 'ECDH' });

class ECDHClass {
  declare [kHandle]: NativeECDH;
  constructor(curve: unknown) {
    if (typeof curve !== 'string') throw ERR_INVALID_ARG_TYPE('curve', 'of type string', curve);
    // Node looks the name up as OpenSSL's short name: exact, case-sensitive.
    const c = curveByName(curve);
    if (!c || c.name !== curve) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
    this[kHandle] = new NativeECDH(c);
  }
  generateKeys(encoding?: string, format?: unknown): any {
    const h = this[kHandle];
    h.priv = h.curve.impl.utils.randomSecretKey();
    h.pub = h.curve.impl.getPublicKey(h.priv, false);
    return this.getPublicKey(encoding, format);
  }
  computeSecret(key: any, inEnc?: string, outEnc?: string): any {
    const h = this[kHandle];
    const bytes = dataBytes(key, 'key', inEnc, true);
    if (!h.priv) throw cryptoError(RangeError as ErrorConstructor, 'ERR_CRYPTO_INVALID_KEYPAIR', 'Invalid key pair');
    const pub = decodePoint(h.curve, bytes);
    const shared = h.curve.impl.getSharedSecret(h.priv, pub, true).subarray(1);
    return encodeOutput(shared, outEnc);
  }
  getPublicKey(encoding?: string, format?: unknown): any {
    const h = this[kHandle];
    const f = pointFormat(format);
    if (!h.pub) throw cryptoError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Failed to get ECDH public key');
    return encodeOutput(encodePoint(h.curve, h.pub, f), encoding);
  }
  getPrivateKey(encoding?: string): any {
    const h = this[kHandle];
    if (!h.priv) throw cryptoError(Error, 'ERR_CRYPTO_OPERATION_FAILED', 'Failed to get ECDH private key');
    // Node returns the scalar's minimal big-endian bytes (no leading zeros).
    return encodeOutput(i2osp(os2ip(h.priv)), encoding);
  }
  setPrivateKey(key: any, encoding?: string): this {
    const h = this[kHandle];
    const raw = dataBytes(key, 'key', encoding, true);
    const n = h.curve.impl.Point.Fn.ORDER as bigint;
    const v = os2ip(raw);
    if (v === 0n || v >= n || raw.length > h.curve.size) {
      throw cryptoError(RangeError as ErrorConstructor, 'ERR_CRYPTO_INVALID_KEYTYPE', 'Private key is not valid for specified curve.');
    }
    h.priv = i2osp(v, h.curve.size);
    h.pub = h.curve.impl.getPublicKey(h.priv, false);
    return this;
  }
  setPublicKey(key: any, encoding?: string): this {
    const h = this[kHandle];
    h.pub = decodePoint(h.curve, dataBytes(key, 'key', encoding, true));
    return this;
  }
  /** ECDH.convertKey(key, curve[, inputEncoding[, outputEncoding[, format]]]) */
  static convertKey(key: any, curve: unknown, inEnc?: string, outEnc?: string, format?: unknown): any {
    if (typeof curve !== 'string') throw ERR_INVALID_ARG_TYPE('curve', 'of type string', curve);
    const c = curveByName(curve);
    if (!c) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
    const f = pointFormat(format);
    const pub = decodePoint(c, dataBytes(key, 'key', inEnc, true));
    return encodeOutput(encodePoint(c, pub, f), outEnc);
  }
}
Object.defineProperty(ECDHClass, 'name', { value: 'ECDH' });

/** crypto.ECDH */
export const ECDH: any = callableClass(ECDHClass);

export function createECDH(curve: unknown): any {
  return new ECDHClass(curve);
}

/** crypto.diffieHellman({ privateKey, publicKey }) */
export function diffieHellman(options: any): any {
  if (options === null || typeof options !== 'object') throw ERR_INVALID_ARG_TYPE('options', 'of type object', options);
  const { privateKey, publicKey } = options;
  if (!(privateKey instanceof KeyObject) || privateKey.type !== 'private') {
    throw ERR_INVALID_ARG_VALUE('options.privateKey', privateKey);
  }
  if (!(publicKey instanceof KeyObject) || publicKey.type === 'secret') {
    throw ERR_INVALID_ARG_VALUE('options.publicKey', publicKey);
  }
  const a = keyData(privateKey) as any;
  const b = keyData(publicKey) as any;
  const ok = ['ec', 'x25519', 'x448'];
  if (a.kind !== b.kind || !ok.includes(a.kind)) {
    throw nodeError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY', `Incompatible key types for Diffie-Hellman: ${a.kind} and ${b.kind}`);
  }
  if (a.kind === 'ec') {
    if (a.curve !== b.curve) throw opensslError('1C8000CB', 'Provider routines', 'mismatching domain parameters', false);
    return Buffer.from(a.curve.impl.getSharedSecret(a.priv, b.pub, true).subarray(1));
  }
  return Buffer.from(okpImpl(a.kind).getSharedSecret(a.priv, b.pub));
}
