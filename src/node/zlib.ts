/**
 * `node:zlib`: deflate/gzip over pako (byte for byte Node's output, see
 * internal/zlib-pako-codec.ts) and brotli over brotli-wasm (see
 * internal/zlib-brotli-codec.ts for where its bytes differ from Node's).
 *
 * The streams follow Node's lib/zlib.js: a codec is driven with input and an
 * output buffer of `chunkSize` bytes, each filled buffer is pushed as one
 * chunk, the last chunk written gets the finish flush, and the convenience
 * functions run a stream (callback) or the same loop synchronously.
 * Zstandard is not provided. https://nodejs.org/api/zlib.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Buffer } from './buffer.js';
import { finished, Transform } from './stream.js';
import { setImmediate } from './timers.js';
import { deprecate } from './util.js';
import { ERR_INVALID_ARG_TYPE, ERR_OUT_OF_RANGE, isArrayBufferView, nodeError, validateFunction, validateUint32 } from './internal/fs-args.js';
import { BrotliCodec } from './internal/zlib-brotli-codec.js';
import { type Codec, CodecError } from './internal/zlib-codec.js';
import { codes, constants, MAX_BROTLI_PARAM } from './internal/zlib-constants.js';
import { crc32 as crc32Of } from './internal/zlib-crc32.js';
import { Mode, PakoCodec } from './internal/zlib-pako-codec.js';

export { codes, constants };

const C = constants as Record<string, number>;
const BROTLI_DECODE = C.BROTLI_DECODE!;
const BROTLI_ENCODE = C.BROTLI_ENCODE!;
const K_MAX_LENGTH = Number.MAX_SAFE_INTEGER;
const kError = Symbol('kError');
const kFlushFlag = Symbol('kFlushFlag');

/** A Buffer (the host's Buffer class is a value export). */
type Bytes = ReturnType<typeof Buffer.allocUnsafe>;

const nextTick = (fn: (...a: any[]) => void, ...args: any[]) => (globalThis as any).process.nextTick(fn, ...args);

// ------------------------------------------------------------ option checks

/** Node's validateFiniteNumber: undefined and NaN mean "use the default". */
function finiteNumber(value: unknown, name: string): boolean {
  if (value === undefined) return false;
  if (Number.isFinite(value)) return true;
  if (Number.isNaN(value)) return false;
  if (typeof value !== 'number') throw ERR_INVALID_ARG_TYPE(name, 'of type number', value);
  throw ERR_OUT_OF_RANGE(name, 'a finite number', value);
}

function rangeOrDefault(value: unknown, name: string, lower: number, upper: number, def?: number): number {
  if (!finiteNumber(value, name)) return def as number;
  if ((value as number) < lower || (value as number) > upper) throw ERR_OUT_OF_RANGE(name, `>= ${lower} and <= ${upper}`, value);
  return value as number;
}

const isAnyArrayBuffer = (v: unknown) =>
  v instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer);

function zlibError(e: CodecError): Error {
  return Object.assign(new Error(e.message), { errno: e.errno, code: e.code });
}

const ERR_BUFFER_TOO_LARGE = (max: number) => nodeError(RangeError, 'ERR_BUFFER_TOO_LARGE', `Cannot create a Buffer larger than ${max} bytes`);
const ERR_ZLIB_INITIALIZATION_FAILED = () => nodeError(Error, 'ERR_ZLIB_INITIALIZATION_FAILED', 'Initialization failed');

interface FlushDefaults {
  flush: number;
  finishFlush: number;
  fullFlush: number;
  bounds: [number, number];
}
const ZLIB_FLUSH: FlushDefaults = { flush: C.Z_NO_FLUSH!, finishFlush: C.Z_FINISH!, fullFlush: C.Z_FULL_FLUSH!, bounds: [C.Z_NO_FLUSH!, C.Z_BLOCK!] };
const BROTLI_FLUSH: FlushDefaults = {
  flush: C.BROTLI_OPERATION_PROCESS!,
  finishFlush: C.BROTLI_OPERATION_FINISH!,
  fullFlush: C.BROTLI_OPERATION_FLUSH!,
  bounds: [C.BROTLI_OPERATION_PROCESS!, C.BROTLI_OPERATION_EMIT_METADATA!],
};

