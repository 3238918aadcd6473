/**
 * `crypto`: Node 24's crypto module in the browser. Hashes, HMAC and KDFs
 * over @noble/hashes; ciphers (AES modes, ChaCha20-Poly1305) over
 * @noble/ciphers; KeyObject, key generation, signatures, RSA encryption and
 * key agreement in node/internal/crypto-*.ts (RSA over BigInt, curves over
 * @noble/curves); random values and webcrypto from the worker.
 * https://nodejs.org/api/crypto.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { hmac } from '@noble/hashes/hmac.js';
import { pbkdf2 as nobPbkdf2 } from '@noble/hashes/pbkdf2.js';
import { scrypt as nobScrypt } from '@noble/hashes/scrypt.js';
import { Buffer } from './buffer.js';
import { Transform } from './stream.js';
import { Cipheriv, Decipheriv, createCipheriv, createDecipheriv, getCipherInfo } from './internal/crypto-cipher.js';
import { cipherNames } from './internal/crypto-cipher-modes.js';
import { cryptoConstants } from './internal/crypto-constants.js';
import { CURVES } from './internal/crypto-curves.js';
import { digestFor, digestNames } from './internal/crypto-digests.js';
import { ECDH, createECDH, diffieHellman } from './internal/crypto-ecdh.js';
import { hkdf, hkdfSync } from './internal/crypto-hkdf.js';
import { generateKey, generateKeyPair, generateKeyPairSync, generateKeySync } from './internal/crypto-keygen.js';
import { KeyObject, createPrivateKey, createPublicKey, createSecretKey, prepareSecretKey } from './internal/crypto-keys.js';
import { checkPrime, checkPrimeSync, generatePrime, generatePrimeSync } from './internal/crypto-prime.js';
import { privateDecrypt, privateEncrypt, publicDecrypt, publicEncrypt } from './internal/crypto-rsa-cipher.js';
import { Sign, Verify, createSign, createVerify, sign, verify } from './internal/crypto-sign.js';
import { ERR_INVALID_ARG_TYPE, nodeError } from './internal/crypto-util.js';

export {
  Cipheriv, Decipheriv, ECDH, KeyObject, Sign, Verify, checkPrime, checkPrimeSync, createCipheriv, createDecipheriv,
  createECDH, createPrivateKey, createPublicKey, createSecretKey, createSign, createVerify, diffieHellman, generateKey,
  generateKeyPair, generateKeyPairSync, generateKeySync, generatePrime, generatePrimeSync, getCipherInfo, hkdf, hkdfSync,
  privateDecrypt, privateEncrypt, publicDecrypt, publicEncrypt, sign, verify,
};

function codeError(Ctor: ErrorConstructor, code: string, msg: string): Error {
  const e = new Ctor(msg) as any;
  e.code = code;
  return e;
}

function hashFor(alg: string): any {
  const d = digestFor(alg);
  if (!d) throw codeError(Error, 'ERR_OSSL_EVP_UNSUPPORTED', 'Digest method not supported');
  return d.hash;
}

function toBytes(data: any, enc?: string): Uint8Array {
  if (typeof data === 'string') {
    const b = Buffer.from(data, enc ?? 'utf8');
    return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  }
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
    `The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received ${data === null ? 'null' : data === undefined ? 'undefined' : `type ${typeof data} (${String(data)})`}`);
}

function output(bytes: Uint8Array, enc?: string): any {
  const b = Buffer.from(bytes);
  return enc && enc !== 'buffer' ? b.toString(enc) : b;
}

/** crypto.Hash */
export class Hash extends (Transform as any) {
  private h: any;
  private done = false;
  constructor(private alg: string, state?: any, opts?: any) {
    super(opts);
    const h = hashFor(alg);
    // XOFs (shake128/256) take their output length from the options.
    this.h = state ?? (opts?.outputLength !== undefined && digestFor(alg)!.xof ? h.create({ dkLen: opts.outputLength }) : h.create());
  }
  update(data: any, enc?: string): this {
    if (this.done) throw codeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this.h.update(toBytes(data, enc));
    return this;
  }
  digest(enc?: string): any {
    if (this.done) throw codeError(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    this.done = true;
    return output(this.h.digest(), enc);
  }
  copy(): Hash {
    return new Hash(this.alg, this.h.clone());
  }
  _transform(chunk: any, enc: string, cb: () => void): void {
    this.h.update(toBytes(chunk, enc));
    cb();
  }
  _flush(cb: () => void): void {
    this.push(this.digest());
    cb();
  }
}

/** crypto.Hmac */
export class Hmac extends (Transform as any) {
  private h: any;
  private done = false;
  constructor(alg: string, key: any, opts?: any) {
    super(opts);
    if (typeof alg !== 'string') throw ERR_INVALID_ARG_TYPE('hmac', 'of type string', alg);
    const d = digestFor(alg);
    if (!d || d.xof) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${alg}`);
    this.h = hmac.create(d.hash, prepareSecretKey(key, opts?.encoding));
  }
  update(data: any, enc?: string): this {
    this.h.update(toBytes(data, enc));
    return this;
  }
  digest(enc?: string): any {
    if (this.done) return output(new Uint8Array(0), enc);
    this.done = true;
    return output(this.h.digest(), enc);
  }
  _transform(chunk: any, enc: string, cb: () => void): void {
    this.h.update(toBytes(chunk, enc));
    cb();
  }
  _flush(cb: () => void): void {
    this.push(this.digest());
    cb();
  }
}

export function createHash(alg: string, opts?: object): Hash {
  return new Hash(alg, undefined, opts);
}
export function createHmac(alg: string, key: any, opts?: object): Hmac {
  return new Hmac(alg, key, opts);
}
export function hash(alg: string, data: any, enc = 'hex'): any {
  return output(hashFor(alg)(toBytes(data)), enc);
}
export function getHashes(): string[] {
  return digestNames();
}

function fillRandom(u8: Uint8Array): void {
  for (let i = 0; i < u8.length; i += 65536) crypto.getRandomValues(u8.subarray(i, Math.min(u8.length, i + 65536)) as Uint8Array<ArrayBuffer>);
}

export function randomBytes(size: number, cb?: (e: Error | null, b?: any) => void): any {
  if (typeof size !== 'number' || size < 0 || !Number.isInteger(size) || size > 2 ** 31 - 1) {
    throw codeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received ${size}`);
  }
  const b = Buffer.alloc(size);
  fillRandom(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  if (cb) {
    (globalThis as any).setImmediate(() => cb(null, b));
    return undefined;
  }
  return b;
}
export const pseudoRandomBytes = randomBytes;

export function randomFillSync(buf: any, offset = 0, size?: number): any {
  const u8 = new Uint8Array(buf.buffer ?? buf, buf.byteOffset ?? 0, buf.byteLength);
  fillRandom(u8.subarray(offset, size === undefined ? undefined : offset + size));
  return buf;
}
export function randomFill(buf: any, offset: any, size?: any, cb?: any): void {
  if (typeof offset === 'function') {
    cb = offset;
    offset = 0;
    size = undefined;
  } else if (typeof size === 'function') {
    cb = size;
    size = undefined;
  }
  randomFillSync(buf, offset, size);
  (globalThis as any).setImmediate(() => cb(null, buf));
}

export function randomUUID(): string {
  return crypto.randomUUID();
}

export function randomInt(min: number, max?: any, cb?: any): any {
  if (typeof max === 'function' || max === undefined) {
    cb = max;
    max = min;
    min = 0;
  }
  if (!Number.isSafeInteger(min)) throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "min" argument must be a safe integer. Received ${typeof min === 'number' ? `type number (${min})` : typeof min}`);
  if (!Number.isSafeInteger(max)) throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "max" argument must be a safe integer. Received ${typeof max === 'number' ? `type number (${max})` : typeof max}`);
  if (max <= min) {
    throw codeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "max" is out of range. It must be greater than the value of "min" (${min}). Received ${max}`);
  }
  const range = max - min;
  const u = new Uint32Array(2);
  let n: number;
  do {
    crypto.getRandomValues(u);
    n = (u[0]! * 2 ** 16 + (u[1]! >>> 16));
  } while (n >= Math.floor(2 ** 48 / range) * range);
  const r = min + (n % range);
  if (cb) {
    (globalThis as any).process.nextTick(cb, null, r);
    return undefined;
  }
  return r;
}

export function pbkdf2Sync(password: any, salt: any, iterations: number, keylen: number, digest: string): any {
  return Buffer.from(nobPbkdf2(hashFor(digest), toBytes(password), toBytes(salt), { c: iterations, dkLen: keylen }));
}
export function pbkdf2(password: any, salt: any, iterations: number, keylen: number, digest: string, cb: (e: Error | null, k?: any) => void): void {
  let r: any;
  let err: Error | null = null;
  try {
    r = pbkdf2Sync(password, salt, iterations, keylen, digest);
  } catch (e) {
    err = e as Error;
  }
  if (err && typeof cb !== 'function') throw err;
  (globalThis as any).setImmediate(() => (err ? cb(err) : cb(null, r)));
}

export function scryptSync(password: any, salt: any, keylen: number, opts: any = {}): any {
  const N = opts.N ?? opts.cost ?? 16384;
  const r = opts.r ?? opts.blockSize ?? 8;
  const p = opts.p ?? opts.parallelization ?? 1;
  return Buffer.from(nobScrypt(toBytes(password), toBytes(salt), { N, r, p, dkLen: keylen, maxmem: opts.maxmem ?? 2 ** 32 }));
}
export function scrypt(password: any, salt: any, keylen: number, opts: any, cb?: any): void {
  if (typeof opts === 'function') {
    cb = opts;
    opts = {};
  }
  let r: any;
  let err: Error | null = null;
  try {
    r = scryptSync(password, salt, keylen, opts);
  } catch (e) {
    err = e as Error;
  }
  (globalThis as any).setImmediate(() => (err ? cb(err) : cb(null, r)));
}

export function timingSafeEqual(a: any, b: any): boolean {
  const x = toBytes(a);
  const y = toBytes(b);
  if (x.byteLength !== y.byteLength) {
    throw codeError(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
  }
  let d = 0;
  for (let i = 0; i < x.length; i++) d |= x[i]! ^ y[i]!;
  return d === 0;
}

export const webcrypto = globalThis.crypto;
export const subtle = globalThis.crypto?.subtle;
export function getRandomValues<T extends ArrayBufferView>(arr: T): T {
  return crypto.getRandomValues(arr as any) as T;
}
export const constants = cryptoConstants;
export function getCiphers(): string[] {
  return cipherNames();
}
export function getCurves(): string[] {
  return CURVES.map((c) => c.name).sort();
}
export function getFips(): number {
  return 0;
}
export function setFips(on: unknown): void {
  if (on) throw codeError(Error, 'ERR_CRYPTO_FIPS_FORCED', 'Cannot set FIPS mode in a non-FIPS build.');
}
export function secureHeapUsed(): object {
  return { total: 0, min: 0, used: 0, utilization: 0 };
}

function unsupported(name: string) {
  return () => {
    throw codeError(Error, 'ERR_VERKLET_UNSUPPORTED', `crypto.${name} is not supported in the browser runtime (Verklet)`);
  };
}
export const createDiffieHellman = unsupported('createDiffieHellman');
export const createDiffieHellmanGroup = unsupported('createDiffieHellmanGroup');
export const getDiffieHellman = unsupported('getDiffieHellman');
export const DiffieHellman = unsupported('DiffieHellman');
export const DiffieHellmanGroup = unsupported('DiffieHellmanGroup');
export const X509Certificate = unsupported('X509Certificate');
export const Certificate = unsupported('Certificate');
export const setEngine = unsupported('setEngine');

export default {
  checkPrime, checkPrimeSync, createCipheriv, createDecipheriv, createDiffieHellman, createDiffieHellmanGroup,
  createECDH, createHash, createHmac, createPrivateKey, createPublicKey, createSecretKey, createSign, createVerify,
  diffieHellman, generatePrime, generatePrimeSync, getCiphers, getCipherInfo, getCurves, getDiffieHellman, getHashes,
  hkdf, hkdfSync, pbkdf2, pbkdf2Sync, generateKeyPair, generateKeyPairSync, generateKey, generateKeySync,
  privateDecrypt, privateEncrypt, publicDecrypt, publicEncrypt, randomBytes, randomFill, randomFillSync, randomInt,
  randomUUID, scrypt, scryptSync, sign, setEngine, timingSafeEqual, getFips, setFips, verify, hash, Certificate,
  Cipheriv, Decipheriv, DiffieHellman, DiffieHellmanGroup, ECDH, Hash, Hmac, KeyObject, Sign, Verify, X509Certificate,
  secureHeapUsed, constants, webcrypto, subtle, getRandomValues, pseudoRandomBytes,
};
