/**
 * Proxies, as util.inspect and util.types.isProxy see them.
 *
 * Node asks V8 whether an object is a Proxy and for its target and handler,
 * so `console.log(proxy)` prints the target without running a single trap
 * (or `Proxy [ target, handler ]` with showProxy). A browser cannot tell a
 * Proxy from its target, so before user code runs the host replaces
 * `globalThis.Proxy` and `Proxy.revocable` with stand-ins that build the same
 * native proxy and remember proxy → [target, handler] in a hidden slot
 * (inspect-slot.ts).
 *
 * The stand-in is a bound function, as that is the only kind of constructor
 * without a `prototype` property; it keeps Proxy's name, length, own keys,
 * source text and errors ("Constructor Proxy requires 'new'").
 *
 * Proxies that Verklet itself makes to emulate Node objects (Buffer, module
 * namespaces, callable classes) must stay invisible, as the objects they
 * emulate are not proxies in Node. They are recognised by the caller's
 * script: one of the host's own files (the directory this module was loaded
 * from), never a user file, which runs from its VFS path. (Were those
 * modules to construct with NativeProxy, exported here, this check could go.)
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { asNative } from './inspect-native-source.js';
import { createSlot } from './inspect-slot.js';
import { callerScripts } from './stack-scripts.js';

/** proxy → [target, handler]; [null, null] once revoked. */
const details = createSlot<[object | null, object | null]>();

const NativeProxy = Proxy;
const nativeRevocable = Proxy.revocable;

/** The Proxy constructor as the engine provides it, for Verklet's own proxies. */
export { NativeProxy };

/** util.types.isProxy */
export function isProxy(value: unknown): boolean {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && details.get(value) !== undefined;
}

/**
 * Node's getProxyDetails: undefined for a non-proxy, else [target, handler]
 * (`withHandler`) or the target; null parts for a revoked proxy.
 */
export function getProxyDetails(value: object, withHandler: boolean): [object | null, object | null] | object | null | undefined {
  const d = details.get(value);
  if (d === undefined) return undefined;
  return withHandler ? d : d[0];
}

let hostDir: string | null = null;

/**
 * Whether the code calling `fn` is one of the host's own scripts. Reading
 * the caller costs microseconds, so it is read only for the kinds of target
 * Verklet's own proxies have: functions (Buffer, Function, classes made
 * callable) and module namespaces. A program's proxies of plain objects and
 * arrays (Vue, Immer…) never pay for it.
 */
function calledByHost(fn: (...args: any[]) => any, target: unknown): boolean {
  if (!hostDir || !mayBeHosts(target)) return false;
  const caller = callerScripts(fn, 1)[0] ?? '';
  return caller.startsWith(hostDir);
}

function mayBeHosts(target: unknown): boolean {
  if (typeof target === 'function') return true;
  if (typeof target !== 'object' || target === null || Object.getPrototypeOf(target) !== null) return false;
  return Object.getOwnPropertyDescriptor(target, Symbol.toStringTag)?.value === 'Module';
}

function ProxyConstructor(this: unknown, target: object, handler: object): object {
  if (new.target === undefined) throw new TypeError("Constructor Proxy requires 'new'");
  const proxy = new NativeProxy(target, handler);
  if (!calledByHost(ProxyConstructor, target)) details.set(proxy, [target, handler]);
  return proxy;
}

function revocable(target: object, handler: object): { proxy: object; revoke: () => void } {
  const result = nativeRevocable(target, handler);
  if (calledByHost(revocable, target)) return result;
  const { proxy, revoke } = result;
  details.set(proxy, [target, handler]);
  result.revoke = asNative(function () {
    details.set(proxy, [null, null]);
    revoke();
  }, '', 0);
  return result;
}

let installed = false;

/** Replace globalThis.Proxy with the recording stand-in (idempotent). */
export function installProxyHook(): void {
  if (installed) return;
  installed = true;
  const here = callerScripts(installProxyHook, 1)[0] ?? '';
  // The host's directory: 'https://…/dist/' or 'file:///tmp/…/'. A user
  // file's path never starts with it.
  const slash = here.lastIndexOf('/');
  hostDir = /^(https?|file|blob):/.test(here) && slash > 0 ? here.slice(0, slash + 1) : null;
  const stand = ProxyConstructor.bind(undefined);
  asNative(stand, 'Proxy', 2);
  Object.defineProperty(stand, 'revocable', {
    value: asNative(revocable, 'revocable', 2), writable: true, enumerable: false, configurable: true,
  });
  Object.defineProperty(globalThis, 'Proxy', { value: stand, writable: true, enumerable: false, configurable: true });
}
