/**
 * `fs.glob`, `fs.globSync` and `fs.promises.glob` (Node 22+): minimatch-style
 * patterns — `*`, `?`, `[…]`, `{a,b}`, `**` — matched by walking the VFS one
 * path segment at a time, so only the folders a pattern can reach are read.
 * As in Node: results are relative to `cwd` (absolute for an absolute
 * pattern) and normalized (`./x` → `x`), `*` and `**` skip names starting
 * with a dot unless the pattern spells the dot, `**` does not descend through
 * symbolic links, a trailing `/` matches folders only, and `exclude` (a
 * function, or patterns since Node 23.7) prunes what it matches.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as path from '../path.js';
import { ERR_INVALID_ARG_TYPE } from './fs-args.js';
import { Dirent, direntType } from './fs-stats.js';

/** What the walk needs from fs (the caller's process fs). */
export interface GlobFs {
  readdirSync(dir: string, opts: { withFileTypes: true }): { name: string; isDirectory(): boolean; isSymbolicLink(): boolean }[];
  lstatSync(p: string, opts: { throwIfNoEntry: false }): { isDirectory(): boolean; isSymbolicLink(): boolean } | undefined;
  statSync(p: string, opts: { throwIfNoEntry: false }): { isDirectory(): boolean } | undefined;
}

type Segment = { kind: 'globstar' } | { kind: 'literal'; name: string } | { kind: 'magic'; re: RegExp };

/** `{a,b}` alternatives (nested and sequential), as minimatch expands them. */
export function expandBraces(pattern: string): string[] {
  let depth = 0;
  let start = -1;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') { i++; continue; }
    if (c === '{') { if (depth++ === 0) start = i; }
    else if (c === '}' && depth > 0 && --depth === 0) {
      const body = pattern.slice(start + 1, i);
      const parts: string[] = [];
      let d = 0;
      let from = 0;
      for (let j = 0; j < body.length; j++) {
        const b = body[j];
        if (b === '\\') { j++; continue; }
        if (b === '{') d++;
        else if (b === '}') d--;
        else if (b === ',' && d === 0) { parts.push(body.slice(from, j)); from = j + 1; }
      }
      parts.push(body.slice(from));
      if (parts.length < 2) continue; // `{x}` is literal
      const head = pattern.slice(0, start);
      const tails = expandBraces(pattern.slice(i + 1));
      return parts.flatMap((p) => expandBraces(head + p)).flatMap((h) => tails.map((t) => h + t));
    }
  }
  return [pattern];
}

function segmentOf(text: string): Segment {
  if (text === '**') return { kind: 'globstar' };
  let re = '';
  let magic = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) { re += escape(text[++i]!); continue; }
    if (c === '*') { magic = true; re += '[^/]*'; continue; }
    if (c === '?') { magic = true; re += '[^/]'; continue; }
    if (c === '[') {
      const close = text.indexOf(']', i + 2);
      if (close !== -1) {
        magic = true;
        let body = text.slice(i + 1, close);
        const negate = body[0] === '!' || body[0] === '^';
        if (negate) body = body.slice(1);
        re += `[${negate ? '^' : ''}${body.replace(/\\/g, '\\\\').replace(/^\]/, '\\]')}]`;
        i = close;
        continue;
      }
    }
    re += escape(c);
  }
  if (!magic) return { kind: 'literal', name: text.replace(/\\(.)/g, '$1') };
  // A leading wildcard never matches a dotfile; a pattern that starts with `.` may.
  const dot = text.startsWith('.') ? '' : '(?!\\.)';
  return { kind: 'magic', re: new RegExp(`^${dot}${re}$`) };
}

function escape(c: string): string {
  return /[.+^${}()|[\]\\*?]/.test(c) ? `\\${c}` : c;
}

interface Compiled {
  absolute: boolean;
  segments: Segment[];
  dirOnly: boolean;
}

function compile(pattern: string): Compiled {
  const absolute = pattern.startsWith('/');
  const dirOnly = pattern.length > 1 && pattern.endsWith('/');
  const parts = pattern.split('/').filter((p, i) => p !== '' && !(p === '.' && i >= 0));
  // `a/../b` is normalized away, as Node's glob does.
  const segs: string[] = [];
  for (const p of parts) {
    if (p === '..' && segs.length && segs[segs.length - 1] !== '..' && segs[segs.length - 1] !== '**') segs.pop();
    else segs.push(p);
  }
  return { absolute, segments: segs.map(segmentOf), dirOnly };
}

