/**
 * The Node host: turns a fresh browser worker into a Node 24.12.0 process.
 * It installs Node's globals, runs the CLI (`node file.js`, `-e`, `-p`,
 * `--version`), loads CommonJS and ES modules from the process's fs, drives
 * the emulated event loop (internal/loop.ts) and reports the exit code once.
 * See DESIGN.md, "Node host".
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { hideWebGlobals } from './internal/hide-web-globals.js';
import { inspect } from './internal/inspect-hooks.js';
import { builtinAccess, setInjectedBuiltins } from './builtins.js';
import { installLoopbackFetch } from './internal/loopback-fetch.js';
import { Buffer } from './buffer.js';
import { createConsole } from './console.js';
import { evalScript, runMainCjs, setBuiltins } from './internal/cjs-loader.js';
import { arrowFromStack, kArrow, kEmittedAt } from './internal/errors.js';
import { setupChildIpc, type IpcSerialization, type NodeIpc } from './internal/ipc-channel.js';
import { runMainEsm, setEsmBuiltins, unsettledTopLevelAwait } from './internal/esm-linker.js';
import { looksLikeModule } from './internal/esm-transform.js';
import * as loop from './internal/loop.js';
import { ExitSignal } from './internal/loop.js';
import { cjsResolve, formatOf, hasExplicitType, setFs, setResolveCwd } from './internal/resolve.js';
import * as path from './path.js';
import { createProcess, NODE_VERSION } from './process.js';
import * as timers from './timers.js';
import { evalWorkerScript, openThread, type ThreadRuntime } from './internal/worker-thread.js';
import { threadState } from './internal/worker-state.js';
import type { ThreadHost, ThreadLink } from './internal/worker-protocol.js';

/** A byte sink for stdout/stderr. */
export interface HostOutput {
  write(chunk: Uint8Array): void;
  isTTY: boolean;
  columns?: number;
  rows?: number;
}

/** The process's stdin. */
export interface HostInput {
  /** Whether stdin is a terminal (optional; default false). */
  isTTY?: boolean;
  /** Start delivering stdin chunks; null = EOF. */
  start(onChunk: (chunk: Uint8Array | null) => void): void;
  stop(): void;
}

/** Everything the kernel gives a Node process. */
export interface NodeHostContext {
  /** As given to spawn: ['node', 'file.js', 'a'] or ['node', '-e', 'code']. */
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  pid: number;
  ppid: number;
  /** An object with Node's fs API; becomes require('fs'); the loader reads through its sync calls. */
  fs: any;
  stdout: HostOutput;
  stderr: HostOutput;
  stdin: HostInput;
  /** Called exactly once when the process is done. */
  exit(code: number): void;
  /** Extra built-in modules provided by the worker, created lazily. */
  builtins?: Record<string, () => unknown>;
  /** Tell the kernel whether process.on('SIGINT'|'SIGTERM') handlers exist. */
  onSignalListener?(signal: string, listening: boolean): void;
  /**
   * The IPC channel to the parent when this process was started by
   * `child_process.fork()`: gives `process.send`, `process.on('message')`,
   * `process.connected` and `process.disconnect` (internal/ipc-channel.ts).
   */
  ipc?: NodeIpc;
  /** The fork's `serialization` option (default 'json'). */
  ipcSerialization?: IpcSerialization;
  /** Starts worker threads (worker_threads.Worker); absent, `new Worker` fails saying so. */
  threads?: ThreadHost;
  /** Set when this host runs a worker thread: its end of the wire to the parent Worker. */
  thread?: ThreadLink;
}

let proc: any = null;
let exited = false;
let ipcEnd: { close(): void } | null = null;
let ctxRef: NodeHostContext | null = null;
/** The worker thread this host runs, in worker mode. */
let thread: ThreadRuntime | null = null;

const encoder = new TextEncoder();

