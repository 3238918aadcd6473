/** `wc [-lwcm] [FILE...]` (GNU coreutils), with GNU's column widths. */
import { strerror } from '../errors.js';
import { decode } from '../io.js';
import { abs, err, getopt, out } from './common.js';
import type { Utility } from './types.js';

export const wc: Utility = async (ctx) => {
  const o = await getopt(ctx, 'lwcmL', { lines: 'l', words: 'w', bytes: 'c', chars: 'm' });
  if (!o) return 1;
  let sel = ['l', 'w', 'm', 'c'].filter((k) => o.has(k));
  if (!sel.length) sel = ['l', 'w', 'c'];
  const files = o.args.length ? o.args : ['-'];
  const rows: { counts: Record<string, number>; name: string | null }[] = [];
  let st = 0;
  let nonRegular = false;
  let totalSize = 0;
  for (const f of files) {
    let data: Uint8Array;
    if (f === '-') {
      if (ctx.stdin.size === undefined) nonRegular = true;
      else totalSize += ctx.stdin.size;
      let counts = { l: 0, w: 0, c: 0, m: 0 };
      let inWord = false;
      for (;;) {
        const c = await ctx.stdin.read();
        if (c === null) break;
        counts.c += c.length;
        for (const b of c) {
          if (b === 10) counts.l++;
          const ws = b === 32 || (b >= 9 && b <= 13);
          if (!ws && !inWord) counts.w++;
          inWord = !ws;
          if ((b & 0xc0) !== 0x80) counts.m++;
        }
      }
      rows.push({ counts, name: o.args.length ? f : null });
      counts = { l: 0, w: 0, c: 0, m: 0 };
      continue;
    }
    try {
      const p = abs(ctx, f);
      const s = ctx.fs.statSync(p);
      if (s.isDirectory()) {
        await err(ctx, `${f}: Is a directory`);
        rows.push({ counts: { l: 0, w: 0, c: 0, m: 0 }, name: f });
        st = 1;
        continue;
      }
      data = ctx.fs.readFileSync(p);
      totalSize += s.size;
    } catch (e) {
      await err(ctx, `${f}: ${strerror(e)}`);
      st = 1;
      continue;
    }
    const text = decode(data);
    rows.push({
      counts: { l: data.filter((b) => b === 10).length, w: (text.match(/[^\s]+/g) ?? []).length, c: data.length, m: [...text].length },
      name: f,
    });
  }
  if (files.length > 1) {
    const t = { l: 0, w: 0, c: 0, m: 0 } as Record<string, number>;
    for (const r of rows) for (const k of Object.keys(t)) t[k]! += r.counts[k]!;
    rows.push({ counts: t, name: 'total' });
  }
  let width = Math.max(1, String(totalSize).length);
  if (nonRegular) width = Math.max(width, 7);
  if (sel.length === 1 && files.length === 1) width = 1;
  let s = '';
  for (const r of rows) s += sel.map((k) => String(r.counts[k]).padStart(width)).join(' ') + (r.name !== null ? ' ' + r.name : '') + '\n';
  await out(ctx, s);
  return st;
};
