/**
 * The stand-ins that the inspect hooks put in place of built-ins (Proxy,
 * Promise.prototype.then, Promise.resolve…) must read as built-ins: programs
 * and polyfills test `/\[native code\]/.test(String(fn))` to decide whether to
 * replace a feature. Function.prototype.toString is wrapped once to print
 * V8's text for a built-in (`function name() { [native code] }`) for them,
 * and for itself.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

const nativeText = new WeakMap<object, string>();
let installed = false;

function install(): void {
  installed = true;
  const native = Function.prototype.toString;
  const wrapper = {
    toString(this: unknown): string {
      if ((typeof this === 'function' || typeof this === 'object') && this !== null) {
        const text = nativeText.get(this);
        if (text !== undefined) return text;
      }
      return Reflect.apply(native, this, []);
    },
  }.toString;
  nativeText.set(wrapper, 'function toString() { [native code] }');
  Object.defineProperty(Function.prototype, 'toString', { value: wrapper, writable: true, enumerable: false, configurable: true });
}

/**
 * Give `fn` the name, length and source text of the built-in it stands in
 * for. `name` '' prints as V8's anonymous built-ins do.
 */
export function asNative<T extends (...args: any[]) => any>(fn: T, name: string, length: number): T {
  if (!installed) install();
  Object.defineProperty(fn, 'name', { value: name, writable: false, enumerable: false, configurable: true });
  Object.defineProperty(fn, 'length', { value: length, writable: false, enumerable: false, configurable: true });
  nativeText.set(fn, `function ${name}() { [native code] }`);
  return fn;
}
