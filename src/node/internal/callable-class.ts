/**
 * Node's older constructors (fs.Stats, fs.ReadStream, http.Server, http.Agent…)
 * are plain functions that behave the same with or without `new`. Verklet
 * writes them as classes; `callableClass(C)` returns a stand-in that
 * constructs `C` when called as a function, and is otherwise `C` itself
 * (same prototype, statics, `instanceof`, and subclassable with `extends`).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
export function callableClass<T extends abstract new (...args: any[]) => any>(C: T): T {
  const proxy: any = new Proxy(C as any, {
    apply(target, _thisArg, args) {
      return Reflect.construct(target, args, target);
    },
    construct(target, args, newTarget) {
      return Reflect.construct(target, args, newTarget === proxy ? target : newTarget);
    },
  });
  // `instance.constructor === Module.C` as in Node.
  Object.defineProperty((C as any).prototype, 'constructor', {
    value: proxy, writable: true, configurable: true, enumerable: false,
  });
  return proxy;
}
