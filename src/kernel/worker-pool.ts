/**
 * A small pool of pre-started process workers. Starting a module worker costs
 * its script fetch and evaluation (tens of milliseconds); keeping a couple
 * already evaluated makes `spawn` to first output cheap. Workers are used once:
 * a process owns its worker until exit, and the worker is then terminated, so
 * no state leaks from one process to the next.
 */

export interface PooledWorker {
  worker: Worker;
  ready: Promise<void>;
}

export class WorkerPool {
  readonly #url: string;
  readonly #size: number;
  readonly #idle: PooledWorker[] = [];
  #disposed = false;

  constructor(url: string, size: number) {
    this.#url = url;
    this.#size = size;
    this.#fill();
  }

  /** Takes a warm worker if one is ready, else starts a fresh one. */
  take(): PooledWorker {
    const pooled = this.#idle.shift() ?? this.#start();
    // Refill after the current task so the new worker does not compete with
    // the process that is starting right now.
    setTimeout(() => this.#fill(), 0);
    return pooled;
  }

  dispose(): void {
    this.#disposed = true;
    for (const { worker } of this.#idle.splice(0)) worker.terminate();
  }

  #fill(): void {
    while (!this.#disposed && this.#idle.length < this.#size) this.#idle.push(this.#start());
  }

  #start(): PooledWorker {
    const worker = new Worker(this.#url, { type: 'module', name: 'verklet-process' });
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (e: MessageEvent) => {
        if ((e.data as { type?: string })?.type === 'ready') {
          worker.removeEventListener('message', onMessage);
          worker.removeEventListener('error', onError);
          resolve();
        }
      };
      const onError = (e: ErrorEvent) => {
        worker.removeEventListener('message', onMessage);
        reject(new Error(`process worker failed to start from ${this.#url}: ${e.message || 'load error'}`));
      };
      worker.addEventListener('message', onMessage);
      worker.addEventListener('error', onError);
    });
    ready.catch(() => {});
    return { worker, ready };
  }
}