/** The order of flush strength (zlib's and, by value, brotli's operations). */
const FLUSH_ORDER = [C.Z_NO_FLUSH, C.Z_BLOCK, C.Z_PARTIAL_FLUSH, C.Z_SYNC_FLUSH, C.Z_FULL_FLUSH, C.Z_FINISH];
const maxFlush = (a: number, b: number) => FLUSH_ORDER[Math.max(FLUSH_ORDER.indexOf(a), FLUSH_ORDER.indexOf(b))]!;

/** Zero-length chunks that carry a flush request through the writable queue. */
const flushBuffers: Bytes[] = [];
for (let kind = 0; kind <= C.Z_BLOCK!; kind++) flushBuffers[kind] = Object.assign(Buffer.alloc(0), { [kFlushFlag]: kind });

// ------------------------------------------------------------ the stream classes

class ZlibBase extends (Transform as any) {
  declare bytesWritten: number;
  declare _handle: Codec | null;
  declare _outBuffer: Bytes;
  declare _outOffset: number;
  declare _chunkSize: number;
  declare _defaultFlushFlag: number;
  declare _finishFlushFlag: number;
  declare _defaultFullFlushFlag: number;
  declare _info: unknown;
  declare _maxOutputLength: number;
  declare _rejectGarbageAfterEnd: boolean;
  declare [kError]: Error | null;

  constructor(opts: any, codec: Codec, defaults: FlushDefaults) {
    let chunkSize = C.Z_DEFAULT_CHUNK!;
    let maxOutputLength = K_MAX_LENGTH;
    let { flush, finishFlush } = defaults;
    try {
      if (opts) {
        chunkSize = opts.chunkSize;
        if (!finiteNumber(chunkSize, 'options.chunkSize')) chunkSize = C.Z_DEFAULT_CHUNK!;
        else if (chunkSize < C.Z_MIN_CHUNK!) throw ERR_OUT_OF_RANGE('options.chunkSize', `>= ${C.Z_MIN_CHUNK}`, chunkSize);
        flush = rangeOrDefault(opts.flush, 'options.flush', defaults.bounds[0], defaults.bounds[1], flush);
        finishFlush = rangeOrDefault(opts.finishFlush, 'options.finishFlush', defaults.bounds[0], defaults.bounds[1], finishFlush);
        maxOutputLength = rangeOrDefault(opts.maxOutputLength, 'options.maxOutputLength', 1, K_MAX_LENGTH, K_MAX_LENGTH);
        if (opts.encoding || opts.objectMode || opts.writableObjectMode) {
          opts = { ...opts, encoding: null, objectMode: false, writableObjectMode: false };
        }
      }
    } catch (e) {
      codec.close();
      throw e;
    }
    super({ autoDestroy: true, ...opts });
    this[kError] = null;
    this.bytesWritten = 0;
    this._handle = codec;
    this._outBuffer = Buffer.allocUnsafe(chunkSize);
    this._outOffset = 0;
    this._chunkSize = chunkSize;
    this._defaultFlushFlag = flush;
    this._finishFlushFlag = finishFlush;
    this._defaultFullFlushFlag = defaults.fullFlush;
    this._info = opts?.info;
    this._maxOutputLength = maxOutputLength;
    this._rejectGarbageAfterEnd = opts?.rejectGarbageAfterEnd === true;
  }

  get _closed(): boolean {
    return !this._handle;
  }

  reset(): void {
    if (!this._handle) throw nodeError(Error, 'ERR_INTERNAL_ASSERTION', 'zlib binding closed');
    this._handle.reset();
  }

  _flush(callback: (e?: Error | null) => void): void {
    this._transform(Buffer.alloc(0), '', callback);
  }

  _final(callback: () => void): void {
    callback();
  }

  /** Flushes with `kind` (default: the full flush) once what was written before is processed. */
  flush(kind?: any, callback?: () => void): void {
    if (typeof kind === 'function' || (kind === undefined && !callback)) {
      callback = kind;
      kind = this._defaultFullFlushFlag;
    }
    if (this.writableFinished) {
      if (callback) nextTick(callback);
    } else if (this.writableEnded) {
      if (callback) this.once('end', callback);
    } else {
      this.write(flushBuffers[kind], '', callback);
    }
  }

  close(callback?: (err?: Error) => void): void {
    if (callback) finished(this, callback);
    this.destroy();
  }

