/**
 * `ls [-laA1RdhrtSF] [FILE...]` (GNU coreutils). One name per line unless
 * stdout is a terminal, where names are laid out in columns as GNU does.
 * Sorting is byte order (the C locale).
 */
import { strerror } from '../errors.js';
import { byteCmp } from '../expand.js';
import { TextWriter } from '../io.js';
import { resolve } from '../path.js';
import type { ShellStats } from '../shell-system.js';
import { abs, err, getopt, q } from './common.js';
import type { Utility, UtilityContext } from './types.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `drwxr-xr-x` from a mode. */
export function modeString(st: ShellStats): string {
  const m = st.mode;
  const t = st.isSymbolicLink() ? 'l' : st.isDirectory() ? 'd' : (m & 0o170000) === 0o010000 ? 'p' : (m & 0o170000) === 0o020000 ? 'c' : '-';
  let s = t;
  const bits = 'rwxrwxrwx';
  for (let i = 0; i < 9; i++) s += m & (1 << (8 - i)) ? bits[i] : '-';
  return s;
}

/** Human-readable size as `ls -h` / `du -h` print it. */
export function human(n: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P'];
  let u = 0;
  let v = n;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return String(n);
  const r = v < 10 ? Math.ceil(v * 10) / 10 : Math.ceil(v);
  if (r >= 1024 && u < units.length - 1) return '1.0' + units[u + 1];
  return (v < 10 ? r.toFixed(1) : String(r)) + units[u];
}

interface Entry {
  name: string;
  path: string;
  st: ShellStats | null;
}

