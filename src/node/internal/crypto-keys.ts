/**
 * `KeyObject` and the key-input rules every `node:crypto` function shares:
 * createSecretKey / createPublicKey / createPrivateKey, KeyObject#export,
 * and the `prepare*` helpers that turn what a caller passes (a KeyObject, a
 * PEM string, `{ key, format, type, passphrase, … }`, a JWK) into key data.
 * Mirrors lib/internal/crypto/keys.js in behaviour and messages; the
 * material itself is parsed by crypto-key-codec.ts.
 * https://nodejs.org/api/crypto.html#class-keyobject
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Buffer } from '../buffer.js';
import { Asn1Error, pemDecode, pemEncode } from './crypto-asn1.js';
import { cipherSpec } from './crypto-cipher-modes.js';
import { OKP, type OkpType, curveByJwk } from './crypto-curves.js';
import {
  type AsymmetricKeyData, type KeyData, decodeCertificatePublicKey, decodePkcs1Private, decodePkcs1Public, decodePkcs8, decodeSec1, decodeSpki,
  ecPointUncompressed, encodePkcs1Private, encodePkcs1Public, encodePkcs8, encodeSec1, encodeSpki, fromB64url,
  okpPublicFromPrivate, publicOf, rsaFromJwk, toJwk,
} from './crypto-key-codec.js';
import {
  decryptLegacyPem, decryptPkcs8, encryptLegacyPem, encryptPkcs8, isEncryptedPkcs8,
} from './crypto-key-encryption.js';
import { bitLength, completeKey } from './crypto-rsa.js';
import {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, bytesEqual, cryptoError, dataBytes, nodeError, opensslError, stringBytes,
  viewBytes,
} from './crypto-util.js';

const kKeyType = Symbol('kKeyType');
const kAsymmetricKeyType = Symbol('kAsymmetricKeyType');
const kAsymmetricKeyDetails = Symbol('kAsymmetricKeyDetails');

/** Key material by KeyObject; kept off the object so util.inspect shows what Node shows. */
const material = new WeakMap<object, KeyData>();

/** What `new KeyObject(type, handle)` accepts: only handles made here. */
class KeyHandle {
  constructor(readonly data: KeyData) {}
}

// ------------------------------------------------------------------ errors

