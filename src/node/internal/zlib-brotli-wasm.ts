/**
 * Brotli for `node:zlib`: the npm package brotli-wasm (the Rust port of
 * Google's brotli, compiled to WebAssembly), loaded on first use and
 * synchronously, because `zlib.brotliCompressSync` is synchronous.
 *
 * The package's own JavaScript glue can only instantiate asynchronously, so
 * this file talks to the module's exports directly, following wasm-bindgen's
 * calling convention for the few functions used:
 *
 *   compressstream_new(hasQuality, quality) -> stream
 *   compressstream_compress(ret, stream, inPtr|0, inLen, outSize)
 *   decompressstream_new() -> stream
 *   decompressstream_decompress(ret, stream, inPtr, inLen, outSize)
 *
 * `ret` is 16 bytes taken from the module's shadow stack, into which the call
 * writes three i32s: [0] a BrotliStreamResult pointer, [1] the heap index of
 * a JS Error, [2] non-zero when [1] is set. Input bytes are copied into
 * module memory with `__wbindgen_malloc` and owned (freed) by the callee; an
 * absent input (null pointer) asks the encoder to finish. A result's output is
 * read with `__wbg_get_brotlistreamresult_buf(ret, result)`, which writes
 * [ptr, len] of a fresh copy the caller frees.
 *
 * JS values the module holds live in a slab: slots 0–31 are borrowed
 * (unused here), 32–35 are undefined, null, true, false, and new values are
 * appended or reuse freed slots.
 *
 * The asset, `verklet-brotli.wasm`, sits beside the module that loads it in
 * dist/ (scripts/build.mjs copies it there), so a copied or CDN-hosted dist/
 * finds it; workers may fetch synchronously with XMLHttpRequest. A host
 * running inside Node (the test harness) has no XMLHttpRequest and reads it
 * from disk through the process's fs instead.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { getFs } from './resolve.js';

const WASM_NAME = 'verklet-brotli.wasm';
const PACKAGE_WASM = 'node_modules/brotli-wasm/pkg.web/brotli_wasm_bg.wasm';

/** Result codes of a stream step (brotli-wasm's BrotliStreamResultCode). */
export const enum BrotliStep {
  Success = 1,
  NeedsMoreInput = 2,
  NeedsMoreOutput = 3,
}

/** One step's outcome: how it ended, input bytes consumed, output produced. */
export interface BrotliStepResult {
  code: BrotliStep;
  consumed: number;
  output: Uint8Array;
}

/** Raised by a decoder step on corrupt input, with brotli's decoder error code (negative). */
export class BrotliFormatError extends Error {
  constructor(readonly brotliCode: number) {
    super(`brotli decoder error ${brotliCode}`);
  }
}

const XHR: any = (globalThis as any).XMLHttpRequest;

function fetchSync(url: string): Uint8Array {
  const xhr = new XHR();
  xhr.open('GET', url, false);
  xhr.responseType = 'arraybuffer';
  xhr.send();
  if (xhr.status !== 200 && xhr.status !== 0) throw new Error(`cannot load ${url}: HTTP ${xhr.status}`);
  return new Uint8Array(xhr.response as ArrayBuffer);
}

function readFromDisk(): Uint8Array {
  const fs = getFs();
  const beside = new URL(WASM_NAME, import.meta.url);
  const candidates: string[] = beside.protocol === 'file:' ? [decodeURIComponent(beside.pathname)] : [];
  let dir: string = fs.realpathSync('.');
  for (;;) {
    candidates.push(`${dir}/${PACKAGE_WASM}`);
    const up = dir.replace(/\/[^/]*$/, '') || '/';
    if (up === dir) break;
    dir = up;
  }
  for (const file of candidates) {
    try {
      return new Uint8Array(fs.readFileSync(file));
    } catch {
      // Try the next place.
    }
  }
  throw new Error(`cannot find ${WASM_NAME}`);
}

interface Exports {
  memory: WebAssembly.Memory;
  compressstream_new(hasQuality: number, quality: number): number;
  compressstream_compress(ret: number, stream: number, inPtr: number, inLen: number, outSize: number): void;
  __wbg_compressstream_free(stream: number): void;
  decompressstream_new(): number;
  decompressstream_decompress(ret: number, stream: number, inPtr: number, inLen: number, outSize: number): void;
  __wbg_decompressstream_free(stream: number): void;
  __wbg_get_brotlistreamresult_code(result: number): number;
  __wbg_get_brotlistreamresult_buf(ret: number, result: number): void;
  __wbg_get_brotlistreamresult_input_offset(result: number): number;
  __wbg_brotlistreamresult_free(result: number): void;
  __wbindgen_malloc(size: number): number;
  __wbindgen_free(ptr: number, size: number): void;
  __wbindgen_add_to_stack_pointer(delta: number): number;
}

let wasm: Exports | null = null;
let lastPanic = '';
const slab: unknown[] = [...new Array(32).fill(undefined), undefined, null, true, false];
let nextFree = slab.length;

function hold(value: unknown): number {
  if (nextFree === slab.length) slab.push(slab.length + 1);
  const idx = nextFree;
  nextFree = slab[idx] as number;
  slab[idx] = value;
  return idx;
}

function take(idx: number): unknown {
  const value = slab[idx];
  if (idx >= 36) {
    slab[idx] = nextFree;
    nextFree = idx;
  }
  return value;
}

