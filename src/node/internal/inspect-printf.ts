/**
 * util.format and util.formatWithOptions: printf-like placeholders
 * (%s %d %i %f %j %o %O %c %%) and the remaining arguments inspected and
 * joined with spaces, as console.log prints them.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { builtInObjects, inspect } from './inspect-format.js';
import { getProxyDetails } from './inspect-proxy.js';
import { formatBigInt, formatNumber, stylizeNoColor } from './inspect-strings.js';
import { hasOwn, isDate, JSONStringify, ObjectGetOwnPropertyDescriptor, ObjectGetPrototypeOf } from './inspect-types.js';

/** Whether `value`'s string form is the engine's own (so %s inspects it instead of calling toString). */
function hasBuiltInToString(value: any): boolean {
  const target = getProxyDetails(value, false);
  if (target !== undefined) {
    if (target === null) return true;
    value = target;
  }
  // A Date's own toPrimitive does not count (Node 24 prints the date).
  if (!isDate(value) && typeof value[Symbol.toPrimitive] === 'function') return false;
  if (typeof value.toString !== 'function') return true;
  if (hasOwn(value, 'toString')) return false;
  let pointer = value;
  do {
    pointer = ObjectGetPrototypeOf(pointer);
  } while (!hasOwn(pointer, 'toString'));
  const descriptor = ObjectGetOwnPropertyDescriptor(pointer, 'constructor');
  return descriptor !== undefined && typeof descriptor.value === 'function' && builtInObjects.has(descriptor.value.name);
}

let circularMessage: string | undefined;

function firstLine(err: any): string {
  const message = String(err?.message ?? '');
  const nl = message.indexOf('\n');
  return nl === -1 ? message : message.slice(0, nl);
}

/** %j: JSON, or '[Circular]' for a circular structure. */
function tryStringify(arg: unknown): string {
  try {
    return JSONStringify(arg) as string;
  } catch (err: any) {
    if (circularMessage === undefined) {
      try {
        const a: any = {};
        a.a = a;
        JSONStringify(a);
      } catch (e) {
        circularMessage = firstLine(e);
      }
    }
    if (err?.name === 'TypeError' && firstLine(err) === circularMessage) return '[Circular]';
    throw err;
  }
}

export function formatWithOptionsInternal(inspectOptions: any, args: unknown[]): string {
  const first = args[0];
  let a = 0;
  let str = '';
  let join = '';
  if (typeof first === 'string') {
    if (args.length === 1) return first;
    let tempStr = '';
    let lastPos = 0;
    for (let i = 0; i < first.length - 1; i++) {
      if (first.charCodeAt(i) !== 37) continue; // '%'
      const nextChar = first.charCodeAt(++i);
      if (a + 1 !== args.length) {
        switch (nextChar) {
          case 115: { // 's'
            const arg = args[++a];
            if (typeof arg === 'number') tempStr = formatNumber(stylizeNoColor, arg, false);
            else if (typeof arg === 'bigint') tempStr = formatBigInt(stylizeNoColor, arg, false);
            else if (typeof arg !== 'object' || arg === null || !hasBuiltInToString(arg)) tempStr = String(arg);
            else tempStr = inspect(arg, { ...inspectOptions, depth: 0, colors: false, compact: 3 });
            break;
          }
          case 106: // 'j'
            tempStr = tryStringify(args[++a]);
            break;
          case 100: { // 'd'
            const arg = args[++a];
            if (typeof arg === 'bigint') tempStr = formatBigInt(stylizeNoColor, arg, false);
            else if (typeof arg === 'symbol') tempStr = 'NaN';
            else tempStr = formatNumber(stylizeNoColor, Number(arg), false);
            break;
          }
          case 79: // 'O'
            tempStr = inspect(args[++a], inspectOptions);
            break;
          case 111: // 'o'
            tempStr = inspect(args[++a], { ...inspectOptions, showHidden: true, showProxy: true, depth: 4 });
            break;
          case 105: { // 'i'
            const arg = args[++a];
            if (typeof arg === 'bigint') tempStr = formatBigInt(stylizeNoColor, arg, false);
            else if (typeof arg === 'symbol') tempStr = 'NaN';
            else tempStr = formatNumber(stylizeNoColor, Number.parseInt(arg as string), false);
            break;
          }
          case 102: { // 'f'
            const arg = args[++a];
            if (typeof arg === 'symbol') tempStr = 'NaN';
            else tempStr = formatNumber(stylizeNoColor, Number.parseFloat(arg as string), false);
            break;
          }
          case 99: // 'c': CSS, ignored
            a += 1;
            tempStr = '';
            break;
          case 37: // '%'
            str += first.slice(lastPos, i);
            lastPos = i + 1;
            continue;
          default:
            continue;
        }
        if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
        str += tempStr;
        lastPos = i + 1;
      } else if (nextChar === 37) {
        str += first.slice(lastPos, i);
        lastPos = i + 1;
      }
    }
    if (lastPos !== 0) {
      a++;
      join = ' ';
      if (lastPos < first.length) str += first.slice(lastPos);
    }
  }
  while (a < args.length) {
    const value = args[a];
    str += join;
    str += typeof value !== 'string' ? inspect(value, inspectOptions) : value;
    join = ' ';
    a++;
  }
  return str;
}

/** util.format */
export function format(...args: unknown[]): string {
  return formatWithOptionsInternal(undefined, args);
}

/** util.formatWithOptions */
export function formatWithOptions(inspectOptions: unknown, ...args: unknown[]): string {
  if (inspectOptions === null || typeof inspectOptions !== 'object') {
    const received = inspectOptions === null ? 'null'
      : typeof inspectOptions === 'function' ? `function ${(inspectOptions as any).name}`
        : `type ${typeof inspectOptions} (${typeof inspectOptions === 'string' ? `'${inspectOptions}'` : String(inspectOptions)})`;
    const err = new TypeError(`The "inspectOptions" argument must be of type object. Received ${received}`) as TypeError & { code: string };
    err.code = 'ERR_INVALID_ARG_TYPE';
    throw err;
  }
  return formatWithOptionsInternal(inspectOptions, args);
}