function writeErr(text: string): void {
  if (ctxRef) ctxRef.stderr.write(encoder.encode(text));
}

function finish(code: number): void {
  if (exited) return;
  exited = true;
  loop.stop();
  // The parent sees 'disconnect' before 'exit', and every message sent before it.
  ipcEnd?.close();
  thread?.exit(code);
  ctxRef!.exit(code);
}

/** Exit now: used by process.exit after 'exit' listeners ran. */
function reallyExit(code: number): never {
  finish(code);
  throw new ExitSignal(code);
}

/** Errors Node throws from its own internals show an arrow into node:internal code. */
function INTERNAL_ARROWS(err: any): string | null {
  if (err.code === 'MODULE_NOT_FOUND' && Array.isArray(err.requireStack)) return 'node:internal/modules/cjs/loader:1424\n  throw err;\n  ^\n';
  if (err.code === 'ERR_MODULE_NOT_FOUND') {
    if (String(err.message).startsWith('Cannot find package')) {
      return 'node:internal/modules/package_json_reader:316\n  throw new ERR_MODULE_NOT_FOUND(packageName, fileURLToPath(base), null);\n        ^\n';
    }
    return 'node:internal/modules/esm/resolve:274\n    throw new ERR_MODULE_NOT_FOUND(\n          ^\n';
  }
  if (err.code === 'ERR_UNKNOWN_FILE_EXTENSION') return 'node:internal/modules/esm/get_format:185\n  throw new ERR_UNKNOWN_FILE_EXTENSION(ext, filepath);\n        ^\n';
  return null;
}

const UNHANDLED_ARROW = 'node:internal/process/promises:392\n      new UnhandledPromiseRejection(reason);\n      ^\n';

function fatalText(err: any, thrown: boolean): string {
  const isError = err instanceof Error || (err && typeof err === 'object' && typeof err.stack === 'string' && 'message' in err);
  // An arrow given in full (ending in NUL: a worker's error the parent rethrows) wins over the loaders' own.
  let arrow = err && typeof err === 'object' && !String(err[kArrow] ?? '').endsWith('\u0000') ? INTERNAL_ARROWS(err) : null;
  if (!arrow) arrow = arrowFromStack(err, thrown);
  let body: string;
  try {
    body = inspect(err, { colors: false });
    if (err && typeof err === 'object' && err[kEmittedAt]) body += '\n' + err[kEmittedAt];
  } catch {
    body = String(err);
  }
  if (!isError) {
    return `${arrow ? '\n' + arrow : ''}${body}\n(Use \`node --trace-uncaught ...\` to show where the exception was thrown)\n\nNode.js ${NODE_VERSION}\n`;
  }
  if (arrow?.endsWith('\u0000')) return `${arrow.slice(0, -1)}${body}\n\nNode.js ${NODE_VERSION}\n`;
  return `${arrow ? arrow + '\n' : ''}${body}\n\nNode.js ${NODE_VERSION}\n`;
}

let inFatal = false;
let mainPending = false;
/** Node's uncaught-exception path (process._fatalException). */
function onUncaught(err: unknown, origin: 'uncaughtException' | 'unhandledRejection' = 'uncaughtException', fromThrow = true): void {
  if (err instanceof ExitSignal || exited) return;
  if (isStackOverflow(err)) fixStackOverflow(err);
  if (!inFatal && proc) {
    if (proc._captureCallback) {
      proc._captureCallback(err);
      return;
    }
    if (proc.listenerCount('uncaughtException') > 0) {
      inFatal = true;
      try {
        proc.emit('uncaughtException', err, origin);
        return;
      } catch (e) {
        if (e instanceof ExitSignal) return;
        err = e;
      } finally {
        inFatal = false;
      }
    }
  }
  if (!thread) writeErr(fatalText(err, origin !== 'unhandledRejection' && fromThrow));
  if (proc) {
    proc.exitCode = 1;
    try {
      proc._markExiting();
      proc.emit('exit', proc.exitCode);
    } catch {
      // exit listeners cannot rescue a fatal error
    }
  }
  // A worker's uncaught exception is not printed: after its 'exit' listeners it becomes the parent's 'error' event.
  thread?.fatal(err);
  finish(proc?.exitCode ?? 1);
}