export const ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE = (type: string, expected: string) =>
  nodeError(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${type}, expected ${expected}.`);
const ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS = (a: string, b: string) =>
  nodeError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', `The selected key encoding ${a} ${b}.`);
const ERR_CRYPTO_INVALID_JWK = (what = 'Invalid JWK data') => nodeError(TypeError, 'ERR_CRYPTO_INVALID_JWK', what);
const decoderUnsupported = () => opensslError('1E08010C', 'DECODER routines', 'unsupported');
export const errInterrupted = () => opensslError('07880109', 'common libcrypto routines', 'interrupted or cancelled');

function oneOf(name: string, allowed: string[], value: unknown): Error {
  const shown = typeof value === 'string' ? `'${value}'` : String(value);
  return nodeError(TypeError, 'ERR_INVALID_ARG_VALUE',
    `The property '${name}' must be one of: ${allowed.map((a) => `'${a}'`).join(', ')}. Received ${shown}`);
}

// ------------------------------------------------------------------ classes

/** crypto.KeyObject */
export class KeyObject {
  declare [kKeyType]: string;
  constructor(type: string, handle: unknown) {
    if (type !== 'secret' && type !== 'public' && type !== 'private') throw ERR_INVALID_ARG_VALUE('type', type);
    if (!(handle instanceof KeyHandle)) throw ERR_INVALID_ARG_TYPE('handle', 'of type object', handle);
    this[kKeyType] = type;
    material.set(this, handle.data);
  }
  get type(): string {
    return this[kKeyType];
  }
  /** KeyObject.from(CryptoKey): a browser CryptoKey's material can only be read asynchronously. */
  static from(key: unknown): KeyObject {
    const CK = (globalThis as any).CryptoKey;
    if (!CK || !(key instanceof CK)) throw ERR_INVALID_ARG_TYPE('key', 'an instance of CryptoKey', key);
    throw cryptoError(Error, 'ERR_VERKLET_UNSUPPORTED',
      'KeyObject.from(CryptoKey) is not supported in the browser runtime (Verklet): export the key with subtle.exportKey and import it with createPrivateKey/createPublicKey/createSecretKey');
  }
  equals(other: unknown): boolean {
    if (!(other instanceof KeyObject)) throw ERR_INVALID_ARG_TYPE('otherKeyObject', 'an instance of KeyObject', other);
    const a = keyData(this);
    const b = keyData(other);
    if (a.kind !== b.kind || this.type !== other.type) return false;
    if (a.kind === 'secret') return bytesEqual(a.bytes, (b as typeof a).bytes);
    return bytesEqual(encodeSpki(a), encodeSpki(b as AsymmetricKeyData)) &&
      (!a.isPrivate || bytesEqual(encodePkcs8(a), encodePkcs8(b as AsymmetricKeyData)));
  }
}

export class SecretKeyObject extends KeyObject {
  get symmetricKeySize(): number {
    return (keyData(this) as { bytes: Uint8Array }).bytes.length;
  }
  export(options?: any): any {
    if (options !== undefined) {
      if (options === null || typeof options !== 'object') throw ERR_INVALID_ARG_TYPE('options', 'of type object', options);
      const { format } = options;
      if (format === 'jwk') return toJwk(keyData(this));
      if (format !== undefined && format !== 'buffer') {
        throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE',
          `The property 'options.format' must be one of: undefined, 'buffer', 'jwk'. Received ${typeof format === 'string' ? `'${format}'` : String(format)}`);
      }
    }
    return Buffer.from((keyData(this) as { bytes: Uint8Array }).bytes);
  }
}

class AsymmetricKeyObject extends KeyObject {
  declare [kAsymmetricKeyType]: string;
  declare [kAsymmetricKeyDetails]: object;
  get asymmetricKeyType(): string {
    return (this[kAsymmetricKeyType] ??= keyData(this).kind);
  }
  get asymmetricKeyDetails(): object {
    // Node's getter reads asymmetricKeyType first, which caches it too.
    void this.asymmetricKeyType;
    return (this[kAsymmetricKeyDetails] ??= details(keyData(this) as AsymmetricKeyData));
  }
}

export class PublicKeyObject extends AsymmetricKeyObject {
  export(options?: any): any {
    const k = keyData(this) as AsymmetricKeyData;
    if (options === null || typeof options !== 'object') throw ERR_INVALID_ARG_TYPE('options', 'of type object', options);
    if (options.format === 'jwk') return jwkOrThrow(k);
    const { format, type } = parseEncoding(options, k, 'public');
    return encodePublic(k, format, type);
  }
}

export class PrivateKeyObject extends AsymmetricKeyObject {
  export(options?: any): any {
    const k = keyData(this) as AsymmetricKeyData;
    if (options === null || typeof options !== 'object') throw ERR_INVALID_ARG_TYPE('options', 'of type object', options);
    if (options.format === 'jwk') {
      if (options.passphrase !== undefined) throw ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS('jwk', 'does not support encryption');
      return jwkOrThrow(k);
    }
    const { format, type, cipher, passphrase } = parseEncoding(options, k, 'private');
    return encodePrivate(k, format, type, cipher, passphrase);
  }
}

function jwkOrThrow(k: KeyData): any {
  const j = toJwk(k);
  if (!j) throw nodeError(Error, 'ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE', 'Unsupported JWK Key Type.');
  return j;
}

function details(k: AsymmetricKeyData): object {
  switch (k.kind) {
    case 'rsa':
    case 'rsa-pss': {
      const d: any = { modulusLength: bitLength(k.rsa.n), publicExponent: k.rsa.e };
      if (k.pss) Object.assign(d, k.pss);
      return d;
    }
    case 'ec':
      return { namedCurve: k.curve.name };
    default:
      return {};
  }
}

/** The key data behind a KeyObject. */
export function keyData(k: KeyObject): KeyData {
  return material.get(k)!;
}

/** Wraps key data in the matching KeyObject subclass. */
export function keyObjectFor(data: KeyData): KeyObject {
  const h = new KeyHandle(data);
  if (data.kind === 'secret') return new SecretKeyObject('secret', h);
  return data.isPrivate ? new PrivateKeyObject('private', h) : new PublicKeyObject('public', h);
}

export function isKeyObject(v: unknown): v is KeyObject {
  return v instanceof KeyObject;
}

// ------------------------------------------------------------------ export

interface Encoding {
  format: 'pem' | 'der';
  type: string;
  cipher?: string;
  passphrase?: Uint8Array;
}

/**
 * Node's parseKeyEncoding for export and generateKeyPair: format must be
 * pem/der, type fits the key kind, and a cipher comes with a passphrase.
 * `name` prefixes property names in messages ('options' or
 * 'options.publicKeyEncoding').
 */
export function parseEncoding(enc: any, k: { kind: string } | undefined, which: 'public' | 'private', name = 'options'): Encoding {
  const { format, type } = enc;
  if (format !== 'pem' && format !== 'der') throw ERR_INVALID_ARG_VALUE(`${name}.format`, format);
  const types = which === 'public' ? ['pkcs1', 'spki'] : ['pkcs1', 'pkcs8', 'sec1'];
  if (!types.includes(type)) throw ERR_INVALID_ARG_VALUE(`${name}.type`, type);
  if (k) checkTypeFits(type, k.kind);
  if (which === 'public') return { format, type };
  const { cipher, passphrase } = enc;
  if (cipher !== undefined || passphrase !== undefined) {
    if (cipher === undefined) throw ERR_INVALID_ARG_VALUE(`${name}.cipher`, cipher);
    if (typeof cipher !== 'string') throw ERR_INVALID_ARG_VALUE(`${name}.cipher`, cipher);
    if (format === 'der' && type !== 'pkcs8') throw ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS(type, 'does not support encryption');
    if (passphrase === undefined) throw ERR_INVALID_ARG_VALUE(`${name}.passphrase`, passphrase);
    const pass = typeof passphrase === 'string' ? stringBytes(passphrase, enc.encoding) : dataBytes(passphrase, `${name}.passphrase`);
    if (!cipherSpec(cipher)) throw nodeError(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
    return { format, type, cipher, passphrase: pass };
  }
  return { format, type };
}

export function checkTypeFits(type: string, kind: string): void {
  if (type === 'pkcs1' && kind !== 'rsa') throw ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS('pkcs1', 'can only be used for RSA keys');
  if (type === 'sec1' && kind !== 'ec') throw ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS('sec1', 'can only be used for EC keys');
}

function wrap(format: 'pem' | 'der', label: string, der: Uint8Array, headers = ''): any {
  return format === 'pem' ? pemEncode(label, der, headers) : Buffer.from(der);
}

export function encodePublic(k: AsymmetricKeyData, format: 'pem' | 'der', type: string): any {
  const pub = publicOf(k);
  return wrap(format, type === 'pkcs1' ? 'RSA PUBLIC KEY' : 'PUBLIC KEY',
    type === 'pkcs1' ? encodePkcs1Public(pub as any) : encodeSpki(pub));
}

export function encodePrivate(k: AsymmetricKeyData, format: 'pem' | 'der', type: string, cipher?: string, passphrase?: Uint8Array): any {
  if (type === 'pkcs8') {
    const der = encodePkcs8(k);
    if (cipher) return wrap(format, 'ENCRYPTED PRIVATE KEY', encryptPkcs8(der, cipherSpec(cipher)!, passphrase!));
    return wrap(format, 'PRIVATE KEY', der);
  }
  const label = type === 'pkcs1' ? 'RSA PRIVATE KEY' : 'EC PRIVATE KEY';
  const der = type === 'pkcs1' ? encodePkcs1Private(k as any) : encodeSec1(k as any);
  if (cipher) {
    const { headers, body } = encryptLegacyPem(der, cipherSpec(cipher)!, passphrase!);
    return wrap(format, label, body, headers);
  }
  return wrap(format, label, der);
}

// ------------------------------------------------------------------ import

const STRING_OR_BUFFER = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';
const KEY_LIKE = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey';

function isStringOrBuffer(v: unknown): boolean {
  return typeof v === 'string' || ArrayBuffer.isView(v) || v instanceof ArrayBuffer;
}

function keyBytes(v: any, encoding?: string): Uint8Array {
  if (typeof v === 'string') return stringBytes(v, encoding);
  if (v instanceof ArrayBuffer) return new Uint8Array(v);
  return viewBytes(v);
}

function withDecodeErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof Asn1Error) {
      if (e.message === 'truncated') throw opensslError('0680008E', 'asn1 encoding routines', 'not enough data');
      throw opensslError('068000A8', 'asn1 encoding routines', 'wrong tag');
    }
    if (e instanceof Error && !(e as any).code && !(e instanceof TypeError)) throw decoderUnsupported();
    throw e;
  }
}

const PRIVATE_LABELS = ['PRIVATE KEY', 'ENCRYPTED PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY'];
const PUBLIC_LABELS = ['PUBLIC KEY', 'RSA PUBLIC KEY', 'CERTIFICATE'];

/** Parses the first key block of PEM text: private labels always, public ones when `allowPublic`. */
function fromPem(text: string, allowPublic: boolean, passphrase: Uint8Array | undefined): AsymmetricKeyData {
  let blocks;
  try {
    blocks = pemDecode(text);
  } catch {
    throw opensslError('068000A8', 'asn1 encoding routines', 'wrong tag');
  }
  const labels = allowPublic ? [...PRIVATE_LABELS, ...PUBLIC_LABELS] : PRIVATE_LABELS;
  const block = blocks.find((b) => labels.includes(b.label));
  if (!block) throw decoderUnsupported();
  const { label, der, headers } = block;
  return withDecodeErrors(() => {
    switch (label) {
      case 'PRIVATE KEY': return decodePkcs8(der);
      case 'ENCRYPTED PRIVATE KEY':
        if (!passphrase) throw errInterrupted();
        return decodePkcs8(decryptPkcs8(der, passphrase));
      case 'RSA PRIVATE KEY':
      case 'EC PRIVATE KEY': {
        let body = der;
        if (headers['Proc-Type']?.includes('ENCRYPTED')) {
          if (!passphrase) throw errInterrupted();
          body = decryptLegacyPem(body, headers['DEK-Info'] ?? '', passphrase);
        }
        return label === 'RSA PRIVATE KEY' ? decodePkcs1Private(body) : decodeSec1(body);
      }
      case 'PUBLIC KEY': return decodeSpki(der);
      case 'RSA PUBLIC KEY': return decodePkcs1Public(der);
      default: return decodeCertificatePublicKey(der);
    }
  });
}

/**
 * Reads DER of the stated type; like OpenSSL's decoders, falls back to the
 * other structures when that one does not parse (a pkcs8 DER given as
 * 'pkcs1' still loads).
 */
function fromDer(der: Uint8Array, type: string, passphrase: Uint8Array | undefined, allowPublic: boolean): AsymmetricKeyData {
  const readers: Record<string, () => AsymmetricKeyData> = {
    pkcs1: () => decodePkcs1Private(der),
    pkcs8: () => {
      if (!isEncryptedPkcs8(der)) return decodePkcs8(der);
      if (!passphrase) throw errInterrupted();
      return decodePkcs8(decryptPkcs8(der, passphrase));
    },
    sec1: () => decodeSec1(der),
    spki: () => decodeSpki(der),
    'pkcs1-public': () => decodePkcs1Public(der),
  };
  const order = [type, 'pkcs8', 'pkcs1', 'sec1', ...(allowPublic ? ['spki', 'pkcs1-public'] : [])];
  let first: unknown;
  for (const t of new Set(order)) {
    try {
      return readers[t]!();
    } catch (e) {
      if (!(e instanceof Asn1Error)) throw e;
      first ??= e;
    }
  }
  if (first instanceof Asn1Error && first.message === 'truncated' && der[0] === 0x30) {
    throw opensslError('0680008E', 'asn1 encoding routines', 'not enough data');
  }
  const err: any = new Error('Failed to read asymmetric key');
  err.opensslErrorStack = [
    'error:0688010A:asn1 encoding routines::nested asn1 error',
    'error:068000A8:asn1 encoding routines::wrong tag',
  ];
  throw err;
}

function b64field(j: any, name: string, prefix: string): string {
  const v = j[name];
  if (typeof v !== 'string') throw ERR_INVALID_ARG_TYPE(`${prefix}.${name}`, 'of type string', v);
  return v;
}

/** A JWK (RFC 7517) as key data; `isPrivate` requires `d`. */
function fromJwk(j: any, isPrivate: boolean, prefix = 'key'): AsymmetricKeyData {
  const kty = j.kty;
  if (!['RSA', 'EC', 'OKP', 'AKP'].includes(kty)) throw oneOf(`${prefix}.kty`, ['RSA', 'EC', 'OKP', 'AKP'], kty);
  if (kty === 'OKP') {
    const names = ['Ed25519', 'Ed448', 'X25519', 'X448'];
    if (!names.includes(j.crv)) throw oneOf(`${prefix}.crv`, names, j.crv);
    b64field(j, 'x', prefix);
    if (isPrivate) b64field(j, 'd', prefix);
    const kind = j.crv.toLowerCase() as OkpType;
    const size = OKP[kind].size;
    const raw = fromB64url(isPrivate ? j.d : j.x);
    if (raw.length !== size) throw ERR_CRYPTO_INVALID_JWK();
    if (isPrivate) return { kind, isPrivate: true, priv: raw, pub: okpPublicFromPrivate(kind, raw) };
    return { kind, isPrivate: false, pub: raw };
  }
  if (kty === 'EC') {
    const names = ['P-256', 'secp256k1', 'P-384', 'P-521'];
    if (!names.includes(j.crv)) throw oneOf(`${prefix}.crv`, names, j.crv);
    const curve = curveByJwk(j.crv)!;
    const x = fromB64url(b64field(j, 'x', prefix));
    const y = fromB64url(b64field(j, 'y', prefix));
    const d = isPrivate ? fromB64url(b64field(j, 'd', prefix)) : undefined;
    try {
      if (x.length !== curve.size || y.length !== curve.size) throw new Error('size');
      const point = new Uint8Array(1 + 2 * curve.size);
      point[0] = 4;
      point.set(x, 1);
      point.set(y, 1 + curve.size);
      const pub = ecPointUncompressed(curve, point);
      if (!d) return { kind: 'ec', isPrivate: false, curve, pub };
      if (d.length !== curve.size || !curve.impl.utils.isValidSecretKey(d)) throw new Error('d');
      return { kind: 'ec', isPrivate: true, curve, pub, priv: d };
    } catch {
      throw ERR_CRYPTO_INVALID_JWK('Invalid JWK EC key');
    }
  }
  if (kty === 'AKP') throw ERR_CRYPTO_INVALID_JWK();
  b64field(j, 'n', prefix);
  b64field(j, 'e', prefix);
  if (isPrivate) for (const f of ['d', 'p', 'q', 'dp', 'dq', 'qi']) b64field(j, f, prefix);
  return { kind: 'rsa', isPrivate, rsa: completeKey(rsaFromJwk(j, isPrivate)) };
}

type Context = 'createPublic' | 'createPrivate' | 'consumePublic' | 'consumePrivate';

function passphraseOf(v: any): Uint8Array | undefined {
  if (v === undefined || v === null) return undefined;
  return dataBytes(v, 'key.passphrase', undefined, true);
}

/**
 * Node's prepareAsymmetricKey: key data from a KeyObject, PEM/DER input or a
 * JWK, per what the caller needs (a private key, or either for public use).
 */
export function prepareAsymmetricKey(key: any, ctx: Context): AsymmetricKeyData {
  const expected = ctx === 'consumePublic' ? 'private or public' : 'private';
  const fromKeyObject = (k: KeyObject): AsymmetricKeyData => {
    if (k.type === 'secret' || (ctx !== 'consumePublic' && k.type !== 'private')) {
      throw ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(k.type, expected);
    }
    return keyData(k) as AsymmetricKeyData;
  };
  const allowPublic = ctx === 'createPublic' || ctx === 'consumePublic';
  if (key instanceof KeyObject && ctx !== 'createPrivate') return fromKeyObject(key);
  if (isStringOrBuffer(key)) {
    return fromPem(typeof key === 'string' ? key : new TextDecoder('latin1').decode(keyBytes(key)), allowPublic, undefined);
  }
  if (key !== null && typeof key === 'object' && !(key instanceof KeyObject)) {
    const { key: data, encoding, format } = key;
    if (data instanceof KeyObject && ctx !== 'createPrivate') return fromKeyObject(data);
    if (format === 'jwk') {
      if (data === null || typeof data !== 'object') throw ERR_INVALID_ARG_TYPE('key.key', 'of type object', data);
      return fromJwk(data, ctx === 'createPrivate' || ctx === 'consumePrivate' || typeof data.d === 'string');
    }
    if (!isStringOrBuffer(data)) {
      throw ERR_INVALID_ARG_TYPE('key.key', ctx === 'createPrivate' ? STRING_OR_BUFFER : KEY_LIKE, data);
    }
    const isPublic = ctx === 'createPrivate' || ctx === 'consumePrivate' ? false : undefined;
    const fmt = format ?? 'pem';
    if (fmt !== 'pem' && fmt !== 'der') throw ERR_INVALID_ARG_VALUE('options.format', format);
    const passphrase = passphraseOf(key.passphrase);
    const bytes = keyBytes(data, encoding);
    if (fmt === 'pem') return fromPem(new TextDecoder('latin1').decode(bytes), allowPublic, passphrase);
    const types = isPublic === false ? ['pkcs1', 'pkcs8', 'sec1'] : ['pkcs1', 'spki', 'pkcs8', 'sec1'];
    if (!types.includes(key.type)) throw ERR_INVALID_ARG_VALUE('options.type', key.type);
    return fromDer(bytes, key.type, passphrase, allowPublic);
  }
  throw ERR_INVALID_ARG_TYPE('key', ctx === 'createPrivate' ? STRING_OR_BUFFER : KEY_LIKE, key);
}

/** Node's prepareSecretKey: bytes of a secret key given as KeyObject, string or buffer. */
export function prepareSecretKey(key: any, encoding?: string, bufferOnly = false): Uint8Array {
  if (!bufferOnly && key instanceof KeyObject) {
    if (key.type !== 'secret') throw ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE(key.type, 'secret');
    return (keyData(key) as { bytes: Uint8Array }).bytes;
  }
  if (!isStringOrBuffer(key)) {
    throw ERR_INVALID_ARG_TYPE('key', bufferOnly ? 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView' : KEY_LIKE, key);
  }
  return keyBytes(key, encoding);
}

export function createSecretKey(key: any, encoding?: string): KeyObject {
  const bytes = prepareSecretKey(key, encoding, true);
  return keyObjectFor({ kind: 'secret', bytes: bytes.slice() });
}

export function createPublicKey(key: any): KeyObject {
  return keyObjectFor(publicOf(prepareAsymmetricKey(key, 'createPublic')));
}

export function createPrivateKey(key: any): KeyObject {
  const k = prepareAsymmetricKey(key, 'createPrivate');
  if (!k.isPrivate) throw decoderUnsupported();
  return keyObjectFor(k);
}
