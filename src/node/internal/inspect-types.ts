/**
 * Side-effect-free type checks for util.inspect and util.types.
 *
 * Node asks V8 for an object's internal slots; in a browser the same answer
 * comes from calling a built-in that brand-checks its receiver (a Map's `size`
 * getter throws for anything that is not a Map) and never mutates it. The
 * built-ins are captured when this module loads, before any user code can
 * replace them, as Node's primordials are.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { getPromiseState } from './inspect-promise.js';
import { isProxy } from './inspect-proxy.js';

type AnyFn = (...args: any[]) => any;

const { apply: reflectApply } = Reflect;
const uncurry = (fn: AnyFn) => (self: unknown, ...args: unknown[]) => reflectApply(fn, self, args);
const getter = (proto: object, key: PropertyKey) => uncurry(Object.getOwnPropertyDescriptor(proto, key)!.get!);

export const ObjectKeys = Object.keys;
export const ObjectGetOwnPropertyNames = Object.getOwnPropertyNames;
export const ObjectGetOwnPropertySymbols = Object.getOwnPropertySymbols;
export const ObjectGetOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
export const ObjectGetPrototypeOf = Object.getPrototypeOf;
export const ReflectOwnKeys = Reflect.ownKeys;
export const ArrayIsArray = Array.isArray;
export const JSONStringify = JSON.stringify;
export const hasOwn = uncurry(Object.prototype.hasOwnProperty) as (o: unknown, k: PropertyKey) => boolean;
export const propertyIsEnumerable = uncurry(Object.prototype.propertyIsEnumerable) as (o: unknown, k: PropertyKey) => boolean;
export const objectToString = uncurry(Object.prototype.toString) as (o: unknown) => string;
export const functionToString = uncurry(Function.prototype.toString) as (f: unknown) => string;
export const errorToString = uncurry(Error.prototype.toString) as (e: unknown) => string;
export const regExpToString = uncurry(RegExp.prototype.toString) as (r: unknown) => string;
export const symbolToString = uncurry(Symbol.prototype.toString) as (s: unknown) => string;
export const dateGetTime = uncurry(Date.prototype.getTime) as (d: unknown) => number;
export const dateToISOString = uncurry(Date.prototype.toISOString) as (d: unknown) => string;
export const dateToString = uncurry(Date.prototype.toString) as (d: unknown) => string;
export const mapSize = getter(Map.prototype, 'size') as (m: unknown) => number;
export const setSize = getter(Set.prototype, 'size') as (s: unknown) => number;
export const mapEntries = uncurry(Map.prototype.entries) as (m: unknown) => IterableIterator<[unknown, unknown]>;
export const setValues = uncurry(Set.prototype.values) as (s: unknown) => IterableIterator<unknown>;
const MapIteratorPrototype = ObjectGetPrototypeOf(new Map().entries());
const SetIteratorPrototype = ObjectGetPrototypeOf(new Set().values());
export const mapIteratorNext = uncurry(MapIteratorPrototype.next) as (it: unknown) => IteratorResult<any>;
export const setIteratorNext = uncurry(SetIteratorPrototype.next) as (it: unknown) => IteratorResult<any>;
const TypedArrayPrototype = ObjectGetPrototypeOf(Uint8Array.prototype);
export const typedArrayTag = getter(TypedArrayPrototype, Symbol.toStringTag) as (v: unknown) => string | undefined;
export const typedArrayLength = getter(TypedArrayPrototype, 'length') as (v: unknown) => number;
const arrayBufferByteLength = getter(ArrayBuffer.prototype, 'byteLength');
const SAB: any = (globalThis as any).SharedArrayBuffer;
const sharedArrayBufferByteLength = SAB ? getter(SAB.prototype, 'byteLength') : undefined;
const dataViewBuffer = getter(DataView.prototype, 'buffer');
const regExpSource = getter(RegExp.prototype, 'source');
const weakMapHas = uncurry(WeakMap.prototype.has);
const weakSetHas = uncurry(WeakSet.prototype.has);
const weakRefDeref = typeof WeakRef === 'function' ? uncurry(WeakRef.prototype.deref) : undefined;
export const numberValueOf = uncurry(Number.prototype.valueOf) as (v: unknown) => number;
export const stringValueOf = uncurry(String.prototype.valueOf) as (v: unknown) => string;
export const booleanValueOf = uncurry(Boolean.prototype.valueOf) as (v: unknown) => boolean;
export const bigIntValueOf = uncurry(BigInt.prototype.valueOf) as (v: unknown) => bigint;
export const symbolValueOf = uncurry(Symbol.prototype.valueOf) as (v: unknown) => symbol;
const errorIsError: ((v: unknown) => boolean) | undefined = (Error as any).isError;

const AsyncFunctionPrototype = ObjectGetPrototypeOf(async function () {});
const GeneratorFunctionPrototype = ObjectGetPrototypeOf(function* () {});
const AsyncGeneratorFunctionPrototype = ObjectGetPrototypeOf(async function* () {});
const PromisePrototype = Promise.prototype;
const isPrototypeOf = uncurry(Object.prototype.isPrototypeOf) as (proto: object, v: unknown) => boolean;

/** Whether calling `check(v)` succeeds: a built-in's brand check without side effects. */
function brand(check: (v: unknown) => unknown, v: unknown): boolean {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return false;
  try {
    check(v);
    return true;
  } catch {
    return false;
  }
}

