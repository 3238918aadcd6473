/**
 * Argument handling shared by `fs`, `fs/promises` and the fs streams: Node's
 * `ERR_*` errors with Node 24's message texts (lib/internal/errors.js), its
 * validators (lib/internal/validators.js), path conversion
 * (lib/internal/fs/utils.js `getValidatedPath`), open flags (`stringToFlags`),
 * modes and times. Filesystem errors are not made here: see ErrnoError.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Buffer } from '../buffer.js';

/** Linux values of `fs.constants` as Node 24 reports them. */
export const constants = Object.freeze({
  UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2,
  UV_DIRENT_UNKNOWN: 0, UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4,
  UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6, UV_DIRENT_BLOCK: 7,
  S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096,
  S_IFLNK: 40960, S_IFSOCK: 49152,
  O_CREAT: 64, O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512, O_APPEND: 1024,
  O_DIRECTORY: 65536, O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096,
  O_DIRECT: 16384, O_NONBLOCK: 2048,
  S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32, S_IWGRP: 16,
  S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1,
  F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
  UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
  UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
});

const C = constants;

// ------------------------------------------------------------ Node's ERR_* errors

/** Makes an error shaped like Node's internal `NodeError`: `name` stays the base name, `code` set, toString shows `[code]`. */
export function nodeError<T extends ErrorConstructor>(Base: T, code: string, message: string): Error & { code: string } {
  const err = new Base(message) as Error & { code: string };
  Object.defineProperty(err, 'code', { value: code, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(err, 'toString', {
    value() { return `${err.name} [${code}]: ${err.message}`; },
    enumerable: false, writable: true, configurable: true,
  });
  if (typeof err.stack === 'string') {
    err.stack = err.stack.replace(/^(\w*Error)/, `$1 [${code}]`);
  }
  return err;
}

function quote(s: string): string {
  let q = "'";
  if (s.includes("'")) {
    if (!s.includes('"')) q = '"';
    else if (!s.includes('`') && !s.includes('${')) q = '`';
  }
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === q || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\v') out += '\\v';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
    else out += ch;
  }
  return q + out + q;
}

/** A small `util.inspect` for the values argument errors show. */
export function inspectValue(v: unknown): string {
  switch (typeof v) {
    case 'string': return quote(v);
    case 'number': return Object.is(v, -0) ? '-0' : String(v);
    case 'bigint': return `${v}n`;
    case 'symbol': return v.toString();
    case 'undefined': return 'undefined';
    case 'boolean': return String(v);
    case 'function': return `[Function: ${v.name || '(anonymous)'}]`;
  }
  if (v === null) return 'null';
  if (v instanceof Uint8Array) {
    if (Buffer.isBuffer(v)) {
      const shown = Array.from(v.subarray(0, 50), (b) => b.toString(16).padStart(2, '0')).join(' ');
      return `<Buffer${shown ? ` ${shown}` : ''}${v.length > 50 ? ` ... ${v.length - 50} more bytes` : ''}>`;
    }
    return `Uint8Array(${v.length}) [${v.length ? ` ${Array.from(v).join(', ')} ` : ''}]`;
  }
  if (Array.isArray(v)) return v.length === 0 ? '[]' : `[ ${v.map(inspectValue).join(', ')} ]`;
  const keys = Object.keys(v as object);
  if (!keys.length) return '{}';
  return `{ ${keys.map((k) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : quote(k)}: ${inspectValue((v as any)[k])}`).join(', ')} }`;
}

/** Node's `determineSpecificType` (the "Received …" part of ERR_INVALID_ARG_TYPE). */
export function received(v: unknown): string {
  if (v == null) return `Received ${v}`;
  if (typeof v === 'function') return `Received function ${v.name}`;
  if (typeof v === 'object') {
    if (Buffer.isBuffer(v)) return 'Received an instance of Buffer';
    const name = (v as object).constructor?.name;
    if (name) return `Received an instance of ${name}`;
    return `Received ${inspectValue(v)}`;
  }
  let shown = inspectValue(v);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `Received type ${typeof v} (${shown})`;
}

export function ERR_INVALID_ARG_TYPE(name: string, expected: string, value: unknown): Error {
  const what = name.includes('.') ? 'property' : 'argument';
  return nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${what} must be ${expected}. ${received(value)}`);
}

