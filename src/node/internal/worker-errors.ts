/**
 * An uncaught exception crossing from a worker thread to its parent, as
 * Node's lib/internal/error_serdes.js carries it: an Error arrives as an
 * instance of the nearest built-in error class in its prototype chain, with
 * its message and stack (non-enumerable, as thrown) and its own enumerable
 * properties; any other thrown value arrives as a structured clone.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { SerializedThrow } from './worker-protocol.js';

const BUILTIN_ERRORS: Record<string, ErrorConstructor> = {
  Error, TypeError, RangeError, SyntaxError, ReferenceError, EvalError, URIError,
  AggregateError: AggregateError as unknown as ErrorConstructor,
};

function builtinName(err: object): string {
  for (let p = Object.getPrototypeOf(err); p; p = Object.getPrototypeOf(p)) {
    const name = Object.prototype.hasOwnProperty.call(p, 'constructor') ? p.constructor?.name : undefined;
    if (name && BUILTIN_ERRORS[name] === p.constructor) return name;
  }
  return 'Error';
}

function cloneable(v: unknown): boolean {
  try {
    structuredClone(v);
    return true;
  } catch {
    return false;
  }
}

export function serializeThrow(err: unknown): SerializedThrow {
  if (err instanceof Error) {
    const props: Record<string, unknown> = {};
    for (const key of Object.keys(err)) {
      const v = (err as any)[key];
      if (cloneable(v)) props[key] = v;
    }
    return { kind: 'error', ctor: builtinName(err), message: String(err.message), stack: String(err.stack ?? ''), props };
  }
  if (cloneable(err)) return { kind: 'value', value: err };
  return { kind: 'value', value: String(err) };
}

export function deserializeThrow(s: SerializedThrow): unknown {
  if (s.kind === 'value') return s.value;
  const Ctor = BUILTIN_ERRORS[s.ctor] ?? Error;
  const err: any = Object.create(Ctor.prototype);
  Object.defineProperty(err, 'message', { value: s.message, writable: true, configurable: true, enumerable: false });
  Object.defineProperty(err, 'stack', { value: s.stack, writable: true, configurable: true, enumerable: false });
  for (const [key, v] of Object.entries(s.props)) err[key] = v;
  return err;
}
