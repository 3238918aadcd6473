/**
 * POSIX path arithmetic for the shell. `node:path` is not available inside a
 * Worker, and the shell only ever needs the POSIX flavour.
 */

/** Collapses `.`, `..` and repeated slashes; keeps absolute/relative. */
export function normalize(p: string): string {
  const abs = p.startsWith('/');
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!abs) out.push('..');
    } else out.push(part);
  }
  const s = out.join('/');
  return abs ? '/' + s : s || '.';
}

/** `path.resolve(cwd, p)`. */
export function resolve(cwd: string, p: string): string {
  return normalize(p.startsWith('/') ? p : cwd + '/' + p);
}

/** Joins with `/` without normalising away `..` semantics beyond `normalize`. */
export function join(...parts: string[]): string {
  return normalize(parts.filter((x) => x !== '').join('/'));
}

/** POSIX `basename(1)` semantics (trailing slashes ignored). */
export function basename(p: string, suffix?: string): string {
  let s = p.replace(/\/+$/, '');
  if (s === '' && p.startsWith('/')) return '/';
  s = s.slice(s.lastIndexOf('/') + 1);
  if (suffix && s !== suffix && s.endsWith(suffix)) s = s.slice(0, -suffix.length);
  return s;
}

/** POSIX `dirname(1)` semantics. */
export function dirname(p: string): string {
  let s = p.replace(/\/+$/, '');
  if (s === '') return p.startsWith('/') ? '/' : '.';
  const i = s.lastIndexOf('/');
  if (i < 0) return '.';
  s = s.slice(0, i).replace(/\/+$/, '');
  return s === '' ? '/' : s;
}
