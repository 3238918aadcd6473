/**
 * `import()` inside code made by the `Function` constructor.
 *
 * Module sources are rewritten so their `import()` goes to the host's loader
 * (cjs-loader's rewriteDynamicImport, esm-transform), but code compiled at run
 * time escapes that: `new Function('m', 'return import(m)')` — how prettier's
 * bin and other dual-format packages load their ES modules from CommonJS —
 * would run the engine's own import(), which resolves against the worker
 * script's URL and fetches it over HTTP. The host therefore replaces
 * `globalThis.Function` with a transparent proxy that rewrites such bodies the
 * same way. As in Node, a relative specifier resolves against the file that
 * called the constructor, found from the call stack. Direct `eval` cannot be
 * wrapped (replacing it would make every eval indirect), so `eval('import(x)')`
 * is still not routed.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { rewriteDynamicImport } from './cjs-loader.js';
import { callerScripts } from './stack-scripts.js';

const MAY_IMPORT = /\bimport\s*\(/;

/** The script or module file of each frame on the current stack, innermost first. */
function stackFiles(): string[] {
  return callerScripts(stackFiles, 30);
}

let hostFile = '';

/** The user file that is calling the constructor, or a file in the working directory. */
function referrer(): string {
  for (const f of stackFiles()) {
    if (!f || f === hostFile) continue;
    if (f.startsWith('file://')) return decodeURIComponent(new URL(f).pathname);
    if (f.startsWith('/')) return f;
  }
  return `${(globalThis as any).process?.cwd?.() ?? ''}/[eval]`;
}

function rewriteBody(args: unknown[]): unknown[] {
  if (args.length === 0) return args;
  const body = args[args.length - 1];
  if (typeof body !== 'string' || !MAY_IMPORT.test(body)) return args;
  const out = args.slice();
  out[out.length - 1] = rewriteDynamicImport(body, referrer());
  return out;
}

let installed = false;

/** Replaces globalThis.Function (and Function.prototype.constructor) with the rewriting proxy. */
export function installFunctionImport(): void {
  if (installed || typeof (Error as { captureStackTrace?: unknown }).captureStackTrace !== 'function') return;
  installed = true;
  hostFile = stackFiles()[0] ?? '';
  const NativeFunction = globalThis.Function;
  const proxy: FunctionConstructor = new Proxy(NativeFunction, {
    apply: (target, self, args) => Reflect.apply(target, self, rewriteBody(args)),
    construct: (target, args, newTarget) => Reflect.construct(target, rewriteBody(args), newTarget === proxy ? target : newTarget),
  });
  Object.defineProperty(globalThis, 'Function', { value: proxy, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(NativeFunction.prototype, 'constructor', { value: proxy, writable: true, configurable: true, enumerable: false });
}
