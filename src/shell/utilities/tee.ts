/** `tee [-a] [FILE...]` (GNU coreutils): copies stdin to stdout and files as it streams. */
import { strerror } from '../errors.js';
import { abs, err, getopt } from './common.js';
import type { Utility } from './types.js';

export const tee: Utility = async (ctx) => {
  const o = await getopt(ctx, 'ai', { append: 'a', 'ignore-interrupts': 'i' });
  if (!o) return 1;
  let st = 0;
  const targets: string[] = [];
  for (const f of o.args) {
    const p = abs(ctx, f);
    try {
      if (!o.has('a') || !ctx.fs.existsSync(p)) ctx.fs.writeFileSync(p, '');
      targets.push(p);
    } catch (e) {
      await err(ctx, `${f}: ${strerror(e)}`);
      st = 1;
    }
  }
  for (;;) {
    const c = await ctx.stdin.read();
    if (c === null) break;
    for (const t of targets) ctx.fs.appendFileSync(t, c);
    await ctx.stdout.write(c);
  }
  return st;
};
