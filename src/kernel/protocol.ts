/**
 * Messages across the kernel's seams. Three channels exist per process:
 *
 *  - control: kernel worker <-> process worker (`Worker.postMessage`),
 *  - io: whoever spawned the process <-> the process worker (a MessagePort the
 *    spawner creates, so stdio never takes a detour through the kernel),
 *  - events: kernel -> facade (one MessagePort per runtime).
 *
 * Each union is keyed on `type`.
 */

import type { ConnectionMeta } from '../internal/http-wire.js';

/** What a process needs to open the shared filesystem (see src/fs). */
export interface FsAttach {
  /** Compiled VFS module (shared or plain build, matching `memory`). */
  module: WebAssembly.Module;
  /** The kernel's memory itself when shared; otherwise absent and `bytes` holds a copy. */
  memory?: WebAssembly.Memory;
  /** A private copy of the kernel's VFS memory for pages without shared memory. */
  bytes?: ArrayBuffer;
}

export interface StartRequest {
  pid: number;
  ppid: number;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  terminal?: { cols: number; rows: number };
}

/**
 * Marks a `start` as a Node worker thread of process `pid` (same pid, not in
 * the process table): the host runs in worker mode over `wire`, whose other
 * end the parent thread's Worker object holds (src/node/internal/worker-protocol.ts).
 */
export interface ThreadMarker {
  threadId: number;
  wire: MessagePort;
}

export type ControlToProcess =
  | ({
      type: 'start';
      io: MessagePort;
      fs?: FsAttach;
      commands: string[];
      ipc?: MessagePort;
      ipcSerialization?: 'json' | 'advanced';
      thread?: ThreadMarker;
    } & StartRequest)
  | { type: 'signal'; signal: 'SIGINT' | 'SIGTERM' | 'SIGWINCH' }
  | { type: 'spawned'; reqId: number; pid: number }
  | { type: 'spawn-failed'; reqId: number; message: string }
  | { type: 'child-exit'; pid: number; code: number; signal?: string }
  | { type: 'fs-ops'; ops: unknown[] }
  | { type: 'listen-result'; reqId: number; port: number; error?: 'EADDRINUSE' | 'EACCES' }
  | { type: 'connection'; port: number; meta: ConnectionMeta; channel: MessagePort }
  | { type: 'connect-result'; reqId: number; ok: boolean }
  | { type: 'fs-event'; watchId: number; event: 'rename' | 'change'; filename: string }
  /** A worker thread this process (or thread) started has ended; `code` is 1 if it crashed or was terminated. */
  | { type: 'thread-exit'; threadId: number; code: number };

export type ControlToKernel =
  | { type: 'ready' }
  | { type: 'exit'; code: number }
  | { type: 'signal-listener'; signal: string; listening: boolean }
  | {
      type: 'spawn';
      reqId: number;
      argv: string[];
      env: Record<string, string>;
      cwd: string;
      terminal?: { cols: number; rows: number };
      io: MessagePort;
      /** `fork()`'s IPC channel: handed to the child as is. */
      ipc?: MessagePort;
      ipcSerialization?: 'json' | 'advanced';
    }
  | { type: 'kill'; pid: number; signal: string }
  | { type: 'fs-log'; ops: unknown[] }
  | { type: 'host-command'; reqId: number; name: string; args: string[]; cwd: string; env: Record<string, string>; io: MessagePort }
  | { type: 'listen'; reqId: number; port: number }
  | { type: 'unlisten'; port: number }
  | { type: 'connect'; reqId: number; port: number; meta: ConnectionMeta; channel: MessagePort }
  | { type: 'watch'; watchId: number; path: string; recursive: boolean }
  | {
      type: 'spawn-sync';
      argv: string[];
      env: Record<string, string>;
      cwd: string;
      input: Uint8Array | null;
      /** Result mailbox the blocked caller waits on; layout in src/kernel/sync-spawn.ts. */
      mailbox: SharedArrayBuffer;
      timeout: number;
      killSignal: string;
    }
  | { type: 'unwatch'; watchId: number }
  /** Starts a Node worker thread of this process (worker_threads.Worker). */
  | { type: 'thread-spawn'; threadId: number; argv: string[]; env: Record<string, string>; cwd: string; wire: MessagePort }
  /** Worker.terminate(): ends the thread's worker at once. */
  | { type: 'thread-terminate'; threadId: number }
  | { type: 'diagnostic'; level: 'info' | 'warn' | 'error'; code: string; message: string; detail?: unknown };

export type IoFromProcess =
  | { type: 'stdout'; data: Uint8Array }
  | { type: 'stderr'; data: Uint8Array }
  | { type: 'exit'; code: number };

/**
 * `ack` is flow control: the reader returns credit for output bytes it has
 * consumed; a writer that respects backpressure waits while more than
 * OUTPUT_WINDOW bytes are unacknowledged.
 */
export type IoToProcess =
  | { type: 'ack'; bytes: number }
  | { type: 'stdin'; data: Uint8Array }
  | { type: 'stdin-end' }
  | { type: 'resize'; cols: number; rows: number };

export type KernelEvent =
  | { type: 'exit'; pid: number; code: number }
  | { type: 'diagnostic'; level: 'info' | 'warn' | 'error'; code: string; message: string; detail?: unknown }
  | { type: 'port'; port: number; state: 'open' | 'close' }
  | { type: 'fs-watch'; watchId: number; event: 'rename' | 'change'; filename: string }
  | { type: 'host-command'; reqId: number; name: string; args: string[]; cwd: string; env: Record<string, string>; io: MessagePort };

/** The preview service worker → kernel (one MessagePort per runtime). */
export type ServiceWorkerToKernel = { type: 'connect'; port: number; meta: ConnectionMeta; channel: MessagePort };

/** Options the facade hands the kernel at boot. */
export interface KernelInit {
  runtimeId: string;
  workdir: string;
  env: Record<string, string>;
  sharedMemory: boolean;
  /** Absolute URL of the process worker script. */
  processWorkerUrl: string;
  /** Absolute URLs of the VFS builds. */
  vfsUrl: string;
  /** Pre-started process workers kept warm. */
  poolSize: number;
  /** Names of commands the host registered with `registerCommand`. */
  hostCommands: string[];
  /** Persist the workdir under this key (src/fs/persistence). */
  persistence?: { key: string; onConflict?: 'inherit' | 'fork' | 'readonly' };
  /** The VFS: bytes it may hold before ENOSPC (BootOptions.fs). */
  fs?: { quota?: number };
}

/** Unacknowledged output bytes a process may have in flight before its writers wait. */
export const OUTPUT_WINDOW = 1024 * 1024;

/** Signal numbers as Linux has them; exit code of a killed process is 128 + n. */
export const SIGNALS = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGWINCH: 28 } as const;
export type SignalName = keyof typeof SIGNALS;
