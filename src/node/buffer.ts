/**
 * `buffer`: the `buffer` npm package (feross), which tracks Node's Buffer API,
 * plus the Node 24 extras it lacks. https://nodejs.org/api/buffer.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as pkg from 'buffer';
import { checkFromArgs, installBufferValidation } from './internal/buffer-validate.js';

const PkgBuffer: any = (pkg as any).Buffer;
/**
 * The package's Buffer behind a Proxy so that the deprecated `Buffer(value, ...)`
 * call form gets Node's argument checks (it calls the package's internal `from`).
 */
export const Buffer: any = new Proxy(PkgBuffer, {
  apply(target, thisArg, args: any[]) {
    if (typeof args[0] !== 'number') return Buffer.from(args[0], args[1], args[2]);
    return Reflect.apply(target, thisArg, args);
  },
  construct(target, args: any[], newTarget) {
    if (typeof args[0] !== 'number' && newTarget === Buffer) return Buffer.from(args[0], args[1], args[2]);
    return Reflect.construct(target, args, newTarget === Buffer ? target : newTarget);
  },
});
Object.defineProperty(PkgBuffer.prototype, 'constructor', { value: Buffer, writable: true, configurable: true, enumerable: false });
export const kMaxLength: number = 9007199254740991;
export const kStringMaxLength = 0x1fffffe8;
export const constants = { MAX_LENGTH: 9007199254740991, MAX_STRING_LENGTH: kStringMaxLength };
export const INSPECT_MAX_BYTES = 50;
export const SlowBuffer: any = (pkg as any).SlowBuffer;
export const Blob: typeof globalThis.Blob = globalThis.Blob;
export const File: typeof globalThis.File = globalThis.File;
export const atob = globalThis.atob;
export const btoa = globalThis.btoa;

/** buffer.isUtf8 */
export function isUtf8(input: ArrayBufferView | ArrayBuffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(input);
    return true;
  } catch {
    return false;
  }
}

/** buffer.isAscii */
export function isAscii(input: ArrayBufferView | ArrayBuffer): boolean {
  const u8 = input instanceof ArrayBuffer ? new Uint8Array(input) : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  for (let i = 0; i < u8.length; i++) if (u8[i]! > 127) return false;
  return true;
}

export function transcode(): never {
  throw new Error('buffer.transcode is not supported in the browser');
}

// Bundlers may rename the package's `function Buffer`.
if (Buffer.name !== 'Buffer') Object.defineProperty(Buffer, 'name', { value: 'Buffer' });

// Node's Buffer inspect format ("... N more bytes", extra own properties).
Buffer.prototype[Symbol.for('nodejs.util.inspect.custom')] = function inspect(this: any, _depth: number, ctx: any, inspectFn: any) {
  const max = INSPECT_MAX_BYTES;
  let str = this.toString('hex', 0, max).replace(/(.{2})/g, '$1 ').trim();
  const remaining = this.length - max;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx && typeof inspectFn === 'function') {
    const extras = Object.keys(this).filter((k) => !/^\d+$/.test(k));
    if (extras.length) str += (str ? ', ' : '') + extras.map((k) => `${k}: ${inspectFn(this[k], { ...ctx, breakLength: Infinity, compact: true })}`).join(', ');
  }
  return `<${this.constructor === PkgBuffer || this.constructor === Buffer ? 'Buffer' : this.constructor.name} ${str}>`;
};

// base64url (Node 15+) is missing from the package: route it through base64.
{
  const isB64u = (e: unknown) => typeof e === 'string' && e.toLowerCase() === 'base64url';
  const from = Buffer.from;
  Buffer.from = function (value: any, enc?: any, len?: any) {
    [value, enc, len] = checkFromArgs(Buffer, value, enc, len);
    return from.call(this, value, isB64u(enc) ? 'base64' : enc, len);
  };
  const byteLength = Buffer.byteLength;
  Buffer.byteLength = (s: any, enc?: any) => byteLength(s, isB64u(enc) ? 'base64' : enc);
  const isEncoding = Buffer.isEncoding;
  Buffer.isEncoding = (e: any) => isB64u(e) || isEncoding(e);
  const toString = Buffer.prototype.toString;
  Buffer.prototype.toString = function (enc?: any, start?: number, end?: number) {
    if (isB64u(enc)) return toString.call(this, 'base64', start, end).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    return toString.call(this, enc, start, end);
  };
  const write = Buffer.prototype.write;
  Buffer.prototype.write = function (str: string, ...rest: any[]) {
    return write.call(this, str, ...rest.map((r) => (isB64u(r) ? 'base64' : r)));
  };
}

