/**
 * The kernel: owner of the process table, the worker pool and the event
 * stream. It lives in its own worker so that neither the page nor any process
 * can stall it. A process is a Web Worker used once; SIGKILL (and any signal
 * the process has no listener for) terminates that worker from outside, which
 * is what keeps a spinning `for(;;){}` from freezing anything.
 */
import { ProcessTable, type ProcessEntry } from './process-table.js';
import { WorkerPool } from './worker-pool.js';
import { PortTable } from './port-table.js';
import { runSyncSpawn } from './sync-spawn.js';
import { lifelinesFor, type ConnectionMeta } from '../internal/http-wire.js';
import {
  SIGNALS,
  type ControlToKernel,
  type ControlToProcess,
  type FsAttach,
  type KernelEvent,
  type KernelInit,
  type SignalName,
} from './protocol.js';

export interface SpawnSpec {
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  terminal?: { cols: number; rows: number };
  io: MessagePort;
  ipc?: MessagePort;
  ipcSerialization?: 'json' | 'advanced';
}

/** Provides what a new process needs to see the filesystem. */
export interface FsProvider {
  attachFor(pid: number): FsAttach | undefined;
  applyLog(ops: unknown[], fromPid: number): void;
  /** Set by the kernel: where mutations go to reach the other processes' copies (no shared memory). */
  replicate?: ((ops: readonly unknown[], fromPid: number | undefined) => void) | undefined;
  watch(path: string, recursive: boolean, sink: (watchId: number, event: 'rename' | 'change', filename: string) => void): number;
  unwatch(id: number): void;
}

export class Kernel {
  /** The options the runtime booted with. */
  readonly init: KernelInit;
  readonly #events: MessagePort;
  readonly #table = new ProcessTable();
  readonly #pool: WorkerPool;
  readonly #hostCommands: Set<string>;
  readonly #ports = new PortTable();
  /** Process watch ids (their own numbering) → kernel watch ids, per pid. */
  readonly #processWatches = new Map<number, Map<number, number>>();
  /** Node worker threads, by their internal key (see ProcessEntry.thread). */
  readonly #threads = new Map<number, ProcessEntry>();
  #nextThreadKey = -1;
  #fs: FsProvider | undefined;
  #disposed = false;

  constructor(init: KernelInit, events: MessagePort) {
    this.init = init;
    this.#events = events;
    this.#hostCommands = new Set(init.hostCommands);
    this.#pool = new WorkerPool(init.processWorkerUrl, init.poolSize);
  }

  setFs(fs: FsProvider): void {
    this.#fs = fs;
    fs.replicate = (ops, fromPid) => this.#replicate(ops, fromPid);
  }

  /** fs mutations to every running process (and thread) but their origin; they come before any fs-event they cause. */
  #replicate(ops: readonly unknown[], fromPid: number | undefined): void {
    const message: ControlToProcess = { type: 'fs-ops', ops: ops as unknown[] };
    for (const entry of [...this.#table.list(), ...this.#threads.values()]) {
      if (entry.state === 'running' && entry.pid !== fromPid) entry.worker?.postMessage(message);
    }
  }

