/**
 * `events`: Node 24's EventEmitter, written after lib/events.js because the
 * `events` npm package (3.x) lacks errorMonitor, captureRejections, `on`,
 * getEventListeners and Node's error texts. https://nodejs.org/api/events.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { inspect } from './internal/inspect-format.js';
import { kEmittedAt, setArrow } from './internal/errors.js';

type Listener = (...args: any[]) => unknown;

const kCapture = Symbol('kCapture');
const kRejection = Symbol.for('nodejs.rejection');
export const errorMonitor = Symbol('events.errorMonitor');
const kShapeMode = Symbol('shapeMode');
let defaultMaxListeners = 10;

function codeError(Ctor: ErrorConstructor, code: string, msg: string): Error {
  const e = new Ctor(msg) as Error & { code: string };
  e.code = code;
  return e;
}

function checkListener(listener: unknown): void {
  if (typeof listener !== 'function') {
    throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE',
      `The "listener" argument must be of type function. Received ${describeValue(listener)}`);
  }
}

export function describeValue(v: unknown): string {
  if (v == null) return ` ${v}`.trim();
  if (typeof v === 'function') return `function ${(v as { name: string }).name}`;
  if (typeof v === 'object') {
    if ((v as object).constructor?.name) return `an instance of ${(v as object).constructor.name}`;
    return inspect(v, { depth: -1 });
  }
  let shown = inspect(v, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof v} (${shown})`;
}

export interface EventEmitter {
  _events: Record<string | symbol, any>;
  _eventsCount: number;
  _maxListeners: number | undefined;
  on(type: string | symbol, l: Listener): this;
  off(type: string | symbol, l: Listener): this;
}

export function EventEmitter(this: any, opts?: { captureRejections?: boolean }): void {
  EventEmitter.init.call(this, opts);
}

EventEmitter.prototype._events = undefined as any;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined as any;
(EventEmitter as any).EventEmitter = EventEmitter;
(EventEmitter as any).usingDomains = false;
(EventEmitter as any).captureRejectionSymbol = kRejection;
(EventEmitter as any).errorMonitor = errorMonitor;
let captureRejectionsDefault = false;
Object.defineProperty(EventEmitter, 'captureRejections', {
  get: () => captureRejectionsDefault,
  set: (v: boolean) => { captureRejectionsDefault = v; },
  enumerable: true,
});
/** Node's validateNumber(value, name, 0) for listener limits. */
function validateMaxListeners(n: unknown, name: string): asserts n is number {
  if (typeof n !== 'number') {
    const shown = n === null ? 'null' : n === undefined ? 'undefined'
      : typeof n === 'function' ? `function ${(n as { name?: string }).name || ''}`
        : typeof n === 'object' ? `an instance of ${(n as object).constructor?.name ?? 'Object'}`
          : typeof n === 'string' ? `type string ('${n.length > 25 ? `${n.slice(0, 25)}...` : n}')`
            : `type ${typeof n} (${String(n)})`;
    throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be of type number. Received ${shown}`);
  }
  if (!(n >= 0)) {
    throw codeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be >= 0. Received ${String(n)}`);
  }
}

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get: () => defaultMaxListeners,
  set: (n: number) => {
    validateMaxListeners(n, 'defaultMaxListeners');
    defaultMaxListeners = n;
  },
});

EventEmitter.init = function (this: any, opts?: { captureRejections?: boolean }) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else this[kShapeMode] = true;
  this._maxListeners = this._maxListeners || undefined;
  if (opts?.captureRejections) {
    this[kCapture] = Boolean(opts.captureRejections);
  } else this[kCapture] = EventEmitter.prototype[kCapture as any];
};
EventEmitter.prototype[kCapture as any] = false;

EventEmitter.prototype.setMaxListeners = function setMaxListeners(this: any, n: number) {
  validateMaxListeners(n, 'setMaxListeners');
  this._maxListeners = n;
  return this;
};

function getMaxListeners(that: any): number {
  return that._maxListeners === undefined ? defaultMaxListeners : that._maxListeners;
}
EventEmitter.prototype.getMaxListeners = function (this: any) {
  return getMaxListeners(this);
};

