/**
 * `fs.Dir` (from `opendir`): a directory read one entry at a time, with the
 * callback, promise, sync and async-iterator forms of Node 24
 * (lib/internal/fs/dir.js). The listing is taken at open time.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { Dirent } from './fs-stats.js';
import { joinPath, nodeError, validateFunction } from './fs-args.js';

type Lister = (dir: string, shown: string) => Dirent[];

function closedError(): Error {
  return nodeError(Error, 'ERR_DIR_CLOSED', 'Directory handle was closed');
}

export class Dir {
  readonly #path: string;
  readonly #queue: Dirent[];
  readonly #list: Lister;
  readonly #recursive: boolean;
  readonly #defer: (fn: () => void) => void;
  #closed = false;

  constructor(path: string, options: { recursive?: boolean }, list: Lister, defer: (fn: () => void) => void) {
    this.#path = path;
    this.#list = list;
    this.#recursive = !!options.recursive;
    this.#defer = defer;
    this.#queue = list(path, path);
  }

  get path(): string {
    return this.#path;
  }

  readSync(): Dirent | null {
    if (this.#closed) throw closedError();
    const d = this.#queue.shift() ?? null;
    if (d && this.#recursive && d.isDirectory()) {
      const sub = joinPath(d.parentPath, d.name);
      try {
        this.#queue.push(...this.#list(sub, sub));
      } catch {
        // vanished since listed
      }
    }
    return d;
  }

  read(): Promise<Dirent | null>;
  read(cb: (err: Error | null, d?: Dirent | null) => void): void;
  read(cb?: (err: Error | null, d?: Dirent | null) => void): Promise<Dirent | null> | void {
    if (cb === undefined) {
      return new Promise((resolve, reject) => this.#defer(() => {
        try { resolve(this.readSync()); } catch (e) { reject(e); }
      }));
    }
    validateFunction(cb, 'callback');
    if (this.#closed) throw closedError();
    this.#defer(() => {
      let d: Dirent | null;
      try { d = this.readSync(); } catch (e) { cb(e as Error); return; }
      cb(null, d);
    });
  }

  closeSync(): void {
    if (this.#closed) throw closedError();
    this.#closed = true;
  }

  close(): Promise<void>;
  close(cb: (err: Error | null) => void): void;
  close(cb?: (err: Error | null) => void): Promise<void> | void {
    if (cb === undefined) {
      if (this.#closed) return Promise.reject(closedError());
      this.#closed = true;
      return new Promise((resolve) => this.#defer(resolve));
    }
    validateFunction(cb, 'callback');
    if (this.#closed) {
      const err = closedError();
      this.#defer(() => cb(err));
      return;
    }
    this.#closed = true;
    this.#defer(() => cb(null));
  }

  async *entries(): AsyncGenerator<Dirent> {
    try {
      for (;;) {
        const d = await this.read();
        if (d === null) break;
        yield d;
      }
    } finally {
      if (!this.#closed) this.#closed = true;
    }
  }

  [Symbol.asyncIterator](): AsyncGenerator<Dirent> {
    return this.entries();
  }

  [(Symbol as any).dispose ?? Symbol.for('nodejs.dispose')](): void {
    if (!this.#closed) this.closeSync();
  }

  async [(Symbol as any).asyncDispose ?? Symbol.for('nodejs.asyncDispose')](): Promise<void> {
    if (!this.#closed) await this.close();
  }
}
