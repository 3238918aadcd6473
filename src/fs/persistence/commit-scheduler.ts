/**
 * When to commit: after writes settle (a quiet period, default 300 ms), at
 * least every `maxDelayMs` while writes keep coming, and at once on `flush()`
 * (the kernel's teardown, the facade's `pagehide`/`visibilitychange: hidden`).
 * It collects the changed paths it is told about and hands them to the commit
 * function; a failed commit keeps its paths for the next attempt, which comes
 * with the next write or after `retryMs`.
 */
export interface CommitSchedulerOptions {
  delayMs?: number;
  maxDelayMs?: number;
  retryMs?: number;
  onError?: (err: unknown) => void;
}

export class CommitScheduler {
  readonly #commit: (changed: Set<string>) => Promise<unknown>;
  readonly #delay: number;
  readonly #maxDelay: number;
  readonly #retry: number;
  readonly #onError: (err: unknown) => void;
  #dirty = new Set<string>();
  #dirtyAll = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #firstMark = 0;
  #running: Promise<void> | undefined;
  #disposed = false;

  constructor(commit: (changed: Set<string>) => Promise<unknown>, options: CommitSchedulerOptions = {}) {
    this.#commit = commit;
    this.#delay = options.delayMs ?? 300;
    this.#maxDelay = options.maxDelayMs ?? 2000;
    this.#retry = options.retryMs ?? 5000;
    this.#onError = options.onError ?? (() => {});
  }

  /** Whether changes are waiting to be committed. */
  get pending(): boolean {
    return this.#dirtyAll || this.#dirty.size > 0;
  }

  /** Notes a write (optionally which paths) and (re)starts the quiet-period timer. */
  schedule(paths?: Iterable<string>): void {
    if (this.#disposed) return;
    if (paths) for (const p of paths) this.#dirty.add(p);
    else this.#dirtyAll = true;
    const now = Date.now();
    if (!this.#timer) this.#firstMark = now;
    clearTimeout(this.#timer);
    const wait = Math.max(0, Math.min(this.#delay, this.#firstMark + this.#maxDelay - now));
    this.#timer = setTimeout(() => void this.flush().catch(() => {}), wait);
  }

  /** Commits now if anything is pending (waiting for a commit already running first). Rejects when the commit fails. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#running) await this.#running.catch(() => {});
    if (!this.pending) return;
    const changed = this.#dirty;
    this.#dirty = new Set();
    this.#dirtyAll = false;
    const run = (async () => {
      try {
        await this.#commit(changed);
      } catch (err) {
        for (const p of changed) this.#dirty.add(p);
        if (!changed.size) this.#dirtyAll = true;
        this.#onError(err);
        if (!this.#disposed && !this.#timer) {
          this.#firstMark = Date.now();
          this.#timer = setTimeout(() => void this.flush().catch(() => {}), this.#retry);
        }
        throw err;
      }
    })();
    this.#running = run;
    try {
      await run;
    } finally {
      if (this.#running === run) this.#running = undefined;
    }
  }

  /** Flushes and stops scheduling. */
  async dispose(): Promise<void> {
    try {
      await this.flush();
    } finally {
      this.#disposed = true;
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }
}
