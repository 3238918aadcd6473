/**
 * `fs/promises` (and `fs.promises`): the promise forms of the calls in fs.ts,
 * built from the same validating "preps" (validation errors become
 * rejections, as in Node's async functions), plus `FileHandle`.
 * https://nodejs.org/docs/latest-v24.x/api/fs.html#promises-api
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Buffer } from './buffer.js';
import {
  AbortError, constants, ERR_INVALID_ARG_TYPE, ERR_METHOD_NOT_IMPLEMENTED, fdArg, flagsArg, isArrayBufferView,
  modeArg, optionsArg, pathArg, validateInteger,
} from './internal/fs-args.js';
import type { VfsStat } from '../fs/vfs.js';
import { makeStats } from './internal/fs-stats.js';

type Prep = (...args: any[]) => () => any;

/** What fs.ts hands over. */
export interface PromisesContext {
  preps: Record<string, Prep>;
  defer: (fn: () => void) => void;
  fs: any;
  fd: {
    open(path: string, flags: number, mode: number): number;
    close(fd: number): void;
    read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | bigint | null): number;
    write(fd: number, data: Uint8Array, position: number | null): number;
    fstat(fd: number): VfsStat;
    ftruncate(fd: number, len: number): void;
    readAll(fd: number, fromPosition: boolean): Uint8Array;
    readv(fd: number, buffers: ArrayBufferView[], position: number | null): number;
    writev(fd: number, buffers: ArrayBufferView[], position: number | null): number;
  };
  readArgs: (argc: number, fd: unknown, buffer: unknown, offset: unknown, length: unknown, position: unknown) => {
    fd: number; buffer: Uint8Array; offset: number; length: number; position: number | bigint | null;
  };
  writeArgs: (fd: any, buffer: any, offset: any, length: any, position: any) => { fd: number; data: Uint8Array; position: number | null };
}

/** Settles after the current task, as a libuv round trip would. */
function tick(defer: (fn: () => void) => void): Promise<void> {
  return new Promise((resolve) => defer(resolve));
}

function closedError(syscall: string): Error {
  const err: any = new Error('file closed');
  err.code = 'EBADF';
  err.syscall = syscall;
  return err;
}

