/**
 * `string_decoder`: decodes Buffers to strings across write() calls without
 * splitting multi-byte characters. UTF-8 uses the WHATWG decoder for
 * replacement characters (as Node does); bytes of a character that may still
 * be completed are held back until the next write() or end().
 * https://nodejs.org/api/string_decoder.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Buffer, kStringMaxLength } from './buffer.js';

function codeError(Ctor: ErrorConstructor, code: string, message: string): Error {
  const e = new Ctor(message) as Error & { code: string };
  e.code = code;
  return e;
}

function normalizeEncoding(enc: unknown): string | undefined {
  if (enc === undefined || enc === null || enc === '') return 'utf8';
  switch (`${enc as string}`.toLowerCase()) {
    case 'utf8': case 'utf-8': return 'utf8';
    case 'ucs2': case 'ucs-2': case 'utf16le': case 'utf-16le': return 'utf16le';
    case 'latin1': case 'binary': return 'latin1';
    case 'base64': return 'base64';
    case 'base64url': return 'base64url';
    case 'hex': return 'hex';
    case 'ascii': return 'ascii';
    default: return undefined;
  }
}

interface State { held: number }
const kState = Symbol('stringDecoderState');
const utf8 = new TextDecoder('utf-8');

/** How many bytes a UTF-8 lead byte announces (0 for continuation/invalid bytes). */
function leadLength(b: number): number {
  if (b >> 5 === 0x06) return 2;
  if (b >> 4 === 0x0e) return 3;
  if (b >> 3 === 0x1e) return 4;
  return 0;
}

function toBuffer(v: ArrayBufferView): any {
  return Buffer.isBuffer(v) ? v : Buffer.from(v.buffer, v.byteOffset, v.byteLength);
}

function StringDecoder(this: any, encoding?: string): any {
  if (!(this instanceof StringDecoder) && (this === undefined || this === globalThis)) return new (StringDecoder as any)(encoding);
  const enc = normalizeEncoding(encoding);
  if (enc === undefined) throw codeError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${String(encoding)}`);
  this.encoding = enc;
  this.lastChar = Buffer.alloc(4);
  this.lastNeed = 0;
  this.lastTotal = 0;
  this[kState] = { held: 0 } as State;
}

function stateOf(self: any): State {
  const s = self?.[kState];
  if (!s) throw codeError(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type StringDecoder');
  return s;
}

function checkLength(n: number): void {
  if (n > kStringMaxLength) {
    throw codeError(Error, 'ERR_STRING_TOO_LONG', `Cannot create a string longer than 0x${kStringMaxLength.toString(16)} characters`);
  }
}

/** Bytes at the end of `b` that start a UTF-8 character still missing bytes. */
function incompleteTail(b: Uint8Array): { hold: number; need: number } {
  const len = b.length;
  for (let k = 0; k < 4 && k < len; k++) {
    const byte = b[len - 1 - k]!;
    if ((byte & 0xc0) === 0x80) continue;
    const need = leadLength(byte);
    if (need > k + 1) return { hold: k + 1, need };
    return { hold: 0, need: 0 };
  }
  return { hold: 0, need: 0 };
}

const proto = StringDecoder.prototype as any;

proto.write = function write(this: any, buf: any): string {
  const st = stateOf(this);
  if (typeof buf === 'string') return buf;
  if (!ArrayBuffer.isView(buf)) {
    const shown = buf === null ? 'null' : buf === undefined ? 'undefined'
      : typeof buf === 'object' ? `an instance of ${buf.constructor?.name ?? 'Object'}` : `type ${typeof buf} (${String(buf)})`;
    throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "buf" argument must be an instance of Buffer, TypedArray, or DataView. Received ${shown}`);
  }
  const input = toBuffer(buf);
  const enc: string = this.encoding;
  if (enc === 'utf8') {
    let bytes: Uint8Array = input;
    if (st.held > 0) {
      bytes = new Uint8Array(st.held + input.length);
      bytes.set(this.lastChar.subarray(0, st.held), 0);
      bytes.set(input, st.held);
    }
    const { hold, need } = incompleteTail(bytes);
    const body = bytes.subarray(0, bytes.length - hold);
    if (body.length > kStringMaxLength) {
      let chars = 0;
      for (let i = 0; i < body.length; i++) if ((body[i]! & 0xc0) !== 0x80) chars++;
      checkLength(chars);
    }
    const out = body.length ? utf8.decode(body) : '';
    this.lastChar.fill(0);
    this.lastChar.set(bytes.subarray(bytes.length - hold), 0);
    st.held = hold;
    this.lastNeed = hold ? need - hold : 0;
    this.lastTotal = hold ? need : 0;
    return out;
  }
  if (enc === 'utf16le' || enc === 'base64' || enc === 'base64url') {
    let r = '';
    let i = 0;
    if (this.lastNeed > 0) {
      const n = Math.min(this.lastNeed, input.length);
      input.copy(this.lastChar, this.lastTotal - this.lastNeed, 0, n);
      this.lastNeed -= n;
      if (this.lastNeed > 0) return '';
      r = this.lastChar.toString(enc, 0, this.lastTotal);
      i = n;
      st.held = 0;
    }
    if (i >= input.length) return r;
    const rest = input.subarray(i);
    if (enc === 'utf16le') {
      if (rest.length % 2 === 0) {
        checkLength(rest.length / 2);
        const s = rest.toString('utf16le');
        const c = s.charCodeAt(s.length - 1);
        if (c >= 0xd800 && c <= 0xdbff) {
          this.lastNeed = 2;
          this.lastTotal = 4;
          this.lastChar[0] = rest[rest.length - 2];
          this.lastChar[1] = rest[rest.length - 1];
          st.held = 2;
          return r + s.slice(0, -1);
        }
        return r + s;
      }
      this.lastNeed = 1;
      this.lastTotal = 2;
      this.lastChar[0] = rest[rest.length - 1];
      st.held = 1;
      return r + rest.toString('utf16le', 0, rest.length - 1);
    }
    const n = rest.length % 3;
    if (n === 0) return r + rest.toString(enc);
    this.lastNeed = 3 - n;
    this.lastTotal = 3;
    rest.copy(this.lastChar, 0, rest.length - n);
    st.held = n;
    return r + rest.toString(enc, 0, rest.length - n);
  }
  checkLength(enc === 'hex' ? input.length * 2 : input.length);
  return input.toString(enc);
};

proto.end = function end(this: any, buf?: any): string {
  const st = stateOf(this);
  let r = buf === undefined || buf === null ? '' : this.write(buf);
  const enc: string = this.encoding;
  if (enc === 'utf8') {
    if (st.held > 0) r += utf8.decode(this.lastChar.subarray(0, st.held));
  } else if (this.lastNeed > 0) {
    r += this.lastChar.toString(enc, 0, this.lastTotal - this.lastNeed);
  }
  st.held = 0;
  this.lastNeed = 0;
  this.lastTotal = 0;
  return r;
};

/** Undocumented: the complete characters of buf from byte `offset` on. */
proto.text = function text(this: any, buf: any, offset: number): string {
  stateOf(this);
  const b = toBuffer(buf);
  if (offset >= b.length) return '';
  return this.write(b.subarray(offset));
};

const StringDecoderExport: any = StringDecoder;
export { StringDecoderExport as StringDecoder };
export default { StringDecoder: StringDecoderExport };
