/**
 * util.inspect, written for Verklet to print what Node 24.12.0 prints (each
 * behaviour is checked against the real binary by the differential tests in
 * test/node/cases/inspect-*.txt).
 *
 * Where Node asks V8 (proxy target, promise state, a Map iterator's entries,
 * a WeakMap's entries) the answer comes from the host's hooks
 * (inspect-proxy.ts, inspect-promise.ts) or, when it cannot be known in a
 * browser, the output says so (`<unknown>`, `<items unknown>`).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { kArrayExtrasType, kArrayType, kObjectType, type EntryType, type InspectContext } from './inspect-context.js';
import { formatError } from './inspect-errors.js';
import { getPrefix, reduceToSingleString } from './inspect-layout.js';
import { colors, inspectDefaultOptions, styles, stylizeWithColor } from './inspect-options.js';
import { getPromiseState } from './inspect-promise.js';
import { getProxyDetails } from './inspect-proxy.js';
import {
  escapeKey, formatBigInt, formatNumber, getStringWidth, strEscape, stylizeNoColor, type Stylize,
} from './inspect-strings.js';
import {
  ArrayIsArray, bigIntValueOf, booleanValueOf, dateGetTime, dateToISOString, dateToString, functionToString, hasOwn,
  isAnyArrayBuffer, isArgumentsObject, isArrayBuffer, isAsyncFunction, isBigIntObject, isBooleanObject, isBoxedPrimitive,
  isDataView, isDate, isError, isGeneratorFunction, isMap, isMapIterator, isModuleNamespaceObject, isNumberObject,
  isPromise, isRegExp, isSet, isSetIterator, isStringObject, isTypedArray, isWeakMap, isWeakSet, mapEntries, mapSize,
  numberValueOf, ObjectGetOwnPropertyDescriptor, ObjectGetOwnPropertyNames, ObjectGetOwnPropertySymbols,
  ObjectGetPrototypeOf, ObjectKeys, propertyIsEnumerable, ReflectOwnKeys, regExpToString, setSize, setValues,
  stringValueOf, symbolToString, symbolValueOf, typedArrayLength, typedArrayTag,
} from './inspect-types.js';

export const customInspectSymbol: unique symbol = Symbol.for('nodejs.util.inspect.custom') as any;

/**
 * The engine's own constructors and namespaces as Node 24 lists them (taken
 * when Node starts, so newer globals such as Float16Array are missing).
 */
export const builtInObjects = new Set([
  'Object', 'Function', 'Array', 'Number', 'Infinity', 'NaN', 'Boolean', 'String', 'Symbol', 'Date', 'Promise',
  'RegExp', 'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError',
  'URIError', 'JSON', 'Math', 'Intl', 'ArrayBuffer', 'Atomics', 'Uint8Array', 'Int8Array', 'Uint16Array',
  'Int16Array', 'Uint32Array', 'Int32Array', 'BigUint64Array', 'BigInt64Array', 'Uint8ClampedArray', 'Float32Array',
  'Float64Array', 'DataView', 'Map', 'BigInt', 'Set', 'WeakMap', 'WeakSet', 'Proxy', 'Reflect',
  'FinalizationRegistry', 'WeakRef', 'WebAssembly',
]);