  _destroy(err: Error | null, callback: (e: Error | null) => void): void {
    closeHandle(this);
    callback(err);
  }

  _transform(chunk: any, _encoding: string, cb: (e?: Error | null) => void): void {
    let flushFlag = this._defaultFlushFlag;
    if (typeof chunk[kFlushFlag] === 'number') flushFlag = chunk[kFlushFlag];
    // The last chunk also carries the finish flush.
    if (this.writableEnded && this.writableLength === chunk.byteLength) flushFlag = maxFlush(flushFlag, this._finishFlushFlag);
    processChunk(this, chunk, flushFlag, cb);
  }

  _processChunk(chunk: Uint8Array, flushFlag: number, cb?: (e?: Error | null) => void): Bytes | undefined {
    if (typeof cb === 'function') {
      processChunk(this, chunk, flushFlag, cb);
      return undefined;
    }
    return processChunkSync(this, chunk, flushFlag);
  }
}

function closeHandle(engine: ZlibBase): void {
  engine._handle?.close();
  engine._handle = null;
}

/** Node's handle.onerror: the stream is destroyed with the codec's error, which is also returned. */
function fail(engine: ZlibBase, e: unknown): Error {
  const error = e instanceof CodecError ? zlibError(e) : (e as Error);
  engine.destroy(error);
  engine[kError] = error;
  return error;
}

function processChunkSync(engine: ZlibBase, chunk: Uint8Array, flushFlag: number): Bytes {
  const handle = engine._handle;
  if (!handle) throw new TypeError("Cannot read properties of null (reading 'writeSync')");
  const input = chunk instanceof Uint8Array ? chunk : new Uint8Array((chunk as ArrayBufferView).buffer, (chunk as ArrayBufferView).byteOffset, (chunk as ArrayBufferView).byteLength);
  const chunkSize = engine._chunkSize;
  let availInBefore = input.byteLength;
  let availOutBefore = chunkSize - engine._outOffset;
  let inOff = 0;
  let buffer = engine._outBuffer;
  let offset = engine._outOffset;
  const buffers: Bytes[] = [];
  let nread = 0;
  let inputRead = 0;
  // The error is thrown here; the stream's own 'error' event must not go unheard.
  engine.on('error', () => {});
  for (;;) {
    let availOutAfter: number;
    let availInAfter: number;
    try {
      [availOutAfter, availInAfter] = handle.write(flushFlag, input, inOff, availInBefore, buffer, offset, availOutBefore);
    } catch (e) {
      throw fail(engine, e);
    }
    const inDelta = availInBefore - availInAfter;
    inputRead += inDelta;
    const have = availOutBefore - availOutAfter;
    if (have > 0) {
      const out = buffer.slice(offset, offset + have);
      offset += have;
      buffers.push(out);
      nread += out.byteLength;
      if (nread > engine._maxOutputLength) {
        closeHandle(engine);
        throw ERR_BUFFER_TOO_LARGE(engine._maxOutputLength);
      }
    }
    if (availOutAfter === 0 || offset >= chunkSize) {
      availOutBefore = chunkSize;
      offset = 0;
      buffer = Buffer.allocUnsafe(chunkSize);
    }
    if (availOutAfter !== 0) break;
    inOff += inDelta;
    availInBefore = availInAfter;
  }
  engine.bytesWritten = inputRead;
  closeHandle(engine);
  if (nread === 0) return Buffer.alloc(0);
  return buffers.length === 1 ? buffers[0]! : Buffer.concat(buffers, nread);
}

interface Job {
  chunk: Uint8Array;
  cb: (e?: Error | null) => void;
  flushFlag: number;
  inOff: number;
  availInBefore: number;
  availOutBefore: number;
}

/**
 * Node starts each codec call at once on its thread pool and handles the result
 * in a later turn of the event loop; here the call runs at once and its result
 * is handled in a later macrotask. (So a `params()` that follows a write still
 * applies after that write, as in Node.)
 */
function processChunk(engine: ZlibBase, chunk: Uint8Array, flushFlag: number, cb: (e?: Error | null) => void): void {
  if (!engine._handle) {
    nextTick(cb);
    return;
  }
  startWrite(engine, { chunk, cb, flushFlag, inOff: 0, availInBefore: chunk.byteLength, availOutBefore: engine._chunkSize - engine._outOffset });
}