function isStackOverflow(err: any): boolean {
  return err instanceof RangeError && /call stack/i.test(err.message);
}

function fixStackOverflow(err: any): void {
  if (err.message !== 'Maximum call stack size exceeded') err.message = 'Maximum call stack size exceeded';
}

/** V8's NoSideEffectsToString, which Node uses to describe a rejection reason. */
function noSideEffectsToString(v: any): string {
  if (typeof v === 'symbol') return v.toString();
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return String(v);
  try {
    if (typeof v === 'function') return Function.prototype.toString.call(v);
    if (v.toString === Object.prototype.toString) return `#<${v.constructor?.name ?? 'Object'}>`;
    return Object.prototype.toString.call(v);
  } catch {
    return '#<Object>';
  }
}

function onUnhandledRejection(reason: unknown, promise: unknown): void {
  if (exited || reason instanceof ExitSignal) return;
  if (proc.listenerCount('unhandledRejection') > 0) {
    loop.runCallback(() => proc.emit('unhandledRejection', reason, promise));
    return;
  }
  let err: any = reason;
  if (!(reason instanceof Error)) {
    const shown = noSideEffectsToString(reason);
    err = new Error('This error originated either by throwing inside of an async function without a catch block, ' +
      `or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason "${shown}".`);
    err.name = 'UnhandledPromiseRejection';
    err.code = 'ERR_UNHANDLED_REJECTION';
    err.stack = String(err.stack).replace(/^Error/, 'UnhandledPromiseRejection');
    Object.defineProperty(err, kArrow, { value: UNHANDLED_ARROW });
    if (proc.listenerCount('uncaughtException') > 0) err = reason;
  }
  onUncaught(err, 'unhandledRejection');
}

const KNOWN_FLAGS = new Set([
  '--no-warnings', '--trace-uncaught', '--trace-warnings', '--enable-source-maps', '--no-deprecation',
  '--trace-deprecation', '--throw-deprecation', '--experimental-vm-modules', '--experimental-strip-types',
  '--no-experimental-strip-types', '--experimental-require-module', '--no-experimental-require-module',
  '--expose-gc', '--preserve-symlinks', '--preserve-symlinks-main', '--pending-deprecation', '--trace-exit',
  '--experimental-detect-module', '--no-experimental-detect-module', '--experimental-default-type=commonjs',
]);

interface Cli {
  mode: 'file' | 'eval' | 'print' | 'version' | 'stdin' | 'bad' | 'worker-eval';
  code?: string;
  file?: string;
  args: string[];
  execArgv: string[];
  bad?: string;
}

function parseCli(argv: string[]): Cli {
  const execArgv: string[] = [];
  let i = 1;
  let mode: Cli['mode'] = 'stdin';
  let code: string | undefined;
  while (i < argv.length) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    execArgv.push(a);
    if (a === '-v' || a === '--version') return { mode: 'version', args: [], execArgv };
    if (a === '-e' || a === '--eval' || a === '-p' || a === '--print' || a === '-pe') {
      mode = a.includes('p') && a !== '--eval' ? 'print' : 'eval';
      code = argv[++i];
      // (undefined when the flag is last)
      if (code === undefined) return { mode: 'bad', bad: `${a} requires an argument`, args: [], execArgv };
      execArgv.push(code);
      i++;
      continue;
    }
    if (a.startsWith('--eval=') || a.startsWith('--print=')) {
      mode = a.startsWith('--print') ? 'print' : 'eval';
      code = a.slice(a.indexOf('=') + 1);
      i++;
      continue;
    }
    const name = a.split('=')[0]!;
    if (KNOWN_FLAGS.has(a) || KNOWN_FLAGS.has(name) || name === '--stack-size' || name === '--max-old-space-size' ||
      name === '--input-type' || name === '--conditions' || name === '--title' || name === '--unhandled-rejections') {
      i++;
      continue;
    }
    return { mode: 'bad', bad: `bad option: ${a}`, args: [], execArgv };
  }
  if (mode === 'eval' || mode === 'print') return { mode, code, args: argv.slice(i), execArgv };
  if (i < argv.length) return { mode: 'file', file: argv[i], args: argv.slice(i + 1), execArgv };
  return { mode: 'stdin', args: [], execArgv };
}

