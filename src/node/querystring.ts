/**
 * `querystring`: Node's legacy query string parser/serializer
 * (lib/querystring.js semantics). https://nodejs.org/api/querystring.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

const noEscape = /[A-Za-z0-9\-_.!~*'()]/;
const hex = (b: number) => `%${b < 16 ? '0' : ''}${b.toString(16).toUpperCase()}`;

/**
 * Percent-encodes UTF-8 like Node: a surrogate code unit always pairs with the
 * next unit (whatever it is); one left at the end is a URIError.
 */
export function escape(str: unknown): string {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str = `${str as string}`;
  }
  const s = str as string;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out += noEscape.test(s[i]!) ? s[i] : hex(c);
    } else if (c < 0x800) {
      out += hex(0xc0 | (c >> 6)) + hex(0x80 | (c & 0x3f));
    } else if (c < 0xd800 || c >= 0xe000) {
      out += hex(0xe0 | (c >> 12)) + hex(0x80 | ((c >> 6) & 0x3f)) + hex(0x80 | (c & 0x3f));
    } else {
      if (++i >= s.length) {
        const e = new URIError('URI malformed') as URIError & { code: string };
        e.code = 'ERR_INVALID_URI';
        throw e;
      }
      c = 0x10000 + (((c & 0x3ff) << 10) | (s.charCodeAt(i) & 0x3ff));
      out += hex(0xf0 | (c >> 18)) + hex(0x80 | ((c >> 12) & 0x3f)) + hex(0x80 | ((c >> 6) & 0x3f)) + hex(0x80 | (c & 0x3f));
    }
  }
  return out;
}

export function unescape(s: string, decodeSpaces?: boolean): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return unescapeBuffer(s, decodeSpaces);
  }
}

function unescapeBuffer(s: string, decodeSpaces?: boolean): string {
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '+' && decodeSpaces) bytes.push(32);
    else if (c === '%' && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...enc.encode(c));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function stringifyPrimitive(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && isFinite(v)) return '' + v;
  if (typeof v === 'bigint') return '' + v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}

export function stringify(obj: any, sep = '&', eq = '=', options?: { encodeURIComponent?: (s: string) => string }): string {
  const enc = options?.encodeURIComponent ?? escape;
  if (obj !== null && typeof obj === 'object') {
    const fields: string[] = [];
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      const ks = enc(stringifyPrimitive(k)) + eq;
      if (Array.isArray(v)) for (const item of v) fields.push(ks + enc(stringifyPrimitive(item)));
      else fields.push(ks + enc(stringifyPrimitive(v)));
    }
    return fields.join(sep);
  }
  return '';
}

export function parse(qs: unknown, sep = '&', eq = '=', options?: { maxKeys?: number; decodeURIComponent?: (s: string) => string }): any {
  const obj = Object.create(null);
  if (typeof qs !== 'string' || qs.length === 0) return obj;
  const dec = options?.decodeURIComponent ?? ((s: string) => unescape(s, true));
  const maxKeys = options?.maxKeys ?? 1000;
  let parts = qs.split(sep || '&');
  if (maxKeys > 0) parts = parts.slice(0, maxKeys);
  for (const part of parts) {
    if (part.length === 0) continue;
    const idx = part.indexOf(eq || '=');
    let k: string;
    let v: string;
    if (idx >= 0) {
      k = part.slice(0, idx);
      v = part.slice(idx + (eq || '=').length);
    } else {
      k = part;
      v = '';
    }
    k = dec(k.replace(/\+/g, ' '));
    v = dec(v.replace(/\+/g, ' '));
    if (!(k in obj)) obj[k] = v;
    else if (Array.isArray(obj[k])) obj[k].push(v);
    else obj[k] = [obj[k], v];
  }
  return obj;
}

export const decode = parse;
export const encode = stringify;
export default { escape, unescape, unescapeBuffer, stringify, parse, decode, encode };