const isObjectLike = (v: unknown): v is object => v !== null && typeof v === 'object';

export const isMap = (v: unknown) => brand(mapSize, v);
export const isSet = (v: unknown) => brand(setSize, v);
export const isWeakMap = (v: unknown) => brand((o) => weakMapHas(o, {}), v);
export const isWeakSet = (v: unknown) => brand((o) => weakSetHas(o, {}), v);
export const isWeakRef = (v: unknown) => weakRefDeref !== undefined && brand(weakRefDeref, v);
export const isDate = (v: unknown) => brand(dateGetTime, v);
// RegExp.prototype's own `source` getter answers "(?:)" for RegExp.prototype itself.
export const isRegExp = (v: unknown) => v !== RegExp.prototype && brand(regExpSource, v);
export const isTypedArray = (v: unknown) => isObjectLike(v) && typedArrayTag(v) !== undefined;
export const isArrayBuffer = (v: unknown) => brand(arrayBufferByteLength, v);
export const isSharedArrayBuffer = (v: unknown) => sharedArrayBufferByteLength !== undefined && brand(sharedArrayBufferByteLength, v);
export const isAnyArrayBuffer = (v: unknown) => isArrayBuffer(v) || isSharedArrayBuffer(v);
export const isDataView = (v: unknown) => brand(dataViewBuffer, v);
export const isArrayBufferView = (v: unknown) => ArrayBuffer.isView(v);
export const isNumberObject = (v: unknown) => isObjectLike(v) && brand(numberValueOf, v);
export const isStringObject = (v: unknown) => isObjectLike(v) && brand(stringValueOf, v);
export const isBooleanObject = (v: unknown) => isObjectLike(v) && brand(booleanValueOf, v);
export const isBigIntObject = (v: unknown) => isObjectLike(v) && brand(bigIntValueOf, v);
export const isSymbolObject = (v: unknown) => isObjectLike(v) && brand(symbolValueOf, v);
export const isBoxedPrimitive = (v: unknown) =>
  isNumberObject(v) || isStringObject(v) || isBooleanObject(v) || isBigIntObject(v) || isSymbolObject(v);
