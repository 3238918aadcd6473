/**
 * `node`: a minimal host until the full one (src/node) is wired in.
 * Runs `node -e CODE` and `node FILE` with console, process.argv/env/cwd/exit.
 */
import type { ProcessContext } from '../process-context.js';

const enc = new TextEncoder();

class ExitSignal {
  constructor(readonly code: number) {}
}

export function runNodeCommand(proc: ProcessContext): void {
  const args = proc.argv.slice(1);
  let exitCode: number | undefined;
  const out = (s: string) => proc.writeStdout(enc.encode(s));
  const err = (s: string) => proc.writeStderr(enc.encode(s));
  const fmt = (xs: unknown[]) => xs.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ') + '\n';
  const process = {
    argv: ['/usr/local/bin/node', ...args.slice(2)],
    env: { ...proc.env },
    cwd: () => proc.cwd,
    pid: proc.pid,
    ppid: proc.ppid,
    platform: 'linux',
    version: 'v24.12.0',
    get exitCode() {
      return exitCode;
    },
    set exitCode(v) {
      exitCode = v;
    },
    exit(code?: number): never {
      throw new ExitSignal(code ?? exitCode ?? 0);
    },
    stdout: { write: (s: string) => (out(String(s)), true), isTTY: !!proc.terminal },
    stderr: { write: (s: string) => (err(String(s)), true), isTTY: !!proc.terminal },
    on() {
      return process;
    },
  };
  const console = { log: (...xs: unknown[]) => out(fmt(xs)), error: (...xs: unknown[]) => err(fmt(xs)) };
  let code = '';
  if (args[0] === '-e' || args[0] === '--eval') code = args[1] ?? '';
  else if (args[0] && proc.fs) {
    const file = args[0].startsWith('/') ? args[0] : `${proc.cwd}/${args[0]}`;
    const bytes = proc.fs.vfs.readFile(file);
    if (typeof bytes === 'number') {
      err(`node: cannot open ${file} (errno ${-bytes})\n`);
      proc.exit(1);
      return;
    }
    code = new TextDecoder().decode(bytes);
    process.argv = ['/usr/local/bin/node', file, ...args.slice(1)];
  }
  try {
    new Function('process', 'console', code)(process, console);
    proc.exit(exitCode ?? 0);
  } catch (e) {
    if (e instanceof ExitSignal) {
      proc.exit(e.code);
      return;
    }
    err(`${(e as Error)?.stack ?? String(e)}\n`);
    proc.exit(1);
  }
}
