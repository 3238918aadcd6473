/**
 * `node`: the Node host (src/node/host.ts) wired to this process — its stdio,
 * its VFS, signals, and the modules that need the kernel (http/https over
 * runtime ports).
 */
import { runNode, deliverSignal } from '../../node/host.js';
import { createHttpModule } from '../../node/http.js';
import { createNetModule } from '../../node/net.js';
import { createChildProcessModule, type ChildHost } from '../../node/child_process.js';
import { resolveCommand } from './resolve-command.js';
import { findCommand } from './registry.js';
import type { NetHost } from '../../node/internal/net-host.js';
import type { ProcessContext } from '../process-context.js';
import { createFs } from '../../node/fs.js';
import { addImmediate } from '../../node/internal/loop.js';
import { stdinSource } from './stdin-source.js';
import { ipcOverPort } from '../../node/internal/ipc-channel.js';

export function runNodeCommand(proc: ProcessContext): void {
  const stdin = stdinSource(proc);
  const net = netHost(proc);
  const live = () => (globalThis as { process?: { cwd(): string; umask(): number } }).process;
  const fs = proc.fs
    ? createFs({
        vfs: proc.fs.vfs,
        changed: () => proc.fs!.changed(),
        cwd: () => live()?.cwd() ?? proc.cwd,
        umask: () => live()?.umask() ?? 0o22,
        defer: (fn) => void addImmediate(fn),
        readStdinAsync: (max, callback) => stdin.read(max, callback),
        watch: (path, recursive, listener) => proc.watch(path, recursive, listener),
        writeStdio: (fd, bytes) => (fd === 1 ? proc.writeStdout(bytes) : proc.writeStderr(bytes)),
      })
    : {};
  const tty = proc.terminal;
  proc.onSignal = (signal) => deliverSignal(signal as 'SIGINT' | 'SIGTERM' | 'SIGWINCH');
  const stdout = { write: (chunk: Uint8Array) => proc.writeStdout(chunk), isTTY: !!tty, columns: tty?.cols, rows: tty?.rows };
  const stderr = { write: (chunk: Uint8Array) => proc.writeStderr(chunk), isTTY: !!tty, columns: tty?.cols, rows: tty?.rows };
  proc.onResize = ({ cols, rows }) => {
    // The host reads the new size from these when SIGWINCH arrives.
    for (const out of [stdout, stderr]) Object.assign(out, { columns: cols, rows });
    deliverSignal('SIGWINCH');
  };
  runNode({
    argv: proc.argv,
    env: proc.env,
    cwd: proc.cwd,
    pid: proc.pid,
    ppid: proc.ppid,
    fs,
    stdout,
    stderr,
    stdin: { start: (onChunk) => stdin.start(onChunk), stop: () => stdin.stop() },
    exit: (code) => proc.exit(code),
    ipc: proc.ipc ? ipcOverPort(proc.ipc) : undefined,
    ipcSerialization: proc.ipcSerialization,
    threads: { start: (spec) => proc.spawnThread(spec) },
    thread: proc.thread,
    onSignalListener: (signal, listening) => proc.setSignalListener(signal, listening),
    builtins: {
      http: () => createHttpModule(net),
      https: () => createHttpModule(net, 'https:'),
      net: () => createNetModule(net),
      child_process: () => createChildProcessModule(childHost(proc)),
    },
  });
}

function netHost(proc: ProcessContext): NetHost {
  return {
    listen: (port) => proc.listen(port),
    unlisten: (port) => proc.unlisten(port),
    connect: (port, meta, channel) => proc.connect(port, meta, channel),
    onConnection: (handler) => {
      proc.onConnection = handler;
    },
  };
}

function childHost(proc: ProcessContext): ChildHost {
  return {
    spawn: (argv, opts, io) => proc.spawn(argv, opts, io),
    kill: (pid, signal) => proc.kill(pid, signal),
    exists: (command, env, cwd) =>
      resolveCommand([command], { cwd, env, vfs: proc.fs?.vfs, isProgram: (n) => !!findCommand(n) || proc.hostCommands.has(n) }).kind === 'program',
    canSpawnSync: proc.canSpawnSync,
    spawnSync: (argv, opts) => proc.spawnSync(argv, opts),
    writeStdout: (bytes) => proc.writeStdout(bytes),
    writeStderr: (bytes) => proc.writeStderr(bytes),
  };
}