function addCatch(that: any, promise: any, type: string | symbol, args: unknown[]): void {
  try {
    const then = promise.then;
    if (typeof then === 'function') {
      then.call(promise, undefined, (err: unknown) => {
        queueTick(() => emitUnhandledRejectionOrErr(that, err, type, args));
      });
    }
  } catch (err) {
    that.emit('error', err);
  }
}

function queueTick(fn: () => void): void {
  const p = (globalThis as any).process;
  if (p?.nextTick) p.nextTick(fn);
  else queueMicrotask(fn);
}

function emitUnhandledRejectionOrErr(ee: any, err: unknown, type: string | symbol, args: unknown[]): void {
  if (typeof ee[kRejection] === 'function') {
    ee[kRejection](err, type, ...args);
  } else {
    const prev = ee[kCapture];
    try {
      ee[kCapture] = false;
      ee.emit('error', err);
    } finally {
      ee[kCapture] = prev;
    }
  }
}

EventEmitter.prototype.emit = function (this: any, type: string | symbol, ...args: unknown[]): boolean {
  let doError = type === 'error';
  const events = this._events;
  if (events !== undefined) {
    if (doError && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
    doError = doError && events.error === undefined;
  } else if (!doError) return false;

  if (doError) {
    let er: any;
    if (args.length > 0) er = args[0];
    if (er instanceof Error) {
      // Node prints where the unhandled 'error' event was emitted after the stack.
      const where: any = {};
      (Error as any).captureStackTrace?.(where, EventEmitter.prototype.emit);
      const frames = String(where.stack ?? '').split('\n').slice(1).join('\n');
      try {
        Object.defineProperty(er, kEmittedAt, { value: `Emitted 'error' event at:\n${frames}`, configurable: true });
      } catch {
        // frozen errors keep their plain stack
      }
      setArrow(er, "node:events:486\n      throw er; // Unhandled 'error' event\n      ^\n");
      throw er;
    }
    let stringifiedEr;
    try {
      stringifiedEr = inspect(er);
    } catch {
      stringifiedEr = er;
    }
    const err = codeError(Error, 'ERR_UNHANDLED_ERROR', `Unhandled error. (${stringifiedEr})`) as any;
    err.context = er;
    throw err;
  }

  const handler = events[type];
  if (handler === undefined) return false;
  if (typeof handler === 'function') {
    const result = handler.apply(this, args);
    if (result !== undefined && result !== null && this[kCapture]) addCatch(this, result, type, args);
  } else {
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; ++i) {
      const result = listeners[i].apply(this, args);
      if (result !== undefined && result !== null && this[kCapture]) addCatch(this, result, type, args);
    }
  }
  return true;
};

function _addListener(target: any, type: string | symbol, listener: Listener, prepend: boolean): any {
  checkListener(listener);
  let events = target._events;
  let existing;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else {
    if (events.newListener !== undefined) {
      target.emit('newListener', type, (listener as any).listener ?? listener);
      events = target._events;
    }
    existing = events[type];
  }
  if (existing === undefined) {
    events[type] = listener;
    ++target._eventsCount;
  } else {
    if (typeof existing === 'function') {
      existing = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) existing.unshift(listener);
    else existing.push(listener);
    const m = getMaxListeners(target);
    if (m > 0 && existing.length > m && !existing.warned) {
      existing.warned = true;
      const name = target.constructor?.name ?? 'EventEmitter';
      const w = new Error(
        `Possible EventEmitter memory leak detected. ${existing.length} ${String(type)} listeners ` +
        `added to ${inspect(target, { depth: -1 }).startsWith('[') ? '[' + name + ']' : '[' + name + ']'}. MaxListeners is ${m}. ` +
        'Use emitter.setMaxListeners() to increase limit') as any;
      w.name = 'MaxListenersExceededWarning';
      w.emitter = target;
      w.type = type;
      w.count = existing.length;
      (globalThis as any).process?.emitWarning?.(w);
    }
  }
  return target;
}

EventEmitter.prototype.addListener = function (this: any, type: string | symbol, listener: Listener) {
  return _addListener(this, type, listener, false);
};
EventEmitter.prototype.on = EventEmitter.prototype.addListener;
EventEmitter.prototype.prependListener = function (this: any, type: string | symbol, listener: Listener) {
  return _addListener(this, type, listener, true);
};

function onceWrapper(this: any, ...args: unknown[]) {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    return this.listener.apply(this.target, args);
  }
}