const keyStrRegExp = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
const numberRegExp = /^(0|[1-9][0-9]*)$/;
const classRegExp = /^(\s+[^(]*?)\s*{/;
const stripCommentsRegExp = /(\/\/.*?\n)|(\/\*(.|\n)*?\*\/)/g;
const kMinLineWidth = 16;

/** The Error V8 throws on stack overflow, to recognise it. */
let overflow: { name: string; message: string } | undefined;
function isStackOverflowError(err: any): boolean {
  if (overflow === undefined) {
    try {
      const recurse = (): never => recurse();
      recurse();
    } catch (e: any) {
      overflow = { name: e?.name, message: e?.message };
    }
  }
  return !!err && err.name === overflow?.name && err.message === overflow?.message;
}

function isInstanceof(object: unknown, proto: unknown): boolean {
  try {
    return object instanceof (proto as any);
  } catch {
    return false;
  }
}

/** What V8 would call the object's class when no prototype names it. */
function internalConstructorName(obj: unknown): string {
  if (typeof obj === 'function') return 'Function';
  if (ArrayIsArray(obj)) return 'Array';
  if (isError(obj)) return 'Error';
  return 'Object';
}

/**
 * The name of the nearest constructor on the prototype chain that the value
 * is an instance of; null for a null-prototype chain; `Name <Proto>` when
 * only an anonymous prototype chain is found. With showHidden, collects
 * non-method properties of user prototypes into `protoProps`.
 */
function getConstructorName(obj: any, ctx: InspectContext, recurseTimes: number, protoProps: string[] | undefined): string | null {
  let firstProto: any;
  const tmp = obj;
  while (obj) {
    const descriptor = ObjectGetOwnPropertyDescriptor(obj, 'constructor');
    if (descriptor !== undefined && typeof descriptor.value === 'function' && descriptor.value.name !== '' && isInstanceof(tmp, descriptor.value)) {
      if (protoProps !== undefined && (firstProto !== obj || !builtInObjects.has(descriptor.value.name))) {
        addPrototypeProperties(ctx, tmp, firstProto || tmp, recurseTimes, protoProps);
      }
      return String(descriptor.value.name);
    }
    obj = ObjectGetPrototypeOf(obj);
    if (firstProto === undefined) firstProto = obj;
  }
  if (firstProto === null) return null;
  const res = internalConstructorName(tmp);
  if (recurseTimes > (ctx.depth as number) && ctx.depth !== null) return `${res} <Complex prototype>`;
  const protoConstr = getConstructorName(firstProto, ctx, recurseTimes + 1, protoProps);
  if (protoConstr === null) {
    return `${res} <${inspect(firstProto, { ...ctx, customInspect: false, depth: -1 })}>`;
  }
  return `${res} <${protoConstr}>`;
}

/** showHidden: list the non-function properties of up to three user prototype levels (dimmed with colors). */
function addPrototypeProperties(ctx: InspectContext, main: any, obj: any, recurseTimes: number, output: string[]): void {
  let depth = 0;
  let keys: PropertyKey[] = [];
  let keySet: Set<PropertyKey> | undefined;
  do {
    if (depth !== 0 || main === obj) {
      obj = ObjectGetPrototypeOf(obj);
      if (obj === null) return;
      const descriptor = ObjectGetOwnPropertyDescriptor(obj, 'constructor');
      if (descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name)) return;
    }
    if (depth === 0) keySet = new Set();
    else for (const key of keys) keySet!.add(key);
    keys = ReflectOwnKeys(obj);
    ctx.seen.push(main);
    for (const key of keys) {
      if (key === 'constructor' || hasOwn(main, key) || (depth !== 0 && keySet!.has(key))) continue;
      const desc = ObjectGetOwnPropertyDescriptor(obj, key)!;
      if (typeof desc.value === 'function') continue;
      const value = formatProperty(ctx, obj, recurseTimes, key, kObjectType, desc, main);
      output.push(ctx.colors ? `\u001b[2m${value}\u001b[22m` : value);
    }
    ctx.seen.pop();
  } while (++depth !== 3);
}

/** The name shown for an object cut off by `depth`: `[Foo]`, `[Array: null prototype]`. */
function depthName(constructor: string | null, tag: string, fallback: string): string {
  if (constructor === null) return `[${tag || fallback}: null prototype]`;
  return `[${getPrefix(constructor, tag, fallback).slice(0, -1)}]`;
}

function getKeys(value: object, showHidden: boolean): PropertyKey[] {
  let keys: PropertyKey[];
  const symbols = ObjectGetOwnPropertySymbols(value);
  if (showHidden) {
    keys = ObjectGetOwnPropertyNames(value);
    if (symbols.length !== 0) keys.push(...symbols);
  } else {
    try {
      keys = ObjectKeys(value);
    } catch {
      // A namespace with an uninitialized binding throws here.
      keys = ObjectGetOwnPropertyNames(value);
    }
    if (symbols.length !== 0) keys.push(...symbols.filter((key) => propertyIsEnumerable(value, key)));
  }
  return keys;
}

/** Own keys of an array-like other than its indices (V8's GetOwnNonIndexProperties). */
function getOwnNonIndexProperties(value: object, showHidden: boolean): PropertyKey[] {
  const keys: PropertyKey[] = [];
  for (const key of ReflectOwnKeys(value)) {
    if (typeof key === 'string' && numberRegExp.test(key) && Number(key) < 2 ** 32 - 1) continue;
    if (!showHidden && !propertyIsEnumerable(value, key)) continue;
    keys.push(key);
  }
  return keys;
}

function getFunctionBase(ctx: InspectContext, value: any, recurseTimes: number, constructor: string | null, tag: string): string {
  const stringified = functionToString(value);
  if (stringified.startsWith('class') && stringified.endsWith('}')) {
    const slice = stringified.slice(5, -1);
    const bracketIndex = slice.indexOf('{');
    if (bracketIndex !== -1 && (!slice.slice(0, bracketIndex).includes('(') || classRegExp.exec(slice.replace(stripCommentsRegExp, '')) !== null)) {
      return getClassBase(value, constructor, tag);
    }
  }
  let type = 'Function';
  if (isGeneratorFunction(value)) type = `Generator${type}`;
  if (isAsyncFunction(value)) type = `Async${type}`;
  let base = `[${type}`;
  if (constructor === null) base += ' (null prototype)';
  if (value.name === '') base += ' (anonymous)';
  else base += `: ${typeof value.name === 'string' ? value.name : formatValue(ctx, value.name, recurseTimes)}`;
  base += ']';
  if (constructor !== type && constructor !== null) base += ` ${constructor}`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  return base;
}

function getClassBase(value: any, constructor: string | null, tag: string): string {
  const name = (hasOwn(value, 'name') && value.name) || '(anonymous)';
  let base = `class ${name}`;
  if (constructor !== 'Function' && constructor !== null) base += ` [${constructor}]`;
  if (tag !== '' && constructor !== tag) base += ` [${tag}]`;
  if (constructor !== null) {
    const superName = ObjectGetPrototypeOf(value).name;
    if (superName) base += ` extends ${superName}`;
  } else {
    base += ' extends [null prototype]';
  }
  return `[${base}]`;
}

function getBoxedBase(value: any, ctx: InspectContext, keys: PropertyKey[], constructor: string | null, tag: string): string {
  let primitive: unknown;
  let type: string;
  if (isNumberObject(value)) {
    primitive = numberValueOf(value);
    type = 'Number';
  } else if (isStringObject(value)) {
    primitive = stringValueOf(value);
    type = 'String';
    // The index keys are the characters, shown in the base already.
    keys.splice(0, (primitive as string).length);
  } else if (isBooleanObject(value)) {
    primitive = booleanValueOf(value);
    type = 'Boolean';
  } else if (isBigIntObject(value)) {
    primitive = bigIntValueOf(value);
    type = 'BigInt';
  } else {
    primitive = symbolValueOf(value);
    type = 'Symbol';
  }
  let base = `[${type}`;
  if (type !== constructor) base += constructor === null ? ' (null prototype)' : ` (${constructor})`;
  base += `: ${formatPrimitive(stylizeNoColor, primitive, ctx)}]`;
  if (tag !== '' && tag !== constructor) base += ` [${tag}]`;
  if (keys.length !== 0 || ctx.stylize === stylizeNoColor) return base;
  return ctx.stylize(base, type.toLowerCase());
}

function formatPrimitive(fn: Stylize, value: unknown, ctx: InspectContext): string {
  if (typeof value === 'string') {
    let trailer = '';
    if (value.length > ctx.maxStringLength) {
      const remaining = value.length - ctx.maxStringLength;
      value = value.slice(0, Math.max(0, ctx.maxStringLength));
      trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
    }
    const str = value as string;
    // Long multi-line strings are split at their line breaks.
    if (ctx.compact !== true && str.length > kMinLineWidth && str.length > ctx.breakLength - ctx.indentationLvl - 4) {
      return str.split(/(?<=\n)/).map((line) => fn(strEscape(line), 'string')).join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
    }
    return fn(strEscape(str), 'string') + trailer;
  }
  if (typeof value === 'number') return formatNumber(fn, value, ctx.numericSeparator);
  if (typeof value === 'bigint') return formatBigInt(fn, value, ctx.numericSeparator);
  if (typeof value === 'boolean') return fn(`${value}`, 'boolean');
  if (typeof value === 'undefined') return fn('undefined', 'undefined');
  return fn(symbolToString(value), 'symbol');
}

function remainingText(remaining: number): string {
  return `... ${remaining} more item${remaining > 1 ? 's' : ''}`;
}

function formatArrayBuffer(ctx: InspectContext, value: ArrayBuffer): string[] {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(value);
  } catch {
    return [ctx.stylize('(detached)', 'special')];
  }
  const shown = Math.min(ctx.maxArrayLength, bytes.length);
  let str = '';
  for (let i = 0; i < shown; i++) str += `${i === 0 ? '' : ' '}${bytes[i]!.toString(16).padStart(2, '0')}`;
  const remaining = bytes.length - ctx.maxArrayLength;
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  return [`${ctx.stylize('[Uint8Contents]', 'special')}: <${str}>`];
}