  emit(event: KernelEvent, transfer: Transferable[] = []): void {
    if (!this.#disposed) this.#events.postMessage(event, transfer);
  }

  setHostCommands(names: string[]): void {
    this.#hostCommands.clear();
    for (const n of names) this.#hostCommands.add(n);
  }

  /** Starts a process; `onExit` hears its exit code exactly once. */
  async spawn(spec: SpawnSpec, ppid: number, onExit: (code: number, pid: number, signal?: string) => void): Promise<number> {
    if (this.#disposed) throw new Error('runtime has been torn down');
    const pid = this.#table.allocatePid();
    const pooled = this.#pool.take();
    const entry: ProcessEntry = {
      pid,
      ppid,
      argv: spec.argv,
      env: spec.env,
      cwd: spec.cwd,
      state: 'starting',
      exitCode: null,
      startedAt: Date.now(),
      worker: pooled.worker,
      handled: new Set(),
      onExit,
    };
    this.#table.add(entry);
    const worker = pooled.worker;
    worker.onmessage = (e: MessageEvent<ControlToKernel>) => this.#onControl(entry, e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.#writeCrash(spec.io, `verklet: process ${pid} crashed: ${e.message}\n`);
      this.#finish(entry, 1);
    };
    try {
      await pooled.ready;
    } catch (err) {
      this.#table.remove(pid);
      worker.terminate();
      spec.ipc?.close();
      throw err;
    }
    if (entry.state === 'exited') return pid; // killed while starting
    // The copy is taken first: mutations flushed by attachFor are in it, not sent again as fs-ops.
    const fs = this.#fs?.attachFor(pid);
    entry.state = 'running';
    const msg: ControlToProcess = {
      type: 'start',
      pid,
      ppid,
      argv: spec.argv,
      env: spec.env,
      cwd: spec.cwd,
      terminal: spec.terminal,
      io: spec.io,
      fs,
      commands: [...this.#hostCommands],
      ipc: spec.ipc,
      ipcSerialization: spec.ipcSerialization,
    };
    const transfer: Transferable[] = [spec.io];
    if (spec.ipc) transfer.push(spec.ipc);
    if (fs?.bytes) transfer.push(fs.bytes);
    worker.postMessage(msg, transfer);
    return pid;
  }

  /** Delivers a signal as Linux would with default dispositions. */
  kill(pid: number, signal: string): boolean {
    const entry = this.#table.get(pid);
    if (!entry || entry.state === 'exited') return false;
    const n = SIGNALS[signal as SignalName];
    if (n === undefined) throw new TypeError(`unknown signal: ${signal}`);
    if (signal !== 'SIGKILL' && entry.handled.has(signal) && entry.state === 'running') {
      entry.worker?.postMessage({ type: 'signal', signal: signal as 'SIGINT' | 'SIGTERM' | 'SIGWINCH' } satisfies ControlToProcess);
      return true;
    }
    if (signal === 'SIGWINCH') return true; // default action: ignore
    this.#finish(entry, 128 + n, signal);
    return true;
  }

  /**
   * Hands a connection (an HTTP request or a byte stream) to the process
   * listening on `port`. False when nobody listens: the caller answers 502.
   */
  connect(port: number, meta: ConnectionMeta, channel: MessagePort): boolean {
    const pid = this.#ports.owner(port);
    const worker = pid === undefined ? undefined : (this.#table.get(pid) ?? this.#threads.get(pid))?.worker;
    if (!worker) return false;
    const lifelines = lifelinesFor(meta, pid!, (holder, line) => this.#watchExit(holder, line));
    if (lifelines.toRequester) channel.postMessage({ t: 'lifeline', port: lifelines.toRequester }, [lifelines.toRequester]);
    worker.postMessage({ type: 'connection', port, meta: lifelines.meta, channel } satisfies ControlToProcess, [channel, ...lifelines.transfer]);
    return true;
  }

  /** Ports told `peer-exit` when `pid` exits (see src/internal/http-wire.ts lifelinesFor). */
  readonly #lifelines = new Map<number, Set<MessagePort>>();

  #watchExit(pid: number, line: MessagePort): void {
    let set = this.#lifelines.get(pid);
    if (!set) this.#lifelines.set(pid, (set = new Set()));
    set.add(line);
    line.onmessage = () => {
      set.delete(line);
      line.close();
    };
  }

  processes(): { pid: number; ppid: number; argv: string[]; cwd: string; state: string; startedAt: number }[] {
    return this.#table.list().map(({ pid, ppid, argv, cwd, state, startedAt }) => ({ pid, ppid, argv, cwd, state, startedAt }));
  }

  dispose(): void {
    if (this.#disposed) return;
    for (const entry of this.#table.list()) this.#finish(entry, 128 + SIGNALS.SIGKILL, 'SIGKILL');
    this.#disposed = true;
    this.#pool.dispose();
  }

  #onControl(entry: ProcessEntry, msg: ControlToKernel): void {
    switch (msg.type) {
      case 'exit':
        this.#finish(entry, msg.code);
        break;
      case 'signal-listener':
        if (msg.listening) entry.handled.add(msg.signal);
        else entry.handled.delete(msg.signal);
        break;
      case 'spawn': {
        const { reqId, argv, env, cwd, terminal, io, ipc, ipcSerialization } = msg;
        const parent = entry.worker;
        this.spawn({ argv, env, cwd, terminal, io, ipc, ipcSerialization }, entry.thread?.of ?? entry.pid, (code, pid, signal) => {
          parent?.postMessage({ type: 'child-exit', pid, code, signal } satisfies ControlToProcess);
        }).then(
          (pid) => parent?.postMessage({ type: 'spawned', reqId, pid } satisfies ControlToProcess),
          (err: Error) => parent?.postMessage({ type: 'spawn-failed', reqId, message: err.message } satisfies ControlToProcess),
        );
        break;
      }
      case 'kill':
        this.kill(msg.pid, msg.signal);
        break;
      case 'spawn-sync':
        runSyncSpawn(this, entry.thread?.of ?? entry.pid, msg);
        break;
      case 'fs-log':
        this.#fs?.applyLog(msg.ops, entry.pid);
        break;
      case 'host-command': {
        const { reqId, name, args, cwd, env, io } = msg;
        this.emit({ type: 'host-command', reqId, name, args, cwd, env, io }, [io]);
        break;
      }
      case 'listen': {
        const port = this.#ports.bind(msg.port, entry.pid);
        const reply: ControlToProcess =
          typeof port === 'number' ? { type: 'listen-result', reqId: msg.reqId, port } : { type: 'listen-result', reqId: msg.reqId, port: msg.port, error: port };
        entry.worker?.postMessage(reply);
        if (typeof port === 'number') this.emit({ type: 'port', port, state: 'open' });
        break;
      }
      case 'unlisten':
        if (this.#ports.release(msg.port, entry.pid)) this.emit({ type: 'port', port: msg.port, state: 'close' });
        break;
      case 'connect': {
        const ok = this.connect(msg.port, { ...msg.meta, origin: String(entry.thread?.of ?? entry.pid) }, msg.channel);
        entry.worker?.postMessage({ type: 'connect-result', reqId: msg.reqId, ok } satisfies ControlToProcess);
        break;
      }
      case 'watch': {
        const worker = entry.worker;
        let watches = this.#processWatches.get(entry.pid);
        if (!watches) this.#processWatches.set(entry.pid, (watches = new Map()));
        try {
          const id = this.#fs?.watch(msg.path, msg.recursive, (_, event, filename) =>
            worker?.postMessage({ type: 'fs-event', watchId: msg.watchId, event, filename } satisfies ControlToProcess),
          );
          if (id !== undefined) watches.set(msg.watchId, id);
        } catch {
          // The process checked the path itself; a race with a delete just means no events.
        }
        break;
      }
      case 'unwatch': {
        const id = this.#processWatches.get(entry.pid)?.get(msg.watchId);
        if (id !== undefined) {
          this.#fs?.unwatch(id);
          this.#processWatches.get(entry.pid)?.delete(msg.watchId);
        }
        break;
      }
      case 'diagnostic':
        this.emit({ type: 'diagnostic', level: msg.level, code: msg.code, message: msg.message, detail: msg.detail });
        break;
      case 'thread-spawn':
        void this.#spawnThread(msg, entry);
        break;
      case 'thread-terminate': {
        const of = entry.thread?.of ?? entry.pid;
        for (const t of this.#threads.values()) if (t.thread!.of === of && t.thread!.threadId === msg.threadId) this.#finish(t, 1);
        break;
      }
      case 'ready':
        break;
    }
  }

  /**
   * Starts a Node worker thread for the process `requester` belongs to: a
   * worker of its own, reporting the process's pid, that `ps` does not list
   * and that ends with its process. `requester` (the thread that called
   * `new Worker`) hears the exit.
   */
  async #spawnThread(msg: Extract<ControlToKernel, { type: 'thread-spawn' }>, requester: ProcessEntry): Promise<void> {
    const of = requester.thread?.of ?? requester.pid;
    const owner = this.#table.get(of);
    const told = requester.worker;
    const notify = (code: number) => told?.postMessage({ type: 'thread-exit', threadId: msg.threadId, code } satisfies ControlToProcess);
    if (!owner || this.#disposed) {
      msg.wire.close();
      notify(1);
      return;
    }
    const pooled = this.#pool.take();
    const entry: ProcessEntry = {
      pid: this.#nextThreadKey--,
      ppid: owner.ppid,
      argv: msg.argv,
      env: msg.env,
      cwd: msg.cwd,
      state: 'starting',
      exitCode: null,
      startedAt: Date.now(),
      worker: pooled.worker,
      handled: new Set(),
      onExit: (code) => notify(code),
      thread: { of, threadId: msg.threadId, by: requester.pid },
    };
    this.#threads.set(entry.pid, entry);
    const worker = pooled.worker;
    worker.onmessage = (e: MessageEvent<ControlToKernel>) => this.#onControl(entry, e.data);
    worker.onerror = (e) => {
      e.preventDefault();
      this.#finish(entry, 1);
    };
    try {
      await pooled.ready;
    } catch {
      this.#finish(entry, 1);
      return;
    }
    if (entry.state === 'exited') return; // terminated while starting
    const fs = this.#fs?.attachFor(entry.pid);
    entry.state = 'running';
    // A thread's stdio travels on its wire; this io port only completes the start record.
    const io = new MessageChannel();
    io.port2.close();
    const start: ControlToProcess = {
      type: 'start',
      pid: of,
      ppid: owner.ppid,
      argv: msg.argv,
      env: msg.env,
      cwd: msg.cwd,
      io: io.port1,
      fs,
      commands: [...this.#hostCommands],
      thread: { threadId: msg.threadId, wire: msg.wire },
    };
    const transfer: Transferable[] = [io.port1, msg.wire];
    if (fs?.bytes) transfer.push(fs.bytes);
    worker.postMessage(start, transfer);
  }

  #finish(entry: ProcessEntry, code: number, signal?: string): void {
    if (entry.state === 'exited') return;
    entry.state = 'exited';
    entry.exitCode = code;
    entry.worker?.terminate();
    entry.worker = null;
    if (entry.thread) this.#threads.delete(entry.pid);
    else this.#table.remove(entry.pid);
    // Threads end with the process, and with the thread that started them.
    for (const t of [...this.#threads.values()]) if ((entry.thread ? t.thread!.by : t.thread!.of) === entry.pid) this.#finish(t, 1);
    for (const port of this.#ports.releaseAll(entry.pid)) this.emit({ type: 'port', port, state: 'close' });
    for (const line of this.#lifelines.get(entry.pid) ?? []) {
      line.postMessage({ t: 'peer-exit' });
      line.close();
    }
    this.#lifelines.delete(entry.pid);
    for (const id of this.#processWatches.get(entry.pid)?.values() ?? []) this.#fs?.unwatch(id);
    this.#processWatches.delete(entry.pid);
    // Orphans are reparented to init (pid 1), as on Linux.
    for (const child of this.#table.list()) if (child.ppid === entry.pid) child.ppid = 1;
    entry.onExit(code, entry.pid, signal);
  }

  #writeCrash(io: MessagePort, text: string): void {
    try {
      io.postMessage({ type: 'stderr', data: new TextEncoder().encode(text) });
    } catch {
      // The port was transferred to the worker already; the exit code still says it.
    }
  }
}
