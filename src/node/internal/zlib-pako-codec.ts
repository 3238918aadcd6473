/**
 * Deflate, gzip and raw deflate (and their inverses) over pako 3, a port of
 * zlib that hashes like Chromium's zlib, the one Node bundles: compressed
 * bytes equal Node's at every level, strategy, windowBits and memLevel, and
 * inflate's error messages are zlib's ("incorrect header check", ...).
 *
 * What Node's native binding (src/node_zlib.cc) adds around zlib is done here
 * too: the modes' windowBits offsets, dictionaries, gunzip's handling of
 * concatenated members and trailing zeros, unzip's sniffing of the gzip magic,
 * `deflateParams`, and the error messages ("unexpected end of file", "Missing
 * dictionary", ...). https://nodejs.org/api/zlib.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import {
  ZStream,
  zlibDeflate,
  zlibDeflateEnd,
  zlibDeflateInit2,
  zlibDeflateReset,
  zlibDeflateSetDictionary,
  zlibInflate,
  zlibInflateEnd,
  zlibInflateInit2,
  zlibInflateReset,
  zlibInflateSetDictionary,
} from 'pako';
import { type Codec, CodecError } from './zlib-codec.js';
import { codes } from './zlib-constants.js';

export const enum Mode {
  DEFLATE = 1,
  INFLATE = 2,
  GZIP = 3,
  GUNZIP = 4,
  DEFLATERAW = 5,
  INFLATERAW = 6,
  UNZIP = 7,
}

const Z_OK = 0;
const Z_STREAM_END = 1;
const Z_NEED_DICT = 2;
const Z_STREAM_ERROR = -2;
const Z_DATA_ERROR = -3;
const Z_BUF_ERROR = -5;
const Z_FINISH = 4;
const Z_BLOCK = 5;
const GZIP_ID1 = 0x1f;
const GZIP_ID2 = 0x8b;

/** zlib's per-level tuning (deflate.c): good, lazy, nice, chain, and which match loop runs. */
const LEVELS: readonly [number, number, number, number, 'stored' | 'fast' | 'slow'][] = [
  [0, 0, 0, 0, 'stored'],
  [4, 4, 8, 4, 'fast'],
  [4, 5, 16, 8, 'fast'],
  [4, 6, 32, 32, 'fast'],
  [4, 4, 16, 16, 'slow'],
  [8, 16, 32, 32, 'slow'],
  [8, 16, 128, 128, 'slow'],
  [8, 32, 128, 256, 'slow'],
  [32, 128, 258, 1024, 'slow'],
  [32, 258, 258, 4096, 'slow'],
];

export interface PakoOptions {
  windowBits: number;
  level: number;
  memLevel: number;
  strategy: number;
  dictionary: Uint8Array | undefined;
}

export class PakoCodec implements Codec {
  readonly #strm = new ZStream();
  readonly #initialMode: Mode;
  #mode: Mode;
  readonly #dictionary: Uint8Array | undefined;
  #gzipIdBytes = 0;

  /** Throws CodecError when zlib rejects the settings (Node: ERR_ZLIB_INITIALIZATION_FAILED). */
  constructor(mode: Mode, o: PakoOptions) {
    this.#mode = this.#initialMode = mode;
    this.#dictionary = o.dictionary?.length ? o.dictionary : undefined;
    const s = this.#strm;
    let err: number;
    if (this.#compresses) {
      // zlib 1.2.9+ refuses 8 for raw deflate; Node asks for 9, which it would use anyway.
      const bits = mode === Mode.GZIP ? o.windowBits + 16 : mode === Mode.DEFLATERAW ? -(o.windowBits === 8 ? 9 : o.windowBits) : o.windowBits;
      err = zlibDeflateInit2(s, o.level, 8, bits, o.memLevel, o.strategy as 0);
    } else {
      const bits =
        mode === Mode.GUNZIP ? o.windowBits + 16 : mode === Mode.UNZIP ? o.windowBits + 32 : mode === Mode.INFLATERAW ? -o.windowBits : o.windowBits;
      err = zlibInflateInit2(s, bits);
    }
    if (err !== Z_OK) throw new CodecError('Init error', String(codes[err] ?? err), err);
    this.#setDictionary();
  }

