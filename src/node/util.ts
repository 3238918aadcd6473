/**
 * `util`: inspect/format are Verklet's own (internal/inspect-*.ts, after Node
 * 24.12.0's output); the rest (types, promisify, parseArgs, styleText…) is
 * written here after lib/util.js. https://nodejs.org/api/util.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { deepEqual } from './internal/deep-equal.js';
import { inspect as inspectImpl } from './internal/inspect-format.js';
import { format as formatImpl, formatWithOptions as formatWithOptionsImpl } from './internal/inspect-printf.js';
import { trackedPromise } from './internal/inspect-promise.js';
import { isProxy } from './internal/inspect-proxy.js';
import { stripVTControlCharacters as stripImpl } from './internal/inspect-strings.js';
import * as t from './internal/inspect-types.js';

export const inspect: any = inspectImpl;
export const format: (...args: unknown[]) => string = formatImpl;
export const formatWithOptions: (opts: object, ...args: unknown[]) => string = formatWithOptionsImpl as any;
export const stripVTControlCharacters: (s: string) => string = stripImpl;

function codeError(Ctor: ErrorConstructor, code: string, msg: string): Error {
  const e = new Ctor(msg) as any;
  e.code = code;
  return e;
}

function describe(v: unknown): string {
  if (v == null) return String(v);
  if (typeof v === 'function') return `function ${(v as any).name}`;
  if (typeof v === 'object') return `an instance of ${(v as any).constructor?.name ?? 'Object'}`;
  let shown = inspect(v);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof v} (${shown})`;
}

function argType(name: string, type: string, v: unknown): Error {
  // Node says "property" for dotted names ("superCtor.prototype").
  const kind = name.includes('.') ? 'property' : 'argument';
  return codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${kind} must be of type ${type}. Received ${describe(v)}`);
}

const taTag = (v: unknown): string | undefined => (t.isTypedArray(v) ? t.typedArrayTag(v) : undefined);

/** util.types: side-effect-free brand checks (internal/inspect-types.ts), in Node's key order. */
export const types = {
  isArgumentsObject: t.isArgumentsObject,
  isArrayBuffer: t.isArrayBuffer,
  isAsyncFunction: t.isAsyncFunction,
  isBigIntObject: t.isBigIntObject,
  isBooleanObject: t.isBooleanObject,
  isDataView: t.isDataView,
  isDate: t.isDate,
  isExternal: (_v: unknown) => false,
  isGeneratorFunction: t.isGeneratorFunction,
  isGeneratorObject: t.isGeneratorObject,
  isMap: t.isMap,
  isMapIterator: t.isMapIterator,
  isModuleNamespaceObject: t.isModuleNamespaceObject,
  isNativeError: t.isNativeError,
  isNumberObject: t.isNumberObject,
  isPromise: t.isPromise,
  isProxy,
  isRegExp: t.isRegExp,
  isSet: t.isSet,
  isSetIterator: t.isSetIterator,
  isSharedArrayBuffer: t.isSharedArrayBuffer,
  isStringObject: t.isStringObject,
  isSymbolObject: t.isSymbolObject,
  isWeakMap: t.isWeakMap,
  isWeakSet: t.isWeakSet,
  isAnyArrayBuffer: t.isAnyArrayBuffer,
  isBoxedPrimitive: t.isBoxedPrimitive,
  isArrayBufferView: t.isArrayBufferView,
  isTypedArray: t.isTypedArray,
  isUint8Array: (v: unknown) => taTag(v) === 'Uint8Array',
  isUint8ClampedArray: (v: unknown) => taTag(v) === 'Uint8ClampedArray',
  isUint16Array: (v: unknown) => taTag(v) === 'Uint16Array',
  isUint32Array: (v: unknown) => taTag(v) === 'Uint32Array',
  isInt8Array: (v: unknown) => taTag(v) === 'Int8Array',
  isInt16Array: (v: unknown) => taTag(v) === 'Int16Array',
  isInt32Array: (v: unknown) => taTag(v) === 'Int32Array',
  isFloat16Array: (v: unknown) => taTag(v) === 'Float16Array',
  isFloat32Array: (v: unknown) => taTag(v) === 'Float32Array',
  isFloat64Array: (v: unknown) => taTag(v) === 'Float64Array',
  isBigInt64Array: (v: unknown) => taTag(v) === 'BigInt64Array',
  isBigUint64Array: (v: unknown) => taTag(v) === 'BigUint64Array',
  isKeyObject: (_v: unknown) => false,
  isCryptoKey: (v: unknown) => typeof CryptoKey !== 'undefined' && v instanceof CryptoKey,
};

