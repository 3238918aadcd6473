/**
 * `url`: WHATWG URL (the worker's own), file URL helpers and the legacy
 * url.parse/format/resolve API. https://nodejs.org/api/url.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as path from './path.js';

export const URL = globalThis.URL;
export const URLSearchParams = globalThis.URLSearchParams;

function codeError(Ctor: ErrorConstructor, code: string, msg: string): Error {
  const e = new Ctor(msg) as any;
  e.code = code;
  return e;
}

export function fileURLToPath(input: string | URL): string {
  let u: URL;
  if (typeof input === 'string') u = new URL(input);
  else if (input && typeof input === 'object' && 'href' in input) u = input as URL;
  else {
    throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "path" argument must be of type string or an instance of URL. Received ${input === undefined ? 'undefined' : typeof input}`);
  }
  if (u.protocol !== 'file:') throw codeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  if (u.hostname !== '') throw codeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
  const p = u.pathname;
  for (let n = 0; n < p.length; n++) {
    if (p[n] === '%' && (p[n + 2] === 'f' || p[n + 2] === 'F') && p[n + 1] === '2') {
      throw codeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
    }
  }
  return decodeURIComponent(p);
}

/** Percent-encodes a file path for a file: URL as Node does (stricter than WHATWG's path set). */
function encodeFilePath(p: string): string {
  let out = '';
  for (const ch of p) {
    const c = ch.codePointAt(0)!;
    if (c <= 0x20 || c === 0x7f || c >= 0x80 || '"#%<>?[\\]^`{|}~'.includes(ch)) {
      for (const b of new TextEncoder().encode(ch)) out += `%${b < 16 ? '0' : ''}${b.toString(16).toUpperCase()}`;
    } else {
      out += ch;
    }
  }
  return out;
}

