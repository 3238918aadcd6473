/**
 * The builtin tables. Special builtins (XCU 2.14) keep prefix assignments and
 * their errors end a non-interactive shell; regular builtins are found after
 * functions.
 */
import type { Builtin } from './types.js';
import * as flow from './flow.js';
import * as vars from './vars.js';
import { cd, pwd } from './dirs.js';
import { echo } from './echo.js';
import { makeLookup } from './lookup.js';
import * as jobs from './jobs.js';
import { printfBuiltin } from './printf.js';
import { testBuiltin } from './test.js';
import { getopts } from './getopts.js';
import { alias, unalias } from './alias.js';

/** Special builtins: `:` `.` break continue eval exec exit export readonly return set shift trap unset. */
export const SPECIAL_BUILTINS: Record<string, Builtin> = {
  ':': flow.colon,
  '.': flow.dot,
  source: flow.dot,
  break: flow.breakCmd,
  continue: flow.continueCmd,
  eval: flow.evalCmd,
  exec: flow.execCmd,
  exit: flow.exitCmd,
  export: vars.exportCmd,
  readonly: vars.readonlyCmd,
  return: flow.returnCmd,
  set: vars.set,
  shift: vars.shift,
  trap: flow.trap,
  unset: vars.unset,
};

/** Regular builtins, as dash has them. */
export const BUILTINS: Record<string, Builtin> = {
  true: flow.trueCmd,
  false: flow.falseCmd,
  cd,
  pwd,
  echo,
  printf: printfBuiltin,
  test: testBuiltin,
  '[': testBuiltin,
  local: vars.local,
  read: vars.read,
  jobs: jobs.jobs,
  wait: jobs.wait,
  fg: jobs.fg,
  bg: jobs.bg,
  kill: jobs.kill,
  getopts,
  alias,
  unalias,
  hash: async () => 0,
  umask: async (_sh, argv, io) => {
    if (argv.length < 2) await io.stdout.write(new TextEncoder().encode('0022\n'));
    return 0;
  },
};

const lookup = makeLookup(new Set(Object.keys(SPECIAL_BUILTINS)), new Set([...Object.keys(BUILTINS), 'type', 'command']));
BUILTINS.type = lookup.type;
BUILTINS.command = lookup.command;
