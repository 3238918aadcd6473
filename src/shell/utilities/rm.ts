/** `rm [-rRfdv] FILE...` (GNU coreutils), with GNU's messages and its refusal to remove `.` and `..`. */
import { strerror } from '../errors.js';
import { basename } from '../path.js';
import { abs, err, getopt, out, q } from './common.js';
import type { Utility } from './types.js';

export const rm: Utility = async (ctx) => {
  const o = await getopt(ctx, 'rRfdvi', { recursive: 'r', force: 'f', dir: 'd', verbose: 'v' });
  if (!o) return 1;
  const force = o.has('f');
  const rec = o.has('r') || o.has('R');
  if (!o.args.length) {
    if (force) return 0;
    await err(ctx, "missing operand\nTry 'rm --help' for more information.");
    return 1;
  }
  let st = 0;
  for (const f of o.args) {
    const b = basename(f);
    if ((b === '.' || b === '..') && !rec) {
      await err(ctx, `cannot remove ${q(f)}: Is a directory`);
      st = 1;
      continue;
    }
    if (b === '.' || b === '..') {
      await err(ctx, `refusing to remove '.' or '..' directory: skipping ${q(f)}`);
      st = 1;
      continue;
    }
    const p = abs(ctx, f);
    let s;
    try {
      s = ctx.fs.lstatSync(p);
    } catch (e) {
      if (!force) {
        await err(ctx, `cannot remove ${q(f)}: ${strerror(e)}`);
        st = 1;
      }
      continue;
    }
    try {
      if (s.isDirectory()) {
        if (rec) ctx.fs.rmSync(p, { recursive: true, force: true });
        else if (o.has('d')) ctx.fs.rmdirSync(p);
        else {
          await err(ctx, `cannot remove ${q(f)}: Is a directory`);
          st = 1;
          continue;
        }
      } else ctx.fs.unlinkSync(p);
      if (o.has('v')) await out(ctx, `removed ${s.isDirectory() ? 'directory ' : ''}${q(f)}\n`);
    } catch (e) {
      await err(ctx, `cannot remove ${q(f)}: ${strerror(e)}`);
      st = 1;
    }
  }
  return st;
};
