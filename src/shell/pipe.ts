/**
 * A bounded in-memory pipe between two utilities running concurrently in one
 * Worker. The writer's `write` resolves only when the data fits in the bound,
 * so a fast producer is throttled by a slow consumer exactly like a kernel
 * pipe (PIPE_BUF aside). Closing the read end makes further writes fail with
 * EPIPE, which ends `yes | head -1`.
 */
import type { ShellSink, ShellStream } from './shell-system.js';
import { maybeYield } from './io.js';

/** Default capacity, as Linux's default pipe size. */
export const PIPE_CAPACITY = 65536;

/** An Error with the errno name in `code`, as Node's fs errors carry. */
export function epipe(): Error {
  return Object.assign(new Error('EPIPE: broken pipe, write'), { code: 'EPIPE' });
}

/** One pipe: `writable` for the left command, `readable` for the right. */
export class Pipe {
  private chunks: Uint8Array[] = [];
  /** Bytes currently held; never exceeds the capacity. */
  buffered = 0;
  /** Largest value `buffered` ever reached (for tests). */
  highWater = 0;
  private writeClosed = false;
  private readClosed = false;
  private readWaiter: (() => void) | null = null;
  private writeWaiters: (() => void)[] = [];

  readonly readable: ShellStream;
  readonly writable: ShellSink;

  constructor(readonly capacity = PIPE_CAPACITY) {
    this.readable = { read: () => this.read() };
    this.writable = { write: (c) => this.write(c) };
  }

  private wakeReader(): void {
    const w = this.readWaiter;
    this.readWaiter = null;
    w?.();
  }

  private wakeWriters(): void {
    const ws = this.writeWaiters;
    this.writeWaiters = [];
    for (const w of ws) w();
  }

  async write(chunk: Uint8Array): Promise<void> {
    await maybeYield();
    for (let off = 0; off < chunk.length; ) {
      if (this.readClosed) throw epipe();
      if (this.writeClosed) throw epipe();
      const room = this.capacity - this.buffered;
      if (room <= 0) {
        await new Promise<void>((r) => this.writeWaiters.push(r));
        continue;
      }
      const piece = chunk.subarray(off, off + room);
      // Copy: the caller may reuse its buffer once write resolves.
      this.chunks.push(piece.slice());
      this.buffered += piece.length;
      if (this.buffered > this.highWater) this.highWater = this.buffered;
      off += piece.length;
      this.wakeReader();
    }
  }

  async read(): Promise<Uint8Array | null> {
    for (;;) {
      const c = this.chunks.shift();
      if (c) {
        this.buffered -= c.length;
        this.wakeWriters();
        return c;
      }
      if (this.writeClosed || this.readClosed) return null;
      await new Promise<void>((r) => (this.readWaiter = r));
    }
  }

  /** The writer is done: the reader sees EOF after the buffered data. */
  closeWrite(): void {
    this.writeClosed = true;
    this.wakeReader();
    this.wakeWriters();
  }

  /** The reader is gone: pending and future writes fail with EPIPE. */
  closeRead(): void {
    this.readClosed = true;
    this.chunks = [];
    this.buffered = 0;
    this.wakeWriters();
    this.wakeReader();
  }
}
