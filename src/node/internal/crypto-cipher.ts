/**
 * crypto.Cipheriv / crypto.Decipheriv: argument checks, state rules and
 * errors of lib/internal/crypto/cipher.js and Node's CipherBase, over the
 * engines in crypto-cipher-modes.ts. Both are lazy Transform streams (the
 * stream state appears on first use, as with Node's LazyTransform), so
 * `util.inspect` of a fresh cipher shows what Node shows.
 * https://nodejs.org/api/crypto.html#class-cipheriv
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Buffer } from '../buffer.js';
import { StringDecoder } from '../string_decoder.js';
import { Transform } from '../stream.js';
import { callableClass } from './callable-class.js';
import { type CipherEngine, type CipherSpec, cipherSpec, cipherSpecByNid, createEngine, isAead } from './crypto-cipher-modes.js';
import { prepareSecretKey } from './crypto-keys.js';
import {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, cryptoError, emitDeprecation, nodeError, stringBytes, viewBytes,
} from './crypto-util.js';

const kHandle = Symbol('kHandle');

const ERR_CRYPTO_INVALID_STATE = (op: string) =>
  nodeError(Error, 'ERR_CRYPTO_INVALID_STATE', `Invalid state for operation ${op}`);
const invalidAuthTag = (n: number) =>
  cryptoError(TypeError as ErrorConstructor, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${n}`);

const BUFFER_LIKE = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';

/** Node's getArrayBufferOrView: bytes of a string (in `encoding`), ArrayBuffer or view. */
function bufferOrView(v: any, name: string, encoding?: string): Uint8Array {
  if (typeof v === 'string') return stringBytes(v, encoding);
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  if (ArrayBuffer.isView(v)) return viewBytes(v);
  throw ERR_INVALID_ARG_TYPE(name, BUFFER_LIKE, v);
}

function gcmTagLengthValid(n: number): boolean {
  return n === 4 || n === 8 || (n >= 12 && n <= 16);
}

/**
 * The native half of a cipher (Node's C++ CipherBase): validates the cipher,
 * IV, key and tag length, then runs the engine and tracks its state.
 */