function formatArray(ctx: InspectContext, value: any[], recurseTimes: number): string[] {
  const valLen = value.length;
  const len = Math.min(Math.max(0, ctx.maxArrayLength), valLen);
  const remaining = valLen - len;
  const output: string[] = [];
  for (let i = 0; i < len; i++) {
    if (!hasOwn(value, i)) return formatSpecialArray(ctx, value, recurseTimes, len, output, i);
    output.push(formatProperty(ctx, value, recurseTimes, i, kArrayType));
  }
  if (remaining > 0) output.push(remainingText(remaining));
  return output;
}

/** Arrays with holes: `<n empty items>` for each run. */
function formatSpecialArray(ctx: InspectContext, value: any[], recurseTimes: number, maxLength: number, output: string[], i: number): string[] {
  const keys = ObjectKeys(value);
  let index = i;
  for (; i < keys.length && output.length < maxLength; i++) {
    const key = keys[i]!;
    const tmp = +key;
    if (tmp > 2 ** 32 - 2) break;
    if (`${index}` !== key) {
      if (!numberRegExp.test(key)) break;
      const emptyItems = tmp - index;
      output.push(ctx.stylize(`<${emptyItems} empty item${emptyItems > 1 ? 's' : ''}>`, 'undefined'));
      index = tmp;
      if (output.length === maxLength) break;
    }
    output.push(formatProperty(ctx, value, recurseTimes, key, kArrayType));
    index++;
  }
  const remaining = value.length - index;
  if (output.length !== maxLength) {
    if (remaining > 0) output.push(ctx.stylize(`<${remaining} empty item${remaining > 1 ? 's' : ''}>`, 'undefined'));
  } else if (remaining > 0) {
    output.push(remainingText(remaining));
  }
  return output;
}

