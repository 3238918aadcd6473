/** `mv [-fnv] SOURCE... DEST` (GNU coreutils). */
import { strerror } from '../errors.js';
import { basename, resolve } from '../path.js';
import { abs, err, getopt, out, q } from './common.js';
import type { Utility } from './types.js';

export const mv: Utility = async (ctx) => {
  const o = await getopt(ctx, 'fnviT', { force: 'f', 'no-clobber': 'n', verbose: 'v' });
  if (!o) return 1;
  if (o.args.length < 2) {
    await err(ctx, o.args.length ? `missing destination file operand after ${q(o.args[0]!)}\nTry 'mv --help' for more information.` : "missing file operand\nTry 'mv --help' for more information.");
    return 1;
  }
  const dest = o.args[o.args.length - 1]!;
  const srcs = o.args.slice(0, -1);
  const dAbs = abs(ctx, dest);
  let destIsDir = false;
  try {
    destIsDir = ctx.fs.statSync(dAbs).isDirectory();
  } catch {
    destIsDir = false;
  }
  if (srcs.length > 1 && !destIsDir) {
    await err(ctx, `target ${q(dest)}: Not a directory`);
    return 1;
  }
  let st = 0;
  for (const s of srcs) {
    const sAbs = abs(ctx, s);
    try {
      ctx.fs.lstatSync(sAbs);
    } catch (e) {
      await err(ctx, `cannot stat ${q(s)}: ${strerror(e)}`);
      st = 1;
      continue;
    }
    const target = destIsDir ? resolve(dAbs, basename(s)) : dAbs;
    if (o.has('n') && ctx.fs.existsSync(target)) continue;
    if ((target + '/').startsWith(sAbs + '/') && target !== sAbs) {
      await err(ctx, `cannot move ${q(s)} to a subdirectory of itself, ${q(destIsDir ? dest + '/' + basename(s) : dest)}`);
      st = 1;
      continue;
    }
    try {
      ctx.fs.renameSync(sAbs, target);
      if (o.has('v')) await out(ctx, `renamed ${q(s)} -> ${q(destIsDir ? dest.replace(/\/?$/, '/') + basename(s) : dest)}\n`);
    } catch (e) {
      await err(ctx, `cannot move ${q(s)} to ${q(dest)}: ${strerror(e)}`);
      st = 1;
    }
  }
  return st;
};
