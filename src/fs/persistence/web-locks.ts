/**
 * Web Locks (https://w3c.github.io/web-locks/) as handles that are released
 * explicitly: a key's writer holds its lock for the store's whole life, while
 * commits and restores hold the shared garbage-collection lock only for their
 * duration. Where `navigator.locks` is missing, an in-realm stand-in gives the
 * same exclusion within this realm only (documented in docs/persistence.md).
 */
export interface HeldLock {
  /** Lets go; resolves once the lock manager has actually released it. */
  release(): Promise<void>;
}

export interface LockRequest {
  mode?: 'exclusive' | 'shared';
  /** Give up at once when the lock is held elsewhere (resolves null). */
  ifAvailable?: boolean;
  /** Give up after this many ms (resolves null). */
  timeoutMs?: number;
}

type LockManagerLike = {
  request(name: string, options: { mode?: string; ifAvailable?: boolean; signal?: AbortSignal }, cb: (lock: unknown) => Promise<void>): Promise<void>;
};

function lockManager(): LockManagerLike | undefined {
  return (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;
}

export function acquireLock(name: string, options: LockRequest = {}): Promise<HeldLock | null> {
  const locks = lockManager() ?? fallbackLocks;
  return new Promise<HeldLock | null>((resolve, reject) => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const controller = options.timeoutMs !== undefined ? new AbortController() : undefined;
    const timer = controller ? setTimeout(() => controller.abort(), options.timeoutMs) : undefined;
    const done = locks
      .request(name, { mode: options.mode ?? 'exclusive', ifAvailable: options.ifAvailable, signal: controller?.signal }, async (lock) => {
        clearTimeout(timer);
        if (!lock) {
          resolve(null);
          return;
        }
        resolve({
          release() {
            release();
            return done;
          },
        });
        await held;
      })
      .catch((err: Error) => {
        clearTimeout(timer);
        if (err?.name === 'AbortError') resolve(null);
        else reject(err);
      });
  });
}

/** Runs `fn` while holding the lock; null when the lock could not be had (ifAvailable / timeout). */
export async function withLock<T>(name: string, options: LockRequest, fn: () => Promise<T>): Promise<{ value: T } | null> {
  const lock = await acquireLock(name, options);
  if (!lock) return null;
  try {
    return { value: await fn() };
  } finally {
    // Wait for the release itself, so a caller's next `ifAvailable` request does not race it.
    await lock.release();
  }
}

/** Whether this realm has real, cross-context Web Locks. */
export function hasWebLocks(): boolean {
  return !!lockManager();
}

/** Queue-based exclusive/shared locks within one realm. */
const fallbackLocks: LockManagerLike = (() => {
  type Waiter = { mode: string; grant: () => void };
  const state = new Map<string, { exclusive: boolean; shared: number; queue: Waiter[] }>();
  const pump = (name: string) => {
    const s = state.get(name)!;
    while (s.queue.length) {
      const w = s.queue[0]!;
      if (w.mode === 'exclusive' ? s.exclusive || s.shared : s.exclusive) break;
      s.queue.shift();
      if (w.mode === 'exclusive') s.exclusive = true;
      else s.shared++;
      w.grant();
    }
  };
  return {
    async request(name, options, cb) {
      const s = state.get(name) ?? { exclusive: false, shared: 0, queue: [] };
      state.set(name, s);
      const mode = options.mode ?? 'exclusive';
      const free = mode === 'exclusive' ? !s.exclusive && !s.shared && !s.queue.length : !s.exclusive && !s.queue.length;
      if (!free && options.ifAvailable) return cb(null);
      await new Promise<void>((grant, reject) => {
        const waiter = { mode, grant };
        s.queue.push(waiter);
        options.signal?.addEventListener('abort', () => {
          const i = s.queue.indexOf(waiter);
          if (i >= 0) {
            s.queue.splice(i, 1);
            reject(new DOMException('lock request aborted', 'AbortError'));
          }
        });
        pump(name);
      });
      try {
        await cb({ name, mode });
      } finally {
        if (mode === 'exclusive') s.exclusive = false;
        else s.shared--;
        pump(name);
      }
    },
  };
})();
