/**
 * `child_process`: every child is another Verklet process (its own worker),
 * started through the kernel, with stdio over a MessagePort. The synchronous
 * forms (spawnSync, execSync, execFileSync) block this worker in
 * `Atomics.wait` while the kernel runs the child, which needs shared memory;
 * without it they throw ERR_VERKLET_SYNC_UNAVAILABLE saying so.
 * https://nodejs.org/api/child_process.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import EventEmitter from './events.js';
import { Readable, Writable } from './stream.js';
import { Buffer } from './buffer.js';
import { createHandle, nextTick, runCallback } from './internal/loop.js';
import { codedError } from './internal/net-host.js';
import { setupParentIpc, type IpcSerialization } from './internal/ipc-channel.js';

export interface ChildHost {
  spawn(
    argv: string[],
    opts: { env: Record<string, string>; cwd: string; ipc?: MessagePort; ipcSerialization?: IpcSerialization },
    io: MessagePort,
  ): Promise<{ pid: number; exit: Promise<{ code: number; signal?: string }> }>;
  kill(pid: number, signal: string): void;
  /** Whether a command name or path would run (false → ENOENT, as Node reports a missing executable). */
  exists(command: string, env: Record<string, string>, cwd: string): boolean;
  canSpawnSync: boolean;
  spawnSync(
    argv: string[],
    opts: { env: Record<string, string>; cwd: string; input?: Uint8Array | null; maxBuffer: number; timeout?: number; killSignal?: string },
  ): { pid: number; status: number | null; signal: string | null; stdout: Uint8Array; stderr: Uint8Array; notFound: boolean; timedOut: boolean; overflow: boolean };
  writeStdout(bytes: Uint8Array): void;
  writeStderr(bytes: Uint8Array): void;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGKILL: 9, SIGUSR1: 10, SIGUSR2: 12, SIGTERM: 15 };
const DEFAULT_MAX_BUFFER = 1024 * 1024;

function proc(): any {
  return (globalThis as any).process;
}