const utf8 = new TextDecoder();
const bytes = (w: Exports, ptr: number, len: number) => new Uint8Array(w.memory.buffer, ptr, len);
const i32 = (w: Exports, ptr: number) => new Int32Array(w.memory.buffer, ptr, 4);
/** The instance whose imports are running (set while it is being created and used). */
let current: Exports | null = null;
const text = (ptr: number, len: number) => utf8.decode(bytes(current!, ptr, len));

function writeString(ret: number, s: string): void {
  const encoded = new TextEncoder().encode(s);
  const ptr = current!.__wbindgen_malloc(encoded.length);
  bytes(current!, ptr, encoded.length).set(encoded);
  const out = i32(current!, ret);
  out[0] = ptr;
  out[1] = encoded.length;
}

/** The functions the module imports, matched by name prefix (wasm-bindgen appends a hash to some). */
function importFor(name: string): (...a: number[]) => unknown {
  if (name === '__wbindgen_is_undefined') return (i) => slab[i!] === undefined;
  if (name === '__wbindgen_is_object') return (i) => typeof slab[i!] === 'object' && slab[i!] !== null;
  if (name === '__wbindgen_string_new') return (p, l) => hold(text(p!, l!));
  if (name === '__wbindgen_error_new') return (p, l) => hold(new Error(text(p!, l!)));
  if (name === '__wbindgen_json_serialize') return (ret, i) => writeString(ret!, JSON.stringify(slab[i!] ?? null));
  if (name === '__wbindgen_object_drop_ref') return (i) => void take(i!);
  if (name === '__wbindgen_throw') return (p, l) => {
    throw new Error(text(p!, l!));
  };
  if (name.startsWith('__wbg_new_')) return () => hold(new Error());
  if (name.startsWith('__wbg_stack_')) return (ret, i) => writeString(ret!, String((slab[i!] as Error).stack));
  // The panic hook logs here, then the module traps; the message goes into the trap's error.
  if (name.startsWith('__wbg_error_')) return (p, l) => {
    lastPanic = text(p!, l!);
    current!.__wbindgen_free(p!, l!);
  };
  return () => {
    throw new Error(`brotli-wasm import ${name} is not provided`);
  };
}

function instance(): Exports {
  if (wasm) return wasm;
  const module = new WebAssembly.Module((XHR ? fetchSync(new URL(WASM_NAME, import.meta.url).href) : readFromDisk()) as BufferSource);
  const imports: Record<string, Record<string, unknown>> = {};
  for (const imp of WebAssembly.Module.imports(module)) (imports[imp.module] ??= {})[imp.name] = importFor(imp.name);
  wasm = new WebAssembly.Instance(module, imports as WebAssembly.Imports).exports as unknown as Exports;
  current = wasm;
  return wasm;
}

/** A brotli encoder or decoder state inside the module. Call `free()` when done. */
export class BrotliWasmStream {
  readonly #w: Exports;
  #ptr: number;
  readonly #encoder: boolean;

  private constructor(encoder: boolean) {
    this.#encoder = encoder;
    this.#w = instance();
    this.#ptr = encoder ? 0 : this.#w.decompressstream_new();
  }

  static encoder(quality: number): BrotliWasmStream {
    const s = new BrotliWasmStream(true);
    s.#ptr = s.#w.compressstream_new(1, quality);
    return s;
  }

  static decoder(): BrotliWasmStream {
    return new BrotliWasmStream(false);
  }

  /**
   * Feeds `input` (for the encoder, `undefined` means finish) and returns up
   * to `outSize` bytes of output. Throws BrotliFormatError on corrupt input.
   */
  step(input: Uint8Array | undefined, outSize: number): BrotliStepResult {
    const w = this.#w;
    if (!this.#ptr) throw new Error('brotli stream is closed');
    current = w;
    let inPtr = 0;
    let inLen = 0;
    if (input || !this.#encoder) {
      inLen = input?.length ?? 0;
      inPtr = w.__wbindgen_malloc(inLen);
      if (inLen) bytes(w, inPtr, inLen).set(input!);
    }
    const ret = w.__wbindgen_add_to_stack_pointer(-16);
    try {
      if (this.#encoder) w.compressstream_compress(ret, this.#ptr, inPtr, inLen, outSize);
      else w.decompressstream_decompress(ret, this.#ptr, inPtr, inLen, outSize);
      const [result, err, failed] = i32(w, ret);
      if (failed) {
        const e = take(err!) as Error;
        const m = /Error code (-?\d+)/.exec(String(e?.message));
        if (m) throw new BrotliFormatError(Number(m[1]));
        throw e;
      }
      const code = w.__wbg_get_brotlistreamresult_code(result!) as BrotliStep;
      const consumed = w.__wbg_get_brotlistreamresult_input_offset(result!) >>> 0;
      w.__wbg_get_brotlistreamresult_buf(ret, result!);
      const [ptr, len] = i32(w, ret);
      const output = bytes(w, ptr!, len!).slice();
      w.__wbindgen_free(ptr!, len!);
      w.__wbg_brotlistreamresult_free(result!);
      return { code, consumed, output };
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        // A trapped module may be left inconsistent: later streams get a fresh instance.
        if (wasm === w) wasm = null;
        this.#ptr = 0;
        throw new Error(`brotli-wasm failed: ${lastPanic || e.message}`);
      }
      throw e;
    } finally {
      w.__wbindgen_add_to_stack_pointer(16);
    }
  }

  free(): void {
    if (!this.#ptr) return;
    current = this.#w;
    if (this.#encoder) this.#w.__wbg_compressstream_free(this.#ptr);
    else this.#w.__wbg_decompressstream_free(this.#ptr);
    this.#ptr = 0;
  }
}
