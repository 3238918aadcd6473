/** `ln -s [-f] TARGET LINK` (GNU coreutils). Hard links are emulated by copying (the VFS has none). */
import { strerror } from '../errors.js';
import { basename, resolve } from '../path.js';
import { abs, err, getopt, q } from './common.js';
import type { Utility } from './types.js';

export const ln: Utility = async (ctx) => {
  const o = await getopt(ctx, 'sfnvT', { symbolic: 's', force: 'f' });
  if (!o) return 1;
  if (!o.args.length) {
    await err(ctx, "missing file operand\nTry 'ln --help' for more information.");
    return 1;
  }
  const args = o.args.length === 1 ? [o.args[0]!, basename(o.args[0]!)] : o.args;
  const dest = args[args.length - 1]!;
  const targets = args.slice(0, -1);
  const dAbs = abs(ctx, dest);
  let destIsDir = false;
  try {
    destIsDir = !o.has('n') && ctx.fs.statSync(dAbs).isDirectory();
  } catch {
    destIsDir = false;
  }
  let st = 0;
  for (const t of targets) {
    const link = destIsDir ? resolve(dAbs, basename(t)) : dAbs;
    const linkName = destIsDir ? `${dest.replace(/\/$/, '')}/${basename(t)}` : dest;
    try {
      if (o.has('f')) {
        try {
          ctx.fs.lstatSync(link);
          ctx.fs.unlinkSync(link);
        } catch {
          // nothing to replace
        }
      }
      if (o.has('s')) ctx.fs.symlinkSync(t, link);
      else {
        if (ctx.fs.existsSync(link)) throw Object.assign(new Error(), { code: 'EEXIST' });
        ctx.fs.copyFileSync(abs(ctx, t), link);
      }
    } catch (e) {
      await err(ctx, `failed to create ${o.has('s') ? 'symbolic' : 'hard'} link ${q(linkName)}${(e as { code?: string }).code === 'EEXIST' ? '' : ` -> ${q(t)}`}: ${strerror(e)}`);
      st = 1;
    }
  }
  return st;
};
