/**
 * What this thread knows about the process's worker threads: whether it is
 * the main thread, its id, how to start more threads, and the process-wide
 * bits every thread shares (the thread id counter and the token that scopes
 * BroadcastChannel names to this process). The host fills it in before user
 * code runs; `worker_threads` reads it.
 */
import type { ThreadHost } from './worker-protocol.js';

export interface ThreadState {
  isMainThread: boolean;
  threadId: number;
  threadName: string;
  resourceLimits: Record<string, number>;
  /** Starts threads; null when the embedder cannot (new Worker then fails with a clear error). */
  host: ThreadHost | null;
  token: string | null;
  idCounter: Int32Array | null;
  /** Ids handed out by this thread when there is no shared counter. */
  localIds: number;
}

export const threadState: ThreadState = {
  isMainThread: true,
  threadId: 0,
  threadName: '',
  resourceLimits: {},
  host: null,
  token: null,
  idCounter: null,
  localIds: 0,
};

/**
 * The process-wide token (made by the main thread on first use). Random so
 * that two processes — or two runtimes on one origin — never share a channel.
 */
export function processToken(): string {
  if (!threadState.token) {
    const rand = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random()}`;
    threadState.token = `${(globalThis as { process?: { pid?: number } }).process?.pid ?? 0}-${rand}`;
  }
  return threadState.token;
}

/** The shared id counter's memory, created by the main thread when shared memory exists. */
export function idCounterMemory(): SharedArrayBuffer | null {
  if (!threadState.idCounter && threadState.isMainThread && typeof SharedArrayBuffer === 'function') {
    threadState.idCounter = new Int32Array(new SharedArrayBuffer(4));
  }
  return (threadState.idCounter?.buffer as SharedArrayBuffer | undefined) ?? null;
}

/**
 * The next thread id. Node numbers threads process-wide (1, 2, 3… in order of
 * creation, whichever thread creates them); a shared counter gives exactly
 * that. Without shared memory only the main thread's counter exists, and a
 * nested worker numbers its own children from threadId × 1000 (unique, not
 * Node's numbers).
 */
export function nextThreadId(): number {
  idCounterMemory();
  if (threadState.idCounter) return Atomics.add(threadState.idCounter, 0, 1) + 1;
  threadState.localIds++;
  return threadState.isMainThread ? threadState.localIds : threadState.threadId * 1000 + threadState.localIds;
}
