/**
 * `process`: the global process object of a Node 24.12.0 process running in a
 * browser worker. Built once per worker by the host from the NodeHostContext.
 * https://nodejs.org/api/process.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Readable, Writable } from 'readable-stream';
import { Buffer } from './buffer.js';
import EventEmitter from './events.js';
import * as loop from './internal/loop.js';
import { ExitSignal } from './internal/loop.js';
import type { HostInput, HostOutput } from './host.js';

export const NODE_VERSION = 'v24.12.0';
export const EXEC_PATH = '/usr/local/bin/node';

/** process.versions as Node 24.12.0 reports them. */
export const VERSIONS = {
  node: '24.12.0', acorn: '8.15.0', ada: '3.3.0', amaro: '1.1.5', ares: '1.34.5', brotli: '1.1.0',
  cjs_module_lexer: '2.1.0', cldr: '47.0', icu: '77.1', llhttp: '9.3.0', modules: '137', napi: '10',
  nbytes: '0.1.1', ncrypto: '0.0.1', nghttp2: '1.67.1', openssl: '3.5.4', simdjson: '4.1.0',
  simdutf: '6.4.0', sqlite: '3.50.4', tz: '2025b', undici: '7.16.0', unicode: '16.0', uv: '1.51.0',
  uvwasi: '0.0.23', v8: '13.6.233.17-node.37', zlib: '1.3.1-470d3a2', zstd: '1.5.7',
};

const SIGNALS: Record<string, number> = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9,
  SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGCONT: 18,
  SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26,
  SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPWR: 30, SIGSYS: 31,
};
export { SIGNALS };

export interface ProcessOptions {
  argv: string[];
  execArgv: string[];
  env: Record<string, string>;
  cwd: string;
  pid: number;
  ppid: number;
  stdout: HostOutput;
  stderr: HostOutput;
  stdin: HostInput;
  /** Called by process.exit after 'exit' listeners ran. */
  reallyExit(code: number): never;
  onSignalListener?(signal: string, listening: boolean): void;
  chdir(dir: string): string;
  /** Called once per stdio stream when user code first touches it (getter or first write). */
  onStdioOpen?(fd: 0 | 1 | 2, isTTY: boolean): void;
}

function invalidArgType(name: string, type: string, v: unknown): Error {
  const e = new TypeError(`The "${name}" argument must be of type ${type}. Received ${describe(v)}`) as any;
  e.code = 'ERR_INVALID_ARG_TYPE';
  return e;
}
function describe(v: unknown): string {
  if (v == null) return String(v);
  if (typeof v === 'function') return `function ${(v as any).name}`;
  if (typeof v === 'object') return `an instance of ${(v as any).constructor?.name ?? 'Object'}`;
  if (typeof v === 'string') return `type string ('${v}')`;
  return `type ${typeof v} (${String(v)})`;
}

function makeOutput(out: HostOutput, fd: 1 | 2, opened: () => void): any {
  const stream: any = new Writable({
    decodeStrings: false,
    write(chunk: any, encoding: string, cb: (e?: Error | null) => void) {
      opened();
      if (!loop.isStopped()) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
        out.write(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      }
      cb();
    },
  });
  stream.fd = fd;
  stream._type = out.isTTY ? 'tty' : 'pipe';
  stream._isStdio = true;
  stream.destroySoon = stream.destroy;
  stream._destroy = (err: Error | null, cb: (e: Error | null) => void) => cb(err);
  if (out.isTTY) {
    stream.isTTY = true;
    stream.columns = out.columns ?? 80;
    stream.rows = out.rows ?? 24;
    stream.getWindowSize = () => [stream.columns, stream.rows];
    stream.hasColors = (count?: number) => (count ?? 16) <= 256;
    stream.getColorDepth = () => 8;
    stream.cursorTo = (x: number, y?: number, cb?: () => void) => {
      stream.write(typeof y === 'number' ? `\x1b[${y + 1};${x + 1}H` : `\x1b[${x + 1}G`, cb);
      return true;
    };
    stream.moveCursor = (dx: number, dy: number, cb?: () => void) => {
      let s = '';
      if (dx < 0) s += `\x1b[${-dx}D`; else if (dx > 0) s += `\x1b[${dx}C`;
      if (dy < 0) s += `\x1b[${-dy}A`; else if (dy > 0) s += `\x1b[${dy}B`;
      stream.write(s, cb);
      return true;
    };
    stream.clearLine = (dir: number, cb?: () => void) => {
      stream.write(dir < 0 ? '\x1b[1K' : dir > 0 ? '\x1b[0K' : '\x1b[2K', cb);
      return true;
    };
    stream.clearScreenDown = (cb?: () => void) => {
      stream.write('\x1b[0J', cb);
      return true;
    };
  }
  return stream;
}

