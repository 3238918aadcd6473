/**
 * `stream`, `stream/promises`, `stream/web`, `stream/consumers`: Node's own
 * streams as published by readable-stream@4, re-exported with Node 24's
 * module shape (require('stream') is the Stream constructor).
 * https://nodejs.org/api/stream.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as rs from 'readable-stream';
import * as rsPromises from 'readable-stream/lib/stream/promises.js';

const base: any = (rs as any).default ?? rs;
export const Readable: any = base.Readable;
export const Writable: any = base.Writable;
export const Duplex: any = base.Duplex;
export const Transform: any = base.Transform;
export const PassThrough: any = base.PassThrough;
export const pipeline: any = base.pipeline;
export const finished: any = base.finished;
export const addAbortSignal: any = base.addAbortSignal;
export const compose: any = base.compose;
export const destroy: any = base.destroy;
export const isDisturbed: any = base.isDisturbed;
export const isErrored: any = base.isErrored;
export const isReadable: any = base.isReadable;
export const promises: any = (rsPromises as any).default ?? rsPromises;

function abortError(): Error {
  const e = new Error('The operation was aborted') as Error & { code: string };
  e.name = 'AbortError';
  e.code = 'ABORT_ERR';
  return e;
}

/** Resolves when the stream has finished or closed; rejects on errors other than AbortError. */
function settled(stream: any): Promise<void> {
  return new Promise((resolve, reject) => {
    finished(stream, (err: any) => (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE' ? reject(err) : resolve()));
  });
}

// `await using` support (Node 24): destroy with an AbortError unless already done.
if (!Writable.prototype[Symbol.asyncDispose as any]) {
  Writable.prototype[Symbol.asyncDispose as any] = async function asyncDispose(this: any) {
    if (!this.destroyed) this.destroy(this.writableFinished ? null : abortError());
    await settled(this);
  };
}
if (!Readable.prototype[Symbol.asyncDispose as any]) {
  Readable.prototype[Symbol.asyncDispose as any] = async function asyncDispose(this: any) {
    if (!this.destroyed) this.destroy(this.readableEnded ? null : abortError());
    await settled(this);
  };
}

// write()'s and end()'s callbacks get null (not undefined) on success.
{
  const write = Writable.prototype.write;
  Writable.prototype.write = function (this: any, chunk: any, encoding?: any, cb?: any) {
    const wrap = (f: any) => function (this: any, err?: unknown) {
      return f.call(this, err === undefined ? null : err);
    };
    if (typeof encoding === 'function') return write.call(this, chunk, wrap(encoding));
    if (typeof cb === 'function') return write.call(this, chunk, encoding, wrap(cb));
    return write.call(this, chunk, encoding, cb);
  };
  const end = Writable.prototype.end;
  Writable.prototype.end = function (this: any, ...args: any[]) {
    const i = args.length - 1;
    if (i >= 0 && typeof args[i] === 'function') {
      const cb = args[i];
      args[i] = function (this: any, err?: unknown) {
        return cb.call(this, err === undefined ? null : err);
      };
    }
    return end.apply(this, args);
  };
  if (Duplex.prototype.write === write) Duplex.prototype.write = Writable.prototype.write;
  if (Duplex.prototype.end === end) Duplex.prototype.end = Writable.prototype.end;
}

// fromWeb/toWeb over the worker's WHATWG streams (readable-stream reaches for
// Node internals here).
function webReadSide(readable: ReadableStream) {
  const reader = readable.getReader();
  return {
    read(this: any) {
      reader.read().then(({ done, value }) => {
        if (done) this.push(null);
        else this.push(value);
      }, (err) => this.destroy(err));
    },
    cancel(err: unknown) {
      return reader.cancel(err ?? undefined).catch(() => undefined);
    },
  };
}
function webWriteSide(writable: WritableStream) {
  const writer = writable.getWriter();
  return {
    write(chunk: unknown, _enc: string, cb: (err?: unknown) => void) {
      writer.ready.then(() => writer.write(chunk)).then(() => cb(), cb);
    },
    final(cb: (err?: unknown) => void) {
      writer.close().then(() => cb(), cb);
    },
    abort(err: unknown) {
      return writer.abort(err ?? undefined).catch(() => undefined);
    },
  };
}
function pickOptions(options: any = {}): any {
  const { highWaterMark, encoding, objectMode = false, signal, decodeStrings } = options;
  const o: any = { objectMode, highWaterMark, encoding, signal };
  if (decodeStrings !== undefined) o.decodeStrings = decodeStrings;
  for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
  return o;
}
Readable.fromWeb = function fromWeb(readableStream: ReadableStream, options?: any) {
  const r = webReadSide(readableStream);
  return new Readable({
    ...pickOptions(options),
    read: r.read,
    destroy(err: unknown, cb: (e?: unknown) => void) {
      r.cancel(err).then(() => cb(err));
    },
  });
};
Writable.fromWeb = function fromWeb(writableStream: WritableStream, options?: any) {
  const w = webWriteSide(writableStream);
  return new Writable({
    ...pickOptions(options),
    write: w.write,
    final: w.final,
    destroy(err: unknown, cb: (e?: unknown) => void) {
      (err ? w.abort(err) : Promise.resolve()).then(() => cb(err));
    },
  });
};
Duplex.fromWeb = function fromWeb(pair: { readable: ReadableStream; writable: WritableStream }, options?: any) {
  const r = webReadSide(pair.readable);
  const w = webWriteSide(pair.writable);
  return new Duplex({
    ...pickOptions(options),
    read: r.read,
    write: w.write,
    final: w.final,
    destroy(err: unknown, cb: (e?: unknown) => void) {
      Promise.all([r.cancel(err), err ? w.abort(err) : undefined]).then(() => cb(err));
    },
  });
};
Readable.toWeb = function toWeb(streamReadable: any) {
  return new ReadableStream({
    start(controller) {
      streamReadable.pause();
      streamReadable.on('data', (chunk: any) => {
        controller.enqueue(typeof chunk === 'string' || streamReadable.readableObjectMode ? chunk : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
        if ((controller.desiredSize ?? 1) <= 0) streamReadable.pause();
      });
      streamReadable.once('end', () => controller.close());
      streamReadable.once('error', (err: unknown) => controller.error(err));
    },
    pull() {
      streamReadable.resume();
    },
    cancel(reason) {
      streamReadable.destroy(reason);
    },
  });
};
Writable.toWeb = function toWeb(streamWritable: any) {
  return new WritableStream({
    write(chunk) {
      return new Promise<void>((resolve, reject) => {
        streamWritable.write(chunk, (err: unknown) => (err ? reject(err) : resolve()));
      });
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        streamWritable.end((err: unknown) => (err ? reject(err) : resolve()));
      });
    },
    abort(reason) {
      streamWritable.destroy(reason);
    },
  });
};
Duplex.toWeb = function toWeb(duplex: any) {
  return { readable: Readable.toWeb(duplex), writable: Writable.toWeb(duplex) };
};

let hwm = 16384;
let objectHwm = 16;
export function getDefaultHighWaterMark(objectMode: boolean): number {
  return objectMode ? objectHwm : hwm;
}
export function setDefaultHighWaterMark(objectMode: boolean, value: number): void {
  if (objectMode) objectHwm = value;
  else hwm = value;
}

const Stream: any = base.Stream;
const extras: Record<string, unknown> = {
  Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished, addAbortSignal, compose, destroy,
  isDisturbed, isErrored, isReadable, promises, Stream, getDefaultHighWaterMark, setDefaultHighWaterMark,
  isWritable: (s: any) => !!s && s.writable === true && !s.destroyed,
  duplexPair: () => {
    const a = new PassThrough();
    const b = new PassThrough();
    return [Duplex.from({ readable: b, writable: a }), Duplex.from({ readable: a, writable: b })];
  },
};
for (const [k, v] of Object.entries(extras)) {
  if (!(k in Stream)) Object.defineProperty(Stream, k, { value: v, writable: true, configurable: true, enumerable: true });
}
export { Stream };

/** stream/web: the worker's WHATWG streams. */
export const web = {
  ReadableStream: globalThis.ReadableStream,
  ReadableStreamDefaultReader: (globalThis as any).ReadableStreamDefaultReader,
  ReadableStreamBYOBReader: (globalThis as any).ReadableStreamBYOBReader,
  ReadableStreamBYOBRequest: (globalThis as any).ReadableStreamBYOBRequest,
  ReadableByteStreamController: (globalThis as any).ReadableByteStreamController,
  ReadableStreamDefaultController: (globalThis as any).ReadableStreamDefaultController,
  TransformStream: globalThis.TransformStream,
  TransformStreamDefaultController: (globalThis as any).TransformStreamDefaultController,
  WritableStream: globalThis.WritableStream,
  WritableStreamDefaultWriter: (globalThis as any).WritableStreamDefaultWriter,
  WritableStreamDefaultController: (globalThis as any).WritableStreamDefaultController,
  ByteLengthQueuingStrategy: globalThis.ByteLengthQueuingStrategy,
  CountQueuingStrategy: globalThis.CountQueuingStrategy,
  TextEncoderStream: (globalThis as any).TextEncoderStream,
  TextDecoderStream: (globalThis as any).TextDecoderStream,
  CompressionStream: (globalThis as any).CompressionStream,
  DecompressionStream: (globalThis as any).DecompressionStream,
};

async function collect(stream: any): Promise<Uint8Array[]> {
  const chunks: Uint8Array[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? new TextEncoder().encode(c) : c);
  return chunks;
}

/** stream/consumers */
export const consumers = {
  async arrayBuffer(s: any): Promise<ArrayBuffer> {
    const chunks = await collect(s);
    const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.byteLength;
    }
    return out.buffer;
  },
  async buffer(s: any): Promise<any> {
    return (globalThis as any).Buffer.from(await consumers.arrayBuffer(s));
  },
  async text(s: any): Promise<string> {
    return new TextDecoder().decode(await consumers.arrayBuffer(s));
  },
  async json(s: any): Promise<unknown> {
    return JSON.parse(await consumers.text(s));
  },
  async blob(s: any): Promise<Blob> {
    return new Blob([await consumers.arrayBuffer(s)]);
  },
};

export default Stream;
