/**
 * `fs.ReadStream`/`fs.WriteStream` and their factories, after Node 24's
 * lib/internal/fs/streams.js, on `readable-stream`. They do their I/O
 * through the callback API of the `fs` object they were made for (or
 * `options.fs`), as Node's do, so events come in Node's order:
 * 'open', 'ready', data…, 'end'/'finish', 'close'.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Readable, Writable } from 'readable-stream';
import { Buffer } from '../buffer.js';
import { callableClass } from './callable-class.js';
import { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, fdArg, pathArg, validateInteger } from './fs-args.js';

function copyOptions(options: unknown, defaults: Record<string, unknown>): any {
  if (options == null) return { ...defaults };
  if (typeof options === 'string') return { ...defaults, encoding: options };
  if (typeof options !== 'object') throw ERR_INVALID_ARG_TYPE('options', 'one of type string or object', options);
  // Node copies with for…in, so options inherited from a prototype count too.
  const out: any = { ...defaults };
  for (const key in options as any) out[key] = (options as any)[key];
  return out;
}

/**
 * A read error destroys the stream only when it auto-destroys (autoClose);
 * otherwise it is just emitted, and the fd stays open, as in Node.
 */
function errorOrDestroy(stream: any, err: Error): void {
  const state = stream._readableState;
  if (stream.destroyed) return;
  if (state?.autoDestroy !== false) {
    stream.destroy(err);
    return;
  }
  if (state && !state.errored) state.errored = err;
  if (state?.errorEmitted) return;
  if (state) state.errorEmitted = true;
  stream.emit('error', err);
}

