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
