/**
 * `zlib` over fflate: gzip/deflate/deflateRaw and their inverses (sync,
 * callback, promisified and as streams), plus crc32. fflate's compressor is
 * not zlib's, so compressed bytes differ from Node's while round trips and
 * decompression of Node's output are exact. Brotli and zstd are not available.
 * https://nodejs.org/api/zlib.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as fflate from 'fflate';
import { Buffer } from './buffer.js';
import { Transform } from './stream.js';

export const constants: Record<string, number> = {
  Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5, Z_OK: 0,
  Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4,
  Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6, Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9,
  Z_DEFAULT_COMPRESSION: -1, Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0,
  ZLIB_VERNUM: 4865, DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
  BROTLI_DECODE: 8, BROTLI_ENCODE: 9, Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
  Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384, Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9,
  Z_DEFAULT_MEMLEVEL: 8, Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
};

function toU8(data: any): Uint8Array {
  if (typeof data === 'string') return new TextEncoder().encode(data);
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const e: any = new TypeError(`The "buffer" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received ${data === null ? 'null' : typeof data}`);
  e.code = 'ERR_INVALID_ARG_TYPE';
  throw e;
}

function zerr(e: any, fallback: string): Error {
  const msg = /invalid|unexpected/i.test(String(e?.message)) ? fallback : fallback;
  const err: any = new Error(msg);
  err.errno = -3;
  err.code = 'Z_DATA_ERROR';
  return err;
}

type Op = (data: Uint8Array, opts: any) => Uint8Array;
const level = (o: any) => (o?.level === undefined || o.level === -1 ? 6 : o.level);
const ops: Record<string, Op> = {
  gzip: (d, o) => fflate.gzipSync(d, { level: level(o), mtime: 0 } as any),
  gunzip: (d) => {
    try {
      return fflate.gunzipSync(d);
    } catch (e) {
      throw zerr(e, 'incorrect header check');
    }
  },
  deflate: (d, o) => fflate.zlibSync(d, { level: level(o) } as any),
  inflate: (d) => {
    try {
      return fflate.unzlibSync(d);
    } catch (e) {
      throw zerr(e, 'incorrect header check');
    }
  },
  deflateRaw: (d, o) => fflate.deflateSync(d, { level: level(o) } as any),
  inflateRaw: (d) => {
    try {
      return fflate.inflateSync(d);
    } catch (e) {
      throw zerr(e, 'invalid stored block lengths');
    }
  },
  unzip: (d) => {
    try {
      return fflate.decompressSync(d);
    } catch (e) {
      throw zerr(e, 'incorrect header check');
    }
  },
};

function brotli(): never {
  const e: any = new Error('Brotli is not available in the browser runtime (Verklet)');
  e.code = 'ERR_VERKLET_UNSUPPORTED';
  throw e;
}

function syncFn(op: string) {
  return (data: any, opts?: any) => Buffer.from(ops[op]!(toU8(data), opts));
}
function asyncFn(op: string) {
  return (data: any, opts: any, cb?: (e: Error | null, r?: any) => void) => {
    if (typeof opts === 'function') {
      cb = opts;
      opts = {};
    }
    let result: any;
    let error: Error | null = null;
    try {
      result = Buffer.from(ops[op]!(toU8(data), opts));
    } catch (e) {
      error = e as Error;
    }
    (globalThis as any).setImmediate(() => (error ? cb!(error) : cb!(null, result)));
  };
}

class ZlibStream extends (Transform as any) {
  private chunks: Uint8Array[] = [];
  bytesWritten = 0;
  constructor(private op: string, private opts: any = {}) {
    super(opts);
  }
  _transform(chunk: any, _enc: string, cb: () => void): void {
    const u8 = toU8(chunk);
    this.chunks.push(u8);
    this.bytesWritten += u8.byteLength;
    cb();
  }
  _flush(cb: (e?: Error | null, d?: any) => void): void {
    const all = new Uint8Array(this.chunks.reduce((n, c) => n + c.byteLength, 0));
    let off = 0;
    for (const c of this.chunks) {
      all.set(c, off);
      off += c.byteLength;
    }
    try {
      cb(null, Buffer.from(ops[this.op]!(all, this.opts)));
    } catch (e) {
      cb(e as Error);
    }
  }
  close(cb?: () => void): void {
    if (cb) (globalThis as any).process.nextTick(cb);
    this.destroy();
  }
  flush(kind?: any, cb?: () => void): void {
    if (typeof kind === 'function') cb = kind;
    if (cb) (globalThis as any).process.nextTick(cb);
  }
  params(_l: number, _s: number, cb?: () => void): void {
    if (cb) (globalThis as any).process.nextTick(cb);
  }
  reset(): void {
    this.chunks = [];
  }
}

const make = (op: string) => (opts?: any) => new ZlibStream(op, opts);

export const gzipSync = syncFn('gzip');
export const gunzipSync = syncFn('gunzip');
export const deflateSync = syncFn('deflate');
export const inflateSync = syncFn('inflate');
export const deflateRawSync = syncFn('deflateRaw');
export const inflateRawSync = syncFn('inflateRaw');
export const unzipSync = syncFn('unzip');
export const gzip = asyncFn('gzip');
export const gunzip = asyncFn('gunzip');
export const deflate = asyncFn('deflate');
export const inflate = asyncFn('inflate');
export const deflateRaw = asyncFn('deflateRaw');
export const inflateRaw = asyncFn('inflateRaw');
export const unzip = asyncFn('unzip');
export const createGzip = make('gzip');
export const createGunzip = make('gunzip');
export const createDeflate = make('deflate');
export const createInflate = make('inflate');
export const createDeflateRaw = make('deflateRaw');
export const createInflateRaw = make('inflateRaw');
export const createUnzip = make('unzip');
export const brotliCompressSync = brotli;
export const brotliDecompressSync = brotli;
export const brotliCompress = brotli;
export const brotliDecompress = brotli;
export const createBrotliCompress = brotli;
export const createBrotliDecompress = brotli;

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

export function crc32(data: any, value = 0): number {
  const u8 = toU8(data);
  let c = (value ^ 0xffffffff) >>> 0;
  for (let i = 0; i < u8.length; i++) c = CRC_TABLE[(c ^ u8[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export const Gzip = ZlibStream;
export const codes = { Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3, Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6 };

export default {
  constants, codes, crc32, gzipSync, gunzipSync, deflateSync, inflateSync, deflateRawSync, inflateRawSync, unzipSync,
  gzip, gunzip, deflate, inflate, deflateRaw, inflateRaw, unzip, createGzip, createGunzip, createDeflate,
  createInflate, createDeflateRaw, createInflateRaw, createUnzip, brotliCompressSync, brotliDecompressSync,
  brotliCompress, brotliDecompress, createBrotliCompress, createBrotliDecompress, Gzip,
};