export function pathToFileURL(filepath: string, options?: { windows?: boolean } | null): URL {
  if (typeof filepath !== 'string') {
    const v: unknown = filepath;
    const shown = v === null ? 'null' : v === undefined ? 'undefined'
      : typeof v === 'function' ? `function ${(v as { name?: string }).name || ''}`
        : typeof v === 'object' ? `an instance of ${(v as object).constructor?.name ?? 'Object'}`
          : typeof v === 'symbol' ? `type symbol (${String(v)})`
            : `type ${typeof v} (${typeof v === 'bigint' ? `${v}n` : String(v)})`;
    const e = new TypeError(`The "path" argument must be of type string. Received ${shown}`) as TypeError & { code: string };
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  const windows = options?.windows ?? false;
  if (windows) {
    let p = filepath;
    if (p.startsWith('\\\\?\\UNC\\')) p = `\\\\${p.slice(8)}`;
    else if (p.startsWith('\\\\?\\')) p = p.slice(4);
    if (p.startsWith('\\\\')) {
      const end = p.indexOf('\\', 2);
      const hostname = end === -1 ? '' : p.slice(2, end);
      if (end === -1 || hostname === '') {
        const e = new TypeError(`The argument 'path' must be a UNC path with a server and a share. Received '${filepath}'`) as TypeError & { code: string };
        e.code = 'ERR_INVALID_ARG_VALUE';
        throw e;
      }
      return new URL(`file://${hostname}${encodeFilePath(p.slice(end).replace(/\\/g, '/'))}`);
    }
    let resolved = path.win32.resolve(p);
    if ((p.endsWith('\\') || p.endsWith('/')) && !resolved.endsWith('\\')) resolved += '\\';
    return new URL(`file:///${encodeFilePath(resolved.replace(/\\/g, '/')).replace(/^\//, '')}`);
  }
  let resolved = path.resolve(filepath);
  if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
  return new URL(`file://${encodeFilePath(resolved)}`);
}

export function urlToHttpOptions(url: URL): any {
  const options: any = {
    __proto__: null,
    protocol: url.protocol,
    hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
    hash: url.hash,
    search: url.search,
    pathname: url.pathname,
    path: `${url.pathname || ''}${url.search || ''}`,
    href: url.href,
  };
  if (url.port !== '') options.port = Number(url.port);
  if (url.username || url.password) options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return options;
}

export function domainToASCII(domain: string): string {
  try {
    return new URL(`http://${domain}`).hostname;
  } catch {
    return '';
  }
}
export function domainToUnicode(domain: string): string {
  return domain;
}

/** Legacy Url object. */
export class Url {
  protocol: string | null = null;
  slashes: boolean | null = null;
  auth: string | null = null;
  host: string | null = null;
  port: string | null = null;
  hostname: string | null = null;
  hash: string | null = null;
  search: string | null = null;
  query: any = null;
  pathname: string | null = null;
  path: string | null = null;
  href: string | null = null;

  parse(url: string, parseQueryString = false, slashesDenoteHost = false): this {
    let rest = url.trim();
    const hashIdx = rest.indexOf('#');
    if (hashIdx !== -1) {
      this.hash = rest.slice(hashIdx);
      rest = rest.slice(0, hashIdx);
    }
    const qIdx = rest.indexOf('?');
    if (qIdx !== -1) {
      this.search = rest.slice(qIdx);
      this.query = rest.slice(qIdx + 1);
      rest = rest.slice(0, qIdx);
    } else if (parseQueryString) {
      this.search = '';
      this.query = {};
    }
    const proto = /^([a-z0-9.+-]+:)/i.exec(rest);
    if (proto) {
      this.protocol = proto[1]!.toLowerCase();
      rest = rest.slice(proto[1]!.length);
    }
    const slashedProtocols = ['http:', 'https:', 'ftp:', 'gopher:', 'file:', 'ws:', 'wss:'];
    if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
      const slashes = rest.startsWith('//');
      if (slashes && !(this.protocol === 'javascript:')) {
        rest = rest.slice(2);
        this.slashes = true;
      }
    }
    if (this.slashes || (this.protocol && !['javascript:'].includes(this.protocol) && slashedProtocols.includes(this.protocol) && this.slashes)) {
      let hostEnd = rest.search(/[/?#\\]/);
      if (hostEnd === -1) hostEnd = rest.length;
      let hostPart = rest.slice(0, hostEnd);
      rest = rest.slice(hostEnd);
      const at = hostPart.lastIndexOf('@');
      if (at !== -1) {
        this.auth = decodeURIComponent(hostPart.slice(0, at));
        hostPart = hostPart.slice(at + 1);
      }
      const portMatch = /:(\d*)$/.exec(hostPart);
      if (portMatch) {
        if (portMatch[1]) this.port = portMatch[1]!;
        hostPart = hostPart.slice(0, portMatch.index);
      }
      this.hostname = hostPart.toLowerCase();
      this.host = this.hostname + (this.port ? `:${this.port}` : '');
      if (slashedProtocols.includes(this.protocol ?? '') && !rest) rest = '/';
    }
    if (rest) this.pathname = rest;
    else if (this.slashes && this.hostname !== null) this.pathname = '/';
    if (parseQueryString && typeof this.query === 'string') {
      const q = Object.create(null);
      new URLSearchParams(this.query).forEach((v, k) => {
        if (k in q) q[k] = Array.isArray(q[k]) ? [...q[k], v] : [q[k], v];
        else q[k] = v;
      });
      this.query = q;
    }
    if (this.pathname || this.search) this.path = (this.pathname ?? '') + (this.search ?? '');
    this.href = this.format();
    return this;
  }

  format(): string {
    let auth = this.auth ?? '';
    if (auth) auth = encodeURIComponent(auth).replace(/%3A/i, ':') + '@';
    let protocol = this.protocol ?? '';
    let pathname = this.pathname ?? '';
    let hash = this.hash ?? '';
    let host = '';
    if (this.host) host = auth + this.host;
    else if (this.hostname) host = auth + this.hostname + (this.port ? ':' + this.port : '');
    let search = this.search ?? '';
    if (!search && this.query && typeof this.query === 'object' && Object.keys(this.query).length) {
      search = '?' + new URLSearchParams(this.query).toString();
    }
    if (protocol && !protocol.endsWith(':')) protocol += ':';
    if (this.slashes || ((!protocol || ['http:', 'https:', 'ftp:', 'gopher:', 'file:'].includes(protocol)) && host)) {
      host = '//' + host;
      if (pathname && pathname[0] !== '/') pathname = '/' + pathname;
    }
    if (hash && hash[0] !== '#') hash = '#' + hash;
    if (search && search[0] !== '?') search = '?' + search;
    pathname = pathname.replace(/[?#]/g, encodeURIComponent);
    search = search.replace('#', '%23');
    return protocol + host + pathname + search + hash;
  }

  resolve(relative: string): string {
    return resolve(this.href ?? '', relative);
  }
}

let warnedParse = false;
export function parse(url: string | Url, parseQueryString?: boolean, slashesDenoteHost?: boolean): Url {
  if (!warnedParse) {
    warnedParse = true;
    (globalThis as any).process?.emitWarning?.('`url.parse()` behavior is not standardized and prone to errors that have security implications. Use the WHATWG URL API instead. CVEs are not issued for `url.parse()` vulnerabilities.', 'DeprecationWarning', 'DEP0169');
  }
  return parseInternal(url, parseQueryString, slashesDenoteHost);
}

function parseInternal(url: string | Url, parseQueryString?: boolean, slashesDenoteHost?: boolean): Url {
  if (url instanceof Url) return url;
  if (typeof url !== 'string') {
    throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "url" argument must be of type string. Received ${url === undefined ? 'undefined' : typeof url}`);
  }
  return new Url().parse(url, parseQueryString, slashesDenoteHost);
}

export function format(obj: any, options?: { auth?: boolean; fragment?: boolean; search?: boolean; unicode?: boolean }): string {
  if (typeof obj === 'string') obj = parseInternal(obj);
  if (obj instanceof globalThis.URL) {
    let s = obj.href;
    if (options?.fragment === false) s = s.replace(/#.*$/, '');
    if (options?.search === false) s = s.replace(/\?[^#]*/, '');
    if (options?.auth === false) s = s.replace(/\/\/[^@/]*@/, '//');
    return s;
  }
  if (!(obj instanceof Url)) return Url.prototype.format.call(Object.assign(new Url(), obj));
  return obj.format();
}

export function resolve(from: string, to: string): string {
  try {
    const base = new URL(from, 'resolve://');
    const resolved = new URL(to, base);
    if (resolved.protocol === 'resolve:') {
      const { pathname, search, hash } = resolved;
      return pathname + search + hash;
    }
    return resolved.toString();
  } catch {
    return to;
  }
}

export function resolveObject(from: string, to: string): Url {
  return parseInternal(resolve(from, to));
}

export default {
  URL, URLSearchParams, Url, fileURLToPath, pathToFileURL, urlToHttpOptions, domainToASCII, domainToUnicode,
  parse, format, resolve, resolveObject,
};
