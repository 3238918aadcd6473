/** `head [-n N] [-c N] [FILE...]` (GNU coreutils), including `-N` and negative counts. */
import { strerror } from '../errors.js';
import { decode, TextWriter } from '../io.js';
import { err, getopt, readInput } from './common.js';
import type { Utility } from './types.js';

export const head: Utility = async (ctx) => {
  const argv = ctx.argv.map((a, i, all) => (i > 0 && !/^-[nc]$/.test(all[i - 1]!) && /^-[0-9]+$/.test(a) ? '-n' + a.slice(1) : a));
  const o = await getopt({ ...ctx, argv }, 'n:c:qv', { 'lines:': 'n', 'bytes:': 'c', quiet: 'q', silent: 'q', verbose: 'v' });
  if (!o) return 1;
  const nArg = o.get('n') ?? '10';
  const cArg = o.get('c');
  const files = o.args.length ? o.args : ['-'];
  const w = new TextWriter(ctx.stdout);
  let st = 0;
  const n = /^-?[0-9]+$/.test(nArg) ? Number(nArg) : null;
  if (n === null) {
    await err(ctx, `invalid number of lines: '${nArg}'`);
    return 1;
  }
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    if ((files.length > 1 && !o.has('q')) || o.has('v')) await w.write(`${i ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
    // Streaming fast path: stdin with a positive line count stops reading early.
    let data: Uint8Array;
    try {
      if (f === '-' && cArg !== undefined && Number(cArg) >= 0) {
        let left = Number(cArg);
        while (left > 0) {
          const c = await ctx.stdin.read();
          if (c === null) break;
          await w.writeBytes(c.subarray(0, left));
          left -= Math.min(left, c.length);
        }
        continue;
      }
      if (f === '-' && cArg === undefined && n >= 0) {
        let left = n;
        while (left > 0) {
          const c = await ctx.stdin.read();
          if (c === null) break;
          let cut = c.length;
          for (let k = 0; k < c.length; k++) {
            if (c[k] === 10 && --left === 0) {
              cut = k + 1;
              break;
            }
          }
          await w.writeBytes(c.subarray(0, cut));
        }
        continue;
      }
      data = await readInput(ctx, f);
    } catch (e) {
      await w.flush();
      await err(ctx, `cannot open '${f}' for reading: ${strerror(e)}`);
      st = 1;
      continue;
    }
    if (cArg !== undefined) {
      const c = Number(cArg);
      await w.writeBytes(c >= 0 ? data.subarray(0, c) : data.subarray(0, Math.max(0, data.length + c)));
      continue;
    }
    const text = decode(data);
    const lines = text.split(/(?<=\n)/);
    const take = n >= 0 ? lines.slice(0, n) : lines.slice(0, Math.max(0, lines.length + n));
    await w.write(take.join(''));
  }
  await w.flush();
  return st;
};
