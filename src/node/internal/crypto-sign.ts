/**
 * Signatures: crypto.sign / crypto.verify and the Sign / Verify streams.
 * RSA PKCS#1 v1.5 and PSS (crypto-rsa.ts), ECDSA with DER or IEEE P1363
 * encoding and EdDSA (@noble/curves). Options and errors follow
 * lib/internal/crypto/sig.js and what OpenSSL 3 reports through Node.
 * https://nodejs.org/api/crypto.html#cryptosignalgorithm-data-key-callback
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Buffer } from '../buffer.js';
import { Writable } from '../stream.js';
import { callableClass } from './callable-class.js';
import { type AsymmetricKeyData, okpImpl } from './crypto-key-codec.js';
import { type Digest, digestFor } from './crypto-digests.js';
import { prepareAsymmetricKey } from './crypto-keys.js';
import {
  bitLength, byteLength, errDataTooLarge, i2osp, os2ip, pkcs1SignatureBlock, pssEncode, pssVerify, rsaPrivateOp, rsaPublicOp,
} from './crypto-rsa.js';
import {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, bytesEqual, concatBytes, cryptoError, dataBytes, nodeError, opensslError,
} from './crypto-util.js';

const RSA_PKCS1_PADDING = 1;
const RSA_PKCS1_PSS_PADDING = 6;
const RSA_PSS_SALTLEN_DIGEST = -1;
const RSA_PSS_SALTLEN_AUTO = -2;

interface SignOptions {
  padding?: number;
  saltLength?: number;
  dsaEncoding: 'der' | 'ieee-p1363';
}

/** padding, saltLength and dsaEncoding from a key argument given as an object. */
function signOptions(key: any): SignOptions {
  const o = key !== null && typeof key === 'object' && !ArrayBuffer.isView(key) ? key : {};
  const intOpt = (name: string) => {
    const v = o[name];
    if (v === undefined) return undefined;
    if (!Number.isInteger(v) || v < -(2 ** 31) || v >= 2 ** 31) throw ERR_INVALID_ARG_VALUE(`options.${name}`, v);
    return v as number;
  };
  const dsaEncoding = o.dsaEncoding ?? 'der';
  if (dsaEncoding !== 'der' && dsaEncoding !== 'ieee-p1363') throw ERR_INVALID_ARG_VALUE('options.dsaEncoding', dsaEncoding);
  return { padding: intOpt('padding'), saltLength: intOpt('saltLength'), dsaEncoding };
}

const invalidDigest = () => opensslError('1C80007A', 'Provider routines', 'invalid digest', false);
const notForKeyType = () =>
  opensslError('03000096', 'digital envelope routines', 'operation not supported for this keytype', false);
const illegalPadding = () => opensslError('1C8000A5', 'Provider routines', 'illegal or unsupported padding mode', false);

