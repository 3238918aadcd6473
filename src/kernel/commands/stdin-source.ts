/**
 * One reader of a process's stdin shared by its two consumers in the Node
 * host: the `process.stdin` stream, and `fs.read(0, …)`, which is how Go's
 * WebAssembly runtime (esbuild-wasm's service, read by Vite) and other
 * low-level code read stdin. Chunks go to the stream while it is started;
 * otherwise they queue for fd reads, which take at most the bytes they asked
 * for. A pending fd read keeps the process alive, as a libuv read does.
 */
import type { ProcessContext } from '../process-context.js';
import { ref, unref, runCallback } from '../../node/internal/loop.js';

type Chunk = Uint8Array | null;

export interface StdinSource {
  /** For process.stdin: `listener` gets every chunk from now on (queued ones first); null is EOF. */
  start(listener: (chunk: Chunk) => void): void;
  stop(): void;
  /** fs.read(0, …): calls back with up to `max` bytes, or null at EOF. */
  read(max: number, callback: (bytes: Uint8Array | null) => void): void;
}

export function stdinSource(proc: ProcessContext): StdinSource {
  const queue: Chunk[] = [];
  const readers: { max: number; callback: (bytes: Uint8Array | null) => void }[] = [];
  let streamListener: ((chunk: Chunk) => void) | null = null;
  let reading = false;

  const onChunk = (chunk: Chunk): void => {
    if (streamListener) streamListener(chunk);
    else {
      queue.push(chunk);
      drain();
    }
  };
  const startReading = (): void => {
    if (!reading) {
      reading = true;
      proc.readStdin(onChunk);
    }
  };
  const stopReading = (): void => {
    if (reading && !streamListener && readers.length === 0) {
      reading = false;
      proc.stopStdin();
    }
  };
  function drain(): void {
    while (readers.length && queue.length) {
      const reader = readers.shift()!;
      const head = queue[0];
      let bytes: Uint8Array | null = null;
      if (head) {
        bytes = head.length <= reader.max ? head : head.subarray(0, reader.max);
        if (head.length <= reader.max) queue.shift();
        else queue[0] = head.subarray(reader.max);
      }
      // EOF stays queued: every later read sees it too.
      unref();
      runCallback(() => reader.callback(bytes));
    }
    stopReading();
  }

  return {
    start(listener) {
      streamListener = listener;
      for (const chunk of queue.splice(0)) listener(chunk);
      startReading();
    },
    stop() {
      streamListener = null;
      stopReading();
    },
    read(max, callback) {
      ref();
      readers.push({ max, callback });
      startReading();
      drain();
    },
  };
}
