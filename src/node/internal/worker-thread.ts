/**
 * The thread's side of a Node worker: what the host runs in worker mode. It
 * waits for the boot record on the wire, then gives the thread what Node
 * gives a worker — `parentPort`, `workerData`, `threadId`, stdio that goes to
 * the parent's Worker object, `process.chdir` refused — and reports back
 * 'online', an uncaught exception (as the parent's 'error') and the exit code.
 * https://nodejs.org/api/worker_threads.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as path from '../path.js';
import { EXEC_PATH } from '../process.js';
import { setThreadView } from '../worker_threads.js';
import { environmentData } from './worker-parent.js';
import { arrowAt, kArrow, registerSource } from './errors.js';
import { decorateSyntaxError, makeRequire, Module, rewriteDynamicImport } from './cjs-loader.js';
import { nodeModulePaths } from './resolve.js';
import { codedError } from './net-host.js';
import { runCallback } from './loop.js';
import { materialize, NodeMessagePort } from './worker-port.js';
import { serializeThrow } from './worker-errors.js';
import { linkSharedEnv } from './worker-env.js';
import { threadState } from './worker-state.js';
import type { FromThread, ThreadBoot, ThreadLink, ToThread } from './worker-protocol.js';
import type { HostInput, HostOutput } from '../host.js';

/** The name Node gives `{ eval: true }` code. */
const EVAL_NAME = '[worker eval]';
/** How V8 can be told that name (a sourceURL ends at a space); stacks are rewritten back. */
const EVAL_URL = '[worker%20eval]';

/** Shows eval frames under Node's name in an error's stack. */
function fixEvalStack(err: unknown): void {
  if (!(err instanceof Error) || typeof err.stack !== 'string' || !err.stack.includes(EVAL_URL)) return;
  try {
    err.stack = err.stack.replaceAll(EVAL_URL, EVAL_NAME);
  } catch {
    // a frozen error keeps its stack
  }
}

export interface ThreadRuntime {
  readonly boot: ThreadBoot;
  readonly stdout: HostOutput;
  readonly stderr: HostOutput;
  readonly stdin: HostInput;
  /** Adapts the process object to a worker's (call once globals exist). */
  adoptProcess(proc: any): void;
  /** Tells the parent the thread runs JavaScript ('online'). */
  online(): void;
  /** Hands an uncaught exception to the parent, where it becomes the Worker's 'error'. */
  fatal(err: unknown): void;
  /** The last word on the wire. */
  exit(code: number): void;
}

/** Opens the wire and resolves once the boot record has come. */
export function openThread(link: ThreadLink): Promise<ThreadRuntime> {
  const wire = link.wire;
  return new Promise((resolve) => {
    let runtime: Runtime | null = null;
    wire.onmessage = (e: MessageEvent<ToThread>) => {
      const msg = e.data;
      if (!runtime) {
        if (msg.t !== 'boot') return;
        runtime = new Runtime(wire, msg.boot, e.ports.length > 0);
        resolve(runtime);
        return;
      }
      const r = runtime;
      runCallback(() => r.onWire(msg, e.ports.length > 0));
    };
    (wire as any).unref?.();
  });
}

class Runtime implements ThreadRuntime {
  readonly boot: ThreadBoot;
  readonly #wire: MessagePort;
  readonly #parentPort: NodeMessagePort;
  readonly #stdinQueue: (Uint8Array | null)[] = [];
  #stdinListener: ((chunk: Uint8Array | null) => void) | null = null;
  #sharedEnv: { receive(key: string, value: string | null): void } | null = null;
  #ended = false;
  readonly stdout: HostOutput;
  readonly stderr: HostOutput;
  readonly stdin: HostInput;