function startWrite(engine: ZlibBase, job: Job): void {
  let error: unknown;
  try {
    engine._handle!.write(job.flushFlag, job.chunk, job.inOff, job.availInBefore, engine._outBuffer, engine._outOffset, job.availOutBefore);
  } catch (e) {
    error = e ?? new Error('codec failed');
  }
  setImmediate(() => afterWrite(engine, job, error));
}

function afterWrite(engine: ZlibBase, job: Job, error: unknown): void {
  if (engine.destroyed || !engine._handle) {
    job.cb();
    return;
  }
  if (error) {
    fail(engine, error);
    return;
  }
  const [availOutAfter, availInAfter] = engine._handle.avail();
  const inDelta = job.availInBefore - availInAfter;
  engine.bytesWritten += inDelta;
  const have = job.availOutBefore - availOutAfter;
  let full = false;
  if (have > 0) {
    const out = engine._outBuffer.slice(engine._outOffset, engine._outOffset + have);
    engine._outOffset += have;
    full = !engine.push(out);
  }
  if (engine.destroyed) {
    job.cb();
    return;
  }
  if (availOutAfter === 0 || engine._outOffset >= engine._chunkSize) {
    job.availOutBefore = engine._chunkSize;
    engine._outOffset = 0;
    engine._outBuffer = Buffer.allocUnsafe(engine._chunkSize);
  }
  if (availOutAfter === 0) {
    // More output is waiting: go on, once the reader wants more if its buffer is full.
    job.inOff += inDelta;
    job.availInBefore = availInAfter;
    if (!full) {
      startWrite(engine, job);
    } else {
      const read = engine._read;
      engine._read = (n: number) => {
        engine._read = read;
        startWrite(engine, job);
        engine._read(n);
      };
    }
    return;
  }
  if (availInAfter > 0) {
    // Input left with room to spare: the compressed stream ended before the input did.
    if (engine._rejectGarbageAfterEnd) {
      engine.destroy(Object.assign(new Error('Trailing junk found after the end of the compressed stream'), { code: 'Z_DATA_ERROR', errno: C.Z_DATA_ERROR }));
      job.cb();
      return;
    }
    engine.push(null);
  }
  job.cb();
}

class Zlib extends ZlibBase {
  declare _level: number;
  declare _strategy: number;
  declare _mode: number;

  constructor(opts: any, mode: number) {
    if (mode === BROTLI_ENCODE || mode === BROTLI_DECODE) {
      super(opts, brotliCodec(opts, mode), BROTLI_FLUSH);
      return;
    }
    let windowBits = C.Z_DEFAULT_WINDOWBITS!;
    let level = C.Z_DEFAULT_COMPRESSION!;
    let memLevel = C.Z_DEFAULT_MEMLEVEL!;
    let strategy = C.Z_DEFAULT_STRATEGY!;
    let dictionary: any;
    if (opts) {
      // For inflate, 0 (or nothing) means "the window size in the stream's header".
      if ((opts.windowBits == null || opts.windowBits === 0) && (mode === Mode.INFLATE || mode === Mode.GUNZIP || mode === Mode.UNZIP)) {
        windowBits = 0;
      } else {
        // 8 is valid for deflate but not for gzip.
        const min = C.Z_MIN_WINDOWBITS! + (mode === Mode.GZIP ? 1 : 0);
        windowBits = rangeOrDefault(opts.windowBits, 'options.windowBits', min, C.Z_MAX_WINDOWBITS!, C.Z_DEFAULT_WINDOWBITS);
      }
      level = rangeOrDefault(opts.level, 'options.level', C.Z_MIN_LEVEL!, C.Z_MAX_LEVEL!, C.Z_DEFAULT_COMPRESSION);
      memLevel = rangeOrDefault(opts.memLevel, 'options.memLevel', C.Z_MIN_MEMLEVEL!, C.Z_MAX_MEMLEVEL!, C.Z_DEFAULT_MEMLEVEL);
      strategy = rangeOrDefault(opts.strategy, 'options.strategy', C.Z_DEFAULT_STRATEGY!, C.Z_FIXED!, C.Z_DEFAULT_STRATEGY);
      dictionary = opts.dictionary;
      if (dictionary !== undefined && !isArrayBufferView(dictionary)) {
        if (isAnyArrayBuffer(dictionary)) dictionary = Buffer.from(dictionary);
        else throw ERR_INVALID_ARG_TYPE('options.dictionary', 'an instance of Buffer, TypedArray, DataView, or ArrayBuffer', dictionary);
      }
    }
    let codec: Codec;
    try {
      // zlib takes integers: Node's binding truncates.
      codec = new PakoCodec(mode as Mode, {
        windowBits: Math.trunc(windowBits),
        level: Math.trunc(level),
        memLevel: Math.trunc(memLevel),
        strategy: Math.trunc(strategy),
        dictionary: dictionary === undefined ? undefined : new Uint8Array(dictionary.buffer, dictionary.byteOffset, dictionary.byteLength),
      });
    } catch (e) {
      if (e instanceof CodecError) throw ERR_ZLIB_INITIALIZATION_FAILED();
      throw e;
    }
    super(opts, codec, ZLIB_FLUSH);
    this._level = level;
    this._strategy = strategy;
    this._mode = mode;
  }

