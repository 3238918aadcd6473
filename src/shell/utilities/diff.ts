/**
 * `diff [-u] [-U N] [-q] [-r] FILE1 FILE2` (GNU diffutils): normal and unified
 * output from a longest-common-subsequence edit script; exit 1 when different.
 */
import { strerror } from '../errors.js';
import { decode } from '../io.js';
import { basename, resolve } from '../path.js';
import { abs, err, getopt, out } from './common.js';
import type { Utility, UtilityContext } from './types.js';

type Op = { k: '=' | '-' | '+'; a: number; b: number };

/** Myers-free LCS edit script (O(NM) memory capped by trimming common ends). */
export function editScript(a: string[], b: string[]): Op[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const A = a.slice(pre, a.length - suf);
  const B = b.slice(pre, b.length - suf);
  const n = A.length;
  const m = B.length;
  const L: Uint32Array[] = [];
  for (let i = 0; i <= n; i++) L.push(new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) L[i]![j] = A[i] === B[j] ? L[i + 1]![j + 1]! + 1 : Math.max(L[i + 1]![j]!, L[i]![j + 1]!);
  const ops: Op[] = [];
  for (let k = 0; k < pre; k++) ops.push({ k: '=', a: k, b: k });
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && A[i] === B[j]) {
      ops.push({ k: '=', a: pre + i++, b: pre + j++ });
    } else if (j < m && (i >= n || L[i]![j + 1]! >= L[i + 1]![j]!)) ops.push({ k: '+', a: pre + i, b: pre + j++ });
    else ops.push({ k: '-', a: pre + i++, b: pre + j });
  }
  // GNU prints deletions before insertions within a change.
  for (let k = 0; k < ops.length; k++) {
    if (ops[k]!.k === '=') continue;
    let e = k;
    while (e < ops.length && ops[e]!.k !== '=') e++;
    const seg = ops.slice(k, e);
    ops.splice(k, e - k, ...seg.filter((x) => x.k === '-'), ...seg.filter((x) => x.k === '+'));
    k = e;
  }
  for (let k = 0; k < suf; k++) ops.push({ k: '=', a: a.length - suf + k, b: b.length - suf + k });
  return ops;
}

