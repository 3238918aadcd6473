/**
 * Node's NodeEventTarget (lib/internal/event_target.js), the base of
 * `MessagePort`: an EventTarget that also has EventEmitter's `on`, `once`,
 * `off`, `emit`… One ordered list holds both kinds of listener; a dispatch
 * gives Node-style listeners the plain value (a message's data) and web-style
 * ones an Event. A listener that throws does not stop the others: its error
 * is rethrown on the next tick, where it is uncaught, as Node does.
 * https://nodejs.org/api/events.html#class-nodeeventtarget
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { nextTick } from './loop.js';
import { setArrow } from './errors.js';
import { codedError } from './net-host.js';
import { describeValue } from '../events.js';

/** Where Node's EventTarget rethrows a listener's error (the uncaught-error arrow). */
export const EVENT_TARGET_ARROW = 'node:internal/event_target:1122\n  process.nextTick(() => { throw err; });\n                           ^\n';

interface Entry {
  fn: any;
  once: boolean;
  node: boolean;
}

const NativeEventTarget: typeof EventTarget = globalThis.EventTarget;

export class NodeEventTarget extends NativeEventTarget {
  readonly #listeners = new Map<string | symbol, Entry[]>();
  readonly #handlers = new Map<string, any>();
  #maxListeners = 10;

  /** Called after a listener of `type` was added; `count` is the new number. */
  protected listenerAdded(_type: string | symbol, _count: number): void {}
  /** Called after a listener of `type` was removed; `count` is the new number. */
  protected listenerRemoved(_type: string | symbol, _count: number): void {}

  #add(type: string | symbol, fn: any, once: boolean, node: boolean): void {
    let list = this.#listeners.get(type);
    if (!list) this.#listeners.set(type, (list = []));
    if (list.some((e) => e.fn === fn && e.node === node)) return;
    list.push({ fn, once, node });
    this.listenerAdded(type, list.length);
  }

  #remove(type: string | symbol, fn: any, node: boolean | null): void {
    const list = this.#listeners.get(type);
    if (!list) return;
    const i = list.findIndex((e) => e.fn === fn && (node === null || e.node === node));
    if (i < 0) return;
    list.splice(i, 1);
    if (!list.length) this.#listeners.delete(type);
    this.listenerRemoved(type, list.length);
  }

  override addEventListener(type: string, fn: any, options?: boolean | AddEventListenerOptions): void {
    if (fn == null) return;
    const once = typeof options === 'object' && options !== null && !!options.once;
    this.#add(String(type), fn, once, false);
  }

  override removeEventListener(type: string, fn: any): void {
    this.#remove(String(type), fn, false);
  }

  override dispatchEvent(event: Event): boolean {
    this.dispatch(event.type, event, () => event);
    return !event.defaultPrevented;
  }

  /** Calls the listeners of `type` in order: Node-style ones with `value`, web ones with `makeEvent()`. */
  protected dispatch(type: string | symbol, value: unknown, makeEvent: () => Event): void {
    const list = this.#listeners.get(type);
    if (!list) return;
    let event: Event | undefined;
    for (const entry of [...list]) {
      if (entry.once) this.#remove(type, entry.fn, entry.node);
      try {
        if (entry.node) entry.fn.call(this, value);
        else {
          event ??= makeEvent();
          if (typeof entry.fn === 'function') entry.fn.call(this, event);
          else entry.fn.handleEvent(event);
        }
      } catch (err) {
        setArrow(err, EVENT_TARGET_ARROW);
        nextTick(() => {
          throw err;
        });
      }
    }
  }

  /** Installs an `on<type>` event handler attribute (Node's defineEventHandler). */
  protected setHandler(type: string, fn: unknown): void {
    const old = this.#handlers.get(type);
    if (old) this.#remove(type, old, false);
    if (typeof fn === 'function' || (fn && typeof fn === 'object')) {
      this.#handlers.set(type, fn);
      this.#add(type, fn, false, false);
    } else this.#handlers.delete(type);
  }

  protected getHandler(type: string): unknown {
    return this.#handlers.get(type) ?? null;
  }

  on(type: string | symbol, fn: (...a: any[]) => void): this {
    checkListener(fn);
    this.#add(type, fn, false, true);
    return this;
  }

  addListener(type: string | symbol, fn: (...a: any[]) => void): this {
    return this.on(type, fn);
  }

  once(type: string | symbol, fn: (...a: any[]) => void): this {
    checkListener(fn);
    this.#add(type, fn, true, true);
    return this;
  }

  off(type: string | symbol, fn: (...a: any[]) => void): this {
    this.#remove(type, fn, true);
    return this;
  }

  removeListener(type: string | symbol, fn: (...a: any[]) => void): this {
    return this.off(type, fn);
  }

  removeAllListeners(type?: string | symbol): this {
    const types = type === undefined ? [...this.#listeners.keys()] : [type];
    for (const t of types) for (const e of [...(this.#listeners.get(t) ?? [])]) this.#remove(t, e.fn, e.node);
    return this;
  }

  emit(type: string | symbol, arg?: unknown): boolean {
    const had = this.#listeners.has(type);
    this.dispatch(type, arg, () => new Event(String(type)));
    return had;
  }

  listenerCount(type: string | symbol): number {
    return this.#listeners.get(type)?.length ?? 0;
  }

  eventNames(): (string | symbol)[] {
    return [...this.#listeners.keys()];
  }

  setMaxListeners(n: number): void {
    this.#maxListeners = n;
  }

  getMaxListeners(): number {
    return this.#maxListeners;
  }
}

function checkListener(fn: unknown): void {
  if (typeof fn !== 'function') {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "listener" argument must be of type function. Received ${describeValue(fn)}`);
  }
}
