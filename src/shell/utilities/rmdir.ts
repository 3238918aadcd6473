/** `rmdir [-p] DIR...` (GNU coreutils). */
import { strerror } from '../errors.js';
import { dirname } from '../path.js';
import { abs, err, getopt, q } from './common.js';
import type { Utility } from './types.js';

export const rmdir: Utility = async (ctx) => {
  const o = await getopt(ctx, 'pv', { parents: 'p', 'ignore-fail-on-non-empty': 'I' });
  if (!o) return 1;
  if (!o.args.length) {
    await err(ctx, "missing operand\nTry 'rmdir --help' for more information.");
    return 1;
  }
  let st = 0;
  for (const d of o.args) {
    let cur = d;
    for (;;) {
      try {
        const p = abs(ctx, cur);
        if (!ctx.fs.lstatSync(p).isDirectory()) throw Object.assign(new Error(), { code: 'ENOTDIR' });
        ctx.fs.rmdirSync(p);
      } catch (e) {
        if (!(o.has('I') && /ENOTEMPTY|EEXIST/.test(String((e as { code?: string }).code)))) {
          await err(ctx, `failed to remove ${q(cur)}: ${strerror(e)}`);
          st = 1;
        }
        break;
      }
      if (!o.has('p')) break;
      cur = dirname(cur);
      if (cur === '.' || cur === '/') break;
    }
  }
  return st;
};