function formatTypedArray(value: any, original: any, length: number, ctx: InspectContext, recurseTimes: number): string[] {
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = length - maxLength;
  const output: string[] = new Array(maxLength);
  const elementFormatter = length > 0 && typeof value[0] === 'number' ? formatNumber : formatBigInt;
  for (let i = 0; i < maxLength; ++i) output[i] = (elementFormatter as any)(ctx.stylize, value[i], ctx.numericSeparator);
  if (remaining > 0) output[maxLength] = remainingText(remaining);
  if (ctx.showHidden) {
    // All but BYTES_PER_ELEMENT are getters; the buffer goes last.
    ctx.indentationLvl += 2;
    for (const key of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) {
      output.push(`${ctx.stylize(`[${key}]`, 'string')}: ${formatValue(ctx, original[key], recurseTimes, true)}`);
    }
    ctx.indentationLvl -= 2;
  }
  return output;
}

function formatSet(value: unknown, ctx: InspectContext, recurseTimes: number): string[] {
  const length = setSize(value);
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = length - maxLength;
  const output: string[] = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const v of { [Symbol.iterator]: () => setValues(value) }) {
    if (i >= maxLength) break;
    output.push(formatValue(ctx, v, recurseTimes));
    i++;
  }
  if (remaining > 0) output.push(remainingText(remaining));
  ctx.indentationLvl -= 2;
  return output;
}

function formatMap(value: unknown, ctx: InspectContext, recurseTimes: number): string[] {
  const length = mapSize(value);
  const maxLength = Math.min(Math.max(0, ctx.maxArrayLength), length);
  const remaining = length - maxLength;
  const output: string[] = [];
  ctx.indentationLvl += 2;
  let i = 0;
  for (const [k, v] of { [Symbol.iterator]: () => mapEntries(value) }) {
    if (i >= maxLength) break;
    output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
    i++;
  }
  if (remaining > 0) output.push(remainingText(remaining));
  ctx.indentationLvl -= 2;
  return output;
}

/** A promise's state; `<unknown>` when the browser cannot tell (see inspect-promise.ts). */
function formatPromise(ctx: InspectContext, value: object, recurseTimes: number): string[] {
  const state = getPromiseState(value);
  if (state.state === 'pending') return [ctx.stylize('<pending>', 'special')];
  if (state.state === 'unknown') return [ctx.stylize('<unknown>', 'special')];
  ctx.indentationLvl += 2;
  const str = formatValue(ctx, state.value, recurseTimes);
  ctx.indentationLvl -= 2;
  return [state.state === 'rejected' ? `${ctx.stylize('<rejected>', 'special')} ${str}` : str];
}

/** A browser cannot list a WeakMap/WeakSet or look ahead in a Map/Set iterator. */
function formatItemsUnknown(ctx: InspectContext): string[] {
  return [ctx.stylize('<items unknown>', 'special')];
}

function formatNamespaceObject(keys: PropertyKey[], ctx: InspectContext, value: object, recurseTimes: number): string[] {
  const output: string[] = new Array(keys.length);
  for (let i = 0; i < keys.length; i++) {
    try {
      output[i] = formatProperty(ctx, value, recurseTimes, keys[i]!, kObjectType);
    } catch (err) {
      if (!(err instanceof ReferenceError)) throw err;
      // An uninitialized binding: lay out a placeholder the same way.
      const tmp = { [keys[i]!]: '' };
      const line = formatProperty(ctx, tmp, recurseTimes, keys[i]!, kObjectType);
      output[i] = line.slice(0, line.lastIndexOf(' ') + 1) + ctx.stylize('<uninitialized>', 'special');
    }
  }
  // The entries are done; formatRaw must not list the keys again.
  keys.length = 0;
  return output;
}

