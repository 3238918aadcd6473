/**
 * Public entry of the shell library: `runShell(argv, ctx)` runs `sh` (or
 * `bash`, which is the same dash-flavoured shell) the way a process would:
 * `sh -c 'cmd' [name [args]]`, `sh script [args]`, a script on stdin, or —
 * with a terminal on stdin and no script — the interactive shell.
 */
import { IO, shellMain } from './interpreter.js';
import { InStream } from './io.js';
import { Tty, type ShellTerminal } from './interactive/tty.js';
import type { ShellContext, ShellSink, ShellStream } from './shell-system.js';

export type { ShellContext, ShellFs, ShellStats, ShellDirent, ShellSink, ShellStream, ShellSystem, ShellSpawnOptions, ShellProcessInfo } from './shell-system.js';
export type { ShellTerminal } from './interactive/tty.js';
export { Pipe, PIPE_CAPACITY } from './pipe.js';
export { UTILITIES } from './utilities/index.js';
export type { Utility, UtilityContext } from './utilities/types.js';
export { parseAll } from './parser.js';
export { ShellSyntaxError } from './lexer.js';

/** {@link ShellContext} plus the terminal, when the shell's stdin is one. */
export interface ShellRunContext extends ShellContext {
  /**
   * The TTY: with it (and `stdin.isTTY`) the shell runs the line discipline
   * itself — raw keys in, echo and line editing out, Ctrl+C as SIGINT for the
   * foreground job — and `sh` without a script is interactive.
   */
  terminal?: ShellTerminal;
}

/**
 * Runs the shell with `argv` (argv[0] is `sh` or `bash`). Options `-c`, `-e`,
 * `-u`, `-x`, `-n`, `-s` are understood. Resolves to the exit status.
 */
export async function runShell(argv: string[], ctx: ShellRunContext): Promise<number> {
  let stdin: ShellStream = ctx.stdin;
  let stdout: ShellSink = ctx.stdout;
  let stderr: ShellSink = ctx.stderr;
  let signal = ctx.signal;
  if (ctx.terminal && ctx.stdin.isTTY) {
    const tty = new Tty(ctx.stdin, ctx.stdout, ctx.terminal, willBeInteractive(argv));
    stdout = tty.out;
    stderr = tty.track(ctx.stderr);
    // Ctrl+C outside any interactive job interrupts the whole shell (as for `sh -c` on a terminal).
    const abort = new AbortController();
    ctx.signal?.addEventListener('abort', () => abort.abort(), { once: true });
    signal = abort.signal;
    tty.pushInterrupt(() => {
      if (!abort.signal.aborted) abort.abort();
      else abort.signal.dispatchEvent(new Event('interrupt'));
    });
    stdin = tty.openJob();
    tty.start();
  }
  const io = new IO([{ r: InStream.of(stdin) }, { w: stdout }, { w: stderr }]);
  return shellMain(argv, ctx.system, ctx.cwd, ctx.env, io, signal);
}

/** Whether `argv` has neither `-c` nor a script operand (so keys typed early belong to the line editor). */
function willBeInteractive(argv: string[]): boolean {
  for (const a of argv.slice(1)) {
    if (a === '--') return false;
    if (!/^[-+][a-zA-Z]+$/.test(a)) return false;
    if (a.includes('c')) return false;
  }
  return true;
}
