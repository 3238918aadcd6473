/**
 * Promise state, as util.inspect shows it (`Promise { 1 }`,
 * `Promise { <pending> }`, `Promise { <rejected> Error: … }`).
 *
 * Node reads a promise's state from V8; a browser gives a program no way to
 * read it synchronously. The host therefore records settlement wherever it
 * can observe it without changing what the program sees:
 *
 * - `Promise.prototype.then` (and so `catch` and `finally`, which call it) is
 *   wrapped: the handlers it passes on call the program's handlers unchanged
 *   and note how the derived promise settles, and that the receiver settled.
 *   A missing handler is replaced by one that passes the value on or
 *   rethrows, which is what the spec's empty handler does; the receiver is
 *   marked handled by `then` either way, so no rejection is hidden from
 *   unhandled-rejection tracking, and no microtask is added.
 * - `Promise.resolve/reject/all/allSettled/any/race/try/withResolvers`, called
 *   on Promise itself, build their promise through a constructor whose
 *   resolve/reject functions note the outcome before passing it on.
 * - An `unhandledrejection` event tells that its promise was rejected.
 *
 * `new Promise(executor)` cannot be observed: replacing the global Promise
 * would change `Promise.prototype.constructor` (or `promise.constructor ===
 * Promise`), and changing that constructor makes every `await` of a native
 * promise take two extra microtask ticks, which reorders output. Promises from
 * async functions are made by the engine, and a subclass's statics construct
 * through the subclass. Such a promise is "unknown" until one of the routes
 * above reveals its state; util.inspect prints it as `Promise { <unknown> }`
 * rather than guessing.
 *
 * A promise resolved with another promise settles when that one does; it is
 * shown with the other promise's state, which can be up to two microtask
 * ticks early.
 *
 * The record sits in a hidden slot of the promise (inspect-slot.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { asNative } from './inspect-native-source.js';
import { isProxy } from './inspect-proxy.js';
import { createSlot } from './inspect-slot.js';

const PENDING = 0;
const FULFILLED = 1;
const REJECTED = 2;
/** Resolved with a thenable; `value` is it. */
const FOLLOWS = 3;
const UNKNOWN = 4;

/** What the host knows about one promise. */
class Rec {
  constructor(public s: number, public v: unknown) {}
}

/** Each promise's record. */
const records = createSlot<Rec>();

const NativePromise = Promise;
const thenCall = Function.prototype.call.bind(Promise.prototype.then) as (p: unknown, f: unknown, r: unknown) => any;
const { getOwnPropertyDescriptor, getPrototypeOf } = Object;

/** What util.inspect shows for a promise. */
export type PromiseState =
  | { state: 'pending' }
  | { state: 'fulfilled' | 'rejected'; value: unknown }
  | { state: 'unknown' };

/** The known state of `promise`, following promises it was resolved with. */
export function getPromiseState(promise: object): PromiseState {
  let rec = records.get(promise);
  for (let hops = 0; rec !== undefined && rec.s === FOLLOWS && hops < 1000; hops++) rec = records.get(rec.v as object);
  if (rec === undefined || rec.s === FOLLOWS || rec.s === UNKNOWN) return { state: 'unknown' };
  if (rec.s === PENDING) return { state: 'pending' };
  return { state: rec.s === FULFILLED ? 'fulfilled' : 'rejected', value: rec.v };
}

const isObject = (v: unknown): v is object => (typeof v === 'object' || typeof v === 'function') && v !== null;

/**
 * Whether resolving with `value` adopts it (it has a callable `then`), read
 * from property descriptors so no getter or proxy trap runs twice. Undefined
 * when that cannot be known (an accessor, a proxy on the way).
 */
function isThenable(value: object): boolean | undefined {
  for (let o: object | null = value; o !== null; o = getPrototypeOf(o)) {
    if (isProxy(o)) return undefined;
    const d = getOwnPropertyDescriptor(o, 'then');
    if (d === undefined) continue;
    if (!('value' in d)) return undefined;
    return typeof d.value === 'function';
  }
  return false;
}

/** Record that a promise was resolved with `value` (a resolve function's argument). */
function resolved(rec: Rec, promise: object, value: unknown): void {
  if (!isObject(value)) {
    rec.s = FULFILLED;
  } else {
    const thenable = value === promise ? undefined : isThenable(value);
    rec.s = thenable === false ? FULFILLED : thenable === true ? FOLLOWS : UNKNOWN;
  }
  rec.v = value;
}

function settled(rec: Rec, state: number, value: unknown): void {
  rec.s = state;
  rec.v = value;
}

/** Record what a reaction revealed about a promise the host may not have tracked. */
function learn(promise: object, state: number, value: unknown): void {
  const rec = records.get(promise);
  if (rec === undefined) records.set(promise, new Rec(state, value));
  else if (rec.s === PENDING || rec.s === FOLLOWS || rec.s === UNKNOWN) settled(rec, state, value);
}