function getIteratorBraces(type: string, tag: string): [string, string] {
  if (tag !== `${type} Iterator`) {
    if (tag !== '') tag += '] [';
    tag += `${type} Iterator`;
  }
  return [`[${tag}] {`, '}'];
}

function formatProperty(
  ctx: InspectContext, value: any, recurseTimes: number, key: PropertyKey, type: EntryType,
  desc?: PropertyDescriptor, original: any = value,
): string {
  let name: string;
  let str: string;
  let extra = ' ';
  // Node has no fallback for a key that is not own (an inherited error
  // `cause`), so inspecting such an error throws there too.
  desc = desc || (ObjectGetOwnPropertyDescriptor(value, key) as PropertyDescriptor);
  if (desc.value !== undefined) {
    const diff = ctx.compact !== true || type !== kObjectType ? 2 : 3;
    ctx.indentationLvl += diff;
    str = formatValue(ctx, desc.value, recurseTimes);
    if (diff === 3 && ctx.breakLength < getStringWidth(str, ctx.colors)) extra = `\n${' '.repeat(ctx.indentationLvl)}`;
    ctx.indentationLvl -= diff;
  } else if (desc.get !== undefined) {
    const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
    const s = ctx.stylize;
    const sp = 'special';
    if (ctx.getters && (ctx.getters === true || (ctx.getters === 'get' && desc.set === undefined) || (ctx.getters === 'set' && desc.set !== undefined))) {
      try {
        const tmp = Reflect.apply(desc.get, original, []);
        ctx.indentationLvl += 2;
        if (tmp === null) str = `${s(`[${label}:`, sp)} ${s('null', 'null')}${s(']', sp)}`;
        else if (typeof tmp === 'object') str = `${s(`[${label}]`, sp)} ${formatValue(ctx, tmp, recurseTimes)}`;
        else str = `${s(`[${label}:`, sp)} ${formatPrimitive(s, tmp, ctx)}${s(']', sp)}`;
        ctx.indentationLvl -= 2;
      } catch (err: any) {
        str = `${s(`[${label}:`, sp)} <Inspection threw (${err?.message})>${s(']', sp)}`;
      }
    } else {
      str = ctx.stylize(`[${label}]`, sp);
    }
  } else if (desc.set !== undefined) {
    str = ctx.stylize('[Setter]', 'special');
  } else {
    str = ctx.stylize('undefined', 'undefined');
  }
  if (type === kArrayType) return str;
  if (typeof key === 'symbol') {
    name = ctx.stylize(escapeKey(symbolToString(key)), 'symbol');
  } else if (key === '__proto__') {
    name = "['__proto__']";
  } else if (keyStrRegExp.test(String(key))) {
    name = ctx.stylize(String(key), 'name');
  } else {
    name = ctx.stylize(strEscape(String(key)), 'string');
  }
  if (desc.enumerable === false) name = `[${name}]`;
  return `${name}:${extra}${str}`;
}

function formatProxy(ctx: InspectContext, proxy: [unknown, unknown], recurseTimes: number): string {
  if (recurseTimes > (ctx.depth as number) && ctx.depth !== null) return ctx.stylize('Proxy [Array]', 'special');
  recurseTimes += 1;
  ctx.indentationLvl += 2;
  const res = [formatValue(ctx, proxy[0], recurseTimes), formatValue(ctx, proxy[1], recurseTimes)];
  ctx.indentationLvl -= 2;
  return reduceToSingleString(ctx, res, '', ['Proxy [', ']'], kArrayExtrasType, recurseTimes);
}

/** The options object handed to a custom inspect function. */
function getUserOptions(ctx: InspectContext, isCrossContext: boolean): any {
  const ret: any = {
    stylize: ctx.stylize,
    showHidden: ctx.showHidden,
    depth: ctx.depth,
    colors: ctx.colors,
    customInspect: ctx.customInspect,
    showProxy: ctx.showProxy,
    maxArrayLength: ctx.maxArrayLength,
    maxStringLength: ctx.maxStringLength,
    breakLength: ctx.breakLength,
    compact: ctx.compact,
    sorted: ctx.sorted,
    getters: ctx.getters,
    numericSeparator: ctx.numericSeparator,
    ...ctx.userOptions,
  };
  if (isCrossContext) {
    Object.setPrototypeOf(ret, null);
    for (const key of ObjectKeys(ret)) {
      if ((typeof ret[key] === 'object' || typeof ret[key] === 'function') && ret[key] !== null) delete ret[key];
    }
    ret.stylize = Object.setPrototypeOf((value: string, flavour: string) => {
      let stylized: unknown;
      try {
        stylized = `${ctx.stylize(value, flavour)}`;
      } catch {
        // Fall back to the plain text.
      }
      return typeof stylized === 'string' ? stylized : value;
    }, null);
  }
  return ret;
}

export function formatValue(ctx: InspectContext, value: any, recurseTimes: number, typedArray?: boolean): string {
  if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx.stylize, value, ctx);
  if (value === null) return ctx.stylize('null', 'null');
  const context = value;
  const proxy = getProxyDetails(value, !!ctx.showProxy);
  if (proxy !== undefined) {
    if (proxy === null || (ArrayIsArray(proxy) && proxy[0] === null)) return ctx.stylize('<Revoked Proxy>', 'special');
    if (ctx.showProxy) return formatProxy(ctx, proxy as [unknown, unknown], recurseTimes);
    value = proxy;
  }
  if (ctx.customInspect) {
    const maybeCustom = value[customInspectSymbol];
    if (typeof maybeCustom === 'function' && maybeCustom !== inspect && !(value.constructor && value.constructor.prototype === value)) {
      const depth = ctx.depth === null ? null : (ctx.depth as number) - recurseTimes;
      const isCrossContext = proxy !== undefined || !(context instanceof Object);
      const ret = Reflect.apply(maybeCustom, context, [depth, getUserOptions(ctx, isCrossContext), inspect]);
      if (ret !== context) {
        if (typeof ret !== 'string') return formatValue(ctx, ret, recurseTimes);
        return ret.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
      }
    }
  }
  if (ctx.seen.includes(value)) {
    let index = 1;
    if (ctx.circular === undefined) {
      ctx.circular = new Map();
      ctx.circular.set(value, index);
    } else {
      const known = ctx.circular.get(value);
      if (known === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      } else {
        index = known;
      }
    }
    return ctx.stylize(`[Circular *${index}]`, 'special');
  }
  return formatRaw(ctx, value, recurseTimes, typedArray);
}

type Formatter = (ctx: InspectContext, value: any, recurseTimes: number) => string[];
const getEmptyFormatArray: Formatter = () => [];

function formatRaw(ctx: InspectContext, value: any, recurseTimes: number, typedArray?: boolean): string {
  let keys: PropertyKey[] = [];
  let protoProps: string[] | undefined;
  if (ctx.showHidden && (recurseTimes <= (ctx.depth as number) || ctx.depth === null)) protoProps = [];
  const constructor = getConstructorName(value, ctx, recurseTimes, protoProps);
  if (protoProps !== undefined && protoProps.length === 0) protoProps = undefined;

  let tag = value[Symbol.toStringTag];
  // An own (enumerable, unless showHidden) tag is listed as a key instead;
  // a null-prototype object is still named after it (`[T: null prototype]`).
  const listedTag = typeof tag === 'string' ? tag : '';
  if (typeof tag !== 'string' || (tag !== '' && (ctx.showHidden ? hasOwn : propertyIsEnumerable)(value, Symbol.toStringTag))) tag = '';

  let base = '';
  let formatter: Formatter = getEmptyFormatArray;
  let braces!: [string, string];
  let noIterator = true;
  let extrasType: number = kObjectType;
  // The type named for a null-prototype object cut off by depth.
  let fallback = 'Object';
  // Accessors of the prototype that Node lists first, as `[byteLength]: 2`.
  let hiddenKeys: string[] = [];

  if (Symbol.iterator in value || constructor === null) {
    noIterator = false;
    if (ArrayIsArray(value)) {
      const prefix = constructor !== 'Array' || tag !== '' ? getPrefix(constructor, tag, 'Array', `(${value.length})`) : '';
      keys = getOwnNonIndexProperties(value, ctx.showHidden);
      braces = [`${prefix}[`, ']'];
      fallback = 'Array';
      if (value.length === 0 && keys.length === 0 && protoProps === undefined) return `${braces[0]}]`;
      extrasType = kArrayExtrasType;
      formatter = formatArray;
    } else if (isSet(value)) {
      const size = setSize(value);
      const prefix = getPrefix(constructor, tag, 'Set', `(${size})`);
      keys = getKeys(value, ctx.showHidden);
      formatter = (c, v, r) => formatSet(v, c, r);
      fallback = 'Set';
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (isMap(value)) {
      const size = mapSize(value);
      const prefix = getPrefix(constructor, tag, 'Map', `(${size})`);
      keys = getKeys(value, ctx.showHidden);
      formatter = (c, v, r) => formatMap(v, c, r);
      fallback = 'Map';
      if (size === 0 && keys.length === 0 && protoProps === undefined) return `${prefix}{}`;
      braces = [`${prefix}{`, '}'];
    } else if (isTypedArray(value)) {
      keys = getOwnNonIndexProperties(value, ctx.showHidden);
      let bound = value;
      fallback = typedArrayTag(value)!;
      // Element reads need no prototype; a copy stands in for a null-prototype array.
      if (constructor === null) bound = new (globalThis as any)[fallback](value);
      const size = typedArrayLength(value);
      const prefix = getPrefix(constructor, tag, constructor === null ? fallback : '', `(${size})`);
      braces = [`${prefix}[`, ']'];
      if (size === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
      formatter = (c, v, r) => formatTypedArray(bound, v, size, c, r);
      extrasType = kArrayExtrasType;
    } else if (isMapIterator(value)) {
      keys = getKeys(value, ctx.showHidden);
      braces = getIteratorBraces('Map', tag);
      formatter = formatItemsUnknown;
    } else if (isSetIterator(value)) {
      keys = getKeys(value, ctx.showHidden);
      braces = getIteratorBraces('Set', tag);
      formatter = formatItemsUnknown;
    } else {
      noIterator = true;
    }
  }
  if (noIterator) {
    keys = getKeys(value, ctx.showHidden);
    braces = ['{', '}'];
    if (typeof value === 'function') {
      base = getFunctionBase(ctx, value, recurseTimes, constructor, tag);
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'special');
    } else if (constructor === 'Object') {
      if (isArgumentsObject(value)) braces[0] = '[Arguments] {';
      else if (tag !== '') braces[0] = `${getPrefix(constructor, tag, 'Object')}{`;
      if (keys.length === 0 && protoProps === undefined) return `${braces[0]}}`;
    } else if (isRegExp(value)) {
      base = regExpToString(constructor !== null ? value : new RegExp(value));
      const prefix = getPrefix(constructor, tag, 'RegExp');
      if (prefix !== 'RegExp ') base = `${prefix}${base}`;
      if ((keys.length === 0 && protoProps === undefined) || (recurseTimes > (ctx.depth as number) && ctx.depth !== null)) {
        return ctx.stylize(base, 'regexp');
      }
    } else if (isDate(value)) {
      const time = dateGetTime(value);
      base = Number.isNaN(time) ? dateToString(value) : dateToISOString(value);
      const prefix = getPrefix(constructor, tag, 'Date');
      if (prefix !== 'Date ') base = `${prefix}${base}`;
      if (keys.length === 0 && protoProps === undefined) return ctx.stylize(base, 'date');
    } else if (isError(value)) {
      base = formatError(value, constructor, tag, ctx, keys, formatValue);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else if (isAnyArrayBuffer(value)) {
      const arrayType = isArrayBuffer(value) ? 'ArrayBuffer' : 'SharedArrayBuffer';
      const prefix = getPrefix(constructor, tag, arrayType);
      if (typedArray === undefined) {
        formatter = formatArrayBuffer;
      } else if (keys.length === 0 && protoProps === undefined) {
        return `${prefix}{ [byteLength]: ${formatNumber(ctx.stylize, value.byteLength, false)} }`;
      }
      braces[0] = `${prefix}{`;
      hiddenKeys = ['byteLength'];
    } else if (isDataView(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'DataView')}{`;
      hiddenKeys = ['byteLength', 'byteOffset', 'buffer'];
    } else if (isPromise(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'Promise')}{`;
      formatter = formatPromise;
    } else if (isWeakSet(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'WeakSet')}{`;
      formatter = formatItemsUnknown;
    } else if (isWeakMap(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'WeakMap')}{`;
      formatter = formatItemsUnknown;
    } else if (isModuleNamespaceObject(value)) {
      braces[0] = `${getPrefix(constructor, tag, 'Module')}{`;
      const nsKeys = keys;
      formatter = (c, v, r) => formatNamespaceObject(nsKeys, c, v, r);
    } else if (isBoxedPrimitive(value)) {
      base = getBoxedBase(value, ctx, keys, constructor, tag);
      if (keys.length === 0 && protoProps === undefined) return base;
    } else {
      if (constructor === null && tag === '' && listedTag !== '') fallback = listedTag;
      if (keys.length === 0 && protoProps === undefined) return `${getPrefix(constructor, tag, fallback)}{}`;
      braces[0] = `${getPrefix(constructor, tag, fallback)}{`;
    }
  }

  if (recurseTimes > (ctx.depth as number) && ctx.depth !== null) return ctx.stylize(depthName(constructor, tag, fallback), 'special');
  recurseTimes += 1;
  ctx.seen.push(value);
  ctx.currentDepth = recurseTimes;
  let output: string[];
  const indentationLvl = ctx.indentationLvl;
  try {
    output = formatter(ctx, value, recurseTimes);
    for (const key of hiddenKeys) output.push(formatHiddenKey(ctx, value, recurseTimes, key));
    for (const key of keys) output.push(formatProperty(ctx, value, recurseTimes, key, extrasType as EntryType));
    if (protoProps !== undefined) output.push(...protoProps);
  } catch (err) {
    if (!isStackOverflowError(err)) throw err;
    ctx.seen.pop();
    ctx.indentationLvl = indentationLvl;
    const name = depthName(constructor, tag, fallback).slice(1, -1);
    return ctx.stylize(`[${name}: Inspection interrupted prematurely. Maximum call stack size exceeded.]`, 'special');
  }
  if (ctx.circular !== undefined) {
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const reference = ctx.stylize(`<ref *${index}>`, 'special');
      if (ctx.compact !== true) base = base === '' ? reference : `${reference} ${base}`;
      else braces[0] = `${reference} ${braces[0]}`;
    }
  }
  ctx.seen.pop();
  if (ctx.sorted) {
    const comparator = ctx.sorted === true ? undefined : ctx.sorted;
    if (extrasType === kObjectType) {
      output.sort(comparator);
    } else if (keys.length > 1) {
      const sorted = output.slice(output.length - keys.length).sort(comparator);
      output.splice(output.length - keys.length, keys.length, ...sorted);
    }
  }
  const res = reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  const budget = ctx.budget[ctx.indentationLvl] || 0;
  const newLength = budget + res.length;
  ctx.budget[ctx.indentationLvl] = newLength;
  // Past 128 MiB of output at one level, stop descending.
  if (newLength > 2 ** 27) ctx.depth = -1;
  return res;
}

/** An accessor of a buffer or view that Node lists with the own keys (`[byteLength]: 2`). */
function formatHiddenKey(ctx: InspectContext, value: any, recurseTimes: number, key: string): string {
  ctx.indentationLvl += 2;
  const str = formatValue(ctx, value[key], recurseTimes);
  ctx.indentationLvl -= 2;
  return `${ctx.stylize(`[${key}]`, 'string')}: ${str}`;
}

function isCustomOptions(opts: unknown): opts is Record<string, unknown> {
  return !!opts && typeof opts === 'object';
}

/**
 * util.inspect(value[, options]) and the legacy
 * util.inspect(value, showHidden, depth, colors).
 */
export function inspect(value: unknown, opts?: unknown): string {
  // eslint-disable-next-line prefer-rest-params
  const args = arguments;
  const ctx: InspectContext = {
    budget: {},
    indentationLvl: 0,
    seen: [],
    currentDepth: 0,
    stylize: stylizeNoColor,
    showHidden: inspectDefaultOptions.showHidden,
    depth: inspectDefaultOptions.depth,
    colors: inspectDefaultOptions.colors,
    customInspect: inspectDefaultOptions.customInspect,
    showProxy: inspectDefaultOptions.showProxy,
    maxArrayLength: inspectDefaultOptions.maxArrayLength,
    maxStringLength: inspectDefaultOptions.maxStringLength,
    breakLength: inspectDefaultOptions.breakLength,
    compact: inspectDefaultOptions.compact,
    sorted: inspectDefaultOptions.sorted,
    getters: inspectDefaultOptions.getters,
    numericSeparator: inspectDefaultOptions.numericSeparator,
  };
  if (args.length > 1) {
    if (args.length > 2) {
      if (args[2] !== undefined) ctx.depth = args[2];
      if (args.length > 3 && args[3] !== undefined) ctx.colors = args[3];
    }
    if (typeof opts === 'boolean') {
      ctx.showHidden = opts;
    } else if (isCustomOptions(opts)) {
      for (const key of ObjectKeys(opts)) {
        if (hasOwn(inspectDefaultOptions, key) || key === 'stylize') (ctx as any)[key] = opts[key];
        else if (ctx.userOptions === undefined) ctx.userOptions = opts;
      }
    }
  }
  if (ctx.colors) ctx.stylize = stylizeWithColor;
  if ((ctx.maxArrayLength as unknown) === null) ctx.maxArrayLength = Infinity;
  if ((ctx.maxStringLength as unknown) === null) ctx.maxStringLength = Infinity;
  return formatValue(ctx, value, 0);
}

function validateOptionsObject(options: unknown): void {
  if (options === null || typeof options !== 'object' || ArrayIsArray(options)) {
    const received = options === null ? 'null' : ArrayIsArray(options) ? 'an instance of Array'
      : `type ${typeof options} (${typeof options === 'string' ? `'${options}'` : String(options)})`;
    const err = new TypeError(`The "options" argument must be of type object. Received ${received}`) as TypeError & { code: string };
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
}

Object.defineProperty(inspect, 'custom', { value: customInspectSymbol, writable: true, enumerable: true, configurable: true });
Object.defineProperty(inspect, 'defaultOptions', {
  get() {
    return inspectDefaultOptions;
  },
  set(options: unknown) {
    validateOptionsObject(options);
    Object.assign(inspectDefaultOptions, options);
  },
  enumerable: false,
  configurable: false,
});
(inspect as any).colors = colors;
(inspect as any).styles = styles;
