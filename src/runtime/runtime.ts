/**
 * The Runtime facade: what a page holds. It runs no user code itself; it owns
 * one kernel worker, talks to it over Comlink (with a deadline on every call),
 * turns the kernel's event stream into `runtime.on(...)` events and hands out
 * process handles whose stdio flows over MessagePorts straight from the
 * process workers.
 */
import * as Comlink from 'comlink';
import type { KernelApi } from '../kernel/kernel-worker.js';
import type { KernelEvent } from '../kernel/protocol.js';
import { Emitter } from '../internal/emitter.js';
import { installErrorTransfer } from '../internal/worker-errors.js';
import { withTimeout } from '../internal/with-timeout.js';
import { resolvePath } from '../internal/resolve-path.js';
import { ASSETS, assetUrl } from './asset-url.js';
import { hasOpfs, hasSharedMemory, missingFeatures } from './capabilities.js';
import { RuntimeProcessHandle } from './runtime-process.js';
import { RuntimeFsImpl } from './runtime-fs.js';
import { linkServiceWorker, type PreviewMessage, type ServiceWorkerLink } from './service-worker-link.js';
import { errorResponse, receiveResponse, sendBody } from '../internal/http-wire-client.js';
import type { HttpRequestMeta } from '../internal/http-wire.js';
import { assertString, assertStringArray, checkBootOptions, checkSpawnOptions } from './validate.js';
import type {
  BootOptions,
  Capabilities,
  CommandHandler,
  Diagnostic,
  FileSystemTree,
  RuntimeEvents,
  RuntimeFS,
  RuntimeProcess,
  Signal,
  SpawnOptions,
} from './types.js';

const CALL_TIMEOUT = 30_000;
const BOOT_TIMEOUT = 20_000;
const DEFAULT_WORKDIR = '/home/project';
const POOL_SIZE = 2;

const BASE_ENV: Record<string, string> = {
  PATH: '/home/project/node_modules/.bin:/usr/local/bin:/usr/bin:/bin',
  HOME: '/home/project',
  USER: 'user',
  SHELL: '/bin/sh',
  LANG: 'C.UTF-8',
  TERM: 'xterm-256color',
};

let nextRuntime = 1;

function newRuntimeId(): string {
  const random = globalThis.crypto?.randomUUID?.().slice(0, 8) ?? Math.random().toString(36).slice(2, 10);
  return `rt_${random}_${nextRuntime++}`;
}

/** A Node.js-style runtime in this tab. Create one with `Runtime.boot()`. */
export class Runtime {
  /** Reports what this browser lacks for Verklet; `supported` is false when anything essential is missing. */
  static isSupported(): { supported: boolean; missing: string[] } {
    const missing = missingFeatures();
    return { supported: missing.length === 0, missing };
  }

