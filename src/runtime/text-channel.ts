/**
 * One readable side of a process's stdio, as text. The stream is created when
 * first asked for; what arrives before that is kept (up to a bound) and
 * replayed, so `spawn(...)` followed a moment later by `proc.stdout` misses
 * nothing, while a stream nobody ever reads does not grow without end.
 */
const REPLAY_LIMIT = 8 * 1024 * 1024;

/**
 * Chunks are handed to the reader one pull at a time; `onConsumed` reports
 * (through the chunk's `ack`) when a reader takes it, which is what lets the
 * process's writers wait for a slow reader (flow control on the io port).
 */
export class TextChannel {
  #stream: ReadableStream<string> | undefined;
  #controller: ReadableStreamDefaultController<string> | undefined;
  #pending: { text: string; ack?: () => void }[] = [];
  #pendingSize = 0;
  #closed = false;
  #waiting = false;
  /** Queues text; `ack` runs once a reader has taken it (or it is dropped). */
  push(text: string, ack?: () => void): void {
    if (this.#closed || (!text && !ack)) return;
    if (this.#cancelled || (!this.#stream && this.#pendingSize + text.length > REPLAY_LIMIT)) {
      ack?.();
      return;
    }
    this.#pending.push({ text, ack });
    this.#pendingSize += text.length;
    if (this.#waiting) this.#deliver();
  }

  #cancelled = false;

  /** Whether someone asked for the stream (only then does its pace matter). */
  get hasReader(): boolean {
    return !!this.#stream && !this.#cancelled;
  }

  #deliver(): void {
    const next = this.#pending.shift();
    if (!next || !this.#controller) return;
    this.#waiting = false;
    this.#pendingSize -= next.text.length;
    if (next.text) this.#controller.enqueue(next.text);
    else this.#waiting = true;
    next.ack?.();
    if (this.#waiting) this.#deliver();
    else if (this.#closed && !this.#pending.length) this.#controller.close();
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#controller && !this.#pending.length) {
      try {
        this.#controller.close();
      } catch {
        // already cancelled
      }
    }
  }

  get stream(): ReadableStream<string> {
    this.#stream ??= new ReadableStream<string>(
      {
        start: (controller) => {
          this.#controller = controller;
        },
        pull: () => {
          if (this.#pending.length) this.#deliver();
          else if (this.#closed) this.#controller?.close();
          else this.#waiting = true;
        },
        cancel: () => {
          this.#cancelled = true;
          for (const { ack } of this.#pending.splice(0)) ack?.();
        },
      },
      { highWaterMark: 0 },
    );
    return this.#stream;
  }
}
