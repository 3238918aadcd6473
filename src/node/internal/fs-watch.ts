/**
 * `fs.watch` (FSWatcher), `fs.promises.watch`, `fs.watchFile`/`unwatchFile`
 * (StatWatcher, stat polling). Watching uses the kernel's hook when the host
 * provides one (every process's mutations, from the kernel's mutation log);
 * otherwise `LocalWatchers` sees only this fs's own mutations, with the same
 * path rules as the kernel (kernel-fs.ts `#dispatch`): a watcher on a path
 * hears about it by basename, about its direct children (or all descendants
 * when recursive) by relative path.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createHandle, runCallback, type LoopHandle } from './loop.js';
import { ErrnoError } from '../../fs/errno-error.js';
import type { VfsStat } from '../../fs/vfs.js';
import { EventEmitter } from '../events.js';
import { Buffer } from '../buffer.js';
import { AbortError, optionsArg, pathArg, validateFunction } from './fs-args.js';
import { emptyStats, makeStats } from './fs-stats.js';

type Listener = (event: 'rename' | 'change', filename: string) => void;

/** In-process watch registry used when the host has no `watch` hook. */
export class LocalWatchers {
  readonly #watchers = new Set<{ path: string; recursive: boolean; listener: Listener }>();

  get active(): boolean {
    return this.#watchers.size > 0;
  }

  add(path: string, recursive: boolean, listener: Listener): () => void {
    const w = { path: path === '/' ? '' : path, recursive, listener };
    this.#watchers.add(w);
    return () => this.#watchers.delete(w);
  }

