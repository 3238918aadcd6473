/**
 * Brotli encoder and decoder behind Node's handle interface (see
 * zlib-codec.ts), over brotli-wasm's streaming API.
 *
 * Differences from Node, whose encoder is Google's C brotli 1.1.0:
 * - brotli-wasm is the Rust port and takes only a quality. Over 34 inputs of
 *   100 B–1 MB its bytes equalled Node's for all at qualities 0 and 1 (though
 *   q1 differs on some 16–32 KB inputs), for 30 of 34 at 5–8, about 2 in 3 at
 *   9–11 and 1 in 3 at 2–4. LGWIN, MODE, SIZE_HINT, LGBLOCK and the other
 *   encoder params are accepted and ignored: valid streams, other bytes.
 * - It has no flush operation, so BROTLI_OPERATION_FLUSH emits nothing
 *   until the stream finishes.
 * - BROTLI_PARAM_LARGE_WINDOW is ignored too: the stream has a normal window.
 * Decoding Node's streams is exact. Corrupt input gets the C decoder's error
 * codes in most cases, but the Rust decoder names a few corruptions
 * differently (PADDING_2 for PADDING_1, BLOCK_LENGTH_1 for BLOCK_LENGTH_2) and
 * lets some nonzero final padding bits pass.
 *
 * Output is asked of the module in pieces of at least 64 KiB and handed out in
 * whatever sizes the caller's buffer takes, so a small `chunkSize` does not
 * cost one module call (and one copy of the pending input) per chunk.
 */
import { type Codec, CodecError } from './zlib-codec.js';
import { brotliErrorCode, constants } from './zlib-constants.js';
import { BrotliFormatError, BrotliStep, BrotliWasmStream } from './zlib-brotli-wasm.js';

const FINISH = constants.BROTLI_OPERATION_FINISH!;
const WINDOW_BITS = constants.BROTLI_DECODER_ERROR_FORMAT_WINDOW_BITS!;
const MIN_STEP_OUTPUT = 64 * 1024;
/** Input per decoder call: bounds how much output one call may make. */
const MAX_STEP_INPUT = 64 * 1024;

export class BrotliCodec implements Codec {
  readonly #encoder: boolean;
  readonly #quality: number;
  #stream: BrotliWasmStream;
  #pending: Uint8Array = new Uint8Array(0);
  #pendingAt = 0;
  #last: BrotliStep = BrotliStep.NeedsMoreInput;
  #avail: [number, number] = [0, 0];

  /** Large-window streams (RFC 7932 extension) decode only when asked for, as in the C decoder. */
  readonly #largeWindow: boolean;
  #started = false;

  /** `params` are Node's init array: index = BROTLI_PARAM_*, 0xffffffff = unset. */
  constructor(encoder: boolean, params: Uint32Array) {
    this.#encoder = encoder;
    const lw = params[constants.BROTLI_DECODER_PARAM_LARGE_WINDOW!]!;
    this.#largeWindow = lw !== 0xffffffff && lw !== 0;
    // The C encoder reads the uint32 as an int and clamps it to 0..11.
    const q = params[constants.BROTLI_PARAM_QUALITY!]!;
    this.#quality = q === 0xffffffff ? constants.BROTLI_DEFAULT_QUALITY! : Math.min(11, Math.max(0, q | 0));
    this.#stream = this.#open();
  }

  #open(): BrotliWasmStream {
    return this.#encoder ? BrotliWasmStream.encoder(this.#quality) : BrotliWasmStream.decoder();
  }

  write(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): [number, number] {
    let inAt = inOff;
    const inEnd = inOff + inLen;
    if (!this.#encoder && !this.#started && inLen > 0) {
      this.#started = true;
      // The reserved window-bits code 0b0010001 marks a large-window stream.
      if (!this.#largeWindow && (input[inOff]! & 0x7f) === 0x11) this.#fail(WINDOW_BITS);
    }
    let outAt = outOff;
    const outEnd = outOff + outLen;
    for (;;) {
      const n = Math.min(this.#pending.length - this.#pendingAt, outEnd - outAt);
      out.set(this.#pending.subarray(this.#pendingAt, this.#pendingAt + n), outAt);
      this.#pendingAt += n;
      outAt += n;
      if (outAt === outEnd || this.#last === BrotliStep.Success) break;
      const more = this.#last === BrotliStep.NeedsMoreOutput;
      let piece: Uint8Array | undefined;
      if (inAt < inEnd) piece = input.subarray(inAt, this.#encoder ? inEnd : Math.min(inEnd, inAt + MAX_STEP_INPUT));
      else if (this.#encoder && flush === FINISH) piece = undefined;
      else if (more) piece = this.#encoder ? new Uint8Array(0) : undefined;
      else break;
      // The encoder gets room for all it may make of its input in one call, so the
      // input is not copied into the module again and again.
      const room = this.#encoder ? (inEnd - inAt) * 1.125 + 1024 : 0;
      const r = this.#step(piece, Math.max(MIN_STEP_OUTPUT, outEnd - outAt, Math.ceil(room)));
      inAt += r.consumed;
      this.#pending = r.output;
      this.#pendingAt = 0;
      this.#last = r.code;
      // An encoder fed input that wants nothing more until more input or a finish.
      if (r.code === BrotliStep.NeedsMoreInput && inAt === inEnd && r.output.length === 0 && !(this.#encoder && flush === FINISH)) break;
    }
    if (!this.#encoder && flush === FINISH && this.#last === BrotliStep.NeedsMoreInput && this.#pendingAt === this.#pending.length) {
      throw new CodecError('unexpected end of file', 'Z_BUF_ERROR', constants.Z_BUF_ERROR!);
    }
    this.#avail = [outEnd - outAt, inEnd - inAt];
    return this.#avail;
  }

  avail(): [number, number] {
    return this.#avail;
  }

  #step(piece: Uint8Array | undefined, outSize: number) {
    try {
      return this.#stream.step(piece, outSize);
    } catch (e) {
      if (e instanceof BrotliFormatError) this.#fail(e.brotliCode);
      throw e;
    }
  }

  #fail(brotliCode: number): never {
    throw new CodecError('Decompression failed', brotliErrorCode(brotliCode), brotliCode);
  }

  params(): void {}

  reset(): void {
    this.#stream.free();
    this.#stream = this.#open();
    this.#pending = new Uint8Array(0);
    this.#pendingAt = 0;
    this.#last = BrotliStep.NeedsMoreInput;
    this.#started = false;
  }

  close(): void {
    this.#stream.free();
  }
}
