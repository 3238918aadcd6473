/** `touch [-c] [-d DATE] FILE...` (GNU coreutils): creates files or updates their times. */
import { strerror } from '../errors.js';
import { abs, err, getopt, q } from './common.js';
import type { Utility } from './types.js';

export const touch: Utility = async (ctx) => {
  const o = await getopt(ctx, 'cmad:t:r:', { 'no-create': 'c', 'date:': 'd', 'reference:': 'r' });
  if (!o) return 1;
  if (!o.args.length) {
    await err(ctx, "missing file operand\nTry 'touch --help' for more information.");
    return 1;
  }
  let when = new Date(ctx.system.now?.() ?? Date.now());
  if (o.has('d')) {
    const d = o.get('d')!;
    when = d.startsWith('@') ? new Date(Number(d.slice(1)) * 1000) : new Date(d);
  }
  if (o.has('r')) when = new Date(ctx.fs.statSync(abs(ctx, o.get('r')!)).mtimeMs);
  let st = 0;
  for (const f of o.args) {
    const p = abs(ctx, f);
    try {
      if (!ctx.fs.existsSync(p)) {
        if (o.has('c')) continue;
        ctx.fs.writeFileSync(p, '', { flag: 'a' });
      }
      ctx.fs.utimesSync(p, when, when);
    } catch (e) {
      await err(ctx, `cannot touch ${q(f)}: ${strerror(e)}`);
      st = 1;
    }
  }
  return st;
};