export const isMapIterator = (v: unknown) => isObjectLike(v) && !isProxy(v) && isPrototypeOf(MapIteratorPrototype, v);
export const isSetIterator = (v: unknown) => isObjectLike(v) && !isProxy(v) && isPrototypeOf(SetIteratorPrototype, v);
export const isArgumentsObject = (v: unknown) => isObjectLike(v) && objectToString(v) === '[object Arguments]';
export const isGeneratorObject = (v: unknown) => {
  if (!isObjectLike(v)) return false;
  const tag = objectToString(v);
  return tag === '[object Generator]' || tag === '[object AsyncGenerator]';
};
const nativeStructuredClone: ((v: unknown) => unknown) | undefined = globalThis.structuredClone;

/**
 * A promise. Only `then` brand-checks a promise, and calling it would mark
 * a rejection handled, so: an object inheriting from Promise.prototype that
 * the host saw settle or be made, or one that structured clone refuses
 * (a promise) — tried only without own properties, whose getters cloning
 * would run.
 */
export function isPromise(v: unknown): boolean {
  if (!isObjectLike(v) || isProxy(v) || !isPrototypeOf(PromisePrototype, v)) return false;
  if (getPromiseState(v).state !== 'unknown' || nativeStructuredClone === undefined) return true;
  if (ReflectOwnKeys(v).length !== 0) return true;
  try {
    nativeStructuredClone(v);
    return false;
  } catch {
    return true;
  }
}
/**
 * An object made by an Error constructor. Without Error.isError, the
 * "[object Error]" that Object.prototype.toString derives from the internal
 * slot, unless a Symbol.toStringTag on the chain put it there.
 */
export const isNativeError = (v: unknown): boolean => {
  if (!isObjectLike(v)) return false;
  if (errorIsError) return errorIsError(v);
  if (objectToString(v) !== '[object Error]') return false;
  for (let o: object | null = v; o !== null; o = ObjectGetPrototypeOf(o)) {
    if (isProxy(o)) return false;
    const d = ObjectGetOwnPropertyDescriptor(o, Symbol.toStringTag);
    if (d !== undefined) return !('value' in d) || typeof d.value !== 'string';
  }
  return true;
};
/** Node's isError: a native error, or anything inheriting from Error.prototype. */
export const isError = (v: unknown): boolean => isNativeError(v) || (isObjectLike(v) && isPrototypeOf(Error.prototype, v));

/**
 * A module namespace object: null prototype and an own non-enumerable
 * `Symbol.toStringTag` of "Module". (Extensibility is not checked: the
 * namespace Verklet builds for `require(esm)` is extensible.)
 */
export function isModuleNamespaceObject(v: unknown): boolean {
  if (!isObjectLike(v) || ObjectGetPrototypeOf(v) !== null) return false;
  const d = ObjectGetOwnPropertyDescriptor(v, Symbol.toStringTag);
  return d !== undefined && d.value === 'Module' && !d.enumerable;
}

/** The source text of a function, or '' when it cannot be read. */
function sourceOf(fn: unknown): string {
  try {
    return functionToString(fn);
  } catch {
    return '';
  }
}

/**
 * `async function`, `async () =>` and async methods. V8 knows the function's
 * kind; here its prototype must be AsyncFunction.prototype (or the async
 * generator one) and its source must start with `async`, which rules out
 * bound functions and a method that is merely named "async".
 */
export function isAsyncFunction(v: unknown): boolean {
  if (typeof v !== 'function') return false;
  const proto = ObjectGetPrototypeOf(v);
  if (proto !== AsyncFunctionPrototype && proto !== AsyncGeneratorFunctionPrototype) return false;
  return /^async\b/.test(sourceOf(v));
}

/** `function*`, `async function*` and generator methods (see isAsyncFunction). */
export function isGeneratorFunction(v: unknown): boolean {
  if (typeof v !== 'function') return false;
  const proto = ObjectGetPrototypeOf(v);
  if (proto !== GeneratorFunctionPrototype && proto !== AsyncGeneratorFunctionPrototype) return false;
  return /^(async\s*)?(function\s*\*|\*)/.test(sourceOf(v));
}
