/**
 * The process side of the kernel seams: what code running in a process worker
 * (the Node host, the shell, Python) uses to reach its stdio, its parent and
 * the kernel. One per process worker.
 */
import { ProcessFs } from './process-fs.js';
import { FLAG, MAILBOX } from './sync-spawn.js';
import { OUTPUT_WINDOW, SIGNALS } from './protocol.js';
import type { ConnectionMeta } from '../internal/http-wire.js';
import type { ControlToKernel, ControlToProcess, FsAttach, IoFromProcess, IoToProcess, StartRequest, ThreadMarker } from './protocol.js';

export interface ChildHandle {
  pid: number;
  /** Exit code, and the signal's name when a signal ended the child. */
  exit: Promise<{ code: number; signal?: string }>;
}

export class ProcessContext {
  readonly pid: number;
  readonly ppid: number;
  /** The command line; rewritten once to what actually runs (e.g. `node /path/script` for a shebang file). */
  readonly argv: string[];
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly terminal: { cols: number; rows: number } | undefined;
  /** The VFS as this process sees it (absent only if the kernel has none). */
  readonly fs: ProcessFs | undefined;
  /** Commands the host page registered (run on the page through the kernel). */
  readonly hostCommands: ReadonlySet<string>;
  /** The IPC channel to the parent when it `fork()`ed this process. */
  readonly ipc: MessagePort | undefined;
  readonly ipcSerialization: 'json' | 'advanced' | undefined;
  /** Set when this worker runs a Node worker thread of process `pid` (worker_threads). */
  readonly thread: ThreadMarker | undefined;
  readonly #threadExits = new Map<number, (code: number) => void>();

  readonly #io: MessagePort;
  readonly #control: (msg: ControlToKernel, transfer?: Transferable[]) => void;
  #stdinListener: ((chunk: Uint8Array | null) => void) | null = null;
  readonly #stdinQueue: (Uint8Array | null)[] = [];
  #exited = false;
  #nextReq = 1;
  readonly #pendingSpawns = new Map<number, { resolve: (pid: number) => void; reject: (e: Error) => void }>();
  readonly #childExits = new Map<number, (r: { code: number; signal?: string }) => void>();
  readonly #earlyExits = new Map<number, { code: number; signal?: string }>();
  /** Called for SIGINT/SIGTERM/SIGWINCH the process said it handles. */
  onSignal: (signal: string) => void = () => {};
  /** Called for each connection to a port this process listens on. */
  onConnection: (port: number, meta: ConnectionMeta, channel: MessagePort) => void = (_p, _m, channel) => channel.close();
  readonly #pendingListens = new Map<number, { resolve: (port: number) => void; reject: (e: Error & { code?: string }) => void }>();
  readonly #pendingConnects = new Map<number, (ok: boolean) => void>();
  readonly #watchListeners = new Map<number, (event: 'rename' | 'change', filename: string) => void>();
  #nextWatch = 1;
  /** Called when the terminal is resized. */
  onResize: (size: { cols: number; rows: number }) => void = () => {};
  size: { cols: number; rows: number } | undefined;

