/**
 * The registry of in-process utilities, by command name. The shell looks
 * here after builtins and functions; `which`, `type` and `command -v` report
 * these as `/usr/bin/NAME`.
 */
import type { Utility } from './types.js';
import { cat } from './cat.js';
import { ls } from './ls.js';
import { echo } from './echo.js';
import { printf } from './printf.js';
import { pwd } from './pwd.js';
import { mkdir } from './mkdir.js';
import { rm } from './rm.js';
import { rmdir } from './rmdir.js';
import { cp } from './cp.js';
import { mv } from './mv.js';
import { touch } from './touch.js';
import { ln } from './ln.js';
import { head } from './head.js';
import { tail } from './tail.js';
import { wc } from './wc.js';
import { sort } from './sort.js';
import { uniq } from './uniq.js';
import { grep } from './grep.js';
import { sed } from './sed.js';
import { tr } from './tr.js';
import { cut } from './cut.js';
import { find } from './find.js';
import { xargs } from './xargs.js';
import { tee } from './tee.js';
import { env } from './env.js';
import { which } from './which.js';
import { date } from './date.js';
import { chmod } from './chmod.js';
import { du } from './du.js';
import { diff } from './diff.js';
import { test } from './test.js';
import * as s from './simple.js';
import { UTILITY_NAMES } from './names.js';

export type { Utility, UtilityContext } from './types.js';

/** Every utility, by name. */
export const UTILITIES: Record<string, Utility> = {
  cat, ls, echo, printf, pwd, mkdir, rm, rmdir, cp, mv, touch, ln, head, tail, wc, sort, uniq, grep,
  egrep: (ctx) => grep({ ...ctx, argv: ['grep', '-E', ...ctx.argv.slice(1)] }),
  fgrep: (ctx) => grep({ ...ctx, argv: ['grep', '-F', ...ctx.argv.slice(1)] }),
  sed, tr, cut, find, xargs, tee, env, which, date, chmod, du, diff, test, '[': test,
  true: s.trueU, false: s.falseU, sleep: s.sleep, seq: s.seq, basename: s.basename, dirname: s.dirname,
  clear: s.clear, yes: s.yes, realpath: s.realpath, history: s.history, ps: s.ps, kill: s.kill,
};

for (const n of Object.keys(UTILITIES)) UTILITY_NAMES.add(n);