  /** Changes level and strategy after a sync flush of what was written (deflate and raw deflate). */
  params(level: number, strategy: number, callback?: () => void): void {
    rangeOrDefault(level, 'level', C.Z_MIN_LEVEL!, C.Z_MAX_LEVEL!);
    rangeOrDefault(strategy, 'strategy', C.Z_DEFAULT_STRATEGY!, C.Z_FIXED!);
    if (this._level !== level || this._strategy !== strategy) {
      this.flush(C.Z_SYNC_FLUSH, () => {
        if (!this._handle) throw nodeError(Error, 'ERR_INTERNAL_ASSERTION', 'zlib binding closed');
        this._handle.params(Math.trunc(level), Math.trunc(strategy));
        if (!this.destroyed) {
          this._level = level;
          this._strategy = strategy;
          callback?.();
        }
      });
    } else {
      nextTick(callback as () => void);
    }
  }
}

function brotliCodec(opts: any, mode: number): Codec {
  // Node's init array: one uint32 per BROTLI_PARAM_*, all ones meaning "not set".
  const params = new Uint32Array(MAX_BROTLI_PARAM + 1).fill(0xffffffff);
  if (opts?.params) {
    for (const key of Object.keys(opts.params)) {
      const index = +key;
      if (Number.isNaN(index) || index < 0 || index > MAX_BROTLI_PARAM || (params[index]! | 0) !== -1) {
        throw nodeError(RangeError, 'ERR_BROTLI_INVALID_PARAM', `${key} is not a valid Brotli parameter`);
      }
      const value = opts.params[key];
      if (typeof value !== 'number' && typeof value !== 'boolean') throw ERR_INVALID_ARG_TYPE('options.params[key]', 'of type number', value);
      params[index] = value as number;
    }
  }
  // The C decoder knows only its two parameters: setting any other fails its init.
  if (mode === BROTLI_DECODE && params.some((v, i) => i > 1 && v !== 0xffffffff)) throw ERR_ZLIB_INITIALIZATION_FAILED();
  return new BrotliCodec(mode === BROTLI_ENCODE, params);
}

class Brotli extends Zlib {}

class Deflate extends Zlib {
  constructor(opts?: any) {
    super(opts, Mode.DEFLATE);
  }
}
class Inflate extends Zlib {
  constructor(opts?: any) {
    super(opts, Mode.INFLATE);
  }
}
class Gzip extends Zlib {
  constructor(opts?: any) {
    super(opts, Mode.GZIP);
  }
}
class Gunzip extends Zlib {
  constructor(opts?: any) {
    super(opts, Mode.GUNZIP);
  }
}
class DeflateRaw extends Zlib {
  constructor(opts?: any) {
    super(opts, Mode.DEFLATERAW);
  }
}
class InflateRaw extends Zlib {
  constructor(opts?: any) {
    super(opts, Mode.INFLATERAW);
  }
}
class Unzip extends Zlib {
  constructor(opts?: any) {
    super(opts, Mode.UNZIP);
  }
}
class BrotliCompress extends Brotli {
  constructor(opts?: any) {
    super(opts, BROTLI_ENCODE);
  }
}
class BrotliDecompress extends Brotli {
  constructor(opts?: any) {
    super(opts, BROTLI_DECODE);
  }
}