function lines(text: string): { ls: string[]; noEol: boolean } {
  const ls = text.split('\n');
  const noEol = text !== '' && !text.endsWith('\n');
  if (!noEol) ls.pop();
  return { ls, noEol };
}

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}000000 +0000`;
}

function range(start: number, count: number): string {
  if (count === 1) return String(start + 1);
  if (count === 0) return `${start},0`;
  return `${start + 1},${count}`;
}

async function diffFiles(ctx: UtilityContext, f1: string, f2: string, o: { u: number | null; q: boolean }): Promise<string | null> {
  const read = (f: string) => (f === '-' ? '' : decode(ctx.fs.readFileSync(abs(ctx, f))));
  const t1 = read(f1);
  const t2 = read(f2);
  if (t1 === t2) return null;
  if (o.q) return `Files ${f1} and ${f2} differ\n`;
  const A = lines(t1);
  const B = lines(t2);
  const a = A.ls.map((l, i) => (i === A.ls.length - 1 && A.noEol ? l + '\0noeol' : l));
  const b = B.ls.map((l, i) => (i === B.ls.length - 1 && B.noEol ? l + '\0noeol' : l));
  const ops = editScript(a, b);
  const show = (l: string) => (l.endsWith('\0noeol') ? l.slice(0, -6) + '\n\\ No newline at end of file\n' : l + '\n');
  let res = '';
  if (o.u !== null) {
    const ctxN = o.u;
    const mt = (f: string) => stamp(ctx.fs.statSync(abs(ctx, f)).mtimeMs);
    res += `--- ${f1}\t${mt(f1)}\n+++ ${f2}\t${mt(f2)}\n`;
    const changes = ops.map((x, i) => (x.k !== '=' ? i : -1)).filter((i) => i >= 0);
    let k = 0;
    while (k < changes.length) {
      let start = Math.max(0, changes[k]! - ctxN);
      let end = Math.min(ops.length, changes[k]! + ctxN + 1);
      while (k + 1 < changes.length && changes[k + 1]! - ctxN <= end) {
        k++;
        end = Math.min(ops.length, changes[k]! + ctxN + 1);
      }
      k++;
      const hunk = ops.slice(start, end);
      const aStart = hunk[0]!.a;
      const bStart = hunk[0]!.b;
      const aCount = hunk.filter((x) => x.k !== '+').length;
      const bCount = hunk.filter((x) => x.k !== '-').length;
      res += `@@ -${range(aCount ? aStart : aStart - 1 + 1 - 1 + (aStart ? 0 : 0), aCount).replace(/^0,0$/, '0,0')} +${range(bCount ? bStart : bStart, bCount)} @@\n`;
      for (const x of hunk) res += x.k === '=' ? ' ' + show(a[x.a]!) : x.k === '-' ? '-' + show(a[x.a]!) : '+' + show(b[x.b]!);
      start = end;
    }
    return res;
  }
  for (let k = 0; k < ops.length; ) {
    if (ops[k]!.k === '=') {
      k++;
      continue;
    }
    let e = k;
    while (e < ops.length && ops[e]!.k !== '=') e++;
    const seg = ops.slice(k, e);
    const dels = seg.filter((x) => x.k === '-');
    const adds = seg.filter((x) => x.k === '+');
    const aR = dels.length ? (dels.length === 1 ? `${dels[0]!.a + 1}` : `${dels[0]!.a + 1},${dels[dels.length - 1]!.a + 1}`) : `${seg[0]!.a}`;
    const bR = adds.length ? (adds.length === 1 ? `${adds[0]!.b + 1}` : `${adds[0]!.b + 1},${adds[adds.length - 1]!.b + 1}`) : `${seg[0]!.b}`;
    res += `${aR}${dels.length && adds.length ? 'c' : dels.length ? 'd' : 'a'}${bR}\n`;
    for (const x of dels) res += '< ' + show(a[x.a]!);
    if (dels.length && adds.length) res += '---\n';
    for (const x of adds) res += '> ' + show(b[x.b]!);
    k = e;
  }
  return res;
}

export const diff: Utility = async (ctx) => {
  const o = await getopt(ctx, 'uU:qrN', { unified: 'u', 'unified:': 'U', brief: 'q', recursive: 'r' });
  if (!o) return 2;
  if (o.args.length !== 2) {
    await err(ctx, `${o.args.length < 2 ? 'missing operand after' : 'extra operand'} '${o.args[o.args.length - 1] ?? 'diff'}'\ndiff: Try 'diff --help' for more information.`);
    return 2;
  }
  let [f1, f2] = o.args as [string, string];
  const u = o.has('U') ? Number(o.get('U')) : o.has('u') ? 3 : null;
  try {
    for (const f of [f1, f2]) ctx.fs.statSync(abs(ctx, f));
  } catch (e) {
    const bad = [f1, f2].find((f) => !ctx.fs.existsSync(abs(ctx, f)))!;
    await err(ctx, `${bad}: ${strerror(e)}`);
    return 2;
  }
  const d1 = ctx.fs.statSync(abs(ctx, f1)).isDirectory();
  const d2 = ctx.fs.statSync(abs(ctx, f2)).isDirectory();
  if (d1 && !d2) f1 = resolve(f1, basename(f2)).replace(/^\//, f1.startsWith('/') ? '/' : '');
  if (d2 && !d1) f2 = `${f2.replace(/\/$/, '')}/${basename(f1)}`;
  if (d1 && d2) {
    const names = new Set([...ctx.fs.readdirSync(abs(ctx, f1), { withFileTypes: true }), ...ctx.fs.readdirSync(abs(ctx, f2), { withFileTypes: true })].map((d) => d.name));
    let differ = false;
    for (const n of [...names].sort()) {
      const a = `${f1}/${n}`;
      const b = `${f2}/${n}`;
      if (!ctx.fs.existsSync(abs(ctx, a)) || !ctx.fs.existsSync(abs(ctx, b))) {
        await out(ctx, `Only in ${ctx.fs.existsSync(abs(ctx, a)) ? f1 : f2}: ${n}\n`);
        differ = true;
        continue;
      }
      if (ctx.fs.statSync(abs(ctx, a)).isDirectory()) continue;
      const r = await diffFiles(ctx, a, b, { u, q: o.has('q') });
      if (r !== null) {
        differ = true;
        await out(ctx, (o.has('q') ? '' : `diff ${u !== null ? `-u ` : ''}${a} ${b}\n`) + r);
      }
    }
    return differ ? 1 : 0;
  }
  const r = await diffFiles(ctx, f1, f2, { u, q: o.has('q') });
  if (r === null) return 0;
  await out(ctx, r);
  return 1;
};
