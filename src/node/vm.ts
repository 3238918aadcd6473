/**
 * `vm`: scripts run in this realm (a browser worker has no way to make new V8
 * contexts). runInNewContext/runInContext expose the sandbox's properties as
 * variables through `with` and copy assignments back; true isolation is not
 * available and says so. https://nodejs.org/api/vm.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

const kContext = Symbol('vm.context');

function runWith(code: string, sandbox: any, filename?: string): unknown {
  const proxy = new Proxy(sandbox, {
    has: (t, k) => k !== Symbol.unscopables && (k in t || !(k in globalThis)),
    get: (t, k) => (k in t ? t[k] : (globalThis as any)[k]),
    set: (t, k, v) => {
      t[k] = v;
      return true;
    },
  });
  // eslint-disable-next-line no-new-func
  const fn = new Function('__vk_sandbox', `with (__vk_sandbox) { return eval(${JSON.stringify(code + (filename ? `\n//# sourceURL=${filename}` : ''))}); }`);
  return fn(proxy);
}

export function createContext(sandbox: any = {}): any {
  Object.defineProperty(sandbox, kContext, { value: true, enumerable: false });
  return sandbox;
}
export function isContext(o: any): boolean {
  return !!o?.[kContext];
}
export function runInThisContext(code: string, opts?: any): unknown {
  return (0, eval)(String(code) + (opts?.filename ? `\n//# sourceURL=${opts.filename}` : ''));
}
export function runInContext(code: string, ctx: any, opts?: any): unknown {
  return runWith(String(code), ctx, typeof opts === 'string' ? opts : opts?.filename);
}
export function runInNewContext(code: string, sandbox: any = {}, opts?: any): unknown {
  return runWith(String(code), createContext(sandbox), typeof opts === 'string' ? opts : opts?.filename);
}
export function compileFunction(code: string, params: string[] = [], _opts?: any): (...a: unknown[]) => unknown {
  // eslint-disable-next-line no-new-func
  return new Function(...params, code) as (...a: unknown[]) => unknown;
}

export class Script {
  constructor(private code: string, private opts?: any) {
    // eslint-disable-next-line no-new-func
    new Function(code); // syntax check now, as vm.Script does
  }
  runInThisContext(): unknown {
    return runInThisContext(this.code, this.opts);
  }
  runInContext(ctx: any): unknown {
    return runInContext(this.code, ctx, this.opts);
  }
  runInNewContext(sandbox?: any): unknown {
    return runInNewContext(this.code, sandbox, this.opts);
  }
  createCachedData(): Uint8Array {
    return new Uint8Array(0);
  }
}

export class SourceTextModule {
  constructor() {
    throw new Error('vm.SourceTextModule is not supported in the browser runtime (Verklet)');
  }
}

export const constants = { USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('vm_dynamic_import_main_context_default'), DONT_CONTEXTIFY: Symbol('vm_context_no_contextify') };

export default { createContext, isContext, runInThisContext, runInContext, runInNewContext, compileFunction, Script, SourceTextModule, constants };
