/**
 * The seams of `worker_threads`. A Node worker thread is another browser
 * worker running the Node host in worker mode: the embedder (the kernel, or
 * the test harness) only starts and stops it (ThreadHost); everything Node
 * defines between a Worker and its thread travels over one MessagePort, the
 * wire, so it arrives in the order it was sent — the boot record first, then
 * public messages, stdio, the serialized uncaught error and the exit code.
 * https://nodejs.org/api/worker_threads.html
 */

/** What the embedder needs to start a thread (the rest goes over the wire). */
export interface ThreadStart {
  threadId: number;
  /** As `ps` would show it: ['node', filename | '[worker eval]', ...argv]. */
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** The thread's end of the wire (transferred). */
  wire: MessagePort;
}

export interface ThreadHandle {
  /** Settles with the embedder's exit code once the thread is gone, however it ended. */
  exited: Promise<number>;
  /** Stops the thread at once, as `Worker.terminate` does: no more JavaScript runs in it. */
  terminate(): void;
}

/** Starts worker threads for this process (NodeHostContext.threads). */
export interface ThreadHost {
  start(spec: ThreadStart): ThreadHandle;
}

/** Given to the host that runs a worker thread (NodeHostContext.thread). */
export interface ThreadLink {
  threadId: number;
  wire: MessagePort;
}

/** The first message on the wire: everything `new Worker()` decided. */
export interface ThreadBoot {
  threadId: number;
  name: string;
  /** Absolute path of the main script; absent when `code` is evaluated. */
  filename?: string;
  /** `{ eval: true }` source, run as `[worker eval]`. */
  code?: string;
  argv: string[];
  execArgv: string[];
  /** `workerData`, as a port message (it may carry ports from the transfer list). */
  data: PortEnvelope & { k: 'm' };
  environmentData: [unknown, unknown][];
  resourceLimits: Record<string, number>;
  stdin: boolean;
  shareEnv: boolean;
  /** Names BroadcastChannels and locks of this process apart from every other process's. */
  token: string;
  /** Process-wide thread id counter (shared memory), when there is shared memory. */
  idCounter: SharedArrayBuffer | null;
}

/**
 * A message on a Node MessagePort: a value, or the notice that the port was
 * closed. `pend` carries messages a transferred port had received but not yet
 * delivered, so they reach its new owner first.
 */
export type PortEnvelope =
  | { k: 'm'; v: unknown; pend?: [MessagePort, PortEnvelope[]][] }
  | { k: 'close' };

/** A thrown value on its way to the parent ('error' event). */
export type SerializedThrow =
  | { kind: 'error'; ctor: string; message: string; stack: string; props: Record<string, unknown> }
  | { kind: 'value'; value: unknown };

export type ToThread =
  | { t: 'boot'; boot: ThreadBoot }
  | { t: 'pub'; env: PortEnvelope }
  | { t: 'stdin'; data: Uint8Array }
  | { t: 'stdin-end' }
  | { t: 'env'; key: string; value: string | null };

export type FromThread =
  | { t: 'online' }
  | { t: 'pub'; env: PortEnvelope }
  | { t: 'stdout'; data: Uint8Array }
  | { t: 'stderr'; data: Uint8Array }
  | { t: 'env'; key: string; value: string | null }
  | { t: 'error'; error: SerializedThrow }
  | { t: 'exit'; code: number };
