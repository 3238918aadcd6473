/**
 * crypto.generateKeyPair(Sync) for rsa, rsa-pss, ec, ed25519, ed448,
 * x25519 and x448, with Node's option checks (lib/internal/crypto/keygen.js)
 * and its public/privateKeyEncoding outputs; generateKey(Sync) for hmac and
 * aes secret keys. RSA primes come from crypto-rsa.ts (a 2048-bit key takes
 * well under a few seconds in a worker); curve keys from @noble/curves.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { curveByName, OKP, type OkpType } from './crypto-curves.js';
import { digestFor } from './crypto-digests.js';
import { type AsymmetricKeyData, type PssParams, okpPublicFromPrivate, publicOf, toJwk } from './crypto-key-codec.js';
import { encodePrivate, encodePublic, keyObjectFor, parseEncoding } from './crypto-keys.js';
import { generateRsaKey, randomBytes } from './crypto-rsa.js';
import {
  ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, cryptoError, nodeError,
} from './crypto-util.js';

const TYPES = ['rsa', 'rsa-pss', 'dsa', 'ec', 'ed25519', 'ed448', 'x25519', 'x448', 'dh'];

function uint32(v: unknown, name: string, required: boolean): number | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'number') throw ERR_INVALID_ARG_TYPE(name, 'of type number', v);
  if (!Number.isInteger(v)) throw ERR_OUT_OF_RANGE(name, 'an integer', v);
  if (v < 0 || v > 4294967295) throw ERR_OUT_OF_RANGE(name, '>= 0 && <= 4294967295', v);
  return v;
}

interface Output {
  format: 'pem' | 'der' | 'jwk' | undefined;
  type?: string;
  cipher?: string;
  passphrase?: Uint8Array;
}

function encodingOption(options: any, which: 'public' | 'private'): Output {
  const name = which === 'public' ? 'publicKeyEncoding' : 'privateKeyEncoding';
  const enc = options?.[name];
  if (enc === undefined || enc === null) return { format: undefined };
  if (typeof enc !== 'object') throw ERR_INVALID_ARG_VALUE(`options.${name}`, enc);
  if (enc.format === 'jwk') return { format: 'jwk' };
  return parseEncoding(enc, undefined, which, `options.${name}`);
}

/** Validates everything before any work starts (as Node does, so generateKeyPair throws synchronously). */
function plan(type: unknown, options: any): () => AsymmetricKeyData {
  if (typeof type !== 'string') throw ERR_INVALID_ARG_TYPE('type', 'of type string', type);
  if (!TYPES.includes(type)) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' must be a supported key type. Received '${type}'`);
  }
  if (options !== undefined && (options === null || typeof options !== 'object')) {
    throw ERR_INVALID_ARG_TYPE('options', 'of type object', options);
  }
  switch (type) {
    case 'rsa':
    case 'rsa-pss': {
      if (options === undefined) throw ERR_INVALID_ARG_TYPE('options', 'of type object', options);
      const bits = uint32(options.modulusLength, 'options.modulusLength', true)!;
      const e = uint32(options.publicExponent, 'options.publicExponent', false) ?? 0x10001;
      let pss: PssParams | undefined;
      if (type === 'rsa-pss') {
        const { hashAlgorithm, mgf1HashAlgorithm, saltLength } = options;
        for (const [n, v] of [['hashAlgorithm', hashAlgorithm], ['mgf1HashAlgorithm', mgf1HashAlgorithm]] as const) {
          if (v !== undefined && typeof v !== 'string') throw ERR_INVALID_ARG_TYPE(`options.${n}`, 'of type string', v);
          if (v !== undefined && !digestFor(v)) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${v}`);
        }
        const salt = uint32(saltLength, 'options.saltLength', false);
        if (hashAlgorithm !== undefined || mgf1HashAlgorithm !== undefined || salt !== undefined) {
          const hash = digestFor(hashAlgorithm ?? 'sha1')!;
          pss = {
            hashAlgorithm: hash.name,
            mgf1HashAlgorithm: digestFor(mgf1HashAlgorithm ?? hash.name)!.name,
            saltLength: salt ?? hash.hash.outputLen,
          };
        }
      }
      return () => {
        if (bits < 512) throw new Error('error:1C8000AB:Provider routines::key size too small');
        if (e < 3 || e % 2 === 0) throw new Error('error:020000B2:rsa routines::pub exponent out of range');
        return { kind: type, isPrivate: true, rsa: generateRsaKey(bits, BigInt(e)), pss };
      };
    }
    case 'ec': {
      const { namedCurve, paramEncoding } = options ?? {};
      if (typeof namedCurve !== 'string') throw ERR_INVALID_ARG_TYPE('options.namedCurve', 'of type string', namedCurve);
      if (paramEncoding !== undefined && paramEncoding !== 'named' && paramEncoding !== 'explicit') {
        throw ERR_INVALID_ARG_VALUE('options.paramEncoding', paramEncoding);
      }
      if (paramEncoding === 'explicit') {
        throw cryptoError(Error, 'ERR_VERKLET_UNSUPPORTED', "paramEncoding 'explicit' is not supported in the browser runtime (Verklet)");
      }
      const curve = curveByName(namedCurve);
      if (!curve) throw nodeError(TypeError, 'ERR_CRYPTO_INVALID_CURVE', 'Invalid EC curve name');
      return () => {
        const priv = curve.impl.utils.randomSecretKey();
        return { kind: 'ec', isPrivate: true, curve, priv, pub: curve.impl.getPublicKey(priv, false) };
      };
    }
    case 'ed25519':
    case 'ed448':
    case 'x25519':
    case 'x448':
      return () => {
        const kind = type as OkpType;
        const priv = randomBytes(OKP[kind].size);
        return { kind, isPrivate: true, priv, pub: okpPublicFromPrivate(kind, priv) };
      };
    default:
      throw cryptoError(Error, 'ERR_VERKLET_UNSUPPORTED', `generateKeyPair('${type}') is not supported in the browser runtime (Verklet)`);
  }
}

function output(k: AsymmetricKeyData, which: 'public' | 'private', enc: Output): any {
  if (enc.format === undefined) return keyObjectFor(which === 'public' ? publicOf(k) : k);
  if (enc.format === 'jwk') {
    const j = toJwk(which === 'public' ? publicOf(k) : k);
    if (!j) throw nodeError(Error, 'ERR_CRYPTO_JWK_UNSUPPORTED_KEY_TYPE', 'Unsupported JWK Key Type.');
    return j;
  }
  return which === 'public'
    ? encodePublic(k, enc.format, enc.type!)
    : encodePrivate(k, enc.format, enc.type!, enc.cipher, enc.passphrase);
}

function encodings(options: any): [Output, Output] {
  return [encodingOption(options, 'public'), encodingOption(options, 'private')];
}

/** Checks that pkcs1/sec1 encodings fit the key type being generated. */
function checkFits(type: string, [pub, priv]: [Output, Output]): void {
  const kind = type === 'rsa-pss' ? 'rsa-pss' : type;
  for (const e of [pub, priv]) {
    if (e.type === 'pkcs1' && kind !== 'rsa') {
      throw nodeError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding pkcs1 can only be used for RSA keys.');
    }
    if (e.type === 'sec1' && kind !== 'ec') {
      throw nodeError(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding sec1 can only be used for EC keys.');
    }
  }
}

export function generateKeyPairSync(type: unknown, options?: any): { publicKey: any; privateKey: any } {
  const make = plan(type, options);
  const enc = encodings(options);
  checkFits(type as string, enc);
  const k = make();
  return { publicKey: output(k, 'public', enc[0]), privateKey: output(k, 'private', enc[1]) };
}

export function generateKeyPair(type: unknown, options: any, callback?: any): void {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  if (typeof callback !== 'function') throw ERR_INVALID_ARG_TYPE('callback', 'of type function', callback);
  const make = plan(type, options);
  const enc = encodings(options);
  checkFits(type as string, enc);
  (globalThis as any).setImmediate(() => {
    let pair;
    try {
      const k = make();
      pair = { publicKey: output(k, 'public', enc[0]), privateKey: output(k, 'private', enc[1]) };
    } catch (e) {
      callback(e);
      return;
    }
    callback(null, pair.publicKey, pair.privateKey);
  });
}

Object.defineProperty(generateKeyPair, Symbol.for('nodejs.util.promisify.custom'), {
  value: (type: unknown, options?: any) => new Promise((resolve, reject) => {
    generateKeyPair(type, options, (err: unknown, publicKey: any, privateKey: any) => {
      if (err) reject(err);
      else resolve({ publicKey, privateKey });
    });
  }),
  enumerable: false,
  configurable: true,
  writable: true,
});

function secretKeyPlan(type: unknown, options: any): () => Uint8Array {
  if (typeof type !== 'string') throw ERR_INVALID_ARG_TYPE('type', 'of type string', type);
  if (options === null || typeof options !== 'object') throw ERR_INVALID_ARG_TYPE('options', 'of type object', options);
  const { length } = options;
  if (type === 'hmac') {
    if (typeof length !== 'number') throw ERR_INVALID_ARG_TYPE('options.length', 'of type number', length);
    if (!Number.isInteger(length)) throw ERR_OUT_OF_RANGE('options.length', 'an integer', length);
    if (length < 8 || length > 2 ** 31 - 1) throw ERR_OUT_OF_RANGE('options.length', '>= 8 && <= 2147483647', length);
    return () => randomBytes(Math.floor(length / 8));
  }
  if (type === 'aes') {
    if (length !== 128 && length !== 192 && length !== 256) {
      throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The property 'options.length' must be one of: 128, 192, 256. Received ${typeof length === 'string' ? `'${length}'` : String(length)}`);
    }
    return () => randomBytes(length / 8);
  }
  throw nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' must be a supported key type. Received '${type}'`);
}

export function generateKeySync(type: unknown, options: any): any {
  return keyObjectFor({ kind: 'secret', bytes: secretKeyPlan(type, options)() });
}

export function generateKey(type: unknown, options: any, callback: any): void {
  if (typeof callback !== 'function') throw ERR_INVALID_ARG_TYPE('callback', 'of type function', callback);
  const make = secretKeyPlan(type, options);
  (globalThis as any).setImmediate(() => callback(null, keyObjectFor({ kind: 'secret', bytes: make() })));
}
