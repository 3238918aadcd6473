/**
 * `sort [-nrufbs] [-k KEY] [-t SEP] [-o FILE] [FILE...]` (GNU coreutils, C
 * locale): keys `F[.C][,F[.C]][nrfb]`, last-resort whole-line comparison
 * unless -s.
 */
import { strerror } from '../errors.js';
import { splitLines } from '../io.js';
import { abs, err, getopt, readText } from './common.js';
import type { Utility } from './types.js';

interface Key {
  f1: number;
  c1: number;
  f2: number;
  c2: number;
  n: boolean;
  r: boolean;
  f: boolean;
  b: boolean;
}

function numVal(s: string): number {
  const m = /^\s*(-?[0-9]*\.?[0-9]+|-?[0-9]+)/.exec(s);
  return m ? Number(m[1]) : 0;
}

export const sort: Utility = async (ctx) => {
  const o = await getopt(ctx, 'nrufbsk:t:o:Vh', { 'numeric-sort': 'n', reverse: 'r', unique: 'u', 'ignore-case': 'f', 'key:': 'k', 'field-separator:': 't', 'output:': 'o', stable: 's' });
  if (!o) return 2;
  const sep = o.get('t');
  const keys: Key[] = (o.opts.get('k') ?? []).map((k) => {
    const m = /^([0-9]+)(?:\.([0-9]+))?([a-zA-Z]*)(?:,([0-9]+)(?:\.([0-9]+))?([a-zA-Z]*))?$/.exec(k);
    if (!m) return { f1: 1, c1: 1, f2: 0, c2: 0, n: false, r: false, f: false, b: false };
    const mods = (m[3] ?? '') + (m[6] ?? '');
    return { f1: Number(m[1]), c1: Number(m[2] ?? 1), f2: m[4] ? Number(m[4]) : 0, c2: Number(m[5] ?? 0), n: mods.includes('n'), r: mods.includes('r'), f: mods.includes('f'), b: mods.includes('b') };
  });
  const files = o.args.length ? o.args : ['-'];
  let lines: string[] = [];
  for (const f of files) {
    try {
      for (const l of splitLines(await readText(ctx, f))) lines.push(l);
    } catch (e) {
      await err(ctx, `cannot read: ${f}: ${strerror(e)}`);
      return 2;
    }
  }
  const fields = (line: string): { start: number; end: number }[] => {
    const out: { start: number; end: number }[] = [];
    if (sep !== undefined) {
      let s = 0;
      for (;;) {
        const i = line.indexOf(sep, s);
        if (i < 0) {
          out.push({ start: s, end: line.length });
          break;
        }
        out.push({ start: s, end: i });
        s = i + sep.length;
      }
    } else {
      // Fields include their leading blanks (GNU default).
      const re = /\s*\S+/g;
      let m;
      while ((m = re.exec(line))) out.push({ start: m.index, end: m.index + m[0].length });
      if (!out.length) out.push({ start: 0, end: line.length });
    }
    return out;
  };
  const keyText = (line: string, k: Key): string => {
    const fs = fields(line);
    const a = fs[k.f1 - 1];
    if (!a) return '';
    let start = a.start;
    if (k.b || (sep === undefined && k.c1 > 1)) while (start < a.end && /\s/.test(line[start]!)) start++;
    start += k.c1 - 1;
    let end = line.length;
    if (k.f2) {
      const b = fs[k.f2 - 1];
      if (b) end = k.c2 ? Math.min(b.start + k.c2, line.length) : b.end;
    }
    let t = line.slice(start, Math.max(start, end));
    if (k.b) t = t.replace(/^\s+/, '');
    return t;
  };
  const gn = o.has('n');
  const gr = o.has('r');
  const gf = o.has('f');
  const cmpStr = (a: string, b: string, n: boolean, f: boolean): number => {
    if (n) {
      const d = numVal(a) - numVal(b);
      if (d) return d < 0 ? -1 : 1;
      return 0;
    }
    if (f) {
      a = a.toUpperCase();
      b = b.toUpperCase();
    }
    return a < b ? -1 : a > b ? 1 : 0;
  };
  const cmpKeys = (a: string, b: string): number => {
    if (keys.length) {
      for (const k of keys) {
        const n = k.n || (gn && !k.f);
        let c = cmpStr(keyText(a, k), keyText(b, k), n, k.f || gf);
        if (k.r || (gr && !k.r)) c = k.r ? -c : gr ? -c : c;
        if (c) return c;
      }
      return 0;
    }
    const c = cmpStr(a, b, gn, gf);
    return gr ? -c : c;
  };
  const cmp = (a: string, b: string): number => {
    const c = cmpKeys(a, b);
    if (c || o.has('s') || o.has('u')) return c;
    const l = a < b ? -1 : a > b ? 1 : 0;
    return gr ? -l : l;
  };
  lines.sort(cmp);
  if (o.has('u')) lines = lines.filter((l, i) => i === 0 || cmpKeys(lines[i - 1]!, l) !== 0);
  const text = lines.map((l) => l + '\n').join('');
  if (o.has('o')) {
    ctx.fs.writeFileSync(abs(ctx, o.get('o')!), text);
    return 0;
  }
  await ctx.stdout.write(new TextEncoder().encode(text));
  return 0;
};
