/** `cp [-rRafpv] SOURCE... DEST` (GNU coreutils): copies files and, with -r, trees (symlinks copied as links under -a/-P). */
import { strerror } from '../errors.js';
import { basename, resolve } from '../path.js';
import type { ShellFs } from '../shell-system.js';
import { abs, err, getopt, out, q } from './common.js';
import type { Utility } from './types.js';

function copyTree(fs: ShellFs, src: string, dst: string, keepLinks: boolean): void {
  const st = keepLinks ? fs.lstatSync(src) : fs.statSync(src);
  if (st.isSymbolicLink()) {
    fs.symlinkSync(fs.readlinkSync(src), dst);
  } else if (st.isDirectory()) {
    if (!fs.existsSync(dst)) fs.mkdirSync(dst);
    for (const d of fs.readdirSync(src, { withFileTypes: true })) copyTree(fs, resolve(src, d.name), resolve(dst, d.name), keepLinks);
  } else {
    fs.copyFileSync(src, dst);
    fs.chmodSync(dst, st.mode & 0o7777);
  }
}

export const cp: Utility = async (ctx) => {
  const o = await getopt(ctx, 'rRafpvPnTdL', { recursive: 'r', archive: 'a', force: 'f', verbose: 'v', 'no-clobber': 'n' });
  if (!o) return 1;
  const rec = o.has('r') || o.has('R') || o.has('a');
  const keepLinks = o.has('a') || o.has('P') || o.has('d') || (rec && !o.has('L'));
  if (o.args.length < 2) {
    await err(ctx, o.args.length ? `missing destination file operand after ${q(o.args[0]!)}\nTry 'cp --help' for more information.` : "missing file operand\nTry 'cp --help' for more information.");
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
    let sst;
    try {
      sst = ctx.fs.statSync(sAbs);
    } catch (e) {
      await err(ctx, `cannot stat ${q(s)}: ${strerror(e)}`);
      st = 1;
      continue;
    }
    const target = destIsDir ? resolve(dAbs, basename(s)) : dAbs;
    if (sst.isDirectory() && !rec) {
      await err(ctx, `-r not specified; omitting directory ${q(s)}`);
      st = 1;
      continue;
    }
    if (o.has('n') && ctx.fs.existsSync(target)) continue;
    if (sst.isDirectory() && (target + '/').startsWith(sAbs + '/')) {
      await err(ctx, `cannot copy a directory, ${q(s)}, into itself, ${q(destIsDir ? dest + '/' + basename(s) : dest)}`);
      st = 1;
      continue;
    }
    try {
      copyTree(ctx.fs, sAbs, target, keepLinks && sst.isDirectory());
      if (o.has('v')) await out(ctx, `${q(s)} -> ${q(destIsDir ? dest.replace(/\/?$/, '/') + basename(s) : dest)}\n`);
    } catch (e) {
      await err(ctx, `cannot create regular file ${q(destIsDir ? dest + '/' + basename(s) : dest)}: ${strerror(e)}`);
      st = 1;
    }
  }
  return st;
};