  /** Starts a runtime: the kernel worker, the filesystem and a pool of process workers. */
  static async boot(options?: BootOptions): Promise<Runtime> {
    const opts = checkBootOptions(options);
    const { supported, missing } = Runtime.isSupported();
    if (!supported) throw new Error(`Verklet cannot run in this browser: missing ${missing.join(', ')}`);
    installErrorTransfer();
    const sharedMemory = hasSharedMemory();
    const workdir = resolvePath('/', opts.workdir ?? DEFAULT_WORKDIR);
    const id = newRuntimeId();
    const kernelUrl = assetUrl(ASSETS.kernel);
    const worker = new Worker(kernelUrl, { type: 'module', name: `verklet-kernel-${id}` });
    const loadFailure = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (e) => {
        e.preventDefault?.();
        reject(new Error(`Verklet: the kernel worker failed to load from ${kernelUrl}${e.message ? `: ${e.message}` : ''}`));
      });
    });
    loadFailure.catch(() => {});
    const api = Comlink.wrap<KernelApi>(worker);
    const events = new MessageChannel();
    const env = { ...BASE_ENV, HOME: workdir, PATH: `${workdir}/node_modules/.bin:/usr/local/bin:/usr/bin:/bin`, ...(opts.registry ? { npm_config_registry: opts.registry } : {}), ...opts.env };
    try {
      if (opts.persistenceKey) void navigator.storage?.persist?.().catch(() => {});
      const [opfsAvailable, booted] = await Promise.all([
        hasOpfs(),
        withTimeout(
          Promise.race([
            api.init(
              Comlink.transfer(
                {
                  runtimeId: id,
                  workdir,
                  env,
                  sharedMemory,
                  processWorkerUrl: assetUrl(ASSETS.process),
                  vfsUrl: assetUrl(sharedMemory ? ASSETS.vfsShared : ASSETS.vfs),
                  poolSize: POOL_SIZE,
                  hostCommands: [],
                  persistence: opts.persistenceKey ? { key: opts.persistenceKey, onConflict: opts.persistence?.onConflict } : undefined,
                  fs: opts.fs?.quota !== undefined ? { quota: opts.fs.quota } : undefined,
                },
                [],
              ),
              Comlink.transfer(events.port2, [events.port2]),
            ),
            loadFailure,
          ]),
          // Waiting for another tab to hand over its key may take as long as that tab lives.
          opts.persistence?.onConflict === 'inherit' ? 24 * 3600_000 : BOOT_TIMEOUT,
          'Verklet boot',
        ),
      ]);
      const diagnostics: Diagnostic[] = [];
      const previewSink: { emit: (m: PreviewMessage) => void } = { emit: () => {} };
      const swLink = await connectServiceWorker(opts, id, sharedMemory, api, diagnostics, previewSink);
      const capabilities: Capabilities = {
        backend: 'browser',
        python: false,
        opfs: booted.persistence ? booted.persistence.backend === 'opfs' : opfsAvailable,
        sharedMemory,
        serviceWorker: !!swLink,
        linux: false,
        nativePackages: false,
        checkpoints: false,
        persistentFilesystem: booted.persistence?.backend ?? 'memory',
      };
      const rt = new Runtime(INTERNAL, {
        id,
        worker,
        api,
        events: events.port1,
        workdir,
        env,
        capabilities,
        swLink,
        previewTimeout: opts.preview?.timeoutMs ?? 30_000,
        persistenceKey: booted.persistence?.key,
      });
      previewSink.emit = (m) => rt.#emitter.emit('preview-message', m);
      // Listeners attached right after boot still hear what boot found.
      setTimeout(() => {
        for (const d of diagnostics) rt.#emitter.emit('diagnostic', d);
      }, 0);
      return rt;
    } catch (err) {
      worker.terminate();
      events.port1.close();
      throw err;
    }
  }

  /**
   * Forgets a persisted workspace (its manifests; contents no other key uses
   * are collected). Rejects with code EBUSY while a runtime holds the key.
   */
  static async clearPersistence(
    key: string,
    options?: { backend?: 'browser' | 'server'; projectId?: string; grant?: unknown },
  ): Promise<void> {
    assertString(key, 'key');
    if (options?.backend === 'server') throw new Error('clearPersistence: the server backend is not available in this build; use backend: "browser"');
    const { clearPersistence } = await import('../fs/persistence/persistence-store.js');
    await clearPersistence(key);
  }

  readonly id: string;
  readonly backend: 'browser' | 'server' = 'browser';
  readonly capabilities: Capabilities;
  readonly workdir: string;
  /**
   * The persistence key in use (an addition to API.md): `persistenceKey`, or
   * the fork's key when another tab held it; undefined without persistence.
   */
  readonly persistenceKey: string | undefined;

  readonly #worker: Worker;
  readonly #api: Comlink.Remote<KernelApi>;
  readonly #events: MessagePort;
  readonly #env: Record<string, string>;
  readonly #emitter = new Emitter<RuntimeEvents>();
  readonly #processes = new Map<number, RuntimeProcessHandle>();
  readonly #commands = new Map<string, CommandHandler>();
  readonly #fs: RuntimeFsImpl;
  readonly #swLink: ServiceWorkerLink | undefined;
  readonly #previewTimeout: number;
  #torndown: Promise<void> | undefined;
  #unlisten: () => void = () => {};

  private constructor(
    token: symbol,
    parts: {
      id: string;
      worker: Worker;
      api: Comlink.Remote<KernelApi>;
      events: MessagePort;
      workdir: string;
      env: Record<string, string>;
      capabilities: Capabilities;
      swLink: ServiceWorkerLink | undefined;
      previewTimeout: number;
      persistenceKey: string | undefined;
    },
  ) {
    if (token !== INTERNAL) throw new TypeError('use Runtime.boot() to create a runtime');
    this.id = parts.id;
    this.#worker = parts.worker;
    this.#api = parts.api;
    this.#events = parts.events;
    this.workdir = parts.workdir;
    this.#env = parts.env;
    this.capabilities = Object.freeze(parts.capabilities);
    this.#swLink = parts.swLink;
    this.#previewTimeout = parts.previewTimeout;
    this.persistenceKey = parts.persistenceKey;
    if (parts.persistenceKey && typeof addEventListener === 'function') {
      // Save before the page goes away; a hidden page may never come back.
      const flush = () => void this.#api.flushPersistence().catch(() => {});
      const onVisibility = () => {
        if (document.visibilityState === 'hidden') flush();
      };
      addEventListener('pagehide', flush);
      document.addEventListener('visibilitychange', onVisibility);
      this.#unlisten = () => {
        removeEventListener('pagehide', flush);
        document.removeEventListener('visibilitychange', onVisibility);
      };
    }
    this.#fs = new RuntimeFsImpl(this.#api, this.workdir, (message) => this.#emitter.emit('error', { message }));
    this.#events.onmessage = (e: MessageEvent<KernelEvent>) => this.#onKernelEvent(e.data);
  }

  /** The runtime's filesystem (API.md RuntimeFS). */
  get fs(): RuntimeFS {
    return this.#fs;
  }

  /** Starts a process by command name, as a shell would (`node`, `sh`, `ls`, ...). */
  async spawn(command: string, args: string[] = [], options?: SpawnOptions): Promise<RuntimeProcess> {
    assertString(command, 'command');
    assertStringArray(args, 'args');
    const opts = checkSpawnOptions(options);
    this.#assertAlive();
    const cwd = resolvePath(this.workdir, opts.cwd ?? '.');
    const env = { ...this.#env, ...opts.env, PWD: cwd };
    const channel = new MessageChannel();
    const handle = new RuntimeProcessHandle(channel.port1, (pid, signal) => this.#kill(pid, signal));
    const pid = await withTimeout(
      this.#api.spawn([command, ...args], env, cwd, opts.terminal, Comlink.transfer(channel.port2, [channel.port2])),
      CALL_TIMEOUT,
      `spawn ${command}`,
    );
    handle.pid = pid;
    this.#processes.set(pid, handle);
    void handle.exit.then(() => this.#processes.delete(pid));
    return handle;
  }

  /** Runs `sh -c commandLine` and collects its output. */
  async exec(commandLine: string, options?: SpawnOptions): Promise<{ exitCode: number; stdout: string; stderr: string }> {
    assertString(commandLine, 'commandLine');
    const proc = await this.spawn('sh', ['-c', commandLine], options);
    const [stdout, stderr, exitCode] = await Promise.all([readAll(proc.stdout), readAll(proc.stderr), proc.exit]);
    return { exitCode, stdout, stderr };
  }

  on<E extends keyof RuntimeEvents>(event: E, listener: RuntimeEvents[E]): () => void {
    assertString(event, 'event');
    if (typeof listener !== 'function') throw new TypeError('listener must be a function');
    return this.#emitter.on(event, listener);
  }

  /** Adds a command that processes (and the shell) can run; its handler runs on this page. */
  registerCommand(name: string, handler: CommandHandler): () => void {
    assertString(name, 'name');
    if (!/^[A-Za-z0-9._+-]+$/.test(name)) throw new TypeError(`command name '${name}' may hold only letters, digits and . _ + -`);
    if (typeof handler !== 'function') throw new TypeError('handler must be a function');
    this.#commands.set(name, handler);
    void this.#api.setHostCommands([...this.#commands.keys()]);
    return () => {
      if (this.#commands.get(name) !== handler) return;
      this.#commands.delete(name);
      if (!this.#torndown) void this.#api.setHostCommands([...this.#commands.keys()]);
    };
  }

  /**
   * The URL under which the preview service worker serves `port` of this
   * runtime: `<scope>__verklet__/<runtimeId>/<port><path>`.
   */
  previewUrl(port: number, path = '/'): string {
    checkPort(port);
    assertString(path, 'path');
    const scope = this.#swLink?.scope ?? new URL('/', location.href).href;
    return new URL(`__verklet__/${this.id}/${port}${path.startsWith('/') ? path : `/${path}`}`, scope).href;
  }

  /**
   * Code that runs in every HTML preview page before the page's own scripts
   * (an addition to API.md, like WebContainers' setPreviewScript). The
   * preview service worker inlines it in a `<script>` first in `<head>`;
   * pages loaded after the call get it. An empty string removes it.
   */
  async setPreviewScript(script: string): Promise<void> {
    assertString(script, 'script');
    this.#assertAlive();
    await this.#swLink?.setPreviewScript(script);
  }

  /**
   * Sends an HTTP request to the server listening on `port` inside the
   * runtime, without the service worker. Never hangs: 502 when nothing
   * listens or the answer is malformed, 504 when no answer comes in time.
   */
  async fetchPreview(port: number, path = '/', init?: RequestInit): Promise<Response> {
    checkPort(port);
    assertString(path, 'path');
    this.#assertAlive();
    const request = new Request(new URL(path.startsWith('/') ? path : `/${path}`, 'http://localhost'), init);
    const url = new URL(request.url);
    const meta: HttpRequestMeta = { kind: 'http', method: request.method, url: url.pathname + url.search, headers: [...request.headers], origin: 'fetch' };
    const channel = new MessageChannel();
    const label = `port ${port}`;
    const ok = await withTimeout(this.#api.connect(port, meta, Comlink.transfer(channel.port2, [channel.port2])), CALL_TIMEOUT, 'fetchPreview');
    if (!ok) {
      channel.port1.close();
      return errorResponse(502, 'Bad Gateway', `Nothing is listening on <code>${label}</code>. Start a server on that port and try again.`);
    }
    const response = receiveResponse(channel.port1, {
      timeoutMs: this.#previewTimeout,
      label,
      onProblem: (code, message) => this.#emitter.emit('diagnostic', { level: 'warn', code, message }),
    });
    void sendBody(channel.port1, request.body).catch(() => {});
    return response;
  }

  /**
   * Writes a FileSystemTree or a snapshot (docs/snapshot-format.md) at
   * `mountPoint` (default: workdir). All or nothing: a malformed input rejects
   * and leaves the filesystem as it was.
   */
  async mount(tree: FileSystemTree | Uint8Array, options?: { mountPoint?: string }): Promise<void> {
    this.#assertAlive();
    if (tree === null || typeof tree !== 'object') throw new TypeError('mount: expected a FileSystemTree object or snapshot bytes (Uint8Array)');
    if (options?.mountPoint !== undefined) assertString(options.mountPoint, 'options.mountPoint');
    const mountPoint = resolvePath(this.workdir, options?.mountPoint ?? '.');
    await withTimeout(this.#api.mount(tree, mountPoint), CALL_TIMEOUT * 4, 'mount');
  }

  /**
   * The workdir as a snapshot (default, `format: 'snapshot'`) or a
   * FileSystemTree (`format: 'tree'`), without paths matching `exclude`.
   */
  async export(options?: { format?: 'snapshot' | 'tree'; exclude?: string[] }): Promise<Uint8Array | FileSystemTree> {
    this.#assertAlive();
    const format = options?.format ?? 'snapshot';
    if (format !== 'snapshot' && format !== 'tree') throw new TypeError(`export: format must be 'snapshot' or 'tree', got '${String(format)}'`);
    const exclude = options?.exclude ?? [];
    assertStringArray(exclude, 'options.exclude');
    return format === 'tree'
      ? ((await withTimeout(this.#api.exportTree(this.workdir, exclude), CALL_TIMEOUT * 4, 'export')) as FileSystemTree)
      : withTimeout(this.#api.exportSnapshot(this.workdir, exclude), CALL_TIMEOUT * 4, 'export');
  }

  /** Ends every process and the kernel. A second call is a no-op. */
  teardown(): Promise<void> {
    this.#torndown ??= (async () => {
      this.#unlisten();
      try {
        // Generous: the last commit of a persisted workspace happens here.
        await withTimeout(this.#api.teardown(), this.persistenceKey ? 15_000 : 2000, 'teardown');
      } catch {
        // The kernel is going away regardless.
      }
      for (const handle of this.#processes.values()) handle.kernelExit(128 + 9);
      this.#processes.clear();
      this.#swLink?.dispose();
      this.#worker.terminate();
      this.#events.close();
      this.#api[Comlink.releaseProxy]();
      this.#emitter.clear();
    })();
    return this.#torndown;
  }

  /** Runs a registered command's handler with stdio over the process's port. */
  async #runHostCommand(name: string, args: string[], cwd: string, env: Record<string, string>, io: MessagePort): Promise<void> {
    const encoder = new TextEncoder();
    const post = (type: 'stdout' | 'stderr', text: string) => io.postMessage({ type, data: encoder.encode(text) });
    const handler = this.#commands.get(name);
    if (!handler) {
      post('stderr', `${name}: command not found\n`);
      io.postMessage({ type: 'exit', code: 127 });
      return;
    }
    const decoder = new TextDecoder();
    const abort = new AbortController();
    const stdin = new ReadableStream<string>({
      start(controller) {
        io.onmessage = (e: MessageEvent<{ type: string; data?: Uint8Array }>) => {
          if (e.data.type === 'stdin' && e.data.data) controller.enqueue(decoder.decode(e.data.data, { stream: true }));
          else if (e.data.type === 'stdin-end') controller.close();
        };
      },
    });
    const sink = (type: 'stdout' | 'stderr') => new WritableStream<string>({ write: (chunk) => post(type, String(chunk)) });
    let code: number;
    try {
      code = await handler({ args, cwd, env, stdin, stdout: sink('stdout'), stderr: sink('stderr'), fs: this.#fs, signal: abort.signal });
      if (!Number.isInteger(code)) code = 0;
    } catch (err) {
      post('stderr', `${name}: ${(err as Error)?.message ?? String(err)}\n`);
      code = 1;
    }
    io.postMessage({ type: 'exit', code });
    io.close();
  }

  #assertAlive(): void {
    if (this.#torndown) throw new Error('this runtime has been torn down; boot a new one');
  }

  #kill(pid: number, signal: Signal): void {
    if (this.#torndown) return;
    this.#api.kill(pid, signal).catch((err: Error) => this.#emitter.emit('error', { message: `kill ${pid}: ${err.message}` }));
  }

  #onKernelEvent(event: KernelEvent): void {
    switch (event.type) {
      case 'exit':
        this.#processes.get(event.pid)?.kernelExit(event.code);
        break;
      case 'diagnostic': {
        const { level, code, message, detail } = event;
        this.#emitter.emit('diagnostic', { level, code, message, detail });
        break;
      }
      case 'host-command':
        void this.#runHostCommand(event.name, event.args, event.cwd, event.env, event.io);
        break;
      case 'fs-watch':
        this.#fs.dispatchWatch(event.watchId, event.event, event.filename);
        break;
      case 'port': {
        const url = this.previewUrl(event.port);
        this.#emitter.emit('port', event.port, event.state, url);
        if (event.state === 'open') this.#emitter.emit('server-ready', event.port, url);
        break;
      }
      default:
        break;
    }
  }
}

const INTERNAL = Symbol('Runtime.internal');

function checkPort(port: unknown): asserts port is number {
  if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535)
    throw new TypeError(`port must be an integer from 1 to 65535, got ${String(port)}`);
}

/** Registers the preview service worker unless disabled; a missing worker is a diagnostic, not a failure. */
async function connectServiceWorker(
  opts: BootOptions,
  runtimeId: string,
  isolated: boolean,
  api: Comlink.Remote<KernelApi>,
  diagnostics: Diagnostic[],
  previewSink?: { emit: (m: PreviewMessage) => void },
): Promise<ServiceWorkerLink | undefined> {
  if (opts.serviceWorker === false) return undefined;
  const config = typeof opts.serviceWorker === 'object' ? opts.serviceWorker : {};
  const url = config.url ?? '/verklet-sw.js';
  const scope = config.scope ?? '/';
  if (!('serviceWorker' in navigator) || !globalThis.isSecureContext) {
    diagnostics.push({ level: 'info', code: 'ESW_UNAVAILABLE', message: 'service workers are not available on this page (insecure context?); previews use fetchPreview' });
    return undefined;
  }
  try {
    return await withTimeout(
      linkServiceWorker({
        url,
        scope,
        runtimeId,
        isolated,
        attach: (port) => void api.attachServiceWorker(Comlink.transfer(port, [port])),
        previewOrigin: opts.previewOrigin,
        onPreviewMessage: (m) => previewSink?.emit(m),
      }),
      opts.previewOrigin ? 12_000 : 5000,
      'service worker registration',
    );
  } catch (err) {
    diagnostics.push({
      level: 'info',
      code: 'ESW_UNAVAILABLE',
      message: `no preview service worker at ${url} (${(err as Error).message}). Previews still work through fetchPreview; serve dist/verklet-sw.js at ${url} to get preview URLs that open in frames and tabs.`,
    });
    return undefined;
  }
}

async function readAll(stream: ReadableStream<string>): Promise<string> {
  let text = '';
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
  }
}