function resolveDigest(algorithm: string | null | undefined, k: AsymmetricKeyData): Digest | null {
  if (k.kind === 'ed25519' || k.kind === 'ed448') {
    if (algorithm != null) throw invalidDigest();
    return null;
  }
  if (k.kind === 'x25519' || k.kind === 'x448') throw notForKeyType();
  if (algorithm == null) {
    if (k.kind === 'rsa-pss' && k.pss) return digestFor(k.pss.hashAlgorithm)!;
    return digestFor('sha256')!;
  }
  const d = digestFor(algorithm);
  if (!d) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${algorithm}`);
  return d;
}

interface PssChoice {
  pss: boolean;
  mgf: Digest;
  salt: number;
}

function rsaPadding(k: AsymmetricKeyData & { kind: 'rsa' | 'rsa-pss' }, d: Digest, opts: SignOptions, signing: boolean): PssChoice {
  const pss = k.kind === 'rsa-pss' || opts.padding === RSA_PKCS1_PSS_PADDING;
  if (opts.padding !== undefined && opts.padding !== RSA_PKCS1_PADDING && opts.padding !== RSA_PKCS1_PSS_PADDING) {
    throw opensslError('1C8000A8', 'Provider routines', 'invalid padding mode', false);
  }
  if (k.kind === 'rsa-pss' && opts.padding === RSA_PKCS1_PADDING) throw illegalPadding();
  const hLen = d.hash.outputLen as number;
  const emLen = Math.ceil((bitLength(k.rsa.n) - 1) / 8);
  const max = emLen - hLen - 2;
  let salt = opts.saltLength ?? (k.kind === 'rsa-pss' && k.pss ? k.pss.saltLength : RSA_PSS_SALTLEN_AUTO);
  if (salt === RSA_PSS_SALTLEN_DIGEST) salt = hLen;
  else if (salt === RSA_PSS_SALTLEN_AUTO) salt = signing ? max : -1;
  if (pss && signing && (max < 0 || salt > max)) throw errDataTooLarge();
  else if (salt < -2) throw opensslError('1C800090', 'Provider routines', 'invalid salt length', false);
  const mgf = k.kind === 'rsa-pss' && k.pss ? digestFor(k.pss.mgf1HashAlgorithm)! : d;
  return { pss, mgf, salt };
}

function signWith(k: AsymmetricKeyData, algorithm: string | null | undefined, data: Uint8Array, opts: SignOptions): Uint8Array {
  const d = resolveDigest(algorithm, k);
  switch (k.kind) {
    case 'rsa':
    case 'rsa-pss': {
      const dd = d!;
      const p = rsaPadding(k, dd, opts, true);
      const kLen = byteLength(k.rsa.n);
      const mHash = dd.hash(data);
      const em = p.pss
        ? pssEncode(dd, p.mgf, mHash, bitLength(k.rsa.n) - 1, p.salt)
        : pkcs1SignatureBlock(dd, mHash, kLen);
      return i2osp(rsaPrivateOp(k.rsa, os2ip(em)), kLen);
    }
    case 'ec': {
      const sig = k.curve.impl.sign(d!.hash(data), k.priv!, { prehash: false, lowS: false, extraEntropy: true, format: 'compact' });
      if (opts.dsaEncoding === 'ieee-p1363') return sig;
      return k.curve.impl.Signature.fromBytes(sig, 'compact').toBytes('der');
    }
    case 'ed25519':
    case 'ed448':
      return okpImpl(k.kind).sign(data, k.priv!);
    default:
      throw notForKeyType();
  }
}

function verifyWith(k: AsymmetricKeyData, algorithm: string | null | undefined, data: Uint8Array, sig: Uint8Array, opts: SignOptions): boolean {
  const d = resolveDigest(algorithm, k);
  switch (k.kind) {
    case 'rsa':
    case 'rsa-pss': {
      const dd = d!;
      const p = rsaPadding(k, dd, opts, false);
      const kLen = byteLength(k.rsa.n);
      if (sig.length !== kLen) return false;
      const s = os2ip(sig);
      if (s >= k.rsa.n) return false;
      const em = i2osp(rsaPublicOp(k.rsa, s), kLen);
      const mHash = dd.hash(data);
      if (p.pss) return pssVerify(dd, p.mgf, mHash, em, bitLength(k.rsa.n) - 1, p.salt);
      try {
        return bytesEqual(em, pkcs1SignatureBlock(dd, mHash, kLen));
      } catch {
        return false;
      }
    }
    case 'ec': {
      const impl = k.curve.impl;
      let compact: Uint8Array;
      try {
        if (opts.dsaEncoding === 'ieee-p1363') {
          if (sig.length !== 2 * k.curve.size) return false;
          compact = sig;
        } else {
          compact = impl.Signature.fromBytes(sig, 'der').toBytes('compact');
        }
        return impl.verify(compact, d!.hash(data), k.pub, { prehash: false, lowS: false, format: 'compact' });
      } catch {
        return false;
      }
    }
    case 'ed25519':
    case 'ed448':
      try {
        return okpImpl(k.kind).verify(sig, data, k.pub);
      } catch {
        return false;
      }
    default:
      throw notForKeyType();
  }
}

function later(cb: (...a: any[]) => void, ...args: any[]): void {
  (globalThis as any).setImmediate(() => cb(...args));
}

/** crypto.sign(algorithm, data, key[, callback]) */
export function sign(algorithm: any, data: any, key: any, callback?: any): any {
  if (algorithm != null && typeof algorithm !== 'string') throw ERR_INVALID_ARG_TYPE('algorithm', 'of type string', algorithm);
  if (callback !== undefined && typeof callback !== 'function') throw ERR_INVALID_ARG_TYPE('callback', 'of type function', callback);
  const bytes = dataBytes(data, 'data', undefined, true);
  if (!key) throw nodeError(Error, 'ERR_CRYPTO_SIGN_KEY_REQUIRED', 'No key provided to sign');
  const k = prepareAsymmetricKey(key, 'consumePrivate');
  const opts = signOptions(key);
  if (!callback) return Buffer.from(signWith(k, algorithm, bytes, opts));
  let out: any;
  try {
    out = Buffer.from(signWith(k, algorithm, bytes, opts));
  } catch (e) {
    later(callback, e);
    return undefined;
  }
  later(callback, null, out);
  return undefined;
}

/** crypto.verify(algorithm, data, key, signature[, callback]) */
export function verify(algorithm: any, data: any, key: any, signature: any, callback?: any): any {
  if (algorithm != null && typeof algorithm !== 'string') throw ERR_INVALID_ARG_TYPE('algorithm', 'of type string', algorithm);
  if (callback !== undefined && typeof callback !== 'function') throw ERR_INVALID_ARG_TYPE('callback', 'of type function', callback);
  const bytes = dataBytes(data, 'data', undefined, true);
  const k = prepareAsymmetricKey(key, 'consumePublic');
  const opts = signOptions(key);
  const sig = dataBytes(signature, 'signature', undefined, true);
  if (!callback) return verifyWith(k, algorithm, bytes, sig, opts);
  let ok: boolean;
  try {
    ok = verifyWith(k, algorithm, bytes, sig, opts);
  } catch (e) {
    later(callback, e);
    return undefined;
  }
  later(callback, null, ok);
  return undefined;
}

/** Data written to a Sign or Verify, kept until sign()/verify(). */
class SigState {
  #chunks: Uint8Array[] = [];
  #done = false;
  constructor(readonly algorithm: string) {}
  add(b: Uint8Array): void {
    this.#chunks.push(b.slice());
  }
  take(): Uint8Array {
    if (this.#done) throw cryptoError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Not initialised');
    this.#done = true;
    return concatBytes(...this.#chunks);
  }
}

const kState = Symbol('kHandle');

function checkAlgorithm(algorithm: unknown): string {
  if (typeof algorithm !== 'string') throw ERR_INVALID_ARG_TYPE('algorithm', 'of type string', algorithm);
  if (!digestFor(algorithm)) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest');
  return algorithm;
}

class SigBase extends (Writable as new (...args: any[]) => any) {
  declare [kState]: any;
  update(data: any, encoding?: string): this {
    if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
      throw ERR_INVALID_ARG_TYPE('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
    }
    this[kState].add(dataBytes(data, 'data', encoding));
    return this;
  }
  _write(chunk: any, encoding: string, callback: () => void): void {
    this.update(chunk, encoding);
    callback();
  }
}

class SignClass extends SigBase {
  constructor(algorithm: unknown, options?: unknown) {
    const alg = checkAlgorithm(algorithm);
    super(options);
    this[kState] = new SigState(alg);
  }
  sign(options: any, encoding?: string): any {
    if (!options) throw nodeError(Error, 'ERR_CRYPTO_SIGN_KEY_REQUIRED', 'No key provided to sign');
    const k = prepareAsymmetricKey(options, 'consumePrivate');
    const opts = signOptions(options);
    if (k.kind === 'ed25519' || k.kind === 'ed448' || k.kind === 'x25519' || k.kind === 'x448') {
      throw nodeError(Error, 'ERR_CRYPTO_UNSUPPORTED_OPERATION', 'Unsupported crypto operation');
    }
    const state: SigState = this[kState];
    const out = Buffer.from(signWith(k, state.algorithm, state.take(), opts));
    return encoding && encoding !== 'buffer' ? out.toString(encoding) : out;
  }
}

class VerifyClass extends SigBase {
  constructor(algorithm: unknown, options?: unknown) {
    const alg = checkAlgorithm(algorithm);
    super(options);
    this[kState] = new SigState(alg);
  }
  verify(options: any, signature: any, sigEncoding?: string): boolean {
    const k = prepareAsymmetricKey(options, 'consumePublic');
    const opts = signOptions(options);
    if (k.kind === 'ed25519' || k.kind === 'ed448' || k.kind === 'x25519' || k.kind === 'x448') {
      throw nodeError(Error, 'ERR_CRYPTO_UNSUPPORTED_OPERATION', 'Unsupported crypto operation');
    }
    const sig = dataBytes(signature, 'signature', sigEncoding, true);
    const state: SigState = this[kState];
    return verifyWith(k, state.algorithm, state.take(), sig, opts);
  }
}
Object.defineProperty(SignClass, 'name', { value: 'Sign' });
Object.defineProperty(VerifyClass, 'name', { value: 'Verify' });

/** crypto.Sign */
export const Sign: any = callableClass(SignClass);
/** crypto.Verify */
export const Verify: any = callableClass(VerifyClass);

export function createSign(algorithm: unknown, options?: unknown): any {
  return new SignClass(algorithm, options);
}

export function createVerify(algorithm: unknown, options?: unknown): any {
  return new VerifyClass(algorithm, options);
}
