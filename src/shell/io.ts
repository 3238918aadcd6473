/**
 * Text and stream helpers shared by the interpreter, builtins and utilities:
 * UTF-8 coding, reading a stream whole or by lines, and a buffered writer so a
 * utility printing many short lines doesn't pay one awaited write per line.
 */
import type { ShellSink, ShellStream } from './shell-system.js';
import { concatBytes } from '../internal/bytes.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** UTF-8 encode. */
export function encode(s: string): Uint8Array {
  return enc.encode(s);
}

/** UTF-8 decode (lossy). */
export function decode(b: Uint8Array): string {
  return dec.decode(b);
}

/** Concatenates byte arrays. */
export const concat = concatBytes;

/** Reads a stream to its end. */
export async function readAll(s: ShellStream): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for (;;) {
    const c = await s.read();
    if (c === null) break;
    parts.push(c);
  }
  return concat(parts);
}

/** A stream over a fixed byte array. */
export function bytesStream(b: Uint8Array): ShellStream {
  let done = false;
  return {
    async read() {
      if (done || b.length === 0) return null;
      done = true;
      return b;
    },
  };
}

/** A stream that is always at end of input (`/dev/null`). */
export const emptyStream: ShellStream = { read: async () => null };

/** A sink that discards everything (`/dev/null`). */
export const nullSink: ShellSink = { write: async () => {} };

/** A sink that collects what is written (command substitution, tests). */
export class CollectSink implements ShellSink {
  parts: Uint8Array[] = [];
  async write(c: Uint8Array): Promise<void> {
    this.parts.push(c.slice());
  }
  bytes(): Uint8Array {
    return concat(this.parts);
  }
  text(): string {
    return decode(this.bytes());
  }
}

/**
 * Reads a stream line by line (each line without its `\n`; a final line
 * without `\n` is still yielded). `hadNewline` tells whether it ended in one.
 */
export class LineReader {
  private buf = '';
  private done = false;
  private dec = new TextDecoder();
  constructor(private readonly s: ShellStream) {}

  async next(): Promise<{ line: string; hadNewline: boolean } | null> {
    for (;;) {
      const i = this.buf.indexOf('\n');
      if (i >= 0) {
        const line = this.buf.slice(0, i);
        this.buf = this.buf.slice(i + 1);
        return { line, hadNewline: true };
      }
      if (this.done) {
        if (this.buf === '') return null;
        const line = this.buf;
        this.buf = '';
        return { line, hadNewline: false };
      }
      const c = await this.s.read();
      if (c === null) {
        this.done = true;
        this.buf += this.dec.decode();
      } else this.buf += this.dec.decode(c, { stream: true });
    }
  }
}

/** Buffers text writes to a sink; call `flush()` before returning. */
export class TextWriter {
  private pending: string[] = [];
  private size = 0;
  constructor(readonly sink: ShellSink, private readonly limit = 16384) {}

  async write(s: string): Promise<void> {
    this.pending.push(s);
    this.size += s.length;
    if (this.size >= this.limit) await this.flush();
  }

  async writeBytes(b: Uint8Array): Promise<void> {
    await this.flush();
    await this.sink.write(b);
  }

  async flush(): Promise<void> {
    if (!this.pending.length) return;
    const s = this.pending.join('');
    this.pending = [];
    this.size = 0;
    await this.sink.write(encode(s));
  }
}

/** Splits text into lines the way line-oriented utilities see them. */
export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * An input stream with push-back, so the `read` builtin can take one line and
 * leave the rest for the next command sharing the same stdin.
 */
export class InStream implements ShellStream {
  private back: Uint8Array[] = [];
  isTTY?: boolean;
  size?: number;
  constructor(readonly src: ShellStream) {
    this.isTTY = src.isTTY;
    this.size = src.size;
  }
  static of(s: ShellStream): InStream {
    return s instanceof InStream ? s : new InStream(s);
  }
  async read(): Promise<Uint8Array | null> {
    const b = this.back.shift();
    if (b) return b;
    return this.src.read();
  }
  unread(b: Uint8Array): void {
    if (b.length) this.back.unshift(b);
  }
  /** Reads one line (without `\n`); null at EOF with nothing read. */
  async readLine(): Promise<{ line: string; eof: boolean } | null> {
    const parts: Uint8Array[] = [];
    for (;;) {
      const c = await this.read();
      if (c === null) {
        if (!parts.length) return null;
        return { line: decode(concat(parts)), eof: true };
      }
      const i = c.indexOf(10);
      if (i >= 0) {
        parts.push(c.subarray(0, i));
        this.unread(c.subarray(i + 1));
        return { line: decode(concat(parts)), eof: false };
      }
      parts.push(c);
    }
  }
}

let lastYield = 0;

/**
 * Yields to the event loop (timers, worker messages such as an abort) at most
 * every ~16 ms. Pipes and loops only await promises, which never lets a
 * macrotask run; without this `while :; do :; done` could not be interrupted.
 */
export async function maybeYield(): Promise<void> {
  const now = Date.now();
  if (now - lastYield < 16) return;
  lastYield = now;
  await new Promise<void>((r) => setTimeout(r, 0));
}
