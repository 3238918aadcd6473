/**
 * The seam between `node:zlib`'s streams and the codecs under them. It has the
 * shape of Node's native handle (`handle.writeSync` in lib/zlib.js): each
 * call runs the codec over part of an input buffer into part of an output
 * buffer with a flush flag and reports what is left of both, so the stream
 * code can split output into `chunkSize` pieces exactly as Node does.
 */

/** A codec's data error, carrying what Node puts on the Error it throws. */
export class CodecError {
  constructor(
    readonly message: string,
    readonly code: string,
    readonly errno: number,
  ) {}
}

export interface Codec {
  /**
   * Runs the codec over `input[inOff, inOff + inLen)` into
   * `out[outOff, outOff + outLen)`. Returns `[availOutAfter, availInAfter]`.
   * Throws CodecError when the data is bad.
   */
  write(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): [number, number];
  /**
   * What is left of the last write's buffers now: Node reads this after the
   * work is done, so a `params()` call in between adds its output to that write.
   */
  avail(): [number, number];
  /** `deflateParams`: a no-op for codecs that have none. */
  params(level: number, strategy: number): void;
  reset(): void;
  close(): void;
}
