/**
 * `path.win32`: Windows path semantics (drive letters, UNC roots, both
 * separators) as documented at https://nodejs.org/api/path.html, written for
 * Verklet from that documentation and Node's test expectations. Verklet
 * processes run as "linux", so `path` itself stays POSIX; this is only the
 * `path.win32` namespace.
 */

/** How Node's ERR_INVALID_ARG_TYPE messages show the received value. */
export function describeReceived(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return `function ${(value as { name?: string }).name || ''}`;
  if (typeof value === 'object') return `an instance of ${(value as object).constructor?.name ?? 'Object'}`;
  let shown = typeof value === 'string' ? `'${value}'` : typeof value === 'bigint' ? `${value}n` : String(value);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof value} (${shown})`;
}

function validateString(value: unknown, name: string): asserts value is string {
  if (typeof value !== 'string') {
    const shown = describeReceived(value);
    const e = new TypeError(`The "${name}" argument must be of type string. Received ${shown}`) as TypeError & { code: string };
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
}

const isSep = (c: string | undefined): boolean => c === '/' || c === '\\';
const isLetter = (c: string | undefined): boolean =>
  c !== undefined && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'));
const hasDrive = (p: string): boolean => p.length >= 2 && p[1] === ':' && isLetter(p[0]);

/** Index just past a run of characters that are (want=true) / are not separators. */
function skip(p: string, i: number, want: boolean): number {
  while (i < p.length && isSep(p[i]) === want) i++;
  return i;
}

/**
 * Looks for `\\server\share` at the start of `p` (which begins with two
 * separators). Returns the server name, the share's start and end, or null.
 */
function uncParts(p: string): { server: string; shareStart: number; shareEnd: number } | null {
  const serverEnd = skip(p, 2, false);
  if (serverEnd === 2 || serverEnd >= p.length) return null;
  const shareStart = skip(p, serverEnd, true);
  if (shareStart >= p.length) return null;
  const shareEnd = skip(p, shareStart, false);
  return { server: p.slice(2, serverEnd), shareStart, shareEnd };
}

interface Root { device: string; isAbs: boolean; rootEnd: number }

/** The root as resolve()/normalize() see it: device (normalized) and where the rest starts. */
function splitRoot(p: string): Root {
  const len = p.length;
  if (len === 0) return { device: '', isAbs: false, rootEnd: 0 };
  if (isSep(p[0])) {
    if (isSep(p[1])) {
      const unc = uncParts(p);
      if (unc) {
        if (unc.server === '.' || unc.server === '?') return { device: `\\\\${unc.server}`, isAbs: true, rootEnd: 4 };
        return { device: `\\\\${unc.server}\\${p.slice(unc.shareStart, unc.shareEnd)}`, isAbs: true, rootEnd: unc.shareEnd };
      }
    }
    return { device: '', isAbs: true, rootEnd: 1 };
  }
  if (hasDrive(p)) {
    if (len > 2 && isSep(p[2])) return { device: p.slice(0, 2), isAbs: true, rootEnd: 3 };
    return { device: p.slice(0, 2), isAbs: false, rootEnd: 2 };
  }
  return { device: '', isAbs: false, rootEnd: 0 };
}

/** Length of the root as dirname()/parse() see it (a UNC root keeps its trailing separator). */
function rootLength(p: string): number {
  const len = p.length;
  if (len === 0) return 0;
  if (isSep(p[0])) {
    if (len > 1 && isSep(p[1])) {
      const unc = uncParts(p);
      if (unc) return unc.shareEnd === len ? len : unc.shareEnd + 1;
    }
    return 1;
  }
  if (hasDrive(p)) return len > 2 && isSep(p[2]) ? 3 : 2;
  return 0;
}

/** Resolves '.' and '..' segments; separators become '\'. */
function normalizeSegments(p: string, allowAboveRoot: boolean): string {
  const out: string[] = [];
  for (const seg of p.split(/[\\/]+/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
      continue;
    }
    out.push(seg);
  }
  return out.join('\\');
}

let cwdFn: () => string = () => '/';
export function setWin32Cwd(fn: () => string): void {
  cwdFn = fn;
}

export function resolve(...args: string[]): string {
  let resolvedDevice = '';
  let resolvedTail = '';
  let resolvedAbsolute = false;
  for (let i = args.length - 1; i >= -1; i--) {
    let path: string;
    if (i >= 0) {
      path = args[i] as string;
      validateString(path, `paths[${i}]`);
      if (path.length === 0) continue;
    } else {
      path = cwdFn();
      if (resolvedDevice.length > 0 && path.slice(0, 2).toLowerCase() !== resolvedDevice.toLowerCase() && path[2] === '\\') {
        path = `${resolvedDevice}\\`;
      }
    }
    const { device, isAbs, rootEnd } = splitRoot(path);
    if (device.length > 0) {
      if (resolvedDevice.length > 0) {
        if (device.toLowerCase() !== resolvedDevice.toLowerCase()) continue;
      } else {
        resolvedDevice = device;
      }
    }
    if (resolvedAbsolute) {
      if (resolvedDevice.length > 0) break;
    } else {
      resolvedTail = `${path.slice(rootEnd)}\\${resolvedTail}`;
      resolvedAbsolute = isAbs;
      if (isAbs && resolvedDevice.length > 0) break;
    }
  }
  resolvedTail = normalizeSegments(resolvedTail, !resolvedAbsolute);
  if (resolvedAbsolute) return `${resolvedDevice}\\${resolvedTail}`;
  return `${resolvedDevice}${resolvedTail}` || '.';
}

const RESERVED = /^(?:CON|PRN|AUX|NUL|COM[0-9\u00b9\u00b2\u00b3]|LPT[0-9\u00b9\u00b2\u00b3])(?:\.[^:\\/]*)?$/i;

function normalizeImpl(path: string, deviceNames: boolean): string {
  const len = path.length;
  if (len === 0) return '.';
  const { device, isAbs, rootEnd } = splitRoot(path);
  if (deviceNames && device === '' && !isAbs) {
    // A leading reserved device name ("CON:", "COM1:") is a root of its own.
    const colon = path.indexOf(':');
    if (colon > 0) {
      const head = path.slice(0, colon);
      if (!/[\\/]/.test(head) && RESERVED.test(head)) {
        let rest = normalizeSegments(path.slice(colon + 1), true);
        if (rest === '') rest = '.';
        if (colon + 1 < len && isSep(path[len - 1])) rest += '\\';
        return `.\\${head}:${rest}`;
      }
    }
  }
  let tail = rootEnd < len ? normalizeSegments(path.slice(rootEnd), !isAbs) : '';
  if (tail.length === 0 && !isAbs) tail = '.';
  if (tail.length > 0 && isSep(path[len - 1])) tail += '\\';
  if (!isAbs && device === '' && path.includes(':')) {
    // Don't let '..' turn a relative path into one that names a drive or stream root.
    if (hasDrive(tail) || /:(?:\\|$)/.test(tail)) return `.\\${tail}`;
  }
  if (device === '') return isAbs ? `\\${tail}` : tail;
  return isAbs ? `${device}\\${tail}` : `${device}${tail}`;
}

export function normalize(path: string): string {
  validateString(path, 'path');
  return normalizeImpl(path, true);
}

export function isAbsolute(path: string): boolean {
  validateString(path, 'path');
  const len = path.length;
  if (len === 0) return false;
  return isSep(path[0]) || (len > 2 && hasDrive(path) && isSep(path[2]));
}

export function join(...args: string[]): string {
  let joined: string | undefined;
  let first = '';
  for (let i = 0; i < args.length; ++i) {
    const arg = args[i];
    validateString(arg, 'path');
    if (arg.length > 0) {
      if (joined === undefined) joined = first = arg;
      else joined += `\\${arg}`;
    }
  }
  if (joined === undefined) return '.';
  // A '\\'-separated component naming a reserved device ("CON:") stops '.'/'..' resolution.
  if (joined.split('\\').some((c) => /^(?:CON|PRN|AUX|NUL|COM[0-9\u00b9\u00b2\u00b3]|LPT[0-9\u00b9\u00b2\u00b3]):/i.test(c))) {
    return joined.replace(/\//g, '\\');
  }
  // Only a first part that itself starts like a UNC path ("\\server") may
  // produce one; otherwise leading separators collapse to one.
  const uncStart = first.length > 2 && isSep(first[0]) && isSep(first[1]) && !isSep(first[2]);
  if (!uncStart) {
    const n = skip(joined, 0, true);
    if (n >= 2) joined = `\\${joined.slice(n)}`;
  }
  return normalizeImpl(joined, false);
}

export function relative(from: string, to: string): string {
  validateString(from, 'from');
  validateString(to, 'to');
  if (from === to) return '';
  const fromOrig = resolve(from);
  const toOrig = resolve(to);
  if (fromOrig === toOrig) return '';
  if (fromOrig.toLowerCase() === toOrig.toLowerCase()) return '';
  const parts = (p: string): string[] => {
    let s = p.replace(/^\\+/, '');
    if (s.endsWith('\\')) s = s.slice(0, -1);
    return s.split('\\');
  };
  const f = parts(fromOrig);
  const t = parts(toOrig);
  let k = 0;
  while (k < f.length && k < t.length && f[k]!.toLowerCase() === t[k]!.toLowerCase()) k++;
  if (k === 0) return toOrig;
  const up: string[] = [];
  for (let i = k; i < f.length; i++) up.push('..');
  return [...up, ...t.slice(k)].join('\\');
}

export function toNamespacedPath(path: string): string {
  if (typeof path !== 'string' || path.length === 0) return path;
  const resolved = resolve(path);
  if (resolved.length <= 2) return path;
  if (resolved[0] === '\\' && resolved[1] === '\\') {
    if (resolved[2] !== '?' && resolved[2] !== '.') return `\\\\?\\UNC\\${resolved.slice(2)}`;
  } else if (hasDrive(resolved) && resolved[2] === '\\') {
    return `\\\\?\\${resolved}`;
  }
  return resolved;
}

export function dirname(path: string): string {
  validateString(path, 'path');
  const len = path.length;
  if (len === 0) return '.';
  if (len === 1) return isSep(path[0]) ? path : '.';
  const root = rootLength(path);
  if (root === len && root > 3 && isSep(path[0])) return path;
  let end = -1;
  let matchedSlash = true;
  for (let i = len - 1; i >= root; --i) {
    if (isSep(path[i])) {
      if (!matchedSlash) {
        end = i;
        break;
      }
    } else {
      matchedSlash = false;
    }
  }
  if (end === -1) {
    if (root === 0) return '.';
    end = root;
  }
  return path.slice(0, end);
}

export function basename(path: string, suffix?: string): string {
  if (suffix !== undefined) validateString(suffix, 'suffix');
  validateString(path, 'path');
  const first = hasDrive(path) ? 2 : 0;
  let start = first;
  let end = -1;
  let matchedSlash = true;
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    if (suffix === path) return '';
    let extIdx = suffix.length - 1;
    let firstNonSlashEnd = -1;
    for (let i = path.length - 1; i >= first; --i) {
      const c = path[i];
      if (isSep(c)) {
        if (!matchedSlash) {
          start = i + 1;
          break;
        }
      } else {
        if (firstNonSlashEnd === -1) {
          matchedSlash = false;
          firstNonSlashEnd = i + 1;
        }
        if (extIdx >= 0) {
          if (c === suffix[extIdx]) {
            if (--extIdx === -1) end = i;
          } else {
            extIdx = -1;
            end = firstNonSlashEnd;
          }
        }
      }
    }
    if (start === end) end = firstNonSlashEnd;
    else if (end === -1) end = path.length;
    return path.slice(start, end);
  }
  for (let i = path.length - 1; i >= first; --i) {
    if (isSep(path[i])) {
      if (!matchedSlash) {
        start = i + 1;
        break;
      }
    } else if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
  }
  if (end === -1) return '';
  return path.slice(start, end);
}

/** Finds the last component of path[from..] and its extension dot. */
function scanTail(path: string, from: number): { startPart: number; startDot: number; end: number; noExt: boolean } {
  let startDot = -1;
  let startPart = from;
  let end = -1;
  let matchedSlash = true;
  let preDotState = 0;
  for (let i = path.length - 1; i >= from; --i) {
    const c = path[i];
    if (isSep(c)) {
      if (!matchedSlash) {
        startPart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) {
      matchedSlash = false;
      end = i + 1;
    }
    if (c === '.') {
      if (startDot === -1) startDot = i;
      else if (preDotState !== 1) preDotState = 1;
    } else if (startDot !== -1) {
      preDotState = -1;
    }
  }
  const noExt = startDot === -1 || end === -1 || preDotState === 0 ||
    (preDotState === 1 && startDot === end - 1 && startDot === startPart + 1);
  return { startPart, startDot, end, noExt };
}

export function extname(path: string): string {
  validateString(path, 'path');
  const { startDot, end, noExt } = scanTail(path, hasDrive(path) ? 2 : 0);
  return noExt ? '' : path.slice(startDot, end);
}

export interface ParsedPath { root: string; dir: string; base: string; ext: string; name: string }

export function format(pathObject: Partial<ParsedPath>): string {
  if (pathObject === null || typeof pathObject !== 'object') {
    const e = new TypeError(`The "pathObject" argument must be of type object. Received ${describeReceived(pathObject)}`) as TypeError & { code: string };
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  const dir = pathObject.dir || pathObject.root;
  const ext = pathObject.ext ? (pathObject.ext[0] === '.' ? '' : '.') + pathObject.ext : '';
  const base = pathObject.base || `${pathObject.name || ''}${ext}`;
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}\\${base}`;
}

export function parse(path: string): ParsedPath {
  validateString(path, 'path');
  const ret = { root: '', dir: '', base: '', ext: '', name: '' };
  const len = path.length;
  if (len === 0) return ret;
  const root = rootLength(path);
  if (root === len) {
    ret.root = ret.dir = path;
    return ret;
  }
  if (root > 0) ret.root = path.slice(0, root);
  const { startPart, startDot, end, noExt } = scanTail(path, root);
  if (end !== -1) {
    if (noExt) {
      ret.base = ret.name = path.slice(startPart, end);
    } else {
      ret.name = path.slice(startPart, startDot);
      ret.base = path.slice(startPart, end);
      ret.ext = path.slice(startDot, end);
    }
  }
  ret.dir = startPart > 0 && startPart !== root ? path.slice(0, startPart - 1) : ret.root;
  return ret;
}

export const sep = '\\';
export const delimiter = ';';
