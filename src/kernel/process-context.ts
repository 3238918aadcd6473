/**
 * The process side of the kernel seams: what code running in a process worker
 * (the Node host, the shell, Python) uses to reach its stdio, its parent and
 * the kernel. One per process worker.
 */
import { ProcessFs } from './process-fs.js';
import type { ConnectionMeta } from '../internal/http-wire.js';
import type { ControlToKernel, ControlToProcess, FsAttach, IoFromProcess, IoToProcess, StartRequest } from './protocol.js';

export interface ChildHandle {
  pid: number;
  exit: Promise<number>;
}

export class ProcessContext {
  readonly pid: number;
  readonly ppid: number;
  readonly argv: string[];
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly terminal: { cols: number; rows: number } | undefined;
  /** The VFS as this process sees it (absent only if the kernel has none). */
  readonly fs: ProcessFs | undefined;
  /** Commands the host page registered (run on the page through the kernel). */
  readonly hostCommands: ReadonlySet<string>;

  readonly #io: MessagePort;
  readonly #control: (msg: ControlToKernel, transfer?: Transferable[]) => void;
  #stdinListener: ((chunk: Uint8Array | null) => void) | null = null;
  readonly #stdinQueue: (Uint8Array | null)[] = [];
  #exited = false;
  #nextReq = 1;
  readonly #pendingSpawns = new Map<number, { resolve: (pid: number) => void; reject: (e: Error) => void }>();
  readonly #childExits = new Map<number, (code: number) => void>();
  readonly #earlyExits = new Map<number, number>();
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
    start: StartRequest & { io: MessagePort; fs?: FsAttach; commands: string[] },
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
    this.#io = start.io;
    this.#control = control;
    this.#io.onmessage = (e: MessageEvent<IoToProcess>) => this.#onIo(e.data);
  }

  writeStdout(data: Uint8Array): void {
    this.#send({ type: 'stdout', data });
  }

  writeStderr(data: Uint8Array): void {
    this.#send({ type: 'stderr', data });
  }

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
  spawn(argv: string[], opts: { env: Record<string, string>; cwd: string; terminal?: { cols: number; rows: number } }, io: MessagePort): Promise<ChildHandle> {
    this.fs?.flush();
    const reqId = this.#nextReq++;
    const pid = new Promise<number>((resolve, reject) => this.#pendingSpawns.set(reqId, { resolve, reject }));
    this.#control({ type: 'spawn', reqId, argv, env: opts.env, cwd: opts.cwd, terminal: opts.terminal, io }, [io]);
    return pid.then((p) => ({
      pid: p,
      exit: new Promise<number>((resolve) => {
        const early = this.#earlyExits.get(p);
        if (early !== undefined) {
          this.#earlyExits.delete(p);
          resolve(early);
        } else this.#childExits.set(p, resolve);
      }),
    }));
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
        if (done) {
          this.#childExits.delete(msg.pid);
          done(msg.code);
        } else this.#earlyExits.set(msg.pid, msg.code);
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
      case 'fs-event':
        this.#watchListeners.get(msg.watchId)?.(msg.event, msg.filename);
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