/** Node's zlib classes still construct when called without `new`, with a DEP0184 warning. */
function callable<T extends new (opts?: any) => any>(Class: T): T {
  const warn = deprecate(() => {}, `Instantiating ${Class.name} without the 'new' keyword has been deprecated.`, 'DEP0184');
  const proxy: any = new Proxy(Class, {
    apply(target, _this, args) {
      warn();
      return Reflect.construct(target, args, target);
    },
  });
  Object.defineProperty(Class.prototype, 'constructor', { value: proxy, writable: true, configurable: true, enumerable: false });
  return proxy;
}

const DeflateC = callable(Deflate);
const InflateC = callable(Inflate);
const GzipC = callable(Gzip);
const GunzipC = callable(Gunzip);
const DeflateRawC = callable(DeflateRaw);
const InflateRawC = callable(InflateRaw);
const UnzipC = callable(Unzip);
const BrotliCompressC = callable(BrotliCompress);
const BrotliDecompressC = callable(BrotliDecompress);
export {
  DeflateC as Deflate,
  InflateC as Inflate,
  GzipC as Gzip,
  GunzipC as Gunzip,
  DeflateRawC as DeflateRaw,
  InflateRawC as InflateRaw,
  UnzipC as Unzip,
  BrotliCompressC as BrotliCompress,
  BrotliDecompressC as BrotliDecompress,
};

// ------------------------------------------------------------ convenience functions

function zlibBufferSync(engine: ZlibBase, buffer: unknown): any {
  if (typeof buffer === 'string') buffer = Buffer.from(buffer);
  else if (!isArrayBufferView(buffer)) {
    if (isAnyArrayBuffer(buffer)) buffer = Buffer.from(buffer as ArrayBuffer);
    else throw ERR_INVALID_ARG_TYPE('buffer', 'of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer', buffer);
  }
  const result = processChunkSync(engine, buffer as Uint8Array, engine._finishFlushFlag);
  return engine._info ? { buffer: result, engine } : result;
}

function zlibBuffer(engine: any, buffer: any, callback: any): void {
  validateFunction(callback, 'callback');
  // Streams take Uint8Arrays: other views and ArrayBuffers become Buffers over the same memory.
  if (isArrayBufferView(buffer) && !(buffer instanceof Uint8Array)) buffer = Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  else if (isAnyArrayBuffer(buffer)) buffer = Buffer.from(buffer);
  const chunks: Bytes[] = [];
  let nread = 0;
  engine.on('data', (chunk: Bytes) => {
    chunks.push(chunk);
    nread += chunk.length;
    if (nread > engine._maxOutputLength) {
      engine.close();
      engine.removeAllListeners('end');
      callback(ERR_BUFFER_TOO_LARGE(engine._maxOutputLength));
    }
  });
  engine.on('error', (err: Error) => {
    engine.removeAllListeners('end');
    callback(err);
  });
  engine.on('end', () => {
    const buf = nread === 0 ? Buffer.alloc(0) : chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, nread);
    engine.close();
    callback(null, engine._info ? { buffer: buf, engine } : buf);
  });
  engine.end(buffer);
}

type Ctor = new (opts?: any) => ZlibBase;

function syncMethod(Class: Ctor, name: string) {
  const fn = (buffer: unknown, opts?: unknown) => zlibBufferSync(new Class(opts), buffer);
  return Object.defineProperty(fn, 'name', { value: name });
}

function asyncMethod(Class: Ctor, name: string) {
  const fn = function (buffer: unknown, opts: unknown, callback?: unknown) {
    if (typeof opts === 'function') {
      callback = opts;
      opts = {};
    }
    return zlibBuffer(new Class(opts), buffer, callback);
  };
  return Object.defineProperty(fn, 'name', { value: name });
}