let stdioLoopFd = false;
/**
 * libuv takes descriptors when Node opens a stdio stream: one for the loop's
 * first pipe or TTY stream (measured on Node 24.12.0 / libuv 1.51 under Linux),
 * and one more per TTY, which it reopens. Taking the same numbers keeps the fds
 * user code gets identical to Node's.
 */
function reserveStdioFds(ctx: NodeHostContext, isTTY: boolean): void {
  const reserve = ctx.fs?.reserveFd;
  if (typeof reserve !== 'function') return;
  if (!stdioLoopFd) {
    stdioLoopFd = true;
    reserve();
  }
  if (isTTY) reserve();
}

function installGlobals(ctx: NodeHostContext, execArgv: string[], argv: string[]): void {
  const g = globalThis as any;
  hideWebGlobals();
  proc = createProcess({
    argv, execArgv, env: ctx.env, cwd: ctx.cwd, pid: ctx.pid, ppid: ctx.ppid,
    stdout: ctx.stdout, stderr: ctx.stderr, stdin: ctx.stdin,
    reallyExit, onSignalListener: ctx.onSignalListener?.bind(ctx),
    onStdioOpen: (_fd: number, isTTY: boolean) => reserveStdioFds(ctx, isTTY),
    chdir: (dir: string) => {
      const target = path.resolve(dir);
      let st: any;
      try {
        st = ctx.fs.statSync(target);
      } catch (e: any) {
        const err: any = new Error(`ENOENT: no such file or directory, chdir ${proc.cwd()} -> '${dir}'`);
        err.errno = -2;
        err.code = 'ENOENT';
        err.syscall = 'chdir';
        err.path = proc.cwd();
        err.dest = dir;
        throw err;
      }
      if (!st.isDirectory()) {
        const err: any = new Error(`ENOTDIR: not a directory, chdir ${proc.cwd()} -> '${dir}'`);
        err.errno = -20;
        err.code = 'ENOTDIR';
        err.syscall = 'chdir';
        throw err;
      }
      return target;
    },
  });
  const define = (name: string, value: unknown) => {
    Object.defineProperty(g, name, { value, writable: true, configurable: true, enumerable: false });
  };
  if (ctx.ipc) ipcEnd = setupChildIpc(proc, ctx.ipc, ctx.ipcSerialization);
  define('process', proc);
  define('global', g);
  define('Buffer', Buffer);
  define('setTimeout', timers.setTimeout);
  define('setInterval', timers.setInterval);
  define('clearTimeout', timers.clearTimeout);
  define('clearInterval', timers.clearInterval);
  define('setImmediate', timers.setImmediate);
  define('clearImmediate', timers.clearImmediate);
  define('console', createConsole(proc._stdio[1], proc._stdio[2]));
  if (typeof g.structuredClone !== 'function') define('structuredClone', (v: unknown) => v);
  // fetch keeps the process alive while in flight, as undici's socket does.
  if (typeof g.fetch === 'function' && !g.fetch.__verklet) {
    const nativeFetch = g.fetch.bind(g);
    const fetch = (...args: unknown[]) => {
      loop.ref();
      return nativeFetch(...args).finally(() => loop.unref());
    };
    (fetch as any).__verklet = true;
    define('fetch', fetch);
  }
  if (typeof g.addEventListener === 'function') {
    g.addEventListener('unhandledrejection', (ev: any) => {
      ev.preventDefault?.();
      onUnhandledRejection(ev.reason, ev.promise);
    });
    g.addEventListener('error', (ev: any) => {
      ev.preventDefault?.();
      // Errors reported by the worker itself (thrown in microtasks) have no throw site.
      onUncaught(ev.error ?? new Error(String(ev.message)), 'uncaughtException', false);
    });
  }
}