export function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  return deepEqual(a, b, true);
}

export function inherits(ctor: any, superCtor: any): void {
  if (ctor === undefined || ctor === null) throw argType('ctor', 'function', ctor);
  if (superCtor === undefined || superCtor === null) throw argType('superCtor', 'function', superCtor);
  if (superCtor.prototype === undefined) throw argType('superCtor.prototype', 'object', superCtor.prototype);
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
const kCustomPromisifyArgs = Symbol.for('verklet.util.promisify.customArgs');

export function promisify(original: any): any {
  if (typeof original !== 'function') throw argType('original', 'function', original);
  if (original[kCustomPromisify]) {
    const fn = original[kCustomPromisify];
    if (typeof fn !== 'function') throw argType('util.promisify.custom', 'function', fn);
    return Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  }
  const argumentNames = original[kCustomPromisifyArgs];
  function fn(this: unknown, ...args: unknown[]) {
    // A promise whose state util.inspect can show, as Node's does.
    return trackedPromise((resolve, reject) => {
      args.push((err: unknown, ...values: unknown[]) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj: any = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else resolve(values[0]);
      });
      Reflect.apply(original, this, args);
    });
  }
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisify, { value: fn, enumerable: false, writable: false, configurable: true });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}
promisify.custom = kCustomPromisify;

export function callbackify(original: any): any {
  if (typeof original !== 'function') throw argType('original', 'function', original);
  function callbackified(this: unknown, ...args: unknown[]) {
    const cb = args.pop();
    if (typeof cb !== 'function') throw argType('last argument', 'function', cb);
    const onOk = (ret: unknown) => (globalThis as any).process.nextTick(cb, null, ret);
    const onErr = (rej: any) => {
      if (!rej) {
        const e: any = new Error('Promise was rejected with a falsy value');
        e.code = 'ERR_FALSY_VALUE_REJECTION';
        e.reason = rej;
        rej = e;
      }
      (globalThis as any).process.nextTick(cb, rej);
    };
    (Reflect.apply(original, this, args) as Promise<unknown>).then(onOk, onErr);
  }
  Object.setPrototypeOf(callbackified, Object.getPrototypeOf(original));
  Object.defineProperties(callbackified, Object.getOwnPropertyDescriptors(original));
  return callbackified;
}

