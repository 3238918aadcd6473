/** `mkdir [-p] [-v] [-m MODE] DIR...` (GNU coreutils). */
import { strerror } from '../errors.js';
import { abs, err, getopt, out, q } from './common.js';
import type { Utility } from './types.js';

export const mkdir: Utility = async (ctx) => {
  const o = await getopt(ctx, 'pvm:', { parents: 'p', verbose: 'v', 'mode:': 'm' });
  if (!o) return 1;
  if (!o.args.length) {
    await err(ctx, "missing operand\nTry 'mkdir --help' for more information.");
    return 1;
  }
  let st = 0;
  for (const d of o.args) {
    const p = abs(ctx, d);
    try {
      if (o.has('p')) {
        if (ctx.fs.existsSync(p) && !ctx.fs.statSync(p).isDirectory()) throw Object.assign(new Error(), { code: 'EEXIST' });
        ctx.fs.mkdirSync(p, { recursive: true });
      } else ctx.fs.mkdirSync(p);
      if (o.has('m')) ctx.fs.chmodSync(p, parseInt(o.get('m')!, 8));
      if (o.has('v')) await out(ctx, `mkdir: created directory ${q(d)}\n`);
    } catch (e) {
      await err(ctx, `cannot create directory ${q(d)}: ${strerror(e)}`);
      st = 1;
    }
  }
  return st;
};