function runLoop(): void {
  loop.run({
    idle: () => {
      if (exited || proc._exiting) return false;
      try {
        proc.emit('beforeExit', proc.exitCode ?? 0);
      } catch (e) {
        onUncaught(e);
      }
      return !exited;
    },
    error: (e) => onUncaught(e),
  }).then(() => {
    if (exited) return;
    if (mainPending) {
      const warning = unsettledTopLevelAwait();
      if (warning) writeErr(warning);
      proc.exitCode = 13;
    }
    const code = proc.exitCode ?? 0;
    proc._markExiting();
    try {
      proc.emit('exit', code);
    } catch (e) {
      if (!(e instanceof ExitSignal)) {
        onUncaught(e);
        return;
      }
    }
    finish(proc.exitCode ?? code);
  }, (e) => {
    onUncaught(e);
  });
}

function runMain(ctx: NodeHostContext, cli: Cli): void {
  if (cli.mode === 'worker-eval') {
    evalWorkerScript(cli.code!, ctx.cwd);
    return;
  }
  if (cli.mode === 'eval' || cli.mode === 'print') {
    const result = evalScript(cli.code!, ctx.cwd);
    if (cli.mode === 'print') (globalThis as any).console.log(result);
    return;
  }
  const main = cjsResolve(path.resolve(ctx.cwd, cli.file!), null, []);
  let fmt = formatOf(main);
  if (fmt === 'commonjs' && main.endsWith('.js') && !hasExplicitType(main)) {
    const src = String(ctx.fs.readFileSync(main, 'utf8'));
    if (looksLikeModule(src)) {
      try {
        (0, eval)('(function(){' + src.replace(/^#!/, '//') + '\n})');
      } catch {
        fmt = 'module';
      }
    }
  }
  if (fmt === 'module') {
    const done = runMainEsm(main);
    if (done) {
      // A pending top-level await does not keep Node's loop alive (exit 13 when it empties).
      mainPending = true;
      done.then(() => {
        mainPending = false;
      }, (e) => {
        mainPending = false;
        onUncaught(e);
      });
    }
    return;
  }
  runMainCjs(main);
}

/** Start a Node process in this worker. Call once. */
export function runNode(ctx: NodeHostContext): void {
  ctxRef = ctx;
  threadState.host = ctx.threads ?? null;
  if (ctx.thread) {
    void runWorkerThread(ctx, ctx.thread);
    return;
  }
  const cli = parseCli(ctx.argv);
  if (cli.mode === 'version') {
    ctx.stdout.write(encoder.encode(NODE_VERSION + '\n'));
    exited = true;
    ctx.exit(0);
    return;
  }
  if (cli.mode === 'bad') {
    ctx.stderr.write(encoder.encode(`node: ${cli.bad}\n`));
    exited = true;
    ctx.exit(9);
    return;
  }
  setFs(ctx.fs);
  setResolveCwd(() => proc?.cwd() ?? ctx.cwd);
  path.setCwd(() => proc?.cwd() ?? ctx.cwd);
  setInjectedBuiltins({ fs: () => ctx.fs, 'fs/promises': () => ctx.fs.promises, ...ctx.builtins });
  if (ctx.builtins?.http) installLoopbackFetch(() => builtinAccess.load('http'));
  setBuiltins(builtinAccess);
  setEsmBuiltins(builtinAccess);
  const argv = [proc?.execPath ?? '/usr/local/bin/node', ...cli.args];
  if (cli.mode === 'file') argv.splice(1, 0, path.resolve(ctx.cwd, cli.file!));
  installGlobals(ctx, cli.execArgv, argv);

  loop.setErrorHandler((e) => onUncaught(e));
  const start = () => {
    loop.updateTime();
    try {
      runMain(ctx, cli);
    } catch (e) {
      onUncaught(e);
    }
    if (exited) return;
    loop.runTicks();
    runLoop();
  };

  if (cli.mode === 'stdin' && ctx.stdin.isTTY) {
    ctx.stderr.write(encoder.encode('node: the interactive REPL is not available in Verklet; run `node file.js` or `node -e CODE`\n'));
    finish(1);
    return;
  }
  if (cli.mode === 'stdin') {
    const chunks: Uint8Array[] = [];
    ctx.stdin.start((chunk) => {
      if (chunk) {
        chunks.push(chunk);
        return;
      }
      const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      let off = 0;
      for (const c of chunks) {
        all.set(c, off);
        off += c.length;
      }
      cli.mode = 'eval';
      cli.code = new TextDecoder().decode(all);
      start();
    });
    return;
  }
  start();
}

/**
 * Worker mode: the host runs a worker_threads thread. Its script, argv and
 * workerData come in the boot record on the wire; stdio goes to the parent's
 * Worker object, and an uncaught exception is the parent's 'error' event.
 */
async function runWorkerThread(ctx: NodeHostContext, link: ThreadLink): Promise<void> {
  const rt = await openThread(link);
  thread = rt;
  const boot = rt.boot;
  const tctx: NodeHostContext = { ...ctx, stdout: rt.stdout, stderr: rt.stderr, stdin: rt.stdin, ipc: undefined, onSignalListener: undefined };
  ctxRef = tctx;
  setFs(tctx.fs);
  setResolveCwd(() => proc?.cwd() ?? tctx.cwd);
  path.setCwd(() => proc?.cwd() ?? tctx.cwd);
  setInjectedBuiltins({ fs: () => tctx.fs, 'fs/promises': () => tctx.fs.promises, ...tctx.builtins });
  if (tctx.builtins?.http) installLoopbackFetch(() => builtinAccess.load('http'));
  setBuiltins(builtinAccess);
  setEsmBuiltins(builtinAccess);
  const cli: Cli = boot.code !== undefined
    ? { mode: 'worker-eval', code: boot.code, args: boot.argv, execArgv: boot.execArgv }
    : { mode: 'file', file: boot.filename, args: boot.argv, execArgv: boot.execArgv };
  const execPath = '/usr/local/bin/node';
  installGlobals(tctx, boot.execArgv, [execPath, boot.code !== undefined ? '[worker eval]' : boot.filename!, ...boot.argv]);
  rt.adoptProcess(proc);
  loop.setErrorHandler((e) => onUncaught(e));
  rt.online();
  loop.updateTime();
  try {
    runMain(tctx, cli);
  } catch (e) {
    onUncaught(e);
  }
  if (exited) return;
  loop.runTicks();
  runLoop();
}

/** Deliver a signal from the kernel: emits on process; default action exits with 128+n. */
export function deliverSignal(signal: 'SIGINT' | 'SIGTERM' | 'SIGWINCH'): void {
  if (!proc || exited) return;
  if (signal === 'SIGWINCH') {
    for (const [stream, host] of [[proc._stdio[1], ctxRef!.stdout], [proc._stdio[2], ctxRef!.stderr]] as const) {
      if (!stream.isTTY) continue;
      stream.columns = host.columns ?? stream.columns;
      stream.rows = host.rows ?? stream.rows;
      loop.runCallback(() => stream.emit('resize'));
    }
  }
  proc._deliverSignal(signal);
}