function normalizeSpawnArgs(file: unknown, args: unknown, options: unknown): { file: string; args: string[]; options: any } {
  if (typeof file !== 'string')
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "file" argument must be of type string. Received ${file === undefined ? 'undefined' : typeof file}`);
  if (file.length === 0) throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'file' cannot be empty. Received ''");
  if (!Array.isArray(args)) {
    if (args !== undefined && args !== null && typeof args === 'object') [options, args] = [args, []];
    else args = [];
  }
  const opts: any = { ...((options as object) ?? {}) };
  return { file, args: (args as unknown[]).map(String), options: opts };
}

function envOf(options: any): Record<string, string> {
  const env = options.env ?? proc().env;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined) out[k] = String(v);
  return out;
}

function cwdOf(options: any): string {
  const cwd = options.cwd instanceof URL ? decodeURIComponent(options.cwd.pathname) : options.cwd;
  const base = proc().cwd();
  if (!cwd) return base;
  return String(cwd).startsWith('/') ? String(cwd) : `${base}/${cwd}`;
}

function stdioOf(options: any): [string, string, string] {
  const s = options.stdio;
  if (typeof s === 'string') return [s, s, s];
  if (Array.isArray(s)) return [norm(s[0]), norm(s[1]), norm(s[2])];
  return ['pipe', 'pipe', 'pipe'];
  function norm(v: any): string {
    if (v === undefined || v === null) return 'pipe';
    if (v === 0 || v === 1 || v === 2 || v === proc()) return 'inherit';
    return typeof v === 'string' ? v : 'pipe';
  }
}

function enoent(file: string, args: string[], syscall = `spawn ${file}`): Error {
  const err: any = new Error(`${syscall} ENOENT`);
  Object.assign(err, { errno: -2, code: 'ENOENT', syscall, path: file, spawnargs: args });
  return err;
}

export function createChildProcessModule(host: ChildHost): any {
  class ChildProcess extends (EventEmitter as any) {
    declare emit: (event: string, ...args: any[]) => boolean;
    declare on: (event: string, fn: (...args: any[]) => void) => this;
    declare once: (event: string, fn: (...args: any[]) => void) => this;
    pid: number | undefined = undefined;
    exitCode: number | null = null;
    signalCode: string | null = null;
    killed = false;
    connected = false;
    spawnfile = '';
    spawnargs: string[] = [];
    stdin: any = null;
    stdout: any = null;
    stderr: any = null;
    stdio: any[] = [null, null, null];
    #io: MessagePort | null = null;
    #handle = createHandle(false);
    #openStreams = 0;
    #exited = false;
    #ipc: { close(): void; closed: Promise<void> } | null = null;

    _start(file: string, args: string[], options: any, ipcMode?: IpcSerialization): void {
      this.spawnfile = file;
      this.spawnargs = [file, ...args];
      const env = envOf(options);
      const cwd = cwdOf(options);
      const [inMode, outMode, errMode] = stdioOf(options);
      if (!host.exists(file, env, cwd)) {
        nextTick(() => {
          this.emit('error', enoent(file, this.spawnargs));
          this.emit('close', -2, null);
        });
        return;
      }
      const channel = new MessageChannel();
      this.#io = channel.port1;
      if (inMode === 'pipe') {
        this.stdin = new Writable({
          write: (chunk: any, enc: string, cb: (e?: Error | null) => void) => {
            const bytes = typeof chunk === 'string' ? Buffer.from(chunk, enc) : chunk;
            this.#io?.postMessage({ type: 'stdin', data: Uint8Array.from(bytes) });
            cb();
          },
          final: (cb: () => void) => {
            this.#io?.postMessage({ type: 'stdin-end' });
            cb();
          },
        });
        // A child's stdin is a write-only socket in Node.
        Object.defineProperty(this.stdin, 'readable', { value: false, writable: true, configurable: true });
      } else channel.port1.postMessage({ type: 'stdin-end' });
      const readable = (mode: string) => {
        if (mode !== 'pipe') return null;
        this.#openStreams++;
        const r = new Readable({ read() {} });
        r.once('end', () => this.#streamClosed());
        return r;
      };
      this.stdout = readable(outMode);
      this.stderr = readable(errMode);
      this.stdio = [this.stdin, this.stdout, this.stderr];
      const deliver = (which: 'stdout' | 'stderr', data: Uint8Array, mode: string) => {
        if (mode === 'pipe') (this as any)[which].push(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
        else if (mode === 'inherit') (which === 'stdout' ? host.writeStdout : host.writeStderr)(data);
      };
      channel.port1.onmessage = (e: MessageEvent) =>
        runCallback(() => {
          const m = e.data;
          if (m.type === 'stdout' || m.type === 'stderr') this.#io?.postMessage({ type: 'ack', bytes: m.data.length });
          if (m.type === 'stdout') deliver('stdout', m.data, outMode);
          else if (m.type === 'stderr') deliver('stderr', m.data, errMode);
          else if (m.type === 'exit') this.#endStreams();
        });
      this.#handle.ref();
      let ipcPort: MessagePort | undefined;
      if (ipcMode) {
        const ipc = new MessageChannel();
        ipcPort = ipc.port2;
        this.#ipc = setupParentIpc(this, ipc.port1, ipcMode);
        (this as any)._channel = (this as any).channel;
        const send = (this as any).send;
        (this as any).send = (message: unknown, ...rest: unknown[]) => {
          if (message === undefined) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
          const t = typeof message;
          if (t !== 'string' && t !== 'object' && t !== 'number' && t !== 'boolean') {
            const shown = t === 'function' ? `function ${(message as any).name}` : `type ${t} (${String(message)}${t === 'bigint' ? 'n' : ''})`;
            throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE',
              `The "message" argument must be one of type string, object, number, or boolean. Received ${shown}`);
          }
          return send(message, ...rest);
        };
      }
      host.spawn([file, ...args], { env, cwd, ipc: ipcPort, ipcSerialization: ipcMode }, channel.port2).then(
        ({ pid, exit }) => {
          this.pid = pid;
          runCallback(() => this.emit('spawn'));
          exit.then(({ code, signal }) => void this.#onExit(code, signal));
        },
        (err: Error) => {
          this.#handle.unref();
          this.#ipc?.close();
          runCallback(() => this.emit('error', err));
        },
      );
      if (options.signal) {
        const signal: AbortSignal = options.signal;
        const onAbort = () => {
          this.kill(options.killSignal ?? 'SIGTERM');
          const err: any = new Error('The operation was aborted');
          err.name = 'AbortError';
          err.code = 'ABORT_ERR';
          this.emit('error', err);
        };
        if (signal.aborted) nextTick(onAbort);
        else signal.addEventListener('abort', onAbort, { once: true });
      }
    }

    kill(signal: string | number = 'SIGTERM'): boolean {
      const name = typeof signal === 'number' ? (Object.keys(SIGNAL_NUMBERS).find((k) => SIGNAL_NUMBERS[k] === signal) ?? 'SIGTERM') : signal;
      if (!(name in SIGNAL_NUMBERS)) throw codedError(TypeError, 'ERR_UNKNOWN_SIGNAL', `Unknown signal: ${name}`);
      if (this.#exited || this.pid === undefined) return false;
      host.kill(this.pid, name === 'SIGKILL' || name === 'SIGINT' || name === 'SIGTERM' ? name : 'SIGTERM');
      this.killed = true;
      return true;
    }

    ref(): void {
      if (!this.#exited) this.#handle.ref();
    }

    unref(): void {
      this.#handle.unref();
    }

    [Symbol.dispose](): void {
      if (!this.#exited) this.kill();
    }

    async #onExit(code: number, signal?: string): Promise<void> {
      this.#exited = true;
      this.#handle.close();
      if (signal) this.signalCode = signal;
      else this.exitCode = code;
      // Node's order for a fork: its last messages, 'disconnect', then 'exit'.
      const ipc = this.#ipc;
      if (ipc && this.connected) {
        await Promise.race([ipc.closed, new Promise((r) => setTimeout(r, 50))]);
        runCallback(() => ipc.close());
      }
      runCallback(() => this.#emitExit());
    }

    #emitExit(): void {
      this.emit('exit', this.exitCode, this.signalCode);
      // Streams end when the io port says so; a killed child never says it.
      setTimeout(() => this.#endStreams(), this.signalCode ? 0 : 50);
      this.#maybeClose();
    }

    #endStreams(): void {
      this.#io?.close();
      this.#io = null;
      this.stdout?.push(null);
      this.stderr?.push(null);
      this.stdout = this.stdout ?? null;
    }

    #streamClosed(): void {
      this.#openStreams--;
      this.#maybeClose();
    }

    #closed = false;
    #maybeClose(): void {
      if (this.#closed || !this.#exited || this.#openStreams > 0) return;
      this.#closed = true;
      nextTick(() => this.emit('close', this.exitCode, this.signalCode));
    }
  }

  function spawn(file: string, args?: any, options?: any): ChildProcess {
    const n = normalizeSpawnArgs(file, args, options);
    const child = new ChildProcess();
    let command = n.file;
    let argv = n.args;
    if (n.options.shell) {
      const line = [n.file, ...n.args].join(' ');
      command = typeof n.options.shell === 'string' ? n.options.shell : '/bin/sh';
      argv = ['-c', line];
    }
    child._start(command, argv, n.options, n.options.ipcMode);
    if (n.options.shell) child.spawnargs = [command, ...argv];
    return child;
  }

  function collect(child: ChildProcess, options: any, cmd: string, callback?: (err: any, stdout: any, stderr: any) => void): ChildProcess {
    const encoding = options.encoding ?? 'utf8';
    const maxBuffer = options.maxBuffer ?? DEFAULT_MAX_BUFFER;
    const out: any[] = [];
    const err: any[] = [];
    let outLen = 0;
    let errLen = 0;
    let killedForBuffer = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const decode = (chunks: any[]) => {
      // The user may have set an encoding on the stream itself: the chunks are strings then.
      if (chunks.some((c) => typeof c === 'string')) return chunks.map((c) => (typeof c === 'string' ? c : Buffer.from(c).toString())).join('');
      const all = Buffer.concat(chunks);
      return encoding === 'buffer' || !Buffer.isEncoding(encoding) ? all : all.toString(encoding);
    };
    const onData = (which: "out" | "err") => (chunk: any) => {
      const len = which === 'out' ? (outLen += chunk.length) : (errLen += chunk.length);
      (which === 'out' ? out : err).push(chunk);
      if (len > maxBuffer && !killedForBuffer) {
        killedForBuffer = true;
        child.kill(options.killSignal ?? 'SIGTERM');
      }
    };
    child.stdout?.on('data', onData('out'));
    child.stderr?.on('data', onData('err'));
    if (options.timeout > 0) timer = setTimeout(() => child.kill(options.killSignal ?? 'SIGTERM'), options.timeout);
    let done = false;
    const finish = (error: any) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      callback?.(error, decode(out), decode(err));
    };
    child.on('error', (e: any) => finish(e));
    child.on('close', (code: number | null, signal: string | null) => {
      if (code === 0 && !signal && !killedForBuffer) return finish(null);
      const stderr = decode(err);
      const e: any = killedForBuffer
        ? codedError(RangeError, 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER', 'stdout maxBuffer length exceeded')
        : new Error(`Command failed: ${cmd}${stderr ? `\n${stderr}` : ''}`);
      Object.assign(e, { code, killed: child.killed, signal, cmd });
      if (killedForBuffer) e.code = 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER';
      finish(e);
    });
    return child;
  }

  function exec(command: string, options?: any, callback?: any): ChildProcess {
    if (typeof options === 'function') [callback, options] = [options, undefined];
    const opts = { ...(options ?? {}) };
    const shell = typeof opts.shell === 'string' ? opts.shell : '/bin/sh';
    const child = new ChildProcess();
    child._start(shell, ['-c', String(command)], opts);
    return collect(child, opts, String(command), callback);
  }

  function execFile(file: string, args?: any, options?: any, callback?: any): ChildProcess {
    if (typeof args === 'function') [callback, args, options] = [args, [], undefined];
    else if (typeof options === 'function') [callback, options] = [options, undefined];
    const n = normalizeSpawnArgs(file, args, options);
    const child = spawn(n.file, n.args, n.options);
    return collect(child, n.options, [n.file, ...n.args].join(' '), callback);
  }

  function promisified(fn: typeof exec | typeof execFile) {
    return (...a: any[]) => {
      let child: any;
      const p: any = new Promise((resolve, reject) => {
        child = (fn as any)(...a, (err: any, stdout: any, stderr: any) => {
          if (err) {
            err.stdout = stdout;
            err.stderr = stderr;
            reject(err);
          } else resolve({ stdout, stderr });
        });
      });
      p.child = child;
      return p;
    };
  }
  (exec as any)[Symbol.for('nodejs.util.promisify.custom')] = promisified(exec);
  (execFile as any)[Symbol.for('nodejs.util.promisify.custom')] = promisified(execFile);

  function fork(modulePath: string, args?: any, options?: any): ChildProcess {
    if (!Array.isArray(args)) [options, args] = [args, []];
    const opts = { stdio: options?.silent ? 'pipe' : 'inherit', ...(options ?? {}), ipcMode: options?.serialization ?? 'json' };
    const execArgv: string[] = opts.execArgv ?? proc().execArgv ?? [];
    return spawn(opts.execPath ?? proc().execPath, [...execArgv, String(modulePath), ...args], opts);
  }

  function requireSync(what: string): void {
    if (!host.canSpawnSync)
      throw codedError(
        Error,
        'ERR_VERKLET_SYNC_UNAVAILABLE',
        `child_process.${what} needs shared memory, which this page does not have (it is not cross-origin isolated). Serve the page with the headers Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp, or use the asynchronous form.`,
      );
  }

  function spawnSync(file: string, args?: any, options?: any): any {
    requireSync('spawnSync');
    const n = normalizeSpawnArgs(file, args, options);
    let command = n.file;
    let argv = n.args;
    if (n.options.shell) {
      command = typeof n.options.shell === 'string' ? n.options.shell : '/bin/sh';
      argv = ['-c', [n.file, ...n.args].join(' ')];
    }
    const env = envOf(n.options);
    const cwd = cwdOf(n.options);
    const [, outMode, errMode] = stdioOf(n.options);
    const encoding = n.options.encoding;
    const wrap = (b: Uint8Array) => {
      const buf = Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      return encoding && encoding !== 'buffer' ? buf.toString(encoding) : buf;
    };
    if (!host.exists(command, env, cwd)) {
      // Node's spawnSync error lists the arguments without the file.
      const error = enoent(command, argv, `spawnSync ${command}`);
      return { error, status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null };
    }
    const input = n.options.input === undefined ? null : typeof n.options.input === 'string' ? Buffer.from(n.options.input) : Uint8Array.from(n.options.input);
    const r = host.spawnSync([command, ...argv], {
      env,
      cwd,
      input,
      maxBuffer: n.options.maxBuffer ?? DEFAULT_MAX_BUFFER,
      timeout: n.options.timeout,
      killSignal: n.options.killSignal,
    });
    if (outMode === 'inherit') host.writeStdout(r.stdout);
    if (errMode === 'inherit') host.writeStderr(r.stderr);
    const stdout = outMode === 'pipe' ? wrap(r.stdout) : null;
    const stderr = errMode === 'pipe' ? wrap(r.stderr) : null;
    const result: any = { status: r.status, signal: r.signal, output: [null, stdout, stderr], pid: r.pid, stdout, stderr };
    if (r.timedOut) {
      const e: any = new Error(`spawnSync ${command} ETIMEDOUT`);
      Object.assign(e, { errno: -110, code: 'ETIMEDOUT', syscall: `spawnSync ${command}`, path: command, spawnargs: argv });
      result.error = e;
    } else if (r.overflow) {
      const e: any = new Error(`spawnSync ${command} ENOBUFS`);
      Object.assign(e, { errno: -105, code: 'ENOBUFS', syscall: `spawnSync ${command}`, path: command, spawnargs: argv });
      result.error = e;
    }
    return result;
  }

  function checkSync(r: any, cmd: string): void {
    if (r.error) throw Object.assign(r.error, { status: r.status, signal: r.signal, output: r.output, pid: r.pid, stdout: r.stdout, stderr: r.stderr });
    if (r.status !== 0) {
      const stderr = r.stderr ? String(r.stderr) : '';
      const err: any = new Error(`Command failed: ${cmd}${stderr ? `\n${stderr}` : ''}`);
      Object.assign(err, { status: r.status, signal: r.signal, output: r.output, pid: r.pid, stdout: r.stdout, stderr: r.stderr });
      throw err;
    }
  }

  function execSync(command: string, options?: any): any {
    requireSync('execSync');
    const opts = { stdio: ['pipe', 'pipe', 'inherit'], ...(options ?? {}) };
    const shell = typeof opts.shell === 'string' ? opts.shell : '/bin/sh';
    const r = spawnSync(shell, ['-c', String(command)], opts);
    checkSync(r, String(command));
    return r.stdout;
  }

  function execFileSync(file: string, args?: any, options?: any): any {
    requireSync('execFileSync');
    const n = normalizeSpawnArgs(file, args, options);
    const r = spawnSync(n.file, n.args, { stdio: ['pipe', 'pipe', 'inherit'], ...n.options });
    checkSync(r, [n.file, ...n.args].join(' '));
    return r.stdout;
  }

  return { ChildProcess, spawn, exec, execFile, fork, spawnSync, execSync, execFileSync, _forkChild() {} };
}
