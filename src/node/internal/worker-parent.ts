/**
 * `worker_threads.Worker`, the parent's side of a thread. The constructor
 * checks its arguments as Node's lib/internal/worker.js does, posts the boot
 * record (workerData, environment data, argv…) on a fresh wire and asks the
 * embedder to start a thread on the other end. Everything the thread says
 * comes back on that wire in order — 'online', messages, stdout/stderr, an
 * uncaught error, the exit code — so a worker's last messages and output
 * always come before its 'exit', as in Node.
 * https://nodejs.org/api/worker_threads.html#class-worker
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { inspect } from './inspect-format.js';
import EventEmitter, { describeValue } from '../events.js';
import { Readable, Writable } from '../stream.js';
import { Buffer } from '../buffer.js';
import * as path from '../path.js';
import { fileURLToPath } from '../url.js';
import { createHandle, nextTick, runCallback, type LoopHandle } from './loop.js';
import { codedError } from './net-host.js';
import { kArrow, setArrow } from './errors.js';
import { EVENT_TARGET_ARROW } from './worker-event-target.js';
import { NodeMessagePort, prepareMessage, sendPrepared } from './worker-port.js';
import { deserializeThrow } from './worker-errors.js';
import { linkSharedEnv } from './worker-env.js';
import { idCounterMemory, nextThreadId, processToken, threadState } from './worker-state.js';
import type { FromThread, ThreadBoot, ThreadHandle, ToThread } from './worker-protocol.js';

const NativeMessageChannel: typeof MessageChannel = globalThis.MessageChannel;

export const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');

/** setEnvironmentData's map; each new Worker gets a copy of it. */
export const environmentData = new Map<unknown, unknown>();

/** Node flags a worker may be given (per-isolate and per-environment options). */
const WORKER_FLAGS = new Set([
  '--no-warnings', '--trace-uncaught', '--trace-warnings', '--enable-source-maps', '--no-deprecation',
  '--trace-deprecation', '--throw-deprecation', '--experimental-vm-modules', '--experimental-strip-types',
  '--no-experimental-strip-types', '--experimental-require-module', '--no-experimental-require-module',
  '--expose-gc', '--preserve-symlinks', '--pending-deprecation', '--experimental-detect-module',
  '--no-experimental-detect-module', '--stack-size', '--max-old-space-size', '--max-semi-space-size',
  '--input-type', '--conditions', '-C', '--unhandled-rejections', '--experimental-default-type', '--require', '-r',
  '--import', '--experimental-loader', '--loader', '--abort-on-uncaught-exception', '--stack-trace-limit',
]);

/** Waits this long for the wire's last words when the embedder reports a thread gone first. */
const WIRE_GRACE_MS = 100;

function proc(): any {
  return (globalThis as any).process;
}

