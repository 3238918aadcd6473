/**
 * `cd` and `pwd`: they change or report the shell's own working directory,
 * with dash's logical handling of `..`, `cd -`, `$HOME`, `PWD` and `OLDPWD`.
 */
import { encode } from '../io.js';
import { resolve } from '../path.js';
import type { Builtin } from './types.js';

export const cd: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1).filter((a) => a !== '-L' && a !== '-P');
  let dir = args[0];
  let print = false;
  if (dir === undefined) {
    dir = sh.getVar('HOME');
    if (!dir) return 0;
  } else if (dir === '-') {
    dir = sh.getVar('OLDPWD') ?? sh.cwd;
    print = true;
  }
  const target = resolve(sh.cwd, dir);
  let ok = false;
  try {
    ok = sh.fs.statSync(target).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) {
    await sh.errmsg(io, `cd: can't cd to ${dir}`);
    return 2;
  }
  sh.setVar('OLDPWD', sh.cwd);
  sh.setVar('PWD', target);
  sh.cwd = target;
  if (print) await io.stdout.write(encode(target + '\n'));
  return 0;
};

export const pwd: Builtin = async (sh, _argv, io) => {
  await io.stdout.write(encode(sh.cwd + '\n'));
  return 0;
};