export const deflate = asyncMethod(Deflate, 'asyncBufferWrapper');
export const deflateSync = syncMethod(Deflate, 'syncBufferWrapper');
export const gzip = asyncMethod(Gzip, 'asyncBufferWrapper');
export const gzipSync = syncMethod(Gzip, 'syncBufferWrapper');
export const deflateRaw = asyncMethod(DeflateRaw, 'asyncBufferWrapper');
export const deflateRawSync = syncMethod(DeflateRaw, 'syncBufferWrapper');
export const unzip = asyncMethod(Unzip, 'asyncBufferWrapper');
export const unzipSync = syncMethod(Unzip, 'syncBufferWrapper');
export const inflate = asyncMethod(Inflate, 'asyncBufferWrapper');
export const inflateSync = syncMethod(Inflate, 'syncBufferWrapper');
export const gunzip = asyncMethod(Gunzip, 'asyncBufferWrapper');
export const gunzipSync = syncMethod(Gunzip, 'syncBufferWrapper');
export const inflateRaw = asyncMethod(InflateRaw, 'asyncBufferWrapper');
export const inflateRawSync = syncMethod(InflateRaw, 'syncBufferWrapper');
export const brotliCompress = asyncMethod(BrotliCompress, 'asyncBufferWrapper');
export const brotliCompressSync = syncMethod(BrotliCompress, 'syncBufferWrapper');
export const brotliDecompress = asyncMethod(BrotliDecompress, 'asyncBufferWrapper');
export const brotliDecompressSync = syncMethod(BrotliDecompress, 'syncBufferWrapper');

// Node defines these read-only, as methods named `value`.
const creators = {
  createDeflate: { value: (options?: any) => new Deflate(options) },
  createInflate: { value: (options?: any) => new Inflate(options) },
  createDeflateRaw: { value: (options?: any) => new DeflateRaw(options) },
  createInflateRaw: { value: (options?: any) => new InflateRaw(options) },
  createGzip: { value: (options?: any) => new Gzip(options) },
  createGunzip: { value: (options?: any) => new Gunzip(options) },
  createUnzip: { value: (options?: any) => new Unzip(options) },
  createBrotliCompress: { value: (options?: any) => new BrotliCompress(options) },
  createBrotliDecompress: { value: (options?: any) => new BrotliDecompress(options) },
};
for (const c of Object.values(creators)) Object.defineProperty(c.value, 'name', { value: 'value' });
export const createDeflate = creators.createDeflate.value;
export const createInflate = creators.createInflate.value;
export const createDeflateRaw = creators.createDeflateRaw.value;
export const createInflateRaw = creators.createInflateRaw.value;
export const createGzip = creators.createGzip.value;
export const createGunzip = creators.createGunzip.value;
export const createUnzip = creators.createUnzip.value;
export const createBrotliCompress = creators.createBrotliCompress.value;
export const createBrotliDecompress = creators.createBrotliDecompress.value;

/** `zlib.crc32(data[, value])`: CRC-32 (as in gzip), continuing from `value`. */
export function crc32(data: unknown, value: unknown = 0): number {
  if (typeof data !== 'string' && !isArrayBufferView(data)) {
    throw ERR_INVALID_ARG_TYPE('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
  }
  validateUint32(value, 'value');
  const bytes = typeof data === 'string' ? Buffer.from(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return crc32Of(bytes, value);
}

const zlib: Record<string, unknown> = {
  crc32,
  Deflate: DeflateC,
  Inflate: InflateC,
  Gzip: GzipC,
  Gunzip: GunzipC,
  DeflateRaw: DeflateRawC,
  InflateRaw: InflateRawC,
  Unzip: UnzipC,
  BrotliCompress: BrotliCompressC,
  BrotliDecompress: BrotliDecompressC,
  deflate,
  deflateSync,
  gzip,
  gzipSync,
  deflateRaw,
  deflateRawSync,
  unzip,
  unzipSync,
  inflate,
  inflateSync,
  gunzip,
  gunzipSync,
  inflateRaw,
  inflateRawSync,
  brotliCompress,
  brotliCompressSync,
  brotliDecompress,
  brotliDecompressSync,
};
for (const [name, { value }] of Object.entries(creators)) Object.defineProperty(zlib, name, { value, writable: false, enumerable: true, configurable: true });
Object.defineProperty(zlib, 'constants', { value: constants, writable: false, enumerable: true, configurable: false });
Object.defineProperty(zlib, 'codes', { value: codes, writable: false, enumerable: true, configurable: false });
// The legacy top-level constants (`zlib.Z_OK`, ...), hidden, and none of the brotli ones.
for (const key of Object.keys(constants)) {
  if (!key.startsWith('BROTLI')) Object.defineProperty(zlib, key, { value: constants[key], writable: false, enumerable: false, configurable: false });
}

export default zlib;