/**
 * A constructor for NewPromiseCapability: a native promise whose resolve and
 * reject functions record the outcome. Also used to make promises whose
 * state the host should know (util.promisify).
 */
function TrackedPromise(this: unknown, executor: (resolve: (v: unknown) => void, reject: (e: unknown) => void) => void): Promise<unknown> {
  let resolveNative!: (v: unknown) => void;
  let rejectNative!: (e: unknown) => void;
  const promise = new NativePromise((res, rej) => {
    resolveNative = res;
    rejectNative = rej;
  });
  const rec = new Rec(PENDING, undefined);
  records.set(promise, rec);
  let done = false;
  executor(
    function (value: unknown) {
      if (done) return;
      done = true;
      resolveNative(value);
      resolved(rec, promise, value);
    },
    function (reason: unknown) {
      if (done) return;
      done = true;
      rejectNative(reason);
      settled(rec, REJECTED, reason);
    },
  );
  return promise;
}

/** `new Promise(executor)` whose state util.inspect can show. */
export function trackedPromise<T>(executor: (resolve: (v: T | PromiseLike<T>) => void, reject: (e: unknown) => void) => void): Promise<T> {
  return new (TrackedPromise as any)(executor);
}

function then(this: any, onFulfilled?: unknown, onRejected?: unknown): any {
  const source = this;
  const onF = typeof onFulfilled === 'function' ? (onFulfilled as (v: unknown) => unknown) : undefined;
  const onR = typeof onRejected === 'function' ? (onRejected as (e: unknown) => unknown) : undefined;
  const rec = new Rec(PENDING, undefined);
  let derived: object = rec;
  const result = thenCall(
    this,
    (value: unknown) => {
      learn(source, FULFILLED, value);
      if (onF === undefined) {
        resolved(rec, derived, value);
        return value;
      }
      let out: unknown;
      try {
        out = onF(value);
      } catch (e) {
        settled(rec, REJECTED, e);
        throw e;
      }
      resolved(rec, derived, out);
      return out;
    },
    (reason: unknown) => {
      learn(source, REJECTED, reason);
      if (onR === undefined) {
        settled(rec, REJECTED, reason);
        throw reason;
      }
      let out: unknown;
      try {
        out = onR(reason);
      } catch (e) {
        settled(rec, REJECTED, e);
        throw e;
      }
      resolved(rec, derived, out);
      return out;
    },
  );
  if (isObject(result)) {
    derived = result;
    records.set(result, rec);
  }
  return result;
}

let installed = false;

/** Wrap Promise.prototype.then and Promise's statics (idempotent). */
export function installPromiseHooks(): void {
  if (installed) return;
  installed = true;
  const P = NativePromise as any;
  const define = (obj: object, key: string, fn: (...a: any[]) => any, length: number) =>
    Object.defineProperty(obj, key, { value: asNative(fn, key, length), writable: true, enumerable: false, configurable: true });

  define(NativePromise.prototype, 'then', then, 2);

  const nativeResolve = P.resolve;
  const resolve = function (this: unknown, value: unknown) {
    if (this !== NativePromise && this !== TrackedPromise) return Reflect.apply(nativeResolve, this, [value]);
    const promise: object = Reflect.apply(nativeResolve, NativePromise, [value]);
    if (promise !== value) {
      const rec = new Rec(PENDING, undefined);
      records.set(promise, rec);
      resolved(rec, promise, value);
    }
    return promise;
  };
  define(P, 'resolve', resolve, 1);
  (TrackedPromise as any).resolve = resolve;

  const nativeReject = P.reject;
  define(P, 'reject', function (this: unknown, reason: unknown) {
    const promise: object = Reflect.apply(nativeReject, this, [reason]);
    if (this === NativePromise) records.set(promise, new Rec(REJECTED, reason));
    return promise;
  }, 1);

  for (const [name, length] of [['all', 1], ['allSettled', 1], ['any', 1], ['race', 1], ['try', 1]] as const) {
    const native = P[name];
    if (typeof native !== 'function') continue;
    define(P, name, function (this: unknown, ...args: unknown[]) {
      return Reflect.apply(native, this === NativePromise ? TrackedPromise : this, args);
    }, length);
  }
  const nativeWithResolvers = P.withResolvers;
  if (typeof nativeWithResolvers === 'function') {
    define(P, 'withResolvers', function (this: unknown) {
      if (this !== NativePromise) return Reflect.apply(nativeWithResolvers, this, []);
      const result: { resolve: () => void; reject: () => void } = Reflect.apply(nativeWithResolvers, TrackedPromise, []);
      // These resolving functions reach the program: make them read as the engine's.
      asNative(result.resolve, '', 1);
      asNative(result.reject, '', 1);
      return result;
    }, 0);
  }

  globalThis.addEventListener?.('unhandledrejection', (ev: any) => {
    if (isObject(ev?.promise)) learn(ev.promise, REJECTED, ev.reason);
  });
}
