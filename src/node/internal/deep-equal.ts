/**
 * Deep equality as Node's lib/internal/util/comparisons.js defines it, for
 * util.isDeepStrictEqual and assert.deepEqual/deepStrictEqual.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */

const objToString = (v: unknown) => Object.prototype.toString.call(v);

function isPrimitive(v: unknown): boolean {
  return v === null || (typeof v !== 'object' && typeof v !== 'function');
}

function ownKeys(o: any, strict: boolean): (string | symbol)[] {
  const keys: (string | symbol)[] = Object.keys(o);
  if (strict) for (const s of Object.getOwnPropertySymbols(o)) if (Object.prototype.propertyIsEnumerable.call(o, s)) keys.push(s);
  return keys;
}

/** Node's deep equality; `strict` selects deepStrictEqual semantics. */
export function deepEqual(a: any, b: any, strict: boolean, memo: Map<any, any> = new Map()): boolean {
  if (a === b) return a !== 0 || !strict || Object.is(a, b);
  if (strict) {
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
      return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
    }
    if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  } else {
    if (a === null || typeof a !== 'object') {
      if (b === null || typeof b !== 'object') return a == b || (Number.isNaN(a) && Number.isNaN(b)); // eslint-disable-line eqeqeq
      return false;
    }
    if (b === null || typeof b !== 'object') return false;
  }
  const tag = objToString(a);
  if (tag !== objToString(b)) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (a instanceof Date) {
    if (!(b instanceof Date) || a.getTime() !== b.getTime()) return false;
  } else if (a instanceof RegExp) {
    if (!(b instanceof RegExp) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
  } else if (a instanceof Error) {
    if (!(b instanceof Error) || a.message !== b.message || a.name !== b.name) return false;
  } else if (ArrayBuffer.isView(a)) {
    if (!ArrayBuffer.isView(b)) return false;
    const ua = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const ub = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    if (!strict && (a instanceof Float32Array || a instanceof Float64Array)) {
      const fa = a as any;
      const fb = b as any;
      if (fa.length !== fb.length) return false;
      for (let i = 0; i < fa.length; i++) if (fa[i] !== fb[i]) return false;
    } else {
      if (ua.length !== ub.length) return false;
      for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return false;
    }
    const ka = ownKeys(a, strict).filter((k) => typeof k !== 'string' || !/^\d+$/.test(k));
    const kb = ownKeys(b, strict).filter((k) => typeof k !== 'string' || !/^\d+$/.test(k));
    if (ka.length !== kb.length) return false;
    return keysEqual(a, b, ka, strict, memo);
  } else if (a instanceof ArrayBuffer) {
    if (!(b instanceof ArrayBuffer) || a.byteLength !== b.byteLength) return false;
    const ua = new Uint8Array(a);
    const ub = new Uint8Array(b);
    for (let i = 0; i < ua.length; i++) if (ua[i] !== ub[i]) return false;
    return true;
  } else if (a instanceof Number || a instanceof String || a instanceof Boolean || a instanceof BigInt || a instanceof Symbol) {
    if (!Object.is(a.valueOf(), b.valueOf())) return false;
  } else if (a instanceof WeakMap || a instanceof WeakSet) {
    return false;
  }
  const ka = ownKeys(a, strict);
  const kb = ownKeys(b, strict);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;

  if (memo.get(a) === b) return true;
  memo.set(a, b);
  if (a instanceof Set) {
    if (!(b instanceof Set) || a.size !== b.size) return false;
    outer: for (const v of a) {
      if (b.has(v)) continue;
      if (isPrimitive(v) && strict) return false;
      for (const w of b) if (deepEqual(v, w, strict, memo)) continue outer;
      return false;
    }
  } else if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    outer: for (const [k, v] of a) {
      if (b.has(k)) {
        if (!deepEqual(v, b.get(k), strict, memo)) return false;
        continue;
      }
      for (const [k2, v2] of b) if (deepEqual(k, k2, strict, memo) && deepEqual(v, v2, strict, memo)) continue outer;
      return false;
    }
  }
  return keysEqual(a, b, ka, strict, memo);
}

function keysEqual(a: any, b: any, keys: (string | symbol)[], strict: boolean, memo: Map<any, any>): boolean {
  for (const k of keys) if (!deepEqual(a[k], b[k], strict, memo)) return false;
  return true;
}