const warnedCodes = new Set<string>();
export function deprecate(fn: any, msg: string, code?: string): any {
  let warned = false;
  function deprecated(this: unknown, ...args: unknown[]) {
    const p = (globalThis as any).process;
    if (!warned && !p?.noDeprecation) {
      warned = true;
      if (code === undefined || !warnedCodes.has(code)) {
        if (code !== undefined) warnedCodes.add(code);
        p?.emitWarning(msg, 'DeprecationWarning', code);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

export function debuglog(section: string, cb?: (fn: any) => void): any {
  const env = String((globalThis as any).process?.env?.NODE_DEBUG ?? '');
  const enabled = env.split(/[\s,]+/).some((s) => s && new RegExp('^' + s.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*') + '$', 'i').test(section));
  const fn: any = enabled
    ? (...args: unknown[]) => (globalThis as any).process.stderr.write(`${section.toUpperCase()} ${(globalThis as any).process.pid}: ${format(...args)}\n`)
    : () => {};
  fn.enabled = enabled;
  cb?.(fn);
  return fn;
}
export const debug = debuglog;

export function isArray(v: unknown): boolean {
  return Array.isArray(v);
}

export function toUSVString(s: string): string {
  return String(s).toWellFormed();
}

export function getSystemErrorName(code: number): string {
  return ERRNO[code] ?? `Unknown system error ${code}`;
}

export function getSystemErrorMap(): Map<number, [string, string]> {
  return new Map(Object.entries(ERRNO).map(([n, name]) => [Number(n), [name, name]]));
}

const ERRNO: Record<number, string> = {
  [-1]: 'EPERM', [-2]: 'ENOENT', [-3]: 'ESRCH', [-4]: 'EINTR', [-5]: 'EIO', [-9]: 'EBADF', [-11]: 'EAGAIN',
  [-12]: 'ENOMEM', [-13]: 'EACCES', [-17]: 'EEXIST', [-20]: 'ENOTDIR', [-21]: 'EISDIR', [-22]: 'EINVAL',
  [-24]: 'EMFILE', [-28]: 'ENOSPC', [-32]: 'EPIPE', [-39]: 'ENOTEMPTY', [-98]: 'EADDRINUSE', [-104]: 'ECONNRESET',
  [-110]: 'ETIMEDOUT', [-111]: 'ECONNREFUSED',
};

export function aborted(signal: AbortSignal, _resource: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', () => resolve(), { once: true });
  });
}

export function transferableAbortSignal(s: AbortSignal): AbortSignal {
  return s;
}
export function transferableAbortController(): AbortController {
  return new AbortController();
}

const STYLES: Record<string, [number, number]> = (inspect.colors ?? {}) as any;

export function styleText(format: string | string[], text: string, options?: { validateStream?: boolean; stream?: any }): string {
  if (typeof text !== 'string') throw argType('text', 'string', text);
  const formats = Array.isArray(format) ? format : [format];
  const stream = options?.stream ?? (globalThis as any).process?.stdout;
  let left = '';
  let right = '';
  for (const f of formats) {
    if (f === 'none') continue;
    const codes = STYLES[f];
    if (!codes) {
      throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
        `The argument 'format' must be one of: ${Object.keys(STYLES).map((k) => `'${k}'`).join(', ')}. Received ${inspect(f)}`);
    }
    left += `\u001b[${codes[0]}m`;
    right = `\u001b[${codes[1]}m` + right;
  }
  if (options?.validateStream !== false) {
    const p = (globalThis as any).process;
    const env = p?.env ?? {};
    const colors = env.FORCE_COLOR !== undefined ? env.FORCE_COLOR !== '0' : !!stream?.isTTY && !('NO_COLOR' in env) && env.TERM !== 'dumb';
    if (!colors) return text;
  }
  return `${left}${text}${right}`;
}

type ParseArgsOption = { type: 'string' | 'boolean'; short?: string; multiple?: boolean; default?: unknown };

/** util.parseArgs, after lib/internal/util/parse_args/parse_args.js. */
export function parseArgs(config: { args?: string[]; options?: Record<string, ParseArgsOption>; strict?: boolean; allowPositionals?: boolean; allowNegative?: boolean; tokens?: boolean } = {}): any {
  const args = config.args ?? (globalThis as any).process.argv.slice(2);
  const options = config.options ?? {};
  const strict = config.strict ?? true;
  const allowPositionals = config.allowPositionals ?? !strict;
  const returnTokens = config.tokens ?? false;
  const values: any = { __proto__: null };
  const positionals: string[] = [];
  const tokens: any[] = [];
  const shortToLong: Record<string, string> = {};
  for (const [name, o] of Object.entries(options)) if (o.short) shortToLong[o.short] = name;

  const err = (code: string, msg: string) => codeError(TypeError, code, msg);
  const store = (name: string, value: string | boolean | undefined, token: any) => {
    const o = options[name];
    if (strict) {
      if (!o) {
        const raw = token.rawName;
        throw err('ERR_PARSE_ARGS_UNKNOWN_OPTION', allowPositionals
          ? `Unknown option '${raw}'. To specify a positional argument starting with a '-', place it at the end of the command after '--', as in '-- "${raw}"`
          : `Unknown option '${raw}'`);
      }
      const shortAndLong = o.short ? `-${o.short}, --${name}` : `--${name}`;
      if (o.type === 'string' && typeof value !== 'string') {
        throw err('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${shortAndLong} <value>' argument missing`);
      }
      if (o.type === 'boolean' && value !== undefined && typeof value === 'string') {
        throw err('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${shortAndLong}' does not take an argument`);
      }
    }
    const v = value === undefined ? true : value;
    if (o?.multiple) (values[name] ??= []).push(v);
    else values[name] = v;
  };

  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      if (returnTokens) tokens.push({ kind: 'option-terminator', index: i });
      for (const p of args.slice(i + 1)) {
        if (strict && !allowPositionals) throw err('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', `Unexpected argument '${p}'. This command does not take positional arguments`);
        positionals.push(p);
        if (returnTokens) tokens.push({ kind: 'positional', index: ++i, value: p });
      }
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      let name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      let value: string | boolean | undefined = eq === -1 ? undefined : arg.slice(eq + 1);
      const index = i;
      if (config.allowNegative && name.startsWith('no-') && options[name.slice(3)]?.type === 'boolean') {
        name = name.slice(3);
        value = false;
      }
      const o = options[name];
      if (o?.type === 'string' && value === undefined && i + 1 < args.length) value = args[++i];
      const token = { kind: 'option', name, rawName: eq === -1 ? arg : arg.slice(0, eq), index, value, inlineValue: eq === -1 ? undefined : true };
      if (value === false) {
        values[name] = false;
      } else store(name, value as any, token);
      if (returnTokens) tokens.push({ ...token, inlineValue: o?.type === 'string' ? eq !== -1 : undefined, value: o?.type === 'string' ? value : undefined });
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      const chars = arg.slice(1);
      for (let j = 0; j < chars.length; j++) {
        const short = chars[j];
        const name = shortToLong[short] ?? short;
        const o = options[name];
        const index = i;
        if (o?.type === 'string') {
          let value: string | undefined = chars.slice(j + 1) || undefined;
          const inline = value !== undefined;
          if (value === undefined && i + 1 < args.length) value = args[++i];
          store(name, value, { rawName: `-${short}` });
          if (returnTokens) tokens.push({ kind: 'option', name, rawName: `-${short}`, index, value, inlineValue: inline });
          break;
        }
        store(name, undefined, { rawName: `-${short}` });
        if (returnTokens) tokens.push({ kind: 'option', name, rawName: `-${short}`, index, value: undefined, inlineValue: undefined });
      }
      continue;
    }
    if (strict && !allowPositionals) throw err('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', `Unexpected argument '${arg}'. This command does not take positional arguments`);
    positionals.push(arg);
    if (returnTokens) tokens.push({ kind: 'positional', index: i, value: arg });
  }
  for (const [name, o] of Object.entries(options)) if (o.default !== undefined && values[name] === undefined) values[name] = o.default;
  const result: any = { values, positionals };
  if (returnTokens) result.tokens = tokens;
  return result;
}

export class MIMEType {
  type: string;
  subtype: string;
  params: Map<string, string>;
  constructor(input: string) {
    const [essence, ...params] = String(input).split(';');
    const [type, subtype] = (essence ?? '').trim().toLowerCase().split('/');
    this.type = type ?? '';
    this.subtype = subtype ?? '';
    this.params = new Map(params.map((p) => p.trim().split('=') as [string, string]).filter((p) => p[0]));
  }
  get essence(): string {
    return `${this.type}/${this.subtype}`;
  }
  toString(): string {
    return this.essence + [...this.params].map(([k, v]) => `;${k}=${v}`).join('');
  }
}

export function getCallSites(): unknown[] {
  return [];
}

export const TextEncoder = globalThis.TextEncoder;
export const TextDecoder = globalThis.TextDecoder;

// Legacy type checks (deprecated but still present in Node 24).
export const isBoolean = (v: unknown) => typeof v === 'boolean';
export const isBuffer = (v: unknown) => !!(v as any)?.constructor?.isBuffer?.(v);
export const isFunction = (v: unknown) => typeof v === 'function';
export const isNull = (v: unknown) => v === null;
export const isNullOrUndefined = (v: unknown) => v == null;
export const isNumber = (v: unknown) => typeof v === 'number';
export const isObject = (v: unknown) => v !== null && typeof v === 'object';
export const isPrimitive = (v: unknown) => v === null || (typeof v !== 'object' && typeof v !== 'function');
export const isString = (v: unknown) => typeof v === 'string';
export const isSymbol = (v: unknown) => typeof v === 'symbol';
export const isUndefined = (v: unknown) => v === undefined;
export const isRegExp = types.isRegExp;
export const isDate = types.isDate;
export const isError = t.isError;

export function _extend(target: any, source: any): any {
  if (source === null || typeof source !== 'object') return target;
  for (const k of Object.keys(source)) target[k] = source[k];
  return target;
}

export function getSystemErrorMessage(code: number): string {
  return getSystemErrorName(code);
}

const util = {
  inspect, format, formatWithOptions, stripVTControlCharacters, types, isDeepStrictEqual, inherits, promisify,
  callbackify, deprecate, debuglog, debug, isArray, toUSVString, getSystemErrorName, getSystemErrorMap, aborted,
  transferableAbortSignal, transferableAbortController, styleText, parseArgs, MIMEType, getCallSites, TextEncoder,
  TextDecoder, isBoolean, isBuffer, isFunction, isNull, isNullOrUndefined, isNumber, isObject, isPrimitive,
  isString, isSymbol, isUndefined, isRegExp, isDate, isError, _extend, getSystemErrorMessage,
};
export default util;
