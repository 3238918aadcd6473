/**
 * `timers` and the timer globals: Node's Timeout/Immediate objects over the
 * host loop (src/node/internal/loop.ts), and `timers/promises`.
 * https://nodejs.org/api/timers.html
 */
import * as loop from './internal/loop.js';

const kTimer = Symbol('timer');
const kImm = Symbol('immediate');
const byId = new Map<number, Timeout>();
let asyncIds = 5;

function checkCallback(cb: unknown): void {
  if (typeof cb !== 'function') {
    const err = new TypeError(`The "callback" argument must be of type function. Received ${describe(cb)}`);
    (err as { code?: string }).code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
}

function describe(v: unknown): string {
  if (v == null) return String(v);
  if (typeof v === 'object') return 'an instance of ' + ((v as object).constructor?.name ?? 'Object');
  if (typeof v === 'string') return `type string ('${v}')`;
  return `type ${typeof v} (${String(v)})`;
}

/** Node's Timeout object (the return value of setTimeout/setInterval). */
export class Timeout {
  _idleTimeout: number;
  _onTimeout: ((...a: unknown[]) => void) | null;
  _timerArgs: unknown[] | undefined;
  _repeat: number | null;
  _destroyed = false;
  declare [kTimer]: loop.Timer;

  constructor(cb: (...a: unknown[]) => void, ms: number, args: unknown[] | undefined, repeat: boolean) {
    ms = Number(ms);
    if (!(ms >= 1 && ms <= 2147483647)) ms = 1;
    this._idleTimeout = ms;
    this._onTimeout = cb;
    this._timerArgs = args;
    this._repeat = repeat ? ms : null;
    Object.defineProperty(this, kTimer, {
      value: loop.addTimer(() => this.fire(), ms, repeat),
      enumerable: false,
      writable: true,
    });
    Object.defineProperty(this, 'asyncId', { value: asyncIds++, enumerable: false });
  }

  private fire(): void {
    if (this._repeat === null) {
      this._destroyed = true;
      byId.delete((this as unknown as { asyncId: number }).asyncId);
    }
    const args = this._timerArgs;
    if (args) this._onTimeout!(...args);
    else this._onTimeout!.call(this);
  }

  ref(): this {
    loop.setTimerRef(this[kTimer], true);
    return this;
  }
  unref(): this {
    loop.setTimerRef(this[kTimer], false);
    return this;
  }
  hasRef(): boolean {
    return this[kTimer].refed;
  }
  refresh(): this {
    if (!this._destroyed) loop.refreshTimer(this[kTimer], this._idleTimeout);
    return this;
  }
  close(): this {
    clearTimeout(this);
    return this;
  }
  [Symbol.toPrimitive](): number {
    const id = (this as unknown as { asyncId: number }).asyncId;
    byId.set(id, this);
    return id;
  }
  [Symbol.dispose](): void {
    clearTimeout(this);
  }
}

/** Node's Immediate object. */
export class Immediate {
  _onImmediate: (...a: unknown[]) => void;
  _argv: unknown[] | undefined;
  _destroyed = false;
  declare [kImm]: loop.Immediate;
  constructor(cb: (...a: unknown[]) => void, args: unknown[] | undefined) {
    this._onImmediate = cb;
    this._argv = args;
    Object.defineProperty(this, kImm, {
      value: loop.addImmediate(() => {
        this._destroyed = true;
        if (args) cb(...args);
        else cb.call(this);
      }),
      enumerable: false,
    });
  }
  ref(): this {
    loop.setImmediateRef(this[kImm], true);
    return this;
  }
  unref(): this {
    loop.setImmediateRef(this[kImm], false);
    return this;
  }
  hasRef(): boolean {
    return this[kImm].refed;
  }
  [Symbol.dispose](): void {
    clearImmediate(this);
  }
}

export function setTimeout(cb: (...a: unknown[]) => void, ms?: number, ...args: unknown[]): Timeout {
  checkCallback(cb);
  return new Timeout(cb, ms ?? 1, args.length ? args : undefined, false);
}

export function setInterval(cb: (...a: unknown[]) => void, ms?: number, ...args: unknown[]): Timeout {
  checkCallback(cb);
  return new Timeout(cb, ms ?? 1, args.length ? args : undefined, true);
}

export function clearTimeout(t: unknown): void {
  if (t == null) return;
  if (typeof t === 'number' || typeof t === 'string') t = byId.get(Number(t));
  if (t instanceof Timeout) {
    t._destroyed = true;
    loop.removeTimer(t[kTimer]);
    byId.delete((t as unknown as { asyncId: number }).asyncId);
  }
}

export const clearInterval = clearTimeout;

export function setImmediate(cb: (...a: unknown[]) => void, ...args: unknown[]): Immediate {
  checkCallback(cb);
  return new Immediate(cb, args.length ? args : undefined);
}

export function clearImmediate(im: unknown): void {
  if (im instanceof Immediate) {
    im._destroyed = true;
    loop.removeImmediate(im[kImm]);
  }
}

function abortError(signal?: AbortSignal): Error {
  const err = new Error('The operation was aborted') as Error & { code: string; cause?: unknown };
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal?.reason !== undefined) err.cause = signal.reason;
  return err;
}

interface PromiseTimerOptions { signal?: AbortSignal; ref?: boolean }

/** `timers/promises`. */
export const promises = {
  setTimeout<T>(ms?: number, value?: T, opts: PromiseTimerOptions = {}): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(abortError(opts.signal));
      const t = setTimeout(() => resolve(value), ms);
      if (opts.ref === false) t.unref();
      opts.signal?.addEventListener('abort', () => {
        clearTimeout(t);
        reject(abortError(opts.signal));
      }, { once: true });
    });
  },
  setImmediate<T>(value?: T, opts: PromiseTimerOptions = {}): Promise<T | undefined> {
    return new Promise((resolve, reject) => {
      if (opts.signal?.aborted) return reject(abortError(opts.signal));
      const im = setImmediate(() => resolve(value));
      if (opts.ref === false) im.unref();
      opts.signal?.addEventListener('abort', () => {
        clearImmediate(im);
        reject(abortError(opts.signal));
      }, { once: true });
    });
  },
  async *setInterval<T>(ms?: number, value?: T, opts: PromiseTimerOptions = {}): AsyncGenerator<T | undefined> {
    let pending = 0;
    let notify: (() => void) | null = null;
    const t = setInterval(() => {
      pending++;
      notify?.();
    }, ms);
    if (opts.ref === false) t.unref();
    try {
      for (;;) {
        if (opts.signal?.aborted) throw abortError(opts.signal);
        if (pending === 0) await new Promise<void>((r) => (notify = r));
        notify = null;
        if (opts.signal?.aborted) throw abortError(opts.signal);
        pending--;
        yield value;
      }
    } finally {
      clearInterval(t);
    }
  },
  scheduler: {
    wait: (ms: number, opts?: PromiseTimerOptions) => promises.setTimeout(ms, undefined, opts),
    yield: () => promises.setImmediate(),
  },
};

export const scheduler = promises.scheduler;

export default {
  setTimeout, setInterval, clearTimeout, clearInterval, setImmediate, clearImmediate, promises,
};