function validatePatterns(patterns: unknown): string[] {
  if (typeof patterns === 'string') return [patterns];
  if (Array.isArray(patterns) && patterns.every((p) => typeof p === 'string')) return patterns;
  throw ERR_INVALID_ARG_TYPE('patterns', 'of type string', patterns);
}

/** The matches of `patterns` under `cwd`, deduplicated, in walk order. */
export function globMatches(fs: GlobFs, resolveCwd: (p: string) => string, patterns: unknown, options: any = {}): any[] {
  const list = validatePatterns(patterns);
  const cwd = resolveCwd(options?.cwd === undefined ? '.' : String(options.cwd instanceof URL ? options.cwd.pathname : options.cwd));
  const exclude = options?.exclude;
  const excludeRes = Array.isArray(exclude) ? exclude.flatMap((p: string) => expandBraces(p)).map(compile) : [];
  const excluded = (rel: string, isDir: boolean, name: string, parent: string): boolean => {
    if (typeof exclude === 'function') return !!exclude(options.withFileTypes ? direntOf(name, parent, isDir) : rel);
    return excludeRes.some((c) => matchesWhole(c, rel));
  };
  const found = new Map<string, { isDir: boolean; name: string; parent: string }>();

  for (const compiled of list.flatMap(expandBraces).map(compile)) {
    const base = compiled.absolute ? '/' : cwd;
    const rel = (parts: string[]) => (compiled.absolute ? `/${parts.join('/')}` : parts.length ? parts.join('/') : '.');
    const add = (parts: string[], isDir: boolean) => {
      if (compiled.dirOnly && !isDir) return;
      const key = rel(parts);
      if (!found.has(key)) found.set(key, { isDir, name: parts.length ? parts[parts.length - 1]! : path.basename(base), parent: parts.length > 1 ? rel(parts.slice(0, -1)) : compiled.absolute ? '/' : parts.length ? '.' : path.dirname(base) });
    };
    const abs = (parts: string[]) => path.join(base, ...parts);
    const walk = (parts: string[], i: number, isDir: boolean): void => {
      if (parts.length && excluded(rel(parts), isDir, parts[parts.length - 1]!, rel(parts.slice(0, -1)))) return;
      const seg = compiled.segments[i];
      if (!seg) return add(parts, isDir);
      if (!isDir) return;
      if (seg.kind === 'literal') {
        const st = fs.lstatSync(abs([...parts, seg.name]), { throwIfNoEntry: false });
        if (!st) return;
        const dir = st.isDirectory() || (st.isSymbolicLink() && !!fs.statSync(abs([...parts, seg.name]), { throwIfNoEntry: false })?.isDirectory());
        return walk([...parts, seg.name], i + 1, dir);
      }
      let entries: ReturnType<GlobFs['readdirSync']>;
      try {
        entries = fs.readdirSync(abs(parts), { withFileTypes: true });
      } catch {
        return;
      }
      if (seg.kind === 'globstar') {
        walk(parts, i + 1, true);
        const last = i === compiled.segments.length - 1;
        for (const e of entries) {
          if (e.name.startsWith('.')) continue;
          if (e.isDirectory()) walk([...parts, e.name], i, true);
          else if (last) walk([...parts, e.name], i + 1, false); // a trailing `**` matches files too
        }
        return;
      }
      for (const e of entries) {
        if (!seg.re.test(e.name)) continue;
        const dir = e.isDirectory() || (e.isSymbolicLink() && !!fs.statSync(abs([...parts, e.name]), { throwIfNoEntry: false })?.isDirectory());
        walk([...parts, e.name], i + 1, dir);
      }
    };
    walk([], 0, true);
  }
  if (!options?.withFileTypes) return [...found.keys()];
  return [...found.entries()].map(([, f]) => direntOf(f.name, f.parent, f.isDir));
}

/** Whether a relative path as a whole matches a compiled pattern (for `exclude` patterns). */
function matchesWhole(c: Compiled, rel: string): boolean {
  const names = rel.split('/').filter(Boolean);
  const go = (n: number, s: number): boolean => {
    const seg = c.segments[s];
    if (!seg) return n === names.length;
    if (seg.kind === 'globstar') return go(n, s + 1) || (n < names.length && !names[n]!.startsWith('.') && go(n + 1, s));
    if (n >= names.length) return false;
    return (seg.kind === 'literal' ? seg.name === names[n] : seg.re.test(names[n]!)) && go(n + 1, s + 1);
  };
  return go(0, 0);
}

/** Node builds glob's Dirents from stats, under this class name. */
class DirentFromStats extends Dirent {}

function direntOf(name: string, parentPath: string, isDir: boolean): Dirent {
  return new DirentFromStats(name, direntType(isDir ? 'dir' : 'file'), parentPath);
}