  constructor(
    start: StartRequest & { io: MessagePort; fs?: FsAttach; commands: string[]; ipc?: MessagePort; ipcSerialization?: 'json' | 'advanced'; thread?: ThreadMarker },
    control: (msg: ControlToKernel, transfer?: Transferable[]) => void,
  ) {
    this.pid = start.pid;
    this.ppid = start.ppid;
    this.argv = start.argv;
    this.env = start.env;
    this.cwd = start.cwd;
    this.terminal = start.terminal;
    this.size = start.terminal;
    this.fs = start.fs ? new ProcessFs(start.fs, (ops) => this.#control({ type: 'fs-log', ops })) : undefined;
    this.hostCommands = new Set(start.commands);
    this.ipc = start.ipc;
    this.ipcSerialization = start.ipcSerialization;
    this.thread = start.thread;
    this.#io = start.io;
    this.#control = control;
    this.#io.onmessage = (e: MessageEvent<IoToProcess>) => this.#onIo(e.data);
  }

  writeStdout(data: Uint8Array): void {
    this.#inflight += data.length;
    this.#send({ type: 'stdout', data });
  }

  writeStderr(data: Uint8Array): void {
    this.#inflight += data.length;
    this.#send({ type: 'stderr', data });
  }

  /** Resolves once the reader has caught up (backpressure for writers that can wait). */
  drained(): Promise<void> {
    if (this.#inflight <= OUTPUT_WINDOW) return Promise.resolve();
    return new Promise((resolve) => this.#drainWaiters.push(resolve));
  }

  #inflight = 0;
  readonly #drainWaiters: (() => void)[] = [];

  /** Starts delivering stdin; chunks that came earlier are replayed first. `null` is EOF. */
  readStdin(listener: (chunk: Uint8Array | null) => void): void {
    this.#stdinListener = listener;
    for (const chunk of this.#stdinQueue.splice(0)) listener(chunk);
  }

  stopStdin(): void {
    this.#stdinListener = null;
  }

  /** Ends the process: the exit code goes to the spawner (io) and the kernel. */
  exit(code: number): void {
    if (this.#exited) return;
    this.#exited = true;
    this.fs?.flush();
    this.#send({ type: 'exit', code });
    this.#control({ type: 'exit', code });
  }

  get exited(): boolean {
    return this.#exited;
  }

  setSignalListener(signal: string, listening: boolean): void {
    this.#control({ type: 'signal-listener', signal, listening });
  }

  /** Starts a child process whose stdio is `io` (the other end stays with the caller). */
  spawn(
    argv: string[],
    opts: { env: Record<string, string>; cwd: string; terminal?: { cols: number; rows: number }; ipc?: MessagePort; ipcSerialization?: 'json' | 'advanced' },
    io: MessagePort,
  ): Promise<ChildHandle> {
    this.fs?.flush();
    const reqId = this.#nextReq++;
    const pid = new Promise<number>((resolve, reject) => this.#pendingSpawns.set(reqId, { resolve, reject }));
    const { ipc, ipcSerialization } = opts;
    this.#control(
      { type: 'spawn', reqId, argv, env: opts.env, cwd: opts.cwd, terminal: opts.terminal, io, ipc, ipcSerialization },
      ipc ? [io, ipc] : [io],
    );
    return pid.then((p) => ({
      pid: p,
      exit: new Promise<{ code: number; signal?: string }>((resolve) => {
        const early = this.#earlyExits.get(p);
        if (early !== undefined) {
          this.#earlyExits.delete(p);
          resolve(early);
        } else this.#childExits.set(p, resolve);
      }),
    }));
  }

  /**
   * Starts a Node worker thread of this process (worker_threads.Worker):
   * another worker that runs the Node host over `wire`. `exited` settles when
   * the kernel has ended it, however it ended.
   */
  spawnThread(spec: { threadId: number; argv: string[]; env: Record<string, string>; cwd: string; wire: MessagePort }): { exited: Promise<number>; terminate(): void } {
    this.fs?.flush();
    const exited = new Promise<number>((resolve) => this.#threadExits.set(spec.threadId, resolve));
    this.#control({ type: 'thread-spawn', ...spec }, [spec.wire]);
    return { exited, terminate: () => this.#control({ type: 'thread-terminate', threadId: spec.threadId }) };
  }

  /** Whether `spawnSync` can block (needs shared memory). */
  get canSpawnSync(): boolean {
    return typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  }

  /**
   * Runs a child to completion while this worker blocks (Atomics.wait on a
   * shared mailbox the kernel fills; see sync-spawn.ts).
   */
  spawnSync(
    argv: string[],
    opts: { env: Record<string, string>; cwd: string; input?: Uint8Array | null; maxBuffer: number; timeout?: number; killSignal?: string },
  ): { pid: number; status: number | null; signal: string | null; stdout: Uint8Array; stderr: Uint8Array; notFound: boolean; timedOut: boolean; overflow: boolean } {
    this.fs?.flush();
    const capacity = Math.max(1, Math.min(opts.maxBuffer + 1, 256 * 1024 * 1024));
    const mailbox = new SharedArrayBuffer(MAILBOX.DATA + capacity * 2);
    const i32 = new Int32Array(mailbox, 0, 16);
    this.#control({
      type: 'spawn-sync',
      argv,
      env: opts.env,
      cwd: opts.cwd,
      input: opts.input ?? null,
      mailbox,
      timeout: opts.timeout ?? 0,
      killSignal: opts.killSignal ?? 'SIGTERM',
    });
    while (Atomics.load(i32, MAILBOX.STATE) === 0) Atomics.wait(i32, MAILBOX.STATE, 0, 1000);
    const flags = i32[MAILBOX.FLAGS]!;
    const signo = i32[MAILBOX.SIGNAL]!;
    const signal = signo ? (Object.keys(SIGNALS).find((k) => SIGNALS[k as keyof typeof SIGNALS] === signo) ?? null) : null;
    return {
      pid: i32[MAILBOX.PID]!,
      status: signal ? null : i32[MAILBOX.STATUS]!,
      signal,
      stdout: new Uint8Array(mailbox, MAILBOX.DATA, i32[MAILBOX.OUT_LEN]!).slice(),
      stderr: new Uint8Array(mailbox, MAILBOX.DATA + capacity, i32[MAILBOX.ERR_LEN]!).slice(),
      notFound: (flags & FLAG.NOT_FOUND) !== 0,
      timedOut: (flags & FLAG.TIMED_OUT) !== 0,
      overflow: (flags & (FLAG.OUT_OVERFLOW | FLAG.ERR_OVERFLOW)) !== 0,
    };
  }

  /** Runs a host-registered command; stdio over `io`. */
  hostCommand(name: string, args: string[], cwd: string, env: Record<string, string>, io: MessagePort): void {
    this.fs?.flush();
    this.#control({ type: 'host-command', reqId: this.#nextReq++, name, args, cwd, env, io }, [io]);
  }

  /** Binds a runtime port (0 = any free one); rejects with code EADDRINUSE as Linux would. */
  listen(port: number): Promise<number> {
    const reqId = this.#nextReq++;
    const result = new Promise<number>((resolve, reject) => this.#pendingListens.set(reqId, { resolve, reject }));
    this.#control({ type: 'listen', reqId, port });
    return result;
  }

  unlisten(port: number): void {
    this.#control({ type: 'unlisten', port });
  }

  /** Opens a connection to a runtime port; false when nothing listens there. */
  connect(port: number, meta: ConnectionMeta, channel: MessagePort): Promise<boolean> {
    const reqId = this.#nextReq++;
    const result = new Promise<boolean>((resolve) => this.#pendingConnects.set(reqId, resolve));
    this.#control({ type: 'connect', reqId, port, meta, channel }, [channel]);
    return result;
  }

  /** Watches a VFS path through the kernel, which sees every process's writes. */
  watch(path: string, recursive: boolean, listener: (event: 'rename' | 'change', filename: string) => void): () => void {
    this.fs?.flush();
    const watchId = this.#nextWatch++;
    this.#watchListeners.set(watchId, listener);
    this.#control({ type: 'watch', watchId, path, recursive });
    return () => {
      if (this.#watchListeners.delete(watchId)) this.#control({ type: 'unwatch', watchId });
    };
  }

  kill(pid: number, signal: string): void {
    this.#control({ type: 'kill', pid, signal });
  }

  /** Messages from the kernel on the control channel. */
  onControl(msg: ControlToProcess): void {
    switch (msg.type) {
      case 'signal':
        this.onSignal(msg.signal);
        break;
      case 'spawned':
        this.#pendingSpawns.get(msg.reqId)?.resolve(msg.pid);
        this.#pendingSpawns.delete(msg.reqId);
        break;
      case 'spawn-failed':
        this.#pendingSpawns.get(msg.reqId)?.reject(new Error(msg.message));
        this.#pendingSpawns.delete(msg.reqId);
        break;
      case 'child-exit': {
        const done = this.#childExits.get(msg.pid);
        const result = { code: msg.code, signal: msg.signal };
        if (done) {
          this.#childExits.delete(msg.pid);
          done(result);
        } else this.#earlyExits.set(msg.pid, result);
        break;
      }
      case 'listen-result': {
        const pending = this.#pendingListens.get(msg.reqId);
        this.#pendingListens.delete(msg.reqId);
        if (!pending) break;
        if (msg.error) {
          const err = new Error(`listen ${msg.error}: address already in use :::${msg.port}`) as Error & { code?: string; errno?: number; syscall?: string; address?: string; port?: number };
          if (msg.error === 'EACCES') err.message = `listen EACCES: permission denied :::${msg.port}`;
          Object.assign(err, { code: msg.error, errno: msg.error === 'EADDRINUSE' ? -98 : -13, syscall: 'listen', address: '::', port: msg.port });
          pending.reject(err);
        } else pending.resolve(msg.port);
        break;
      }
      case 'connect-result':
        this.#pendingConnects.get(msg.reqId)?.(msg.ok);
        this.#pendingConnects.delete(msg.reqId);
        break;
      case 'connection':
        this.onConnection(msg.port, msg.meta, msg.channel);
        break;
      case 'fs-ops':
        this.fs?.applyRemote(msg.ops);
        break;
      case 'fs-event':
        this.#watchListeners.get(msg.watchId)?.(msg.event, msg.filename);
        break;
      case 'thread-exit':
        this.#threadExits.get(msg.threadId)?.(msg.code);
        this.#threadExits.delete(msg.threadId);
        break;
      default:
        break;
    }
  }

  #send(msg: IoFromProcess): void {
    this.#io.postMessage(msg);
  }

  #onIo(msg: IoToProcess): void {
    switch (msg.type) {
      case 'ack':
        this.#inflight = Math.max(0, this.#inflight - msg.bytes);
        if (this.#inflight <= OUTPUT_WINDOW) for (const wake of this.#drainWaiters.splice(0)) wake();
        break;
      case 'stdin':
      case 'stdin-end': {
        const chunk = msg.type === 'stdin' ? msg.data : null;
        if (this.#stdinListener) this.#stdinListener(chunk);
        else this.#stdinQueue.push(chunk);
        break;
      }
      case 'resize':
        this.size = { cols: msg.cols, rows: msg.rows };
        this.onResize(this.size);
        break;
    }
  }
}