export const ls: Utility = async (ctx) => {
  const o = await getopt(ctx, 'laA1RdhrtSFCp', { all: 'a', 'almost-all': 'A', recursive: 'R', directory: 'd', 'human-readable': 'h', reverse: 'r', classify: 'F' });
  if (!o) return 2;
  const long = o.has('l');
  const all = o.has('a');
  const almost = o.has('A');
  const tty = !!ctx.stdout.isTTY && !o.has('1') && !long;
  const w = new TextWriter(ctx.stdout);
  let status = 0;
  const now = ctx.system.now?.() ?? Date.now();

  const sortEntries = (es: Entry[]) => {
    es.sort((a, b) => byteCmp(a.name, b.name));
    if (o.has('t')) es.sort((a, b) => (b.st?.mtimeMs ?? 0) - (a.st?.mtimeMs ?? 0));
    if (o.has('S')) es.sort((a, b) => (b.st?.size ?? 0) - (a.st?.size ?? 0));
    if (o.has('r')) es.reverse();
    return es;
  };
  const suffix = (e: Entry) => {
    if (!o.has('F') && !o.has('p')) return '';
    if (e.st?.isDirectory()) return '/';
    if (!o.has('F')) return '';
    if (e.st?.isSymbolicLink()) return '@';
    if (e.st && e.st.mode & 0o111) return '*';
    return '';
  };
  const date = (ms: number) => {
    const d = new Date(ms);
    const recent = Math.abs(now - ms) < 182.5 * 86400000;
    const md = `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)}`;
    return recent ? `${md} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}` : `${md}  ${d.getUTCFullYear()}`;
  };
  const print = async (es: Entry[], isDirListing: boolean) => {
    if (long) {
      if (isDirListing) {
        let blocks = 0;
        for (const e of es) blocks += e.st ? (e.st.isDirectory() ? 4 : Math.ceil(e.st.size / 4096) * 4) : 0;
        await w.write(`total ${o.has('h') ? human(blocks * 1024) : blocks}\n`);
      }
      const rows = es.map((e) => {
        const st = e.st!;
        let name = e.name + suffix(e);
        if (st.isSymbolicLink()) {
          try {
            name += ' -> ' + ctx.fs.readlinkSync(e.path);
          } catch {
            // unreadable link
          }
        }
        return [modeString(st), String(st.nlink ?? 1), userName(st.uid), userName(st.gid), o.has('h') ? human(st.size) : String(st.size), date(st.mtimeMs), name];
      });
      const widths = [0, 1, 2, 3, 4].map((i) => Math.max(0, ...rows.map((r) => r[i]!.length)));
      for (const r of rows) await w.write(`${r[0]} ${r[1]!.padStart(widths[1]!)} ${r[2]!.padEnd(widths[2]!)} ${r[3]!.padEnd(widths[3]!)} ${r[4]!.padStart(widths[4]!)} ${r[5]} ${r[6]}\n`);
      return;
    }
    const names = es.map((e) => e.name + suffix(e));
    if (!tty) {
      for (const n of names) await w.write(n + '\n');
      return;
    }
    await w.write(columns(names, ctx.stdout.columns ?? 80));
  };

  const listDir = async (dirPath: string, label: string, header: boolean, first: boolean): Promise<void> => {
    let dirents;
    try {
      dirents = ctx.fs.readdirSync(dirPath, { withFileTypes: true });
    } catch (e) {
      await w.flush();
      await err(ctx, `cannot open directory ${q(label)}: ${strerror(e)}`);
      status = 2;
      return;
    }
    if (header) await w.write(`${first ? '' : '\n'}${label}:\n`);
    let es: Entry[] = dirents
      .filter((d) => all || almost || !d.name.startsWith('.'))
      .map((d) => ({ name: d.name, path: resolve(dirPath, d.name), st: lstat(ctx, resolve(dirPath, d.name)) }));
    if (all) es.push({ name: '.', path: dirPath, st: lstat(ctx, dirPath) }, { name: '..', path: resolve(dirPath, '..'), st: lstat(ctx, resolve(dirPath, '..')) });
    es = sortEntries(es);
    await print(es, true);
    if (o.has('R')) {
      for (const e of es) {
        if (e.name === '.' || e.name === '..' || !e.st?.isDirectory()) continue;
        await listDir(e.path, label === '/' ? '/' + e.name : `${label}/${e.name}`, true, false);
      }
    }
  };

  const operands = o.args.length ? o.args : ['.'];
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const a of operands) {
    const p = abs(ctx, a);
    let st: ShellStats | null = null;
    try {
      st = ctx.fs.statSync(p);
      if (long || o.has('d')) st = ctx.fs.lstatSync(p);
    } catch (e) {
      const l = lstat(ctx, p);
      if (l) st = l;
      else {
        await err(ctx, `cannot access ${q(a)}: ${strerror(e)}`);
        status = 2;
        continue;
      }
    }
    const isDir = st.isDirectory() || (!long && !o.has('d') && (() => { try { return ctx.fs.statSync(p).isDirectory(); } catch { return false; } })());
    if (isDir && !o.has('d')) dirs.push({ name: a, path: p, st });
    else files.push({ name: a, path: p, st });
  }
  sortEntries(files);
  sortEntries(dirs);
  if (files.length) await print(files, false);
  const header = operands.length > 1 || o.has('R');
  let first = !files.length;
  for (const d of dirs) {
    await listDir(d.path, d.name, header, first);
    first = false;
  }
  await w.flush();
  return status;
};

function lstat(ctx: UtilityContext, p: string): ShellStats | null {
  try {
    return ctx.fs.lstatSync(p);
  } catch {
    return null;
  }
}

function userName(id: number | undefined): string {
  if (id === undefined || id === 0) return 'root';
  return String(id);
}

/** GNU ls's vertical column layout for a terminal of `width` columns. */
export function columns(names: string[], width: number): string {
  if (!names.length) return '';
  const n = names.length;
  for (let cols = n; cols >= 1; cols--) {
    const rows = Math.ceil(n / cols);
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const col = names.slice(c * rows, (c + 1) * rows);
      widths.push(Math.max(0, ...col.map((s) => s.length)) + 2);
    }
    const total = widths.reduce((a, b) => a + b, 0) - 2;
    if (total <= width || cols === 1) {
      let out = '';
      for (let r = 0; r < rows; r++) {
        let line = '';
        for (let c = 0; c < cols; c++) {
          const s = names[c * rows + r];
          if (s === undefined) continue;
          const last = c === cols - 1 || names[(c + 1) * rows + r] === undefined;
          line += last ? s : s.padEnd(widths[c]!);
        }
        out += line + '\n';
      }
      return out;
    }
  }
  return names.join('\n') + '\n';
}
