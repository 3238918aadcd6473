/** `tail [-n [+]N] [-c N] [-f] [FILE...]` (GNU coreutils). `-f` follows a file by polling its size. */
import { strerror } from '../errors.js';
import { decode, TextWriter } from '../io.js';
import { abs, err, getopt, readInput } from './common.js';
import type { Utility } from './types.js';

export const tail: Utility = async (ctx) => {
  const argv = ctx.argv.map((a, i, all) => (i > 0 && !/^-[nc]$/.test(all[i - 1]!) && /^[-+][0-9]+$/.test(a) ? '-n' + (a[0] === '+' ? a : a.slice(1)) : a));
  const o = await getopt({ ...ctx, argv }, 'n:c:fFqvs:', { 'lines:': 'n', 'bytes:': 'c', follow: 'f', quiet: 'q', verbose: 'v', 'sleep-interval:': 's' });
  if (!o) return 1;
  const nArg = o.get('n') ?? '10';
  const cArg = o.get('c');
  const files = o.args.length ? o.args : ['-'];
  const w = new TextWriter(ctx.stdout);
  let st = 0;
  const fromStart = (cArg ?? nArg).startsWith('+');
  const n = Math.abs(Number((cArg ?? nArg).replace(/^[+-]/, '')));
  if (Number.isNaN(n)) {
    await err(ctx, `invalid number of ${cArg !== undefined ? 'bytes' : 'lines'}: '${cArg ?? nArg}'`);
    return 1;
  }
  for (let i = 0; i < files.length; i++) {
    const f = files[i]!;
    let data: Uint8Array;
    try {
      data = await readInput(ctx, f);
    } catch (e) {
      await w.flush();
      await err(ctx, `cannot open '${f}' for reading: ${strerror(e)}`);
      st = 1;
      continue;
    }
    if ((files.length > 1 && !o.has('q')) || o.has('v')) await w.write(`${i ? '\n' : ''}==> ${f === '-' ? 'standard input' : f} <==\n`);
    if (cArg !== undefined) {
      await w.writeBytes(fromStart ? data.subarray(Math.max(0, n - 1)) : data.subarray(Math.max(0, data.length - n)));
      continue;
    }
    const lines = decode(data).split(/(?<=\n)/).filter((l) => l !== '');
    await w.write((fromStart ? lines.slice(Math.max(0, n - 1)) : lines.slice(Math.max(0, lines.length - n))).join(''));
  }
  await w.flush();
  if (o.has('f') || o.has('F')) {
    const f = files[files.length - 1]!;
    if (f === '-') return st;
    const p = abs(ctx, f);
    let size = 0;
    try {
      size = ctx.fs.statSync(p).size;
    } catch {
      size = 0;
    }
    const interval = Number(o.get('s') ?? '1') * 1000;
    while (!ctx.signal.aborted) {
      await new Promise<void>((r) => {
        const t = setTimeout(r, interval);
        ctx.signal.addEventListener('abort', () => { clearTimeout(t); r(); }, { once: true });
      });
      try {
        const cur = ctx.fs.statSync(p).size;
        if (cur < size) size = 0;
        if (cur > size) {
          await ctx.stdout.write(ctx.fs.readFileSync(p).subarray(size, cur));
          size = cur;
        }
      } catch {
        // file vanished: keep polling (-F semantics)
      }
    }
    return 130;
  }
  return st;
};