  get #compresses(): boolean {
    return this.#mode === Mode.DEFLATE || this.#mode === Mode.GZIP || this.#mode === Mode.DEFLATERAW;
  }

  #setDictionary(): void {
    if (!this.#dictionary) return;
    let err = Z_OK;
    if (this.#mode === Mode.DEFLATE || this.#mode === Mode.DEFLATERAW) err = zlibDeflateSetDictionary(this.#strm, this.#dictionary);
    else if (this.#mode === Mode.INFLATERAW) err = zlibInflateSetDictionary(this.#strm, this.#dictionary);
    if (err !== Z_OK) throw new CodecError('Failed to set dictionary', String(codes[err] ?? err), err);
  }

  write(flush: number, input: Uint8Array, inOff: number, inLen: number, out: Uint8Array, outOff: number, outLen: number): [number, number] {
    const s = this.#strm;
    s.input = input;
    s.next_in = inOff;
    s.avail_in = inLen;
    s.output = out as Uint8Array<ArrayBuffer>;
    s.next_out = outOff;
    s.avail_out = outLen;
    // Like zlib's z_stream, the buffers stay attached: deflateParams writes after this output.
    const err = this.#compresses ? zlibDeflate(s, flush as 0) : this.#inflate(flush);
    this.#check(err, flush);
    return this.avail();
  }

  avail(): [number, number] {
    return [this.#strm.avail_out, this.#strm.avail_in];
  }

  #inflate(flush: number): number {
    const s = this.#strm;
    if (this.#mode === Mode.UNZIP) this.#sniff();
    let err = zlibInflate(s, flush as 0);
    if (this.#mode !== Mode.INFLATERAW && err === Z_NEED_DICT && this.#dictionary) {
      err = zlibInflateSetDictionary(s, this.#dictionary);
      if (err === Z_OK) err = zlibInflate(s, flush as 0);
      // A wrong dictionary and bad data both give Z_DATA_ERROR: report the dictionary.
      else if (err === Z_DATA_ERROR) err = Z_NEED_DICT;
    }
    // More bytes after a gzip member: another member, unless they are zero padding.
    while (s.avail_in > 0 && this.#mode === Mode.GUNZIP && err === Z_STREAM_END && s.input[s.next_in] !== 0) {
      zlibInflateReset(s);
      err = zlibInflate(s, flush as 0);
    }
    return err;
  }

  /** Unzip becomes gunzip (with its member handling) once the gzip magic is seen, else inflate. */
  #sniff(): void {
    const s = this.#strm;
    let at = s.next_in;
    const end = s.next_in + s.avail_in;
    if (this.#gzipIdBytes === 0 && at < end) {
      if (s.input[at] !== GZIP_ID1) {
        this.#mode = Mode.INFLATE;
        return;
      }
      this.#gzipIdBytes = 1;
      at++;
    }
    if (this.#gzipIdBytes === 1 && at < end) {
      this.#gzipIdBytes = 2;
      this.#mode = s.input[at] === GZIP_ID2 ? Mode.GUNZIP : Mode.INFLATE;
    }
  }

  #check(err: number, flush: number): void {
    const s = this.#strm;
    const msg = (fallback: string) => s.msg || fallback;
    switch (err) {
      case Z_OK:
      case Z_BUF_ERROR:
        if (s.avail_out !== 0 && flush === Z_FINISH) throw new CodecError(msg('unexpected end of file'), String(codes[err]), err);
        return;
      case Z_STREAM_END:
        return;
      case Z_NEED_DICT:
        throw new CodecError(this.#dictionary ? 'Bad dictionary' : 'Missing dictionary', 'Z_NEED_DICT', Z_NEED_DICT);
      default:
        throw new CodecError(msg('Zlib error'), String(codes[err] ?? err), err);
    }
  }

  /** zlib's `deflateParams`; Node applies it to deflate and raw deflate only. */
  params(level: number, strategy: number): void {
    if (this.#mode !== Mode.DEFLATE && this.#mode !== Mode.DEFLATERAW) return;
    const strm = this.#strm;
    const s: any = strm.state;
    if (level === -1) level = 6;
    if (level < 0 || level > 9 || strategy < 0 || strategy > 4) return;
    if ((strategy !== s.strategy || LEVELS[s.level]![4] !== LEVELS[level]![4]) && s.last_flush !== -2) {
      // Ends the block into whatever is left of the last write's output, as zlib does.
      if (zlibDeflate(strm, Z_BLOCK as 0) === Z_STREAM_ERROR) return;
      if (strm.avail_in || s.strstart - s.block_start + s.lookahead) return;
    }
    if (s.level !== level) {
      if (s.level === 0 && s.matches !== 0) {
        if (s.matches === 1) slideHash(s);
        else s.head.fill(0);
        s.matches = 0;
      }
      const [good, lazy, nice, chain] = LEVELS[level]!;
      s.level = level;
      s.max_lazy_match = lazy;
      s.good_match = good;
      s.nice_match = nice;
      s.max_chain_length = chain;
    }
    s.strategy = strategy;
  }

  reset(): void {
    const s = this.#strm;
    if (this.#compresses) zlibDeflateReset(s);
    else {
      zlibInflateReset(s);
      this.#mode = this.#initialMode;
      this.#gzipIdBytes = 0;
    }
    this.#setDictionary();
  }

  close(): void {
    if (this.#compresses) zlibDeflateEnd(this.#strm);
    else zlibInflateEnd(this.#strm);
  }
}


/** zlib's slide_hash: move the hash chains down one window. */
function slideHash(s: any): void {
  const w: number = s.w_size;
  for (const table of [s.head, s.prev] as Uint16Array[]) {
    for (let i = 0; i < table.length; i++) table[i] = table[i]! >= w ? table[i]! - w : 0;
  }
}