export function ERR_INVALID_ARG_VALUE(name: string, value: unknown, reason = 'is invalid'): Error {
  let shown = inspectValue(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  const kind = name.includes('.') ? 'property' : 'argument';
  return nodeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The ${kind} '${name}' ${reason}. Received ${shown}`);
}

function separated(s: string): string {
  let res = '';
  let i = s.length;
  const start = s[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${s.slice(i - 3, i)}${res}`;
  return `${s.slice(0, i)}${res}`;
}

export function ERR_OUT_OF_RANGE(name: string, range: string, value: unknown): Error {
  let shown: string;
  if (Number.isInteger(value) && Math.abs(value as number) > 2 ** 32) shown = separated(String(value));
  else if (typeof value === 'bigint') {
    shown = String(value);
    if (value > 2n ** 32n || value < -(2n ** 32n)) shown = separated(shown);
    shown += 'n';
  } else shown = inspectValue(value);
  return nodeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${shown}`);
}

export function ERR_FS_EISDIR(syscall: string, path: string): Error {
  const err = nodeError(Error, 'ERR_FS_EISDIR', `Path is a directory: ${syscall} returned EISDIR (is a directory) ${path}`) as any;
  err.name = 'SystemError';
  err.info = { code: 'EISDIR', message: 'is a directory', path, syscall, errno: 21 };
  err.errno = 21;
  err.syscall = syscall;
  err.path = path;
  return err;
}

export function ERR_METHOD_NOT_IMPLEMENTED(method: string): Error {
  return nodeError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${method} method is not implemented`);
}

export function ERR_FEATURE_UNAVAILABLE(what: string): Error {
  return nodeError(TypeError, 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM', `${what} is not supported in Verklet`);
}

export function AbortError(reason?: unknown): Error {
  const err = new Error('The operation was aborted', reason !== undefined ? { cause: reason } : undefined) as any;
  err.code = 'ABORT_ERR';
  err.name = 'AbortError';
  return err;
}

// ------------------------------------------------------------ validators

export function validateFunction(v: unknown, name: string): asserts v is (...a: any[]) => any {
  if (typeof v !== 'function') throw ERR_INVALID_ARG_TYPE(name, 'of type function', v);
}

export function validateBoolean(v: unknown, name: string): void {
  if (typeof v !== 'boolean') throw ERR_INVALID_ARG_TYPE(name, 'of type boolean', v);
}

export function validateObject(v: unknown, name: string): void {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw ERR_INVALID_ARG_TYPE(name, 'of type object', v);
}

export function validateString(v: unknown, name: string): asserts v is string {
  if (typeof v !== 'string') throw ERR_INVALID_ARG_TYPE(name, 'of type string', v);
}

export function validateInteger(v: unknown, name: string, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER): asserts v is number {
  if (typeof v !== 'number') throw ERR_INVALID_ARG_TYPE(name, 'of type number', v);
  if (!Number.isInteger(v)) throw ERR_OUT_OF_RANGE(name, 'an integer', v);
  if (v < min || v > max) throw ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, v);
}

export function validateInt32(v: unknown, name: string, min = -2147483648, max = 2147483647): asserts v is number {
  if (typeof v !== 'number') throw ERR_INVALID_ARG_TYPE(name, 'of type number', v);
  if (!Number.isInteger(v)) throw ERR_OUT_OF_RANGE(name, 'an integer', v);
  if (v < min || v > max) throw ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, v);
}

export function validateUint32(v: unknown, name: string, positive = false): asserts v is number {
  if (typeof v !== 'number') throw ERR_INVALID_ARG_TYPE(name, 'of type number', v);
  if (!Number.isInteger(v)) throw ERR_OUT_OF_RANGE(name, 'an integer', v);
  const min = positive ? 1 : 0;
  if (v < min || v > 4294967295) throw ERR_OUT_OF_RANGE(name, `>= ${min} && <= 4294967295`, v);
}