function makeInput(input: HostInput, isTTY: boolean): any {
  let started = false;
  const handle = loop.createHandle(false);
  const stream: any = new Readable({
    read() {
      if (started) return;
      started = true;
      handle.ref();
      input.start((chunk) => {
        loop.runCallback(() => {
          if (chunk === null) {
            handle.close();
            stream.push(null);
          } else stream.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        });
      });
    },
    destroy(err: Error | null, cb: (e: Error | null) => void) {
      handle.close();
      input.stop();
      cb(err);
    },
  });
  stream.fd = 0;
  if (isTTY) {
    stream.isTTY = true;
    stream.isRaw = false;
    stream.setRawMode = (mode: boolean) => {
      stream.isRaw = mode;
      return stream;
    };
  }
  const pause = stream.pause;
  stream.pause = function () {
    if (started) handle.unref();
    return pause.call(this);
  };
  const resume = stream.resume;
  stream.resume = function () {
    if (started && !stream.readableEnded) handle.ref();
    return resume.call(this);
  };
  stream.ref = () => { if (started) handle.ref(); return stream; };
  stream.unref = () => { handle.unref(); return stream; };
  return stream;
}

/** Build the process object. */
export function createProcess(opts: ProcessOptions): any {
  const proc: any = new (EventEmitter as any)();
  Object.defineProperty(proc, Symbol.toStringTag, { value: 'process', enumerable: false, configurable: true });
  const start = performance.now();
  let exitCode: number | undefined;
  let exiting = false;

  proc.title = 'node';
  proc.version = NODE_VERSION;
  proc.versions = { ...VERSIONS };
  proc.arch = 'x64';
  proc.platform = 'linux';
  proc.release = {
    name: 'node',
    lts: 'Krypton',
    sourceUrl: 'https://nodejs.org/download/release/v24.12.0/node-v24.12.0.tar.gz',
    headersUrl: 'https://nodejs.org/download/release/v24.12.0/node-v24.12.0-headers.tar.gz',
  };
  proc.argv = opts.argv;
  proc.execArgv = opts.execArgv;
  proc.argv0 = 'node';
  proc.execPath = EXEC_PATH;
  proc.pid = opts.pid;
  proc.ppid = opts.ppid;
  proc.env = opts.env;
  proc.features = {
    inspector: false, debug: false, uv: true, ipv6: true, tls_alpn: true, tls_sni: true, tls_ocsp: true,
    tls: true, openssl_is_boringssl: false, cached_builtins: true, require_module: true, typescript: 'strip',
  };
  proc.config = { target_defaults: {}, variables: { node_shared: false, napi_build_version: '10' } };
  proc.allowedNodeEnvironmentFlags = new Set();
  proc.debugPort = 9229;
  proc.sourceMapsEnabled = false;
  proc.throwDeprecation = false;
  proc.noDeprecation = false;
  proc.traceDeprecation = false;
  proc.report = {};
  proc.moduleLoadList = [];
  proc.binding = () => {
    throw new Error('process.binding is not supported');
  };

  Object.defineProperty(proc, 'exitCode', {
    enumerable: true,
    configurable: false,
    get: () => exitCode,
    set: (v: unknown) => {
      if (v !== undefined && v !== null) {
        if (typeof v === 'string' && /^-?\d+$/.test(v)) v = Number(v);
        if (typeof v !== 'number' || !Number.isInteger(v)) {
          throw invalidArgType('code', 'number', v);
        }
      }
      exitCode = v == null ? undefined : (v as number);
    },
  });

  proc.cwd = () => opts.cwd;
  proc.chdir = (dir: string) => {
    if (typeof dir !== 'string') throw invalidArgType('directory', 'string', dir);
    opts.cwd = opts.chdir(dir);
  };
  proc.umask = (mask?: number) => {
    const old = proc._umask ?? 0o22;
    if (mask !== undefined) proc._umask = typeof mask === 'string' ? parseInt(mask, 8) : mask;
    return old;
  };
  proc.uptime = () => (performance.now() - start) / 1000;
  const hrtime = (prev?: [number, number]) => {
    const ns = BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
    let s = Number(ns / 1000000000n);
    let n = Number(ns % 1000000000n);
    if (prev) {
      s -= prev[0];
      n -= prev[1];
      if (n < 0) {
        s--;
        n += 1e9;
      }
    }
    return [s, n];
  };
  hrtime.bigint = () => BigInt(Math.round((performance.timeOrigin + performance.now()) * 1e6));
  proc.hrtime = hrtime;
  const memoryUsage: any = () => {
    const m = (performance as any).memory;
    const heapUsed = m?.usedJSHeapSize ?? 4_000_000;
    return { rss: heapUsed * 2 + 30_000_000, heapTotal: m?.totalJSHeapSize ?? 6_000_000, heapUsed, external: 1_000_000, arrayBuffers: 10_000 };
  };
  memoryUsage.rss = () => memoryUsage().rss;
  proc.memoryUsage = memoryUsage;
  proc.cpuUsage = () => {
    const us = Math.round((performance.now() - start) * 1000);
    return { user: us, system: 0 };
  };
  proc.resourceUsage = () => ({ userCPUTime: 0, systemCPUTime: 0, maxRSS: 0 });
  proc.getuid = () => 1000;
  proc.geteuid = () => 1000;
  proc.getgid = () => 1000;
  proc.getegid = () => 1000;
  proc.getgroups = () => [1000];
  proc.availableMemory = () => 4 * 1024 ** 3;
  proc.constrainedMemory = () => 0;
  proc.nextTick = (fn: unknown, ...args: unknown[]) => {
    if (typeof fn !== 'function') throw invalidArgType('callback', 'function', fn);
    loop.nextTick(fn as any, ...args);
  };
  proc.emitWarning = (warning: any, type?: any, code?: any) => {
    let opts2: any = {};
    if (type && typeof type === 'object') {
      opts2 = type;
      type = opts2.type;
      code = opts2.code;
    }
    if (typeof warning === 'string') {
      const w: any = new Error(warning);
      w.name = typeof type === 'string' ? type : 'Warning';
      if (code !== undefined) w.code = code;
      if (opts2.detail) w.detail = opts2.detail;
      warning = w;
    }
    if (warning.name === 'DeprecationWarning' && proc.noDeprecation) return;
    loop.nextTick(() => proc.emit('warning', warning));
  };
  let warnedOnce = false;
  proc.on('warning', () => {});
  proc._defaultWarning = (w: any) => {
    const codeStr = w.code ? `[${w.code}] ` : '';
    let msg = `(node:${opts.pid}) ${codeStr}${w.name}: ${w.message}\n`;
    if (!warnedOnce && w.name !== 'DeprecationWarning') {
      warnedOnce = true;
      msg += '(Use `node --trace-warnings ...` to show where the warning was created)\n';
    } else if (!warnedOnce && w.name === 'DeprecationWarning') {
      warnedOnce = true;
      msg += '(Use `node --trace-deprecation ...` to show where the warning was created)\n';
    }
    if (w.detail) msg += w.detail + '\n';
    proc.stderr.write(msg);
  };
  proc.removeAllListeners('warning');
  proc.on('warning', (w: any) => proc._defaultWarning(w));

  proc.exit = (code?: unknown) => {
    if (code !== undefined) proc.exitCode = code;
    if (!exiting) {
      exiting = true;
      try {
        proc.emit('exit', proc.exitCode ?? 0);
      } catch (e) {
        if (!(e instanceof ExitSignal)) throw e;
      }
    }
    opts.reallyExit(proc.exitCode ?? 0);
  };
  proc.reallyExit = (code: number) => opts.reallyExit(code);
  proc._exiting = false;
  proc._markExiting = () => {
    exiting = true;
    proc._exiting = true;
  };
  proc.abort = () => opts.reallyExit(134);
  proc.kill = (pid: number, signal: string | number = 'SIGTERM') => {
    const sig = typeof signal === 'number' ? signal : SIGNALS[signal];
    if (sig === undefined) {
      const e: any = new TypeError(`Unknown signal: ${signal}`);
      e.code = 'ERR_UNKNOWN_SIGNAL';
      throw e;
    }
    if (pid === opts.pid || pid === 0) {
      const name = Object.keys(SIGNALS).find((k) => SIGNALS[k] === sig)!;
      queueMicrotask(() => proc._deliverSignal(name));
      return true;
    }
    const e: any = new Error('kill ESRCH');
    e.code = 'ESRCH';
    e.errno = -3;
    e.syscall = 'kill';
    throw e;
  };
  proc._deliverSignal = (name: string) => {
    loop.runCallback(() => {
      if (proc.listenerCount(name) > 0) proc.emit(name, name);
      else if (name !== 'SIGWINCH' && name !== 'SIGCHLD' && name !== 'SIGURG') {
        opts.reallyExit(128 + (SIGNALS[name] ?? 15));
      }
    });
  };
  proc.on('newListener', (ev: string | symbol) => {
    if (ev === 'SIGINT' || ev === 'SIGTERM') {
      if (proc.listenerCount(ev) === 0) opts.onSignalListener?.(ev, true);
    }
  });
  proc.on('removeListener', (ev: string | symbol) => {
    if (ev === 'SIGINT' || ev === 'SIGTERM') {
      if (proc.listenerCount(ev) === 0) opts.onSignalListener?.(ev, false);
    }
  });
  proc.setUncaughtExceptionCaptureCallback = (fn: ((e: unknown) => void) | null) => {
    proc._captureCallback = fn;
  };
  proc.hasUncaughtExceptionCaptureCallback = () => !!proc._captureCallback;
  proc.setSourceMapsEnabled = () => {};
  proc.getActiveResourcesInfo = () => [];
  proc.emitWarningSync = proc.emitWarning;
  // Node creates the stdio streams lazily, and opening one takes fds in libuv;
  // the host mirrors that through onStdioOpen (the console writes without the getter).
  const opened = [false, false, false];
  const open = (fd: 0 | 1 | 2, isTTY: boolean) => () => {
    if (opened[fd]) return;
    opened[fd] = true;
    opts.onStdioOpen?.(fd, isTTY);
  };
  const stdio = [
    makeInput(opts.stdin, !!opts.stdin.isTTY),
    makeOutput(opts.stdout, 1, open(1, !!opts.stdout.isTTY)),
    makeOutput(opts.stderr, 2, open(2, !!opts.stderr.isTTY)),
  ];
  const names = ['stdin', 'stdout', 'stderr'] as const;
  names.forEach((name, fd) => {
    const opener = open(fd as 0 | 1 | 2, !!stdio[fd].isTTY || (fd === 0 && !!opts.stdin.isTTY));
    Object.defineProperty(proc, name, {
      get: () => {
        opener();
        return stdio[fd];
      },
      set: (v: unknown) => {
        stdio[fd] = v;
      },
      enumerable: true,
      configurable: true,
    });
  });
  Object.defineProperty(proc, '_stdio', { value: stdio, enumerable: false });
  proc.openStdin = () => {
    proc.stdin.resume();
    return proc.stdin;
  };
  return proc;
}