function _onceWrap(target: any, type: string | symbol, listener: Listener) {
  const state: any = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped: any = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function (this: any, type: string | symbol, listener: Listener) {
  checkListener(listener);
  this.on(type, _onceWrap(this, type, listener));
  return this;
};
EventEmitter.prototype.prependOnceListener = function (this: any, type: string | symbol, listener: Listener) {
  checkListener(listener);
  this.prependListener(type, _onceWrap(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function (this: any, type: string | symbol, listener: Listener) {
  checkListener(listener);
  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;
  if (list === listener || list.listener === listener) {
    this._eventsCount -= 1;
    if (this[kShapeMode]) events[type] = undefined;
    else if (this._eventsCount === 0) this._events = Object.create(null);
    else {
      delete events[type];
      if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
    }
  } else if (typeof list !== 'function') {
    let position = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        position = i;
        break;
      }
    }
    if (position < 0) return this;
    if (position === 0) list.shift();
    else list.splice(position, 1);
    if (list.length === 1) events[type] = list[0];
    if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
  }
  return this;
};
EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function (this: any, type?: string | symbol) {
  const events = this._events;
  if (events === undefined) return this;
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    } else if (events[type!] !== undefined) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type!];
    }
    this[kShapeMode] = false;
    return this;
  }
  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key === 'removeListener') continue;
      this.removeAllListeners(key);
    }
    this.removeAllListeners('removeListener');
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
    return this;
  }
  const listeners = events[type!];
  if (typeof listeners === 'function') this.removeListener(type, listeners);
  else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

function _listeners(target: any, type: string | symbol, unwrap: boolean): Listener[] {
  const events = target._events;
  if (events === undefined) return [];
  const l = events[type];
  if (l === undefined) return [];
  if (typeof l === 'function') return unwrap ? [l.listener || l] : [l];
  return unwrap ? l.map((x: any) => x.listener || x) : l.slice();
}

EventEmitter.prototype.listeners = function (this: any, type: string | symbol) {
  return _listeners(this, type, true);
};
EventEmitter.prototype.rawListeners = function (this: any, type: string | symbol) {
  return _listeners(this, type, false);
};

function listenerCount(this: any, type: string | symbol, listener?: Listener): number {
  const events = this._events;
  if (events !== undefined) {
    const l = events[type];
    if (typeof l === 'function') {
      if (listener != null) return listener === l || listener === l.listener ? 1 : 0;
      return 1;
    } else if (l !== undefined) {
      if (listener != null) return l.filter((x: any) => x === listener || x.listener === listener).length;
      return l.length;
    }
  }
  return 0;
}
EventEmitter.prototype.listenerCount = listenerCount;
(EventEmitter as any).listenerCount = (emitter: any, type: string | symbol) =>
  typeof emitter.listenerCount === 'function' ? emitter.listenerCount(type) : listenerCount.call(emitter, type);

EventEmitter.prototype.eventNames = function (this: any) {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};

function abortError(signal?: AbortSignal): Error {
  const err = new Error('The operation was aborted') as any;
  err.name = 'AbortError';
  err.code = 'ABORT_ERR';
  if (signal?.reason !== undefined) err.cause = signal.reason;
  return err;
}

/** `events.once(emitter, name, { signal })`. */
export function once(emitter: any, name: string | symbol, options: { signal?: AbortSignal } = {}): Promise<unknown[]> {
  const signal = options?.signal;
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    if (typeof emitter.addEventListener === 'function' && typeof emitter.on !== 'function') {
      emitter.addEventListener(name, (...args: unknown[]) => resolve(args), { once: true });
      return;
    }
    const errorListener = (err: unknown) => {
      emitter.removeListener(name, resolver);
      signal?.removeEventListener('abort', abortListener);
      reject(err);
    };
    const resolver = (...args: unknown[]) => {
      if (name !== 'error') emitter.removeListener('error', errorListener);
      signal?.removeEventListener('abort', abortListener);
      resolve(args);
    };
    const abortListener = () => {
      emitter.removeListener(name, resolver);
      emitter.removeListener('error', errorListener);
      reject(abortError(signal));
    };
    emitter.once(name, resolver);
    if (name !== 'error') emitter.once('error', errorListener);
    signal?.addEventListener('abort', abortListener, { once: true });
  });
}