async function* chunksOf(data: any, encoding: any): AsyncGenerator<Uint8Array> {
  if (typeof data === 'string') { yield Buffer.from(data, encoding || 'utf8'); return; }
  if (isArrayBufferView(data)) { yield new Uint8Array(data.buffer, data.byteOffset, data.byteLength); return; }
  if (data != null && (typeof data[Symbol.asyncIterator] === 'function' || typeof data[Symbol.iterator] === 'function')) {
    for await (const chunk of data) {
      if (typeof chunk === 'string') yield Buffer.from(chunk, encoding || 'utf8');
      else if (isArrayBufferView(chunk)) yield new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
      else throw ERR_INVALID_ARG_TYPE('data', 'of type string or an instance of Buffer, TypedArray, or DataView', chunk);
    }
    return;
  }
  throw ERR_INVALID_ARG_TYPE('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
}

/** Builds the `fs/promises` namespace. */
export function createPromises(ctx: PromisesContext): any {
  const { preps, defer, fs, fd: io } = ctx;

  class FileHandle {
    #fd: number;
    constructor(fd: number) {
      this.#fd = fd;
    }
    get fd(): number {
      return this.#fd;
    }
    #use(syscall: string): number {
      if (this.#fd === -1) throw closedError(syscall);
      return this.#fd;
    }
    async close(): Promise<void> {
      if (this.#fd === -1) return;
      const fd = this.#fd;
      await tick(defer);
      this.#fd = -1;
      io.close(fd);
    }
    async [(Symbol as any).asyncDispose ?? Symbol.for('nodejs.asyncDispose')](): Promise<void> {
      return this.close();
    }
    async read(buffer?: any, offset?: any, length?: any, position?: any): Promise<{ bytesRead: number; buffer: any }> {
      const fd = this.#use('read');
      if (buffer === undefined || (!isArrayBufferView(buffer) && typeof buffer === 'object')) {
        const o = buffer ?? {};
        buffer = o.buffer ?? Buffer.alloc(16384);
        offset = o.offset ?? 0;
        length = o.length ?? buffer.byteLength - offset;
        position = o.position ?? null;
      } else if (typeof offset === 'object' && offset !== null) {
        const o = offset;
        offset = o.offset ?? 0;
        length = o.length ?? buffer.byteLength - offset;
        position = o.position ?? null;
      }
      if (offset == null) offset = 0;
      if (length == null) length = buffer.byteLength - offset;
      const a = ctx.readArgs(5, fd, buffer, offset, length, position);
      await tick(defer);
      const bytesRead = io.read(fd, a.buffer, a.offset, a.length, a.position);
      return { bytesRead, buffer };
    }
    async readv(buffers: any[], position?: any): Promise<{ bytesRead: number; buffers: any[] }> {
      const fd = this.#use('readv');
      await tick(defer);
      return { bytesRead: io.readv(fd, buffers, typeof position === 'number' ? position : null), buffers };
    }
    async write(buffer: any, offsetOrOptions?: any, length?: any, position?: any): Promise<{ bytesWritten: number; buffer: any }> {
      const fd = this.#use('write');
      const a = ctx.writeArgs(fd, buffer, offsetOrOptions, length, position);
      await tick(defer);
      return { bytesWritten: io.write(fd, a.data, a.position), buffer };
    }
    async writev(buffers: any[], position?: any): Promise<{ bytesWritten: number; buffers: any[] }> {
      const fd = this.#use('writev');
      await tick(defer);
      return { bytesWritten: io.writev(fd, buffers, typeof position === 'number' ? position : null), buffers };
    }
    async readFile(options?: any): Promise<any> {
      const fd = this.#use('read');
      const o = optionsArg(options, { encoding: null as any });
      await tick(defer);
      if (o.signal?.aborted) throw AbortError(o.signal.reason);
      const bytes = io.readAll(fd, true);
      const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      return o.encoding ? buf.toString(o.encoding) : buf;
    }
    async writeFile(data: any, options?: any): Promise<void> {
      const fd = this.#use('write');
      const o = optionsArg(options, { encoding: 'utf8' });
      for await (const chunk of chunksOf(data, o.encoding)) {
        if (o.signal?.aborted) throw AbortError(o.signal.reason);
        let off = 0;
        while (off < chunk.length) off += io.write(fd, chunk.subarray(off), null);
      }
      await tick(defer);
    }
    async appendFile(data: any, options?: any): Promise<void> {
      return this.writeFile(data, options);
    }
    async stat(options?: any): Promise<any> {
      const fd = this.#use('fstat');
      await tick(defer);
      return makeStats(io.fstat(fd), !!options?.bigint);
    }
    async truncate(len = 0): Promise<void> {
      const fd = this.#use('ftruncate');
      validateInteger(len, 'len');
      await tick(defer);
      io.ftruncate(fd, Math.max(0, len));
    }
    async sync(): Promise<void> {
      const fd = this.#use('fsync');
      await tick(defer);
      io.fstat(fd);
    }
    async datasync(): Promise<void> {
      const fd = this.#use('fdatasync');
      await tick(defer);
      io.fstat(fd);
    }
    async chmod(mode: any): Promise<void> {
      this.#use('fchmod');
      return run(preps.fchmod!(this.#fd, mode));
    }
    async chown(uid: any, gid: any): Promise<void> {
      this.#use('fchown');
      return run(preps.fchown!(this.#fd, uid, gid));
    }
    async utimes(atime: any, mtime: any): Promise<void> {
      this.#use('futime');
      return run(preps.futimes!(this.#fd, atime, mtime));
    }
    createReadStream(options?: any): any {
      return fs.createReadStream(null, { ...(options ?? {}), fd: this.#use('read'), autoClose: options?.autoClose ?? true });
    }
    createWriteStream(options?: any): any {
      return fs.createWriteStream(null, { ...(options ?? {}), fd: this.#use('write'), autoClose: options?.autoClose ?? true });
    }
    readLines(options?: any): any {
      const stream = this.createReadStream(options);
      return {
        async *[Symbol.asyncIterator]() {
          let rest = '';
          for await (const chunk of stream) {
            rest += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
            const lines = rest.split(/\r?\n/);
            rest = lines.pop()!;
            yield* lines;
          }
          if (rest) yield rest;
        },
      };
    }
  }

  async function run(thunk: () => any): Promise<any> {
    await tick(defer);
    return thunk();
  }
  const wrap = (name: string) => async (...args: any[]) => run((preps[`${name}Async`] ?? preps[name]!)(...args));

  const api: any = {};
  for (const name of ['access', 'copyFile', 'cp', 'rename', 'truncate', 'rm', 'rmdir', 'mkdir', 'readdir',
    'readlink', 'symlink', 'lstat', 'stat', 'link', 'unlink', 'chmod', 'lchown', 'chown', 'utimes', 'lutimes', 'mkdtemp']) {
    api[name] = wrap(name);
  }
  api.realpath = wrap('realpathNative');
  // Node 24's promises.readlink validates its path under the name 'oldPath' (lib/internal/fs/promises.js).
  api.readlink = async (path: any, options?: any) => run(preps.readlink!(path, options, 'oldPath'));
  api.mkdir = async (path: any, options?: any) => run(preps.mkdir!(path, options, 'mode'));
  api.opendir = wrap('opendir');
  api.statfs = async (path: any) => {
    await tick(defer);
    return fs.statfsSync(path);
  };
  api.lchmod = async () => {
    throw ERR_METHOD_NOT_IMPLEMENTED('lchmod()');
  };
  /** An async iterator of the matches; arguments are checked at once, as Node's Glob constructor does. */
  api.glob = function glob(pattern: any, options?: any) {
    const matches: any[] = fs.globSync(pattern, options);
    return (async function* () {
      for (const m of matches) {
        await tick(defer);
        yield m;
      }
    })();
  };
  api.open = async (path: any, flags?: any, mode?: any) => {
    const p = pathArg(path);
    const f = flagsArg(flags);
    const m = modeArg(mode, 'mode', 0o666);
    await tick(defer);
    return new FileHandle(io.open(p, f, m));
  };
  api.readFile = async (path: any, options?: any) => {
    if (path instanceof FileHandle) return path.readFile(options);
    const o = optionsArg(options, { flag: 'r', encoding: null as any });
    if (o.signal?.aborted) throw AbortError(o.signal.reason);
    return run(preps.readFile!(path, o));
  };
  const writeLike = (defaultFlag: string) => async (path: any, data: any, options?: any) => {
    const o = optionsArg(options, { encoding: 'utf8', mode: 0o666, flag: defaultFlag });
    if (path instanceof FileHandle) return path.writeFile(data, o);
    if (o.signal?.aborted) throw AbortError(o.signal.reason);
    if (typeof data === 'string' || isArrayBufferView(data)) {
      return run(preps[defaultFlag === 'a' ? 'appendFile' : 'writeFile']!(path, data, o));
    }
    const p = typeof path === 'number' ? fdArg(path) : pathArg(path);
    if (typeof p === 'number') {
      for await (const chunk of chunksOf(data, o.encoding)) io.write(p, chunk, null);
      return undefined;
    }
    const handle = await api.open(p, o.flag, o.mode);
    try {
      await handle.writeFile(data, o);
    } finally {
      await handle.close();
    }
    return undefined;
  };
  api.writeFile = writeLike('w');
  api.appendFile = writeLike('a');
  api.mkdtempDisposable = async (prefix: any, options?: any) => {
    const path = await api.mkdtemp(prefix, options);
    const abs = fs.realpathSync(path);
    const remove = async () => api.rm(abs, { recursive: true, force: true });
    return { path: abs, remove, [(Symbol as any).asyncDispose ?? Symbol.for('nodejs.asyncDispose')]: remove };
  };
  api.watch = (filename: any, options?: any) => fs[Symbol.for('verklet.fs.watchAsync')](filename, options);
  api.constants = constants;
  api.FileHandle = FileHandle;
  return api;
}