  notify(path: string, event: 'rename' | 'change'): void {
    for (const w of [...this.#watchers]) {
      let name: string | undefined;
      if (path === w.path) name = path.slice(path.lastIndexOf('/') + 1);
      else if (path.startsWith(`${w.path}/`)) {
        const rel = path.slice(w.path.length + 1);
        if (w.recursive || !rel.includes('/')) name = rel;
      }
      if (name !== undefined) setTimeout(() => w.listener(event, name!), 0);
    }
  }
}

export interface WatchContext {
  fs: any;
  watchHook?: (path: string, recursive: boolean, listener: Listener) => () => void;
  local: LocalWatchers;
  resolve(path: string): string;
  exists(abs: string): VfsStat | number;
}

const kWatchAsync = Symbol.for('verklet.fs.watchAsync');

export function createWatching(ctx: WatchContext): any {
  const subscribe = (abs: string, recursive: boolean, listener: Listener) =>
    ctx.watchHook ? ctx.watchHook(abs, recursive, listener) : ctx.local.add(abs, recursive, listener);

  class FSWatcher extends (EventEmitter as any) {
    #stop: (() => void) | null = null;
    /** A persistent watcher keeps the process alive, as Node's does. */
    #handle: LoopHandle | null = null;
    constructor() {
      super();
    }
    _start(filename: string, recursive: boolean, encoding: any, persistent = true): void {
      const abs = ctx.resolve(filename);
      const s = ctx.exists(abs);
      if (typeof s === 'number') {
        const err: any = ErrnoError.fromErrno(s, 'watch', filename);
        err.filename = filename;
        throw err;
      }
      this.#stop = subscribe(abs, recursive, (event, name) => {
        if (!this.#stop) return;
        runCallback(() => (this as any).emit('change', event, encoding === 'buffer' ? Buffer.from(name) : name));
      });
      this.#handle = createHandle(persistent !== false);
    }
    close(): void {
      if (!this.#stop) return;
      this.#stop();
      this.#stop = null;
      this.#handle?.close();
      queueMicrotask(() => (this as any).emit('close'));
    }
    ref(): this {
      this.#handle?.ref();
      return this;
    }
    unref(): this {
      this.#handle?.unref();
      return this;
    }
  }

  function watch(filename: any, options?: any, listener?: any): any {
    if (typeof options === 'function') {
      listener = options;
      options = undefined;
    }
    const o = optionsArg(options, { persistent: true, recursive: false, encoding: 'utf8' });
    const path = pathArg(filename, 'path');
    const w = new FSWatcher();
    w._start(path, !!o.recursive, o.encoding, o.persistent);
    if (listener) w.on('change', listener);
    if (o.signal) {
      if (o.signal.aborted) queueMicrotask(() => w.close());
      else o.signal.addEventListener('abort', () => w.close(), { once: true });
    }
    return w;
  }

  function watchAsync(filename: any, options?: any): AsyncIterable<{ eventType: string; filename: any }> {
    const o = optionsArg(options, { persistent: true, recursive: false, encoding: 'utf8' });
    const path = pathArg(filename, 'path');
    return {
      [Symbol.asyncIterator]() {
        const queue: { eventType: string; filename: any }[] = [];
        let wake: (() => void) | null = null;
        let done = false;
        let watcher: any;
        try {
          watcher = watch(path, { recursive: o.recursive, encoding: o.encoding }, (eventType: string, name: any) => {
            queue.push({ eventType, filename: name });
            wake?.();
          });
        } catch (err) {
          return { next: () => Promise.reject(err), return: async () => ({ done: true, value: undefined }) } as any;
        }
        const onAbort = () => {
          done = true;
          wake?.();
        };
        o.signal?.addEventListener('abort', onAbort, { once: true });
        return {
          async next() {
            for (;;) {
              if (o.signal?.aborted) {
                watcher.close();
                throw AbortError(o.signal.reason);
              }
              if (queue.length) return { done: false, value: queue.shift()! };
              if (done) return { done: true, value: undefined };
              await new Promise<void>((resolve) => (wake = resolve));
              wake = null;
            }
          },
          async return() {
            done = true;
            watcher.close();
            o.signal?.removeEventListener('abort', onAbort);
            return { done: true, value: undefined };
          },
        } as AsyncIterator<any>;
      },
    };
  }

  class StatWatcher extends (EventEmitter as any) {
    #timer: ReturnType<typeof setInterval> | null = null;
    #prev: any = null;
    readonly #bigint: boolean;
    constructor(bigint: boolean) {
      super();
      this.#bigint = bigint;
    }
    #stat(abs: string): any {
      const s = ctx.exists(abs);
      return typeof s === 'number' ? emptyStats(this.#bigint) : makeStats(s, this.#bigint);
    }
    start(abs: string, interval: number): void {
      if (this.#timer) return;
      this.#prev = this.#stat(abs);
      this.#timer = setInterval(() => {
        const curr = this.#stat(abs);
        const p = this.#prev;
        const same = ['mtimeMs', 'ctimeMs', 'size', 'mode', 'ino', 'uid', 'gid', 'nlink'].every((k) => curr[k] === p[k]);
        if (same) return;
        this.#prev = curr;
        (this as any).emit('change', curr, p);
      }, interval);
    }
    stop(): void {
      if (!this.#timer) return;
      clearInterval(this.#timer);
      this.#timer = null;
      queueMicrotask(() => (this as any).emit('stop'));
    }
    ref(): this { return this; }
    unref(): this { return this; }
  }

  const statWatchers = new Map<string, any>();

  function watchFile(filename: any, options?: any, listener?: any): any {
    const path = pathArg(filename, 'path');
    const abs = ctx.resolve(path);
    if (typeof options === 'function') {
      listener = options;
      options = undefined;
    }
    const o = { interval: 5007, persistent: true, bigint: false, ...(options ?? {}) };
    validateFunction(listener, 'listener');
    let w = statWatchers.get(abs);
    if (!w) {
      w = new StatWatcher(!!o.bigint);
      w.start(abs, o.interval);
      statWatchers.set(abs, w);
    }
    w.on('change', listener);
    return w;
  }

  function unwatchFile(filename: any, listener?: any): void {
    const abs = ctx.resolve(pathArg(filename, 'path'));
    const w = statWatchers.get(abs);
    if (!w) return;
    if (typeof listener === 'function') w.removeListener('change', listener);
    else w.removeAllListeners('change');
    if (w.listenerCount('change') === 0) {
      w.stop();
      statWatchers.delete(abs);
    }
  }

  return { watch, watchFile, unwatchFile, [kWatchAsync]: watchAsync };
}
