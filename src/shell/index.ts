/**
 * Public entry of the shell library: `runShell(argv, ctx)` runs `sh` (or
 * `bash`, which is the same dash-flavoured shell) the way a process would:
 * `sh -c 'cmd' [name [args]]`, `sh script [args]`, or a script on stdin.
 */
import { IO, shellMain } from './interpreter.js';
import { InStream } from './io.js';
import type { ShellContext } from './shell-system.js';

export type { ShellContext, ShellFs, ShellStats, ShellDirent, ShellSink, ShellStream, ShellSystem, ShellSpawnOptions, ShellProcessInfo } from './shell-system.js';
export { Pipe, PIPE_CAPACITY } from './pipe.js';
export { UTILITIES } from './utilities/index.js';
export type { Utility, UtilityContext } from './utilities/types.js';
export { parseAll } from './parser.js';
export { ShellSyntaxError } from './lexer.js';

/**
 * Runs the shell with `argv` (argv[0] is `sh` or `bash`). Options `-c`, `-e`,
 * `-u`, `-x`, `-n`, `-s` are understood. Resolves to the exit status.
 */
export async function runShell(argv: string[], ctx: ShellContext): Promise<number> {
  const io = new IO([{ r: InStream.of(ctx.stdin) }, { w: ctx.stdout }, { w: ctx.stderr }]);
  return shellMain(argv, ctx.system, ctx.cwd, ctx.env, io, ctx.signal);
}