class CipherBase {
  #engine: CipherEngine;
  #spec: CipherSpec;
  #decrypt: boolean;
  #finalized = false;
  #started = false;
  #tagSet = false;
  #tagLength: number;
  #tagLengthGiven: boolean;
  constructor(decrypt: boolean, name: string, key: Uint8Array, iv: Uint8Array | null, authTagLength: number | undefined) {
    const spec = cipherSpec(name);
    if (!spec) {
      // OpenSSL knows these modes; Verklet does not implement them.
      if (/^(aes-(128|192|256)-(ccm|ocb)|id-aes(128|192|256)-ccm)$/i.test(name)) {
        if (authTagLength === undefined) {
          throw cryptoError(TypeError as ErrorConstructor, 'ERR_CRYPTO_INVALID_AUTH_TAG', `authTagLength required for ${name}`);
        }
        throw cryptoError(Error, 'ERR_VERKLET_UNSUPPORTED', `The cipher ${name} is not supported in the browser runtime (Verklet)`);
      }
      throw cryptoError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
    }
    const ivLen = iv ? iv.length : 0;
    const ivOk = spec.engine === 'gcm' ? ivLen > 0 : ivLen === spec.ivLength;
    if (!ivOk || (iv === null && spec.ivLength > 0)) {
      throw cryptoError(TypeError as ErrorConstructor, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
    }
    if (key.length !== spec.keyLength) {
      throw cryptoError(RangeError as ErrorConstructor, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
    }
    let tagLength = 16;
    if (authTagLength !== undefined && isAead(spec)) {
      const ok = spec.engine === 'gcm' ? gcmTagLengthValid(authTagLength) : authTagLength >= 1 && authTagLength <= 16;
      if (!ok) throw invalidAuthTag(authTagLength);
      tagLength = authTagLength;
    }
    this.#spec = spec;
    this.#decrypt = decrypt;
    this.#tagLength = tagLength;
    this.#tagLengthGiven = authTagLength !== undefined;
    this.#engine = createEngine(spec, key, iv ?? new Uint8Array(0), decrypt, tagLength);
  }
  update(data: any, encoding?: string): any {
    if (this.#finalized) throw new Error('Trying to add data in unsupported state');
    this.#started = true;
    const bytes = typeof data === 'string' ? stringBytes(data, encoding) : viewBytes(data);
    return Buffer.from(this.#engine.update(bytes));
  }
  final(): any {
    if (this.#finalized) throw cryptoError(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state');
    this.#finalized = true;
    return Buffer.from(this.#engine.final());
  }
  setAutoPadding(on: boolean): boolean {
    if (this.#finalized) return false;
    this.#engine.setPadding?.(on);
    return true;
  }
  setAAD(aad: Uint8Array): boolean {
    if (this.#finalized || this.#started || !isAead(this.#spec)) return false;
    this.#engine.setAAD!(aad);
    return true;
  }
  getAuthTag(): any {
    if (!this.#finalized || this.#decrypt || !isAead(this.#spec)) return undefined;
    return Buffer.from(this.#engine.getTag!());
  }
  setAuthTag(tag: Uint8Array): boolean {
    if (this.#finalized || !this.#decrypt || !isAead(this.#spec) || this.#tagSet) return false;
    const n = tag.length;
    if (this.#spec.engine === 'gcm') {
      if (this.#tagLengthGiven ? n !== this.#tagLength : !gcmTagLengthValid(n)) throw invalidAuthTag(n);
      if (!this.#tagLengthGiven && n < 16) {
        emitDeprecation('Using AES-GCM authentication tags of less than 128 bits without specifying the authTagLength option when initializing decryption is deprecated.', 'DEP0182');
      }
    } else if (n !== this.#tagLength) {
      throw invalidAuthTag(n);
    }
    this.#tagSet = true;
    this.#engine.setTag!(tag);
    return true;
  }
}

/** Node's LazyTransform: a Transform whose stream state is built on first access. */
function LazyTransform(this: any, options: unknown): void {
  this._options = options;
}
Object.setPrototypeOf(LazyTransform.prototype, Transform.prototype);
for (const prop of ['_readableState', '_writableState', '_transformState']) {
  Object.defineProperty(LazyTransform.prototype, prop, {
    get(this: any) {
      Transform.call(this, this._options);
      this._writableState.decodeStrings = false;
      return this[prop];
    },
    set(this: any, value: unknown) {
      Object.defineProperty(this, prop, { value, enumerable: true, configurable: true, writable: true });
    },
    configurable: true,
    enumerable: true,
  });
}

function getDecoder(decoder: any, encoding: string): any {
  decoder ??= new (StringDecoder as any)(encoding);
  const probe = new (StringDecoder as any)(encoding);
  if (decoder.encoding !== probe.encoding) {
    throw nodeError(Error, 'ERR_INTERNAL_ASSERTION',
      'Cannot change encoding\nThis is caused by either a bug in Node.js or incorrect usage of Node.js internals.\n' +
      'Please open an issue with this stack trace at https://github.com/nodejs/node/issues\n');
  }
  return decoder;
}

/** Shared body of Cipheriv and Decipheriv (Node's createCipherWithIV). */
function init(self: any, cipher: unknown, key: unknown, iv: unknown, options: any, decrypt: boolean): void {
  if (typeof cipher !== 'string') throw ERR_INVALID_ARG_TYPE('cipher', 'of type string', cipher);
  const encoding = options?.encoding;
  const keyBytes = prepareSecretKey(key, encoding);
  const ivBytes = iv === null ? null : bufferOrView(iv, 'iv');
  let authTagLength = options?.authTagLength;
  if (authTagLength !== undefined && !(Number.isInteger(authTagLength) && authTagLength >= 0 && authTagLength <= 0xffffffff)) {
    throw ERR_INVALID_ARG_VALUE('options.authTagLength', authTagLength);
  }
  authTagLength = authTagLength as number | undefined;
  self[kHandle] = new CipherBase(decrypt, cipher, keyBytes, ivBytes, authTagLength);
  self._decoder = null;
  LazyTransform.call(self, options);
}

/** What the cipher classes extend: LazyTransform's prototype without its constructor's side effects. */
function LazyBase(): void {}
LazyBase.prototype = LazyTransform.prototype;

class CipherCommon extends (LazyBase as unknown as new (...args: any[]) => any) {
  declare _decoder: any;
  declare [kHandle]: any;
  update(data: any, inputEncoding?: string, outputEncoding?: string): any {
    if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
      throw ERR_INVALID_ARG_TYPE('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
    }
    const ret = this[kHandle].update(data, inputEncoding);
    if (outputEncoding && outputEncoding !== 'buffer') {
      this._decoder = getDecoder(this._decoder, outputEncoding);
      return this._decoder.write(ret);
    }
    return ret;
  }
  final(outputEncoding?: string): any {
    const ret = this[kHandle].final();
    if (outputEncoding && outputEncoding !== 'buffer') {
      this._decoder = getDecoder(this._decoder, outputEncoding);
      return this._decoder.end(ret);
    }
    return ret;
  }
  setAutoPadding(ap?: boolean): this {
    if (!this[kHandle].setAutoPadding(ap === undefined ? true : !!ap)) throw ERR_CRYPTO_INVALID_STATE('setAutoPadding');
    return this;
  }
  setAAD(aadbuf: any, options?: any): this {
    const bytes = bufferOrView(aadbuf, 'aadbuf', options?.encoding);
    if (!this[kHandle].setAAD(bytes)) throw ERR_CRYPTO_INVALID_STATE('setAAD');
    return this;
  }
  _transform(chunk: any, encoding: string, callback: () => void): void {
    this.push(this[kHandle].update(chunk, encoding));
    callback();
  }
  _flush(callback: (err?: unknown) => void): void {
    try {
      this.push(this[kHandle].final());
    } catch (e) {
      callback(e);
      return;
    }
    callback();
  }
}

class CipherivClass extends CipherCommon {
  constructor(cipher: unknown, key: unknown, iv: unknown, options?: any) {
    super(undefined);
    init(this, cipher, key, iv, options, false);
  }
  getAuthTag(): any {
    const ret = this[kHandle].getAuthTag();
    if (ret === undefined) throw ERR_CRYPTO_INVALID_STATE('getAuthTag');
    return ret;
  }
}

class DecipherivClass extends CipherCommon {
  constructor(cipher: unknown, key: unknown, iv: unknown, options?: any) {
    super(undefined);
    init(this, cipher, key, iv, options, true);
  }
  setAuthTag(tagbuf: any, encoding?: string): this {
    const tag = bufferOrView(tagbuf, 'buffer', encoding);
    if (!this[kHandle].setAuthTag(tag)) throw ERR_CRYPTO_INVALID_STATE('setAuthTag');
    return this;
  }
}
Object.defineProperty(CipherivClass, 'name', { value: 'Cipheriv' });
Object.defineProperty(DecipherivClass, 'name', { value: 'Decipheriv' });

/** crypto.Cipheriv (callable without `new`, as in Node). */
export const Cipheriv: any = callableClass(CipherivClass);
/** crypto.Decipheriv */
export const Decipheriv: any = callableClass(DecipherivClass);

export function createCipheriv(cipher: unknown, key: unknown, iv: unknown, options?: unknown): any {
  return new CipherivClass(cipher, key, iv, options);
}

export function createDecipheriv(cipher: unknown, key: unknown, iv: unknown, options?: unknown): any {
  return new DecipherivClass(cipher, key, iv, options);
}

/** crypto.getCipherInfo(nameOrNid[, { keyLength, ivLength }]) */
export function getCipherInfo(nameOrNid: unknown, options?: any): object | undefined {
  let spec: CipherSpec | undefined;
  if (typeof nameOrNid === 'string') spec = cipherSpec(nameOrNid);
  else if (typeof nameOrNid === 'number') spec = cipherSpecByNid(nameOrNid);
  else throw ERR_INVALID_ARG_TYPE('nameOrNid', 'of type string or number', nameOrNid);
  if (!spec) return undefined;
  const { keyLength, ivLength } = options ?? {};
  if (keyLength !== undefined && keyLength !== spec.keyLength) return undefined;
  let iv = spec.ivLength;
  if (ivLength !== undefined) {
    if (spec.engine === 'gcm' ? ivLength < 1 : ivLength !== spec.ivLength) return undefined;
    iv = ivLength;
  }
  const info: any = { mode: spec.mode, name: spec.name, nid: spec.nid };
  if (spec.blockSize !== undefined) info.blockSize = spec.blockSize;
  if (spec.engine !== 'ecb') info.ivLength = iv;
  info.keyLength = spec.keyLength;
  return info;
}