function invalidArgType(name: string, expected: string, value: unknown): Error {
  const noun = name.includes('.') ? 'property' : 'argument';
  return codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${noun} must be ${expected}. Received ${describeValue(value)}`);
}

function isUrl(v: unknown): v is URL {
  return v instanceof URL || (!!v && typeof v === 'object' && typeof (v as URL).href === 'string' && typeof (v as URL).protocol === 'string');
}

function resourceLimitsOf(v: unknown): Record<string, number> {
  const given = v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  const num = (key: string, dflt: number) => (typeof given[key] === 'number' ? (given[key] as number) : dflt);
  return {
    maxYoungGenerationSizeMb: num('maxYoungGenerationSizeMb', -1),
    maxOldGenerationSizeMb: num('maxOldGenerationSizeMb', -1),
    codeRangeSizeMb: num('codeRangeSizeMb', -1),
    stackSizeMb: num('stackSizeMb', 4),
  };
}

function invalidExecArgv(execArgv: string[]): string[] {
  return execArgv.filter((a) => a.startsWith('-') && !WORKER_FLAGS.has(a.split('=')[0]!));
}

class ReadableWorkerStdio extends (Readable as any) {
  constructor() {
    super({ read() {} });
  }
}

class WritableWorkerStdio extends (Writable as any) {
  constructor(send: (msg: ToThread) => void) {
    super({
      write(chunk: any, encoding: string, cb: (e?: Error | null) => void) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding as any) : chunk;
        send({ t: 'stdin', data: Uint8Array.from(bytes) });
        cb();
      },
      final(cb: () => void) {
        send({ t: 'stdin-end' });
        cb();
      },
    });
  }
}

export class Worker extends (EventEmitter as any) {
  declare emit: (event: string | symbol, ...args: any[]) => boolean;
  declare once: (event: string | symbol, fn: (...args: any[]) => void) => this;
  declare listenerCount: (event: string | symbol) => number;

  readonly stdin: any;
  readonly stdout: any;
  readonly stderr: any;
  readonly performance = { eventLoopUtilization: () => ({ idle: 0, active: 0, utilization: 0 }) };
  #threadId: number;
  #name: string;
  #limits: Record<string, number>;
  readonly #wire: MessagePort;
  readonly #public: NodeMessagePort;
  readonly #handle: LoopHandle;
  #thread: ThreadHandle | null = null;
  #exited = false;
  #online = false;
  #terminating = false;
  #sharedEnv: { receive(key: string, value: string | null): void; close(): void } | null = null;

  constructor(filename: unknown, options: any = {}) {
    super();
    if (options.execArgv && !Array.isArray(options.execArgv)) throw invalidArgType('options.execArgv', 'an instance of Array', options.execArgv);
    let argv: string[] = [];
    if (options.argv) {
      if (!Array.isArray(options.argv)) throw invalidArgType('options.argv', 'an instance of Array', options.argv);
      argv = options.argv.map(String);
    }
    let file: string | undefined;
    let code: string | undefined;
    if (options.eval) {
      if (typeof filename !== 'string') {
        throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE',
          `The property 'options.eval' must be false when 'filename' is not a string. Received ${inspect(options.eval)}`);
      }
      code = filename;
    } else if (isUrl(filename)) {
      if (filename.protocol === 'data:') {
        throw codedError(Error, 'ERR_VERKLET_UNSUPPORTED', 'new Worker(data: URL) is not supported in Verklet: pass the code with { eval: true } or a file path');
      }
      file = fileURLToPath(filename);
    } else if (typeof filename !== 'string') {
      throw invalidArgType('filename', 'of type string or an instance of URL', filename);
    } else if (path.isAbsolute(filename) || /^\.\.?[\\/]/.test(filename)) {
      file = path.resolve(filename);
    } else {
      throw codedError(TypeError, 'ERR_WORKER_PATH',
        `The worker script or module filename must be an absolute path or a relative path starting with './' or '../'. Received "${filename}"`);
    }

    const shareEnv = options.env === SHARE_ENV;
    let env: Record<string, string>;
    if (typeof options.env === 'object' && options.env !== null) {
      env = {};
      for (const [k, v] of Object.entries(options.env)) env[k] = `${v as string}`;
    } else if (options.env == null || shareEnv) {
      env = {};
      for (const [k, v] of Object.entries(proc().env)) if (v !== undefined) env[k] = String(v);
    } else {
      throw invalidArgType('options.env', 'of type object or one of undefined, null, or worker_threads.SHARE_ENV', options.env);
    }

    let name = '';
    if (options.name) {
      if (typeof options.name !== 'string') throw invalidArgType('options.name', 'of type string', options.name);
      name = options.name.trim();
    }
    const execArgv: string[] = options.execArgv ? options.execArgv.map(String) : [...(proc().execArgv ?? [])];
    const bad = invalidExecArgv(execArgv);
    if (bad.length) throw codedError(Error, 'ERR_WORKER_INVALID_EXEC_ARGV', `Initiated Worker with invalid execArgv flags: ${bad.join(', ')}`);

    const host = threadState.host;
    if (!host) throw codedError(Error, 'ERR_VERKLET_UNSUPPORTED', 'worker_threads.Worker needs a runtime that can start threads; this one cannot');

    const threadId = nextThreadId();
    const channel = new NativeMessageChannel();
    this.#wire = channel.port1;
    this.#threadId = threadId;
    this.#name = name;
    this.#limits = resourceLimitsOf(options.resourceLimits);

    const prepared = prepareMessage(options.workerData, options.transferList, null);
    const boot: ThreadBoot = {
      threadId, name, filename: file, code, argv, execArgv,
      data: prepared.env,
      environmentData: [...environmentData],
      resourceLimits: this.#limits,
      stdin: !!options.stdin,
      shareEnv,
      token: processToken(),
      idCounter: idCounterMemory(),
    };
    sendPrepared(prepared, options.workerData, (_env, transfer) => this.#wire.postMessage({ t: 'boot', boot } satisfies ToThread, transfer));

    const send = (msg: ToThread) => this.#wire.postMessage(msg);
    this.#public = NodeMessagePort.create({
      native: null,
      send: (envelope, transfer) => this.#wire.postMessage({ t: 'pub', env: envelope } satisfies ToThread, transfer),
      release: () => {},
    });
    this.#public.on('message', (value: unknown) => this.emit('message', value));
    this.#public.on('messageerror', (err: unknown) => this.emit('messageerror', err));
    this.#public.unref();
    this.#wire.onmessage = (e: MessageEvent<FromThread>) => runCallback(() => this.#onWire(e.data, e.ports.length > 0));
    (this.#wire as any).unref?.();

    this.stdin = options.stdin ? new WritableWorkerStdio(send) : null;
    this.stdout = new ReadableWorkerStdio();
    this.stderr = new ReadableWorkerStdio();
    if (!options.stdout) nextTick(() => this.stdout.pipe(proc().stdout, { end: false }));
    if (!options.stderr) nextTick(() => this.stderr.pipe(proc().stderr, { end: false }));
    if (shareEnv) this.#sharedEnv = linkSharedEnv(proc(), (key, value) => send({ t: 'env', key, value }));

    this.#handle = createHandle(true);
    const shown = code !== undefined ? '[worker eval]' : file!;
    this.#thread = host.start({ threadId, argv: ['node', shown, ...argv], env, cwd: proc().cwd(), wire: channel.port2 });
    this.#thread.exited.then((exitCode) => this.#onThreadGone(exitCode));
    nextTick(() => proc().emit('worker', this));
  }

  get threadId(): number {
    return this.#exited ? -1 : this.#threadId;
  }

  get threadName(): string | null {
    return this.#exited ? null : this.#name;
  }

  get resourceLimits(): Record<string, number> {
    return this.#exited ? {} : { ...this.#limits };
  }

  postMessage(...args: unknown[]): void {
    if (this.#exited) return;
    this.#public.postMessage(...args);
  }

  /** Stops the thread; resolves with its exit code (1), or undefined once it has exited. */
  terminate(callback?: unknown): Promise<number | undefined> {
    if (typeof callback === 'function') {
      proc().emitWarning('Passing a callback to worker.terminate() is deprecated. It returns a Promise instead.', 'DeprecationWarning', 'DEP0132');
      this.once('exit', (code: number) => (callback as (e: null, c: number) => void)(null, code));
    }
    if (this.#exited || !this.#thread) return Promise.resolve(undefined);
    const done = new Promise<number>((resolve) => this.once('exit', resolve));
    if (!this.#terminating) {
      this.#terminating = true;
      this.#thread.terminate();
    }
    return done;
  }

  ref(): void {
    if (!this.#exited) this.#handle.ref();
  }

  unref(): void {
    this.#handle.unref();
  }

  getHeapSnapshot(): Promise<never> {
    return Promise.reject(codedError(Error, 'ERR_VERKLET_UNSUPPORTED', 'worker.getHeapSnapshot() is not available in Verklet'));
  }

  getHeapStatistics(): Promise<never> {
    return Promise.reject(codedError(Error, 'ERR_VERKLET_UNSUPPORTED', 'worker.getHeapStatistics() is not available in Verklet'));
  }

  cpuUsage(): Promise<never> {
    return Promise.reject(codedError(Error, 'ERR_VERKLET_UNSUPPORTED', 'worker.cpuUsage() is not available in Verklet'));
  }

  startCpuProfile(): Promise<never> {
    return Promise.reject(codedError(Error, 'ERR_VERKLET_UNSUPPORTED', 'worker.startCpuProfile() is not available in Verklet'));
  }

  startHeapProfile(): Promise<never> {
    return Promise.reject(codedError(Error, 'ERR_VERKLET_UNSUPPORTED', 'worker.startHeapProfile() is not available in Verklet'));
  }

  #onWire(msg: FromThread, ports: boolean): void {
    if (this.#exited) return;
    switch (msg.t) {
      case 'online':
        this.#online = true;
        this.emit('online');
        break;
      case 'pub':
        this.#public.receive(msg.env, ports, true);
        break;
      case 'stdout':
      case 'stderr':
        (msg.t === 'stdout' ? this.stdout : this.stderr).push(Buffer.from(msg.data.buffer, msg.data.byteOffset, msg.data.byteLength));
        break;
      case 'env':
        this.#sharedEnv?.receive(msg.key, msg.value);
        break;
      case 'error':
        this.#onError(deserializeThrow(msg.error));
        break;
      case 'exit':
        this.#onExit(msg.code);
        break;
    }
  }

  #onError(err: unknown): void {
    if (this.listenerCount('error') > 0) {
      this.emit('error', err);
      return;
    }
    // Node emits it from an EventTarget listener, whose errors are rethrown on the next tick. A
    // worker's Error is not a native one there, so Node prints a blank line first and none after
    // the arrow; any other value makes EventEmitter's ERR_UNHANDLED_ERROR.
    let thrown: any = err;
    if (err instanceof Error) Object.defineProperty(err, kArrow, { value: `\n${EVENT_TARGET_ARROW}\u0000`, configurable: true });
    else {
      thrown = codedError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${inspect(err)})`);
      thrown.context = err;
      setArrow(thrown, EVENT_TARGET_ARROW);
    }
    nextTick(() => {
      throw thrown;
    });
  }

  #onThreadGone(code: number): void {
    if (this.#exited) return;
    if (this.#terminating) {
      // Node's exit code for a stopped thread is 1, or 0 if it was stopped before its environment existed.
      runCallback(() => this.#onExit(this.#online ? 1 : 0));
      return;
    }
    // A crash, or the embedder's notice overtook the wire: give the wire a moment to deliver what the thread said.
    setTimeout(() => runCallback(() => this.#onExit(code)), WIRE_GRACE_MS);
  }

  #onExit(code: number): void {
    if (this.#exited) return;
    this.#exited = true;
    this.#handle.close();
    this.#public.detach();
    this.#sharedEnv?.close();
    this.#wire.onmessage = null;
    this.#wire.close();
    this.stdout.push(null);
    this.stderr.push(null);
    this.emit('exit', code);
  }
}

// Bundlers rename a class that shadows the platform's Worker; Node's is named Worker.
Object.defineProperty(Worker, 'name', { value: 'Worker' });
