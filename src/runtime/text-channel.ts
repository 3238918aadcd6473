/**
 * One readable side of a process's stdio, as text. The stream is created when
 * first asked for; what arrives before that is kept (up to a bound) and
 * replayed, so `spawn(...)` followed a moment later by `proc.stdout` misses
 * nothing, while a stream nobody ever reads does not grow without end.
 */
const REPLAY_LIMIT = 8 * 1024 * 1024;

export class TextChannel {
  #stream: ReadableStream<string> | undefined;
  #controller: ReadableStreamDefaultController<string> | undefined;
  #pending: string[] = [];
  #pendingSize = 0;
  #closed = false;

  push(text: string): void {
    if (!text || this.#closed) return;
    if (this.#controller) {
      try {
        this.#controller.enqueue(text);
      } catch {
        // The reader cancelled; drop output like a closed pipe would.
      }
      return;
    }
    if (this.#pendingSize + text.length > REPLAY_LIMIT) return;
    this.#pending.push(text);
    this.#pendingSize += text.length;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    try {
      this.#controller?.close();
    } catch {
      // already cancelled
    }
  }

  get stream(): ReadableStream<string> {
    this.#stream ??= new ReadableStream<string>({
      start: (controller) => {
        for (const text of this.#pending) controller.enqueue(text);
        this.#pending = [];
        this.#pendingSize = 0;
        if (this.#closed) controller.close();
        else this.#controller = controller;
      },
    });
    return this.#stream;
  }
}