/** Returns `{ ReadStream, WriteStream, createReadStream, createWriteStream, FileReadStream, FileWriteStream }` bound to `fs`. */
export function createStreams(fs: any): any {
  class ReadStream extends (Readable as any) {
    declare fd: number | null;
    declare path: any;
    declare flags: any;
    declare mode: number;
    declare start: number | undefined;
    declare end: number;
    declare pos: number | undefined;
    declare bytesRead: number;
    declare autoClose: boolean;
    declare _fs: any;
    constructor(path: any, options?: any) {
      options = copyOptions(options, {});
      if (options.highWaterMark === undefined) options.highWaterMark = 64 * 1024;
      if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
      super(options);
      this._fs = options.fs ?? fs;
      this.fd = null;
      if (options.fd != null) {
        this.fd = typeof options.fd === 'number' ? fdArg(options.fd) : options.fd;
        this.path = undefined;
      } else {
        this.path = typeof path === 'string' ? path : pathArg(path);
        this.path = path;
        pathArg(path);
      }
      this.flags = options.flags === undefined ? 'r' : options.flags;
      this.mode = options.mode === undefined ? 0o666 : options.mode;
      this.start = options.start;
      this.end = options.end ?? Infinity;
      this.pos = undefined;
      this.bytesRead = 0;
      this.autoClose = options.autoClose === undefined ? true : options.autoClose;
      if (this.start !== undefined) {
        validateInteger(this.start, 'start', 0);
        this.pos = this.start;
      }
      if (this.end !== Infinity) {
        validateInteger(this.end, 'end', 0);
        if (this.start !== undefined && this.start > this.end) {
          throw ERR_OUT_OF_RANGE('start', `<= "end" (here: ${this.end})`, this.start);
        }
      }
      if (options.encoding) this.setEncoding(options.encoding);
    }
    get pending(): boolean {
      return this.fd === null;
    }
    _construct(callback: (err?: Error | null) => void): void {
      if (typeof this.fd === 'number') {
        callback();
        return;
      }
      this._fs.open(this.path, this.flags, this.mode, (err: Error | null, fd: number) => {
        if (err) {
          callback(err);
          return;
        }
        this.fd = fd;
        callback();
        this.emit('open', fd);
        this.emit('ready');
      });
    }
    _read(n: number): void {
      n = this.pos !== undefined ? Math.min(this.end - this.pos + 1, n) : Math.min(this.end - this.bytesRead + 1, n);
      if (n <= 0) {
        this.push(null);
        return;
      }
      const buf = Buffer.allocUnsafeSlow(n);
      this._fs.read(this.fd, buf, 0, n, this.pos ?? null, (err: Error | null, bytesRead: number) => {
        if (err) {
          errorOrDestroy(this, err);
          return;
        }
        if (this.pos !== undefined) this.pos += bytesRead;
        this.bytesRead += bytesRead;
        if (bytesRead === 0) this.push(null);
        else this.push(bytesRead === buf.length ? buf : buf.subarray(0, bytesRead));
      });
    }
    _destroy(err: Error | null, cb: (err: Error | null) => void): void {
      if (typeof this.fd === 'number' && this.autoClose) {
        const fd = this.fd;
        this.fd = null;
        this._fs.close(fd, (er: Error | null) => cb(er || err));
      } else cb(err);
    }
    close(cb?: (err?: Error | null) => void): void {
      if (typeof cb === 'function') (this as any).once('close', cb);
      this.destroy();
    }
  }

  class WriteStream extends (Writable as any) {
    declare fd: number | null;
    declare path: any;
    declare flags: any;
    declare mode: number;
    declare start: number | undefined;
    declare pos: number | undefined;
    declare bytesWritten: number;
    declare autoClose: boolean;
    declare _fs: any;
    declare flush: boolean;
    constructor(path: any, options?: any) {
      options = copyOptions(options, {});
      options.decodeStrings = true;
      if (options.autoDestroy === undefined) options.autoDestroy = options.autoClose === undefined ? true : options.autoClose;
      super(options);
      this._fs = options.fs ?? fs;
      this.fd = null;
      if (options.fd != null) {
        this.fd = typeof options.fd === 'number' ? fdArg(options.fd) : options.fd;
        this.path = undefined;
      } else {
        pathArg(path);
        this.path = path;
      }
      this.flags = options.flags === undefined ? 'w' : options.flags;
      this.mode = options.mode === undefined ? 0o666 : options.mode;
      this.start = options.start;
      this.pos = undefined;
      this.bytesWritten = 0;
      this.autoClose = options.autoClose === undefined ? true : options.autoClose;
      this.flush = !!options.flush;
      if (this.start !== undefined) {
        validateInteger(this.start, 'start', 0);
        this.pos = this.start;
      }
      if (options.encoding) this.setDefaultEncoding(options.encoding);
    }
    get pending(): boolean {
      return this.fd === null;
    }
    _construct(callback: (err?: Error | null) => void): void {
      if (typeof this.fd === 'number') {
        callback();
        return;
      }
      this._fs.open(this.path, this.flags, this.mode, (err: Error | null, fd: number) => {
        if (err) {
          callback(err);
          return;
        }
        this.fd = fd;
        callback();
        this.emit('open', fd);
        this.emit('ready');
      });
    }
    _write(data: any, _encoding: string, cb: (err?: Error | null) => void): void {
      // Short writes are continued (Node's writeAll), so running out of space surfaces as ENOSPC.
      const start = this.pos;
      const from = (off: number): void => {
        this._fs.write(this.fd, data, off, data.length - off, start === undefined ? null : start + off, (err: Error | null, bytes: number) => {
          if (err) {
            cb(err);
            return;
          }
          this.bytesWritten += bytes;
          if (bytes > 0 && off + bytes < data.length) from(off + bytes);
          else cb();
        });
      };
      from(0);
      if (this.pos !== undefined) this.pos += data.length;
    }
    _writev(chunks: { chunk: any }[], cb: (err?: Error | null) => void): void {
      const data = Buffer.concat(chunks.map((c) => c.chunk));
      this._write(data, 'buffer', cb);
    }
    _final(cb: (err?: Error | null) => void): void {
      if (this.flush && typeof this.fd === 'number') this._fs.fsync(this.fd, cb);
      else cb();
    }
    _destroy(err: Error | null, cb: (err: Error | null) => void): void {
      if (typeof this.fd === 'number' && this.autoClose) {
        const fd = this.fd;
        this.fd = null;
        this._fs.close(fd, (er: Error | null) => cb(er || err));
      } else cb(err);
    }
    close(cb?: (err?: Error | null) => void): void {
      if (cb) {
        if ((this as any).closed) {
          queueMicrotask(cb);
          return;
        }
        (this as any).on('close', cb);
      }
      if (!(this as any).autoClose) (this as any).on('finish', (this as any).destroy);
      (this as any).end();
    }
    destroySoon(): void {
      (this as any).end();
    }
  }

  const CallableReadStream = callableClass(ReadStream);
  const CallableWriteStream = callableClass(WriteStream);
  return {
    ReadStream: CallableReadStream,
    WriteStream: CallableWriteStream,
    FileReadStream: CallableReadStream,
    FileWriteStream: CallableWriteStream,
    createReadStream: (path: any, options?: any) => new ReadStream(path, options),
    createWriteStream: (path: any, options?: any) => new WriteStream(path, options),
  };
}