export function validateAbortSignal(signal: unknown, name = 'options.signal'): void {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw ERR_INVALID_ARG_TYPE(name, 'an instance of AbortSignal', signal);
  }
}

/** `getValidatedFd`. */
export function fdArg(fd: unknown, name = 'fd'): number {
  if (Object.is(fd, -0)) return 0;
  validateInt32(fd, name, 0);
  return fd;
}

export function isUint8Array(v: unknown): v is Uint8Array {
  return v instanceof Uint8Array;
}

export function isArrayBufferView(v: unknown): v is ArrayBufferView {
  return ArrayBuffer.isView(v);
}

export function bytesOf(v: ArrayBufferView): Uint8Array {
  return v instanceof Uint8Array ? v : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
}

// ------------------------------------------------------------ paths

export function isURL(v: any): v is URL {
  return v != null && typeof v === 'object' && typeof v.href === 'string' && typeof v.protocol === 'string' && v.auth === undefined && v.path === undefined;
}

/** `fileURLToPath` for POSIX, with Node's errors. */
export function fileURLToPath(url: URL | string): string {
  const u = typeof url === 'string' ? new URL(url) : url;
  if (u.protocol !== 'file:') throw nodeError(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
  if (u.hostname !== '') throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
  const pathname = u.pathname;
  for (let n = 0; n < pathname.length; n++) {
    if (pathname[n] === '%') {
      const third = pathname.codePointAt(n + 2)! | 0x20;
      if (pathname[n + 1] === '2' && third === 102) {
        throw nodeError(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
      }
    }
  }
  return decodeURIComponent(pathname);
}

/**
 * `getValidatedPath`: a string, Buffer or `file:` URL becomes a string (what
 * Node puts in error messages); `name` is the argument's name.
 */
export function pathArg(p: unknown, name = 'path'): string {
  let s: string;
  if (typeof p === 'string') s = p;
  else if (isUint8Array(p)) s = Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString();
  else if (isURL(p)) s = fileURLToPath(p);
  else throw ERR_INVALID_ARG_TYPE(name, 'of type string or an instance of Buffer or URL', p);
  if (s.includes('\u0000')) {
    throw ERR_INVALID_ARG_VALUE(name, isUint8Array(p) ? p : s, 'must be a string, Uint8Array, or URL without null bytes');
  }
  return s;
}

/** Resolves a (validated) path against `cwd` without lexical `..` folding: the VFS walks `..` itself. */
export function absolute(cwd: string, p: string): string {
  if (p.startsWith('/')) return p;
  if (p === '') return cwd;
  return cwd === '/' ? `/${p}` : `${cwd}/${p}`;
}

/** Lexical `path.resolve` (used where Node itself resolves, e.g. mkdtemp prefixes, cp, rm). */
export function resolvePath(cwd: string, p: string): string {
  const abs = p.startsWith('/') ? p : `${cwd}/${p}`;
  const out: string[] = [];
  for (const seg of abs.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  return `/${out.join('/')}`;
}

// ------------------------------------------------------------ flags, modes, times, encodings

/** `stringToFlags`. */
export function flagsArg(flags: unknown, name = 'flags'): number {
  if (typeof flags === 'number') return flags;
  if (flags == null) return C.O_RDONLY;
  switch (flags) {
    case 'r': return C.O_RDONLY;
    case 'rs': case 'sr': return C.O_RDONLY | C.O_SYNC;
    case 'r+': return C.O_RDWR;
    case 'rs+': case 'sr+': return C.O_RDWR | C.O_SYNC;
    case 'w': return C.O_TRUNC | C.O_CREAT | C.O_WRONLY;
    case 'wx': case 'xw': return C.O_TRUNC | C.O_CREAT | C.O_WRONLY | C.O_EXCL;
    case 'w+': return C.O_TRUNC | C.O_CREAT | C.O_RDWR;
    case 'wx+': case 'xw+': return C.O_TRUNC | C.O_CREAT | C.O_RDWR | C.O_EXCL;
    case 'a': return C.O_APPEND | C.O_CREAT | C.O_WRONLY;
    case 'ax': case 'xa': return C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_EXCL;
    case 'as': case 'sa': return C.O_APPEND | C.O_CREAT | C.O_WRONLY | C.O_SYNC;
    case 'a+': return C.O_APPEND | C.O_CREAT | C.O_RDWR;
    case 'ax+': case 'xa+': return C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_EXCL;
    case 'as+': case 'sa+': return C.O_APPEND | C.O_CREAT | C.O_RDWR | C.O_SYNC;
  }
  throw ERR_INVALID_ARG_VALUE(name, flags);
}

/** `parseFileMode`. */
export function modeArg(mode: unknown, name: string, def?: number): number {
  if (mode == null && def !== undefined) return def;
  if (typeof mode === 'string') {
    if (!/^[0-7]+$/.test(mode)) throw ERR_INVALID_ARG_VALUE(name, mode, 'must be a 32-bit unsigned integer or an octal string');
    mode = parseInt(mode, 8);
  }
  validateUint32(mode, name);
  return mode & 0o7777;
}

/** `toUnixTimestamp`: seconds as a number (Date, finite number, numeric string). */
export function timeArg(time: unknown, name = 'time'): number {
  // eslint-disable-next-line eqeqeq
  if (typeof time === 'string' && +time == (time as any)) return +time;
  if (typeof time === 'number' && Number.isFinite(time)) return time < 0 ? Date.now() / 1000 : time;
  if (typeof time === 'number') return Date.now() / 1000;
  if (time instanceof Date) return time.getTime() / 1000;
  throw ERR_INVALID_ARG_TYPE(name, 'an instance of Date or an Time in seconds', time);
}

const ENCODINGS = new Set(['utf8', 'utf-8', 'ucs2', 'ucs-2', 'utf16le', 'utf-16le', 'latin1', 'binary', 'base64', 'base64url', 'hex', 'ascii', 'buffer']);

/** `assertEncoding`. */
export function encodingArg(enc: unknown): void {
  if (enc == null || enc === 'buffer') return;
  if (typeof enc !== 'string' || !ENCODINGS.has(enc.toLowerCase())) {
    throw ERR_INVALID_ARG_VALUE('encoding', enc, 'is invalid encoding');
  }
}

/** `getOptions`: a string is `{ encoding }`, an object is copied over defaults. */
export function optionsArg<T extends object>(options: unknown, defaults: T): T & Record<string, any> {
  if (options == null || typeof options === 'function') return { ...defaults } as any;
  let out: any;
  if (typeof options === 'string') out = { ...defaults, encoding: options };
  else if (typeof options !== 'object') throw ERR_INVALID_ARG_TYPE('options', 'one of type string or object', options);
  else out = { ...defaults, ...options };
  encodingArg(out.encoding);
  if (out.signal !== undefined) validateAbortSignal(out.signal, 'options.signal');
  return out;
}

/** Encodes a path-like result the way Node does for `encoding` ('buffer' gives a Buffer). */
export function encodeName(name: string, encoding: unknown): any {
  if (encoding === 'buffer') return Buffer.from(name);
  if (encoding == null || encoding === 'utf8' || encoding === 'utf-8') return name;
  return Buffer.from(name).toString(encoding as string);
}

/** The `mode` of access/copyFile (`getValidMode`): an int32 within 0..7 (access) or 0..7 (copyFile). */
export function accessModeArg(mode: unknown, def: number, max = 7): number {
  if (mode == null) return def;
  if (typeof mode !== 'number' || !Number.isInteger(mode) || mode < -2147483648 || mode > 2147483647) {
    throw nodeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'mode must be int32 or null/undefined');
  }
  if (mode < 0 || mode > max) throw nodeError(RangeError, 'ERR_OUT_OF_RANGE', `mode is out of range: >= 0 && <= ${max}`);
  return mode;
}

/** `path.join`-style lexical normalisation that keeps a relative path relative. */
export function joinPath(...parts: string[]): string {
  const joined = parts.filter((p) => p !== '').join('/');
  if (joined === '') return '.';
  const abs = joined.startsWith('/');
  const out: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(seg);
  }
  const s = (abs ? '/' : '') + out.join('/');
  return s === '' ? '.' : s;
}
