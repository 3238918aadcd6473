/**
 * `runtime.fs`: the page's view of the VFS, per API.md. Each call goes to the
 * kernel (which owns the authoritative filesystem) and rejects with a
 * Node-style error (`code`, `errno`, `syscall`, `path`) when the VFS says no.
 */
import type * as Comlink from 'comlink';
import type { KernelApi } from '../kernel/kernel-worker.js';
import type { StatResult } from '../kernel/kernel-fs.js';
import { resolvePath } from '../internal/resolve-path.js';
import { withTimeout } from '../internal/with-timeout.js';
import type { RuntimeDirent, RuntimeFS, RuntimeStats } from './types.js';

const TIMEOUT = 30_000;
const encoder = new TextEncoder();

export class RuntimeFsImpl implements RuntimeFS {
  readonly #api: Comlink.Remote<KernelApi>;
  readonly #workdir: string;
  readonly #watchers = new Map<number, (event: 'rename' | 'change', filename: string) => void>();
  readonly #onError: (message: string) => void;

  constructor(api: Comlink.Remote<KernelApi>, workdir: string, onError: (message: string) => void) {
    this.#api = api;
    this.#workdir = workdir;
    this.#onError = onError;
  }

  /** Delivers a kernel watch event. */
  dispatchWatch(watchId: number, event: 'rename' | 'change', filename: string): void {
    this.#watchers.get(watchId)?.(event, filename);
  }

  readFile(path: string): Promise<Uint8Array>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  async readFile(path: string, encoding?: 'utf8'): Promise<Uint8Array | string> {
    if (encoding !== undefined && encoding !== 'utf8' && encoding !== ('utf-8' as string))
      throw new TypeError(`readFile: unsupported encoding '${String(encoding)}' (use 'utf8' or none for bytes)`);
    const bytes = await this.#call(this.#api.readFile(this.#path(path)), 'readFile');
    return encoding ? new TextDecoder().decode(bytes) : bytes;
  }

  async writeFile(path: string, data: string | Uint8Array): Promise<void> {
    if (typeof data !== 'string' && !(data instanceof Uint8Array)) throw new TypeError('writeFile: data must be a string or a Uint8Array');
    await this.#call(this.#api.writeFile(this.#path(path), typeof data === 'string' ? encoder.encode(data) : data), 'writeFile');
  }

  readdir(path: string): Promise<string[]>;
  readdir(path: string, options: { withFileTypes: true }): Promise<RuntimeDirent[]>;
  async readdir(path: string, options?: { withFileTypes?: boolean }): Promise<string[] | RuntimeDirent[]> {
    const entries = await this.#call(this.#api.readdir(this.#path(path)), 'readdir');
    if (!options?.withFileTypes) return entries.map((e) => e.name);
    return entries.map(({ name, kind }) => ({
      name,
      isFile: () => kind === 'file',
      isDirectory: () => kind === 'dir',
      isSymbolicLink: () => kind === 'symlink',
    }));
  }

  async stat(path: string): Promise<RuntimeStats> {
    const st: StatResult = await this.#call(this.#api.stat(this.#path(path)), 'stat');
    return {
      size: st.size,
      mtimeMs: st.mtimeMs,
      mode: st.mode,
      isFile: () => st.kind === 'file',
      isDirectory: () => st.kind === 'dir',
      isSymbolicLink: () => st.kind === 'symlink',
    };
  }

  async mkdir(path: string, options?: { recursive?: boolean }): Promise<void> {
    await this.#call(this.#api.mkdir(this.#path(path), !!options?.recursive), 'mkdir');
  }

  async rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
    await this.#call(this.#api.rm(this.#path(path), !!options?.recursive, !!options?.force), 'rm');
  }

  async rename(from: string, to: string): Promise<void> {
    await this.#call(this.#api.rename(this.#path(from), this.#path(to)), 'rename');
  }

  watch(path: string, options: { recursive?: boolean }, listener: (event: 'rename' | 'change', filename: string) => void): () => void {
    const abs = this.#path(path);
    if (typeof listener !== 'function') throw new TypeError('watch: listener must be a function');
    let id: number | undefined;
    let closed = false;
    this.#api.watch(abs, !!options?.recursive).then(
      (watchId) => {
        if (closed) void this.#api.unwatch(watchId);
        else {
          id = watchId;
          this.#watchers.set(watchId, listener);
        }
      },
      (err: Error) => this.#onError(`fs.watch('${abs}'): ${err.message}`),
    );
    return () => {
      closed = true;
      if (id !== undefined) {
        this.#watchers.delete(id);
        void this.#api.unwatch(id);
      }
    };
  }

  #path(path: string): string {
    if (typeof path !== 'string') throw new TypeError(`path must be a string, got ${path === null ? 'null' : typeof path}`);
    if (path.includes('\0')) {
      const err = new TypeError(`The argument 'path' must be a string without null bytes. Received ${JSON.stringify(path)}`) as TypeError & { code: string };
      err.code = 'ERR_INVALID_ARG_VALUE';
      throw err;
    }
    return resolvePath(this.#workdir, path);
  }

  #call<T>(promise: Promise<T>, what: string): Promise<T> {
    return withTimeout(promise, TIMEOUT, `fs.${what}`);
  }
}
