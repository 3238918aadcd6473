/**
 * Shared pieces of `node:crypto`: turning Node's accepted inputs (strings,
 * Buffers, TypedArrays, DataViews, ArrayBuffers) into bytes, and the three
 * shapes of error Node's crypto throws: JS-side `NodeError`s (name shows
 * `[code]` in the stack), errors raised in Node's C++ layer (plain name, an
 * enumerable `code`), and OpenSSL errors (`error:XXXXXXXX:lib::reason` with
 * `library`, `reason`, `code`). https://nodejs.org/api/errors.html#openssl-errors
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Buffer } from '../buffer.js';
import { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE } from './fs-args.js';
import { concatBytes as concatAll } from '../../internal/bytes.js';

export { ERR_INVALID_ARG_TYPE, ERR_INVALID_ARG_VALUE, ERR_OUT_OF_RANGE, nodeError } from './fs-args.js';

/** An error as Node's C++ crypto layer throws it: `code` set, `name` plain. */
export function cryptoError(Ctor: ErrorConstructor, code: string | undefined, message: string): Error {
  const e = new Ctor(message) as any;
  if (code !== undefined) e.code = code;
  return e;
}

/**
 * An OpenSSL error as Node surfaces it. `packed` is OpenSSL 3's packed error
 * code in hex (e.g. `1C800064`), `library` its library name. `stack` is
 * the rest of OpenSSL's error queue Node attaches as `opensslErrorStack`:
 * `true` for the error itself, `false` for none, or the entries.
 */
export function opensslError(packed: string, library: string, reason: string, stack: boolean | string[] = true): Error {
  const message = `error:${packed}:${library}::${reason}`;
  const e = new Error(message) as any;
  if (stack) e.opensslErrorStack = stack === true ? [message] : stack;
  e.library = library;
  e.reason = reason;
  e.code = `ERR_OSSL_${LIB_PREFIX[library] ?? ''}${reason.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
  return e;
}

/** OpenSSL libraries whose name Node puts in the error code (ERR_OSSL_RSA_…, ERR_OSSL_EVP_…). */
const LIB_PREFIX: Record<string, string> = {
  'rsa routines': 'RSA_', 'digital envelope routines': 'EVP_', 'elliptic curve routines': 'EC_',
  'asn1 encoding routines': 'ASN1_', 'common libcrypto routines': 'CRYPTO_', 'PEM routines': 'PEM_', 'bignum routines': 'BN_',
};

/** A Uint8Array view of an ArrayBufferView's bytes (no copy). */
export function viewBytes(v: ArrayBufferView): Uint8Array {
  return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

/** Bytes of a Buffer/TypedArray/DataView, or a string in `enc`; anything else is ERR_INVALID_ARG_TYPE. */
export function dataBytes(data: any, name = 'data', enc?: string, allowArrayBuffer = false): Uint8Array {
  if (typeof data === 'string') return stringBytes(data, enc);
  if (ArrayBuffer.isView(data)) return viewBytes(data);
  if (allowArrayBuffer && data instanceof ArrayBuffer) return new Uint8Array(data);
  throw ERR_INVALID_ARG_TYPE(name, allowArrayBuffer
    ? 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView'
    : 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

/** A string's bytes in `enc` (unknown encodings read as UTF-8, as Node's crypto does), checking hex lengths as Node does. */
export function stringBytes(s: string, enc?: string): Uint8Array {
  let e = typeof enc === 'string' ? enc.toLowerCase() : 'utf8';
  if (!Buffer.isEncoding(e) || e === 'buffer') e = 'utf8';
  if (e === 'hex' && s.length % 2 !== 0) {
    throw ERR_INVALID_ARG_VALUE('encoding', enc, `is invalid for data of length ${s.length}`);
  }
  return viewBytes(Buffer.from(s, e as any));
}

/** Bytes as a Buffer, or a string when `enc` names an encoding other than 'buffer'. */
export function encodeOutput(bytes: Uint8Array, enc?: string): any {
  const b = Buffer.from(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  return enc && enc !== 'buffer' ? b.toString(enc) : b;
}

/** A fresh Buffer holding a copy of `bytes`. */
export function toBuffer(bytes: Uint8Array): any {
  return Buffer.from(bytes);
}

/** The parts copied into one new array. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  return concatAll(parts);
}

/** Constant-time equality of two byte strings of the same length. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

const warned = new Set<string>();

/** Emits a DeprecationWarning once per process, as Node does for each DEP code. */
export function emitDeprecation(message: string, code: string): void {
  if (warned.has(code)) return;
  warned.add(code);
  const p = (globalThis as any).process;
  if (p && typeof p.emitWarning === 'function') p.emitWarning(message, 'DeprecationWarning', code);
}
