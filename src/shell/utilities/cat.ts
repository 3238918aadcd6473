/** `cat [-n] [-b] [-s] [FILE...]` (GNU coreutils): streams stdin, so it works mid-pipeline with backpressure. */
import { decode, TextWriter } from '../io.js';
import { errCode, strerror } from '../errors.js';
import { abs, err, getopt } from './common.js';
import type { Utility } from './types.js';

export const cat: Utility = async (ctx) => {
  const o = await getopt(ctx, 'nbsuAEvTe', { number: 'n', 'number-nonblank': 'b', 'squeeze-blank': 's', 'show-ends': 'E' });
  if (!o) return 1;
  const number = o.has('n') || o.has('b');
  const nonblank = o.has('b');
  const ends = o.has('E');
  const files = o.args.length ? o.args : ['-'];
  let st = 0;
  let line = 1;
  let atLineStart = true;
  const w = new TextWriter(ctx.stdout);
  const emit = async (chunk: Uint8Array) => {
    if (!number && !ends) {
      await w.writeBytes(chunk);
      return;
    }
    const text = decode(chunk);
    let outS = '';
    for (const ch of text) {
      if (atLineStart && number && !(nonblank && ch === '\n')) outS += String(line++).padStart(6) + '\t';
      if (ch === '\n' && ends) outS += '$';
      outS += ch;
      atLineStart = ch === '\n';
    }
    await w.write(outS);
  };
  for (const f of files) {
    if (f === '-') {
      for (;;) {
        const c = await ctx.stdin.read();
        if (c === null) break;
        await emit(c);
      }
      continue;
    }
    try {
      const p = abs(ctx, f);
      if (ctx.fs.statSync(p).isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
      await emit(ctx.fs.readFileSync(p));
    } catch (e) {
      if (errCode(e) === 'EPIPE') throw e;
      await w.flush();
      await err(ctx, `${f}: ${strerror(e)}`);
      st = 1;
    }
  }
  await w.flush();
  return st;
};