installBufferValidation(Buffer);

// Node's size validation for alloc/allocUnsafe/allocUnsafeSlow.
for (const name of ['alloc', 'allocUnsafe', 'allocUnsafeSlow']) {
  const orig = Buffer[name];
  Buffer[name] = function (size: unknown, ...rest: unknown[]) {
    if (typeof size !== 'number') {
      const shown = size === null ? 'null' : size === undefined ? 'undefined' : typeof size === 'object' ? `an instance of ${(size as object).constructor?.name ?? 'Object'}` : typeof size === 'string' ? `type string ('${size}')` : `type ${typeof size} (${String(size)})`;
      const e: any = new TypeError(`The "size" argument must be of type number. Received ${shown}`);
      e.code = 'ERR_INVALID_ARG_TYPE';
      throw e;
    }
    if (!(size >= 0 && size <= kMaxLength)) {
      const e: any = new RangeError(`The value of "size" is out of range. It must be >= 0 && <= ${kMaxLength}. Received ${String(size).replace(/\B(?=(\d{3})+(?!\d))/g, '_')}`);
      e.code = 'ERR_OUT_OF_RANGE';
      throw e;
    }
    return orig.call(this, size, ...rest);
  };
}

// UTF-8 through the platform's TextEncoder/TextDecoder: the package converts in
// JavaScript byte by byte, about 40x slower for a 4 KB string (it made
// `fs.writeFileSync(path, string)` spend most of its time in Buffer.from).
{
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const isUtf8 = (e: unknown) => e === undefined || e === null || (typeof e === 'string' && /^utf-?8$/i.test(e));
  const from = Buffer.from;
  Buffer.from = function (value: any, enc?: any, len?: any) {
    if (typeof value === 'string' && isUtf8(enc)) {
      const u8 = encoder.encode(value);
      return from.call(this, u8.buffer, u8.byteOffset, u8.byteLength);
    }
    return from.call(this, value, enc, len);
  };
  const byteLength = Buffer.byteLength;
  Buffer.byteLength = (s: any, enc?: any) => {
    if (typeof s !== 'string' || !isUtf8(enc)) return byteLength(s, enc);
    let n = s.length;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) continue;
      if (c < 0x800) n += 1;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        n += 2;
        i++;
      } else n += 2;
    }
    return n;
  };
  const toString = Buffer.prototype.toString;
  Buffer.prototype.toString = function (this: Uint8Array, enc?: any, start?: any, end?: any) {
    if (enc === null || !isUtf8(enc) || (start !== undefined && typeof start !== 'number') || (end !== undefined && typeof end !== 'number'))
      return toString.call(this, enc, start, end);
    const from = Math.max(0, Math.trunc(start ?? 0) || 0);
    const to = Math.min(this.length, end === undefined ? this.length : Math.trunc(end) || 0);
    if (to <= from) return '';
    try {
      return decoder.decode(new Uint8Array(this.buffer, this.byteOffset + from, to - from));
    } catch {
      // A view on shared memory: TextDecoder refuses it.
      return toString.call(this, enc, start, end);
    }
  };
}

// Node 24: Buffer.poolSize, Buffer.copyBytesFrom, Buffer.prototype.toLocaleString/equals exist in the package or are added here.
if (Buffer.poolSize === undefined) Buffer.poolSize = 8192;
if (!Buffer.copyBytesFrom) {
  Buffer.copyBytesFrom = (view: any, offset = 0, length?: number) => {
    const bpe = view.BYTES_PER_ELEMENT ?? 1;
    const end = length === undefined ? view.length : Math.min(view.length, offset + length);
    const u8 = new Uint8Array(view.buffer, view.byteOffset + offset * bpe, Math.max(0, end - offset) * bpe);
    return Buffer.from(u8);
  };
}

export default { Buffer, SlowBuffer, kMaxLength, kStringMaxLength, constants, INSPECT_MAX_BYTES, Blob, File, atob, btoa, isUtf8, isAscii, transcode };