/** `events.on(emitter, name)`: an async iterator of emitted argument arrays. */
export function on(emitter: any, event: string | symbol, options: { signal?: AbortSignal; close?: string[] } = {}): AsyncIterableIterator<unknown[]> {
  const signal = options.signal;
  if (signal?.aborted) throw abortError(signal);
  const unconsumed: unknown[][] = [];
  const pending: { resolve: (v: IteratorResult<unknown[]>) => void; reject: (e: unknown) => void }[] = [];
  let error: unknown = null;
  let finished = false;
  const eventHandler = (...args: unknown[]) => {
    const p = pending.shift();
    if (p) p.resolve({ value: args, done: false });
    else unconsumed.push(args);
  };
  const errorHandler = (err: unknown) => {
    finished = true;
    const p = pending.shift();
    if (p) p.reject(err);
    else error = err;
    void iterator.return!();
  };
  const closeHandler = () => {
    void iterator.return!();
  };
  const abortListener = () => errorHandler(abortError(signal));
  emitter.on(event, eventHandler);
  if (event !== 'error') emitter.on('error', errorHandler);
  for (const c of options.close ?? []) emitter.on(c, closeHandler);
  signal?.addEventListener('abort', abortListener, { once: true });
  const cleanup = () => {
    emitter.removeListener(event, eventHandler);
    emitter.removeListener('error', errorHandler);
    for (const c of options.close ?? []) emitter.removeListener(c, closeHandler);
    signal?.removeEventListener('abort', abortListener);
  };
  const iterator: AsyncIterableIterator<unknown[]> = {
    next() {
      const value = unconsumed.shift();
      if (value) return Promise.resolve({ value, done: false });
      if (error) {
        const p = Promise.reject(error);
        error = null;
        return p;
      }
      if (finished) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve, reject) => pending.push({ resolve, reject }));
    },
    return() {
      cleanup();
      finished = true;
      for (const p of pending.splice(0)) p.resolve({ value: undefined, done: true });
      return Promise.resolve({ value: undefined, done: true });
    },
    throw(err: unknown) {
      error = err;
      cleanup();
      return Promise.reject(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
  return iterator;
}

export function getEventListeners(emitter: any, type: string | symbol): Listener[] {
  if (typeof emitter.listeners === 'function') return emitter.listeners(type);
  return [];
}

export function getMaxListenersOf(emitter: any): number {
  return typeof emitter.getMaxListeners === 'function' ? emitter.getMaxListeners() : defaultMaxListeners;
}

export function setMaxListeners(n: number = defaultMaxListeners, ...targets: any[]): void {
  validateMaxListeners(n, 'setMaxListeners');
  if (targets.length === 0) {
    defaultMaxListeners = n;
    return;
  }
  for (const t of targets) {
    if (t instanceof EventEmitter || (t && typeof t.setMaxListeners === 'function' && typeof t.emit === 'function')) {
      t.setMaxListeners(n);
    } else if (typeof EventTarget !== 'undefined' && t instanceof EventTarget) {
      (t as any)[Symbol.for('verklet.maxEventTargetListeners')] = n;
    } else {
      const shown = t === null ? 'null' : t === undefined ? 'undefined'
        : typeof t === 'object' ? `an instance of ${t.constructor?.name ?? 'Object'}`
          : typeof t === 'string' ? `type string ('${t}')` : `type ${typeof t} (${String(t)})`;
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "eventTargets" argument must be an instance of EventEmitter or EventTarget. Received ${shown}`);
    }
  }
}

export function addAbortListener(signal: AbortSignal, listener: (e: Event) => void): Disposable {
  if (signal.aborted) queueMicrotask(() => listener(new Event('abort')));
  else signal.addEventListener('abort', listener, { once: true });
  return { [Symbol.dispose]: () => signal.removeEventListener('abort', listener) } as Disposable;
}

const E = EventEmitter as any;
E.once = once;
E.on = on;
E.getEventListeners = getEventListeners;
E.getMaxListeners = getMaxListenersOf;
E.setMaxListeners = setMaxListeners;
E.addAbortListener = addAbortListener;
E.EventEmitterAsyncResource = class EventEmitterAsyncResource extends (EventEmitter as any) {};
E.init = EventEmitter.init;

export const captureRejectionSymbol = kRejection;
export const usingDomains = false;
export default EventEmitter as any;
