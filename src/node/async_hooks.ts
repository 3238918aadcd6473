/**
 * `async_hooks`: AsyncLocalStorage over synchronous scopes and promise
 * continuations created inside run() (a minimal emulation: there is no
 * AsyncContext in browsers yet). https://nodejs.org/api/async_hooks.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

export class AsyncLocalStorage<T> {
  private store: T | undefined;
  private enabled = false;
  getStore(): T | undefined {
    return this.enabled ? this.store : undefined;
  }
  run<R>(store: T, fn: (...a: any[]) => R, ...args: any[]): R {
    const prev = this.store;
    const prevEnabled = this.enabled;
    this.store = store;
    this.enabled = true;
    try {
      const r = fn(...args);
      if (r && typeof (r as any).then === 'function') {
        return (r as any).finally(() => {
          this.store = prev;
          this.enabled = prevEnabled;
        });
      }
      this.store = prev;
      this.enabled = prevEnabled;
      return r;
    } catch (e) {
      this.store = prev;
      this.enabled = prevEnabled;
      throw e;
    }
  }
  exit<R>(fn: (...a: any[]) => R, ...args: any[]): R {
    const prev = this.enabled;
    this.enabled = false;
    try {
      return fn(...args);
    } finally {
      this.enabled = prev;
    }
  }
  enterWith(store: T): void {
    this.store = store;
    this.enabled = true;
  }
  disable(): void {
    this.enabled = false;
    this.store = undefined;
  }
  static bind<F>(fn: F): F {
    return fn;
  }
  static snapshot(): (fn: (...a: any[]) => any, ...args: any[]) => any {
    return (fn, ...args) => fn(...args);
  }
}

export class AsyncResource {
  constructor(readonly type: string) {}
  runInAsyncScope<R>(fn: (...a: any[]) => R, thisArg?: unknown, ...args: any[]): R {
    return Reflect.apply(fn, thisArg, args);
  }
  emitDestroy(): this {
    return this;
  }
  asyncId(): number {
    return 1;
  }
  triggerAsyncId(): number {
    return 0;
  }
  bind<F>(fn: F): F {
    return fn;
  }
  static bind<F>(fn: F): F {
    return fn;
  }
}

export function createHook(): { enable(): any; disable(): any } {
  const h = { enable: () => h, disable: () => h };
  return h;
}
export function executionAsyncId(): number {
  return 1;
}
export function triggerAsyncId(): number {
  return 0;
}
export function executionAsyncResource(): object {
  return {};
}
export const asyncWrapProviders = {};

export default { AsyncLocalStorage, AsyncResource, createHook, executionAsyncId, triggerAsyncId, executionAsyncResource, asyncWrapProviders };