  constructor(wire: MessagePort, boot: ThreadBoot, ports: boolean) {
    this.#wire = wire;
    this.boot = boot;
    threadState.isMainThread = false;
    threadState.threadId = boot.threadId;
    threadState.threadName = boot.name;
    threadState.resourceLimits = boot.resourceLimits;
    threadState.token = boot.token;
    threadState.idCounter = boot.idCounter ? new Int32Array(boot.idCounter) : null;
    for (const [k, v] of boot.environmentData) environmentData.set(k, v);
    this.#parentPort = NodeMessagePort.create({
      native: null,
      send: (env, transfer) => this.#send({ t: 'pub', env }, transfer),
      release: () => {},
    });
    setThreadView({
      parentPort: this.#parentPort,
      workerData: materialize(boot.data, ports),
      threadId: boot.threadId,
      threadName: boot.name,
      resourceLimits: boot.resourceLimits,
    });
    const output = (t: 'stdout' | 'stderr'): HostOutput => ({
      isTTY: false,
      write: (chunk) => {
        const data = chunk.slice();
        this.#send({ t, data }, [data.buffer]);
      },
    });
    this.stdout = output('stdout');
    this.stderr = output('stderr');
    if (!boot.stdin) this.#stdinQueue.push(null);
    this.stdin = {
      start: (listener) => {
        this.#stdinListener = listener;
        queueMicrotask(() => {
          for (const chunk of this.#stdinQueue.splice(0)) this.#stdinListener?.(chunk);
        });
      },
      stop: () => {
        this.#stdinListener = null;
      },
    };
  }

  #send(msg: FromThread, transfer: Transferable[] = []): void {
    if (!this.#ended) this.#wire.postMessage(msg, transfer);
  }

  onWire(msg: ToThread, ports: boolean): void {
    switch (msg.t) {
      case 'pub':
        this.#parentPort.receive(msg.env, ports, true);
        break;
      case 'stdin':
      case 'stdin-end': {
        const chunk = msg.t === 'stdin' ? msg.data : null;
        if (this.#stdinListener) this.#stdinListener(chunk);
        else this.#stdinQueue.push(chunk);
        break;
      }
      case 'env':
        this.#sharedEnv?.receive(msg.key, msg.value);
        break;
      default:
        break;
    }
  }

  adoptProcess(proc: any): void {
    proc.title = EXEC_PATH;
    proc.chdir = () => {
      throw codedError(TypeError, 'ERR_WORKER_UNSUPPORTED_OPERATION', 'process.chdir() is not supported in workers');
    };
    if (this.boot.shareEnv) this.#sharedEnv = linkSharedEnv(proc, (key, value) => this.#send({ t: 'env', key, value }));
  }

  online(): void {
    this.#send({ t: 'online' });
  }

  fatal(err: unknown): void {
    fixEvalStack(err);
    decorateCompileError(err);
    this.#send({ t: 'error', error: serializeThrow(err) });
  }

  exit(code: number): void {
    this.#send({ t: 'exit', code });
    this.#ended = true;
  }
}

/**
 * A module that does not compile reaches the parent with the source line and
 * caret on top of its stack, as Node's loaders decorate it (the arrow the
 * loaders put on the error for printing).
 */
function decorateCompileError(err: unknown): void {
  if (!(err instanceof SyntaxError) || typeof err.stack !== 'string') return;
  const arrow = (err as unknown as Record<symbol, unknown>)[kArrow];
  if (typeof arrow !== 'string' || arrow.endsWith('\u0000') || err.stack.startsWith(arrow)) return;
  try {
    err.stack = `${arrow}\n${err.stack}`;
  } catch {
    // a frozen error keeps its stack
  }
}

/**
 * Runs `{ eval: true }` code as Node does: a CommonJS module named
 * `[worker eval]` in the cwd. An error thrown while it runs carries the
 * source line and caret at the top of its stack, as Node's does.
 */
export function evalWorkerScript(code: string, cwd: string): void {
  const m = new Module(EVAL_NAME, null);
  m.filename = path.join(cwd, EVAL_NAME);
  m.paths = nodeModulePaths(cwd);
  const g = globalThis as any;
  g.module = m;
  g.require = makeRequire(m);
  g.exports = m.exports;
  g.__filename = EVAL_NAME;
  g.__dirname = '.';
  registerSource(EVAL_URL, code, 0, false);
  try {
    (0, eval)(`${rewriteDynamicImport(code, m.filename)}\n//# sourceURL=${EVAL_URL}`);
  } catch (e) {
    fixEvalStack(e);
    const arrow = e instanceof Error && typeof e.stack === 'string' ? evalArrow(e.stack, code) : null;
    if (arrow) (e as Error).stack = `${arrow}\n${(e as Error).stack}`;
    else if (e instanceof SyntaxError) decorateSyntaxError(e, code, EVAL_NAME, false);
    throw e;
  }
}

/** The arrow at the first `[worker eval]` frame, on the `throw` that threw (as arrowFromStack does for files). */
function evalArrow(stack: string, code: string): string | null {
  const m = /\[worker eval\]:(\d+):(\d+)\)?$/m.exec(stack.slice(stack.indexOf('\n    at ')));
  if (!m) return null;
  const line = Number(m[1]);
  let col = Number(m[2]) - 1;
  const text = code.split('\n')[line - 1] ?? '';
  const t = /\bthrow\s(?!.*\bthrow\s)/.exec(text.slice(0, col));
  if (t) col = t.index;
  return arrowAt(EVAL_NAME, code, line, col);
}
