/**
 * `sh` (and `bash`, `dash`, and the shell's utilities run by name): the shell
 * library (src/shell) over this process — the VFS through node:fs, commands
 * it does not implement itself started as processes through the kernel, and
 * stdio with backpressure (a writer waits while the reader is behind).
 */
import { runShell, UTILITIES, type ShellSink, type ShellStream, type ShellSystem, type ShellTerminal } from '../../shell/index.js';
import { createFs } from '../../node/fs.js';
import type { ProcessContext } from '../process-context.js';
import type { IoFromProcess, IoToProcess } from '../protocol.js';
import { commandNames, findCommand } from './registry.js';

const SHELLS = new Set(['sh', 'bash', 'dash']);

export async function runShellCommand(proc: ProcessContext): Promise<void> {
  const [name = 'sh', ...args] = proc.argv;
  let cwd = proc.cwd;
  const fs = createFs({
    vfs: proc.fs!.vfs,
    changed: () => proc.fs!.changed(),
    cwd: () => cwd,
    umask: () => 0o22,
  });
  const tty = proc.terminal;
  /** Children started on this terminal: they get its resizes. */
  const children: Children = new Set();
  const system: ShellSystem = {
    fs,
    pid: proc.pid,
    spawn: (argv, opts) => spawnExternal(proc, argv, opts, children),
    hasCommand: (command) => (!!findCommand(command) && !SHELLS.has(command) && !(command in UTILITIES)) || proc.hostCommands.has(command),
    kill: (pid, signal) => {
      proc.kill(pid, signal);
      return true;
    },
  };
  const stdin = stdinStream(proc, !!tty);
  const sink = (write: (b: Uint8Array) => void): ShellSink => ({
    isTTY: !!tty,
    columns: tty?.cols,
    write: async (chunk) => {
      write(chunk.slice());
      await proc.drained();
    },
  });
  const abort = new AbortController();
  const resizeListeners: ((size: { cols: number; rows: number }) => void)[] = [];
  const interruptListeners: (() => void)[] = [];
  let terminal: ShellTerminal | undefined;
  if (tty) {
    // The shell is the terminal's line discipline: SIGINT sent to it (the
    // element's interrupt()) goes to the foreground job, not the shell.
    proc.setSignalListener('SIGINT', true);
    proc.onSignal = (signal) => {
      if (signal === 'SIGINT') for (const l of interruptListeners) l();
      else abort.abort();
    };
    proc.onResize = (size) => {
      for (const l of resizeListeners) l(size);
      for (const child of children) child.postMessage({ type: 'resize', cols: size.cols, rows: size.rows } satisfies IoToProcess);
    };
    terminal = {
      cols: tty.cols,
      rows: tty.rows,
      onResize: (l) => void resizeListeners.push(l),
      onInterrupt: (l) => void interruptListeners.push(l),
      commands: () => [...commandNames(), ...proc.hostCommands],
    };
  } else proc.onSignal = () => abort.abort();
  // A utility run by name is `sh -c '"$@"'` with it as the command.
  // argv[0] may be a path (`/bin/sh`, as execve keeps it); the shell reports errors under it.
  const base = name.slice(name.lastIndexOf('/') + 1);
  const argv = SHELLS.has(base) ? [name, ...args] : ['sh', '-c', '"$@"', 'sh', base, ...args];
  void (cwd = proc.cwd);
  const code = await runShell(argv, {
    system,
    cwd: proc.cwd,
    env: proc.env,
    stdin,
    stdout: sink((b) => proc.writeStdout(b)),
    stderr: sink((b) => proc.writeStderr(b)),
    signal: abort.signal,
    terminal,
  });
  proc.exit(code);
}

type Children = Set<MessagePort>;

/** The process's stdin as the shell reads it: a queue of chunks, null at EOF. */
function stdinStream(proc: ProcessContext, isTTY: boolean): ShellStream {
  const queue: (Uint8Array | null)[] = [];
  let wake: (() => void) | undefined;
  let started = false;
  return {
    isTTY,
    async read() {
      if (!started) {
        started = true;
        proc.readStdin((chunk) => {
          queue.push(chunk);
          wake?.();
        });
      }
      while (!queue.length) await new Promise<void>((r) => (wake = r));
      const next = queue.shift()!;
      if (next === null) queue.unshift(null);
      return next;
    },
  };
}

/** Runs a command the shell does not implement as a child process, with its stdio pumped through. */
async function spawnExternal(
  proc: ProcessContext,
  argv: string[],
  opts: { cwd: string; env: Record<string, string>; stdin: ShellStream; stdout: ShellSink; stderr: ShellSink; signal: AbortSignal },
  children: Children,
): Promise<number> {
  const channel = new MessageChannel();
  const port = channel.port1;
  // The child has the terminal when its output goes there (not into a pipe or file).
  const terminal = proc.terminal && opts.stdout.isTTY ? (proc.size ?? proc.terminal) : undefined;
  let child;
  try {
    child = await proc.spawn(argv, { env: opts.env, cwd: opts.cwd, terminal }, channel.port2);
  } catch {
    return 127;
  }
  if (terminal) children.add(port);
  // Ctrl+C: SIGINT on the first abort, and again on each further interrupt of the same job.
  const onAbort = () => proc.kill(child.pid, 'SIGINT');
  if (opts.signal.aborted) onAbort();
  else opts.signal.addEventListener('abort', onAbort, { once: true });
  opts.signal.addEventListener('interrupt', onAbort);
  let stdinDone = false;
  // From a terminal, read so that Ctrl+C does not close the child's stdin (the child decides what SIGINT means).
  const src = (opts.stdin as { src?: unknown }).src as { readPersistent?: () => Promise<Uint8Array | null> } | undefined;
  const read = src?.readPersistent && !(opts.stdin as { back?: unknown[] }).back?.length ? () => src.readPersistent!() : () => opts.stdin.read();
  void (async () => {
    for (;;) {
      const chunk = await read().catch(() => null);
      if (stdinDone) {
        // Input the child never got stays for the next reader.
        if (chunk) (opts.stdin as { unread?: (b: Uint8Array) => void }).unread?.(chunk);
        return;
      }
      if (chunk === null) {
        port.postMessage({ type: 'stdin-end' } satisfies IoToProcess);
        return;
      }
      port.postMessage({ type: 'stdin', data: chunk } satisfies IoToProcess);
    }
  })();
  let writes = Promise.resolve();
  const output = new Promise<void>((resolve) => {
    port.onmessage = (e: MessageEvent<IoFromProcess>) => {
      const m = e.data;
      if (m.type === 'stdout' || m.type === 'stderr') {
        const target = m.type === 'stdout' ? opts.stdout : opts.stderr;
        const bytes = m.data.length;
        writes = writes
          .then(() => target.write(m.data))
          .catch(() => {})
          .then(() => port.postMessage({ type: 'ack', bytes } satisfies IoToProcess));
      } else if (m.type === 'exit') resolve();
    };
  });
  const { code } = await child.exit;
  children.delete(port);
  // A killed child never sends its own exit on the port.
  await Promise.race([output, new Promise((r) => setTimeout(r, 50))]);
  await writes;
  stdinDone = true;
  opts.signal.removeEventListener('abort', onAbort);
  opts.signal.removeEventListener('interrupt', onAbort);
  port.close();
  return code;
}
