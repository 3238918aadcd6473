/**
 * `assert` and `assert/strict`, with Node 24's AssertionError messages for
 * the common cases (lib/assert.js, lib/internal/assert/assertion_error.js).
 * The browserify `assert` package carries Node 10's texts, so this is written
 * here. https://nodejs.org/api/assert.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { inspect } from './internal/inspect-format.js';
import { deepEqual } from './internal/deep-equal.js';
import { callSiteSource, setArrow } from './internal/errors.js';

const ARROWS: Record<string, string> = {
  ok: 'node:internal/assert/utils:77\n    throw err;\n    ^\n',
  fail: 'node:assert:204\n  throw err;\n  ^\n',
  match: 'node:assert:885\n    throw err;\n    ^\n',
  default: 'node:assert:152\n  throw new AssertionError(obj);\n  ^\n',
};

const inspectOpts = {
  compact: false, customInspect: false, depth: 1000, maxArrayLength: Infinity, showHidden: false,
  showProxy: false, sorted: true, getters: true,
};
const show = (v: unknown) => inspect(v, inspectOpts);

function diffLines(actual: string[], expected: string[]): string[] {
  const n = actual.length;
  const m = expected.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i]![j] = actual[i] === expected[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
    }
  }
  const out: string[] = [];
  let i = 0;
  let j = 0;
  const plus: string[] = [];
  const minus: string[] = [];
  const flush = () => {
    for (const p of plus) out.push(`+ ${p}`);
    for (const q of minus) out.push(`- ${q}`);
    plus.length = 0;
    minus.length = 0;
  };
  while (i < n || j < m) {
    if (i < n && j < m && actual[i] === expected[j]) {
      flush();
      out.push(`  ${actual[i]}`);
      i++;
      j++;
    } else if (j < m && (i >= n || dp[i]![j + 1]! >= dp[i + 1]![j]!)) {
      minus.push(expected[j++]!);
    } else {
      plus.push(actual[i++]!);
    }
  }
  flush();
  return out;
}

/** Node's AssertionError. */
export class AssertionError extends Error {
  declare generatedMessage: boolean;
  declare code: string;
  declare actual: unknown;
  declare expected: unknown;
  declare operator: string;
  declare diff: string;
  constructor(options: { message?: string | Error; actual?: unknown; expected?: unknown; operator?: string; stackStartFn?: any; generated?: string }) {
    const { actual, expected, operator = 'fail' } = options;
    let message = options.message;
    const generated = message === undefined || message === null;
    if (generated) message = options.generated ?? buildMessage(actual, expected, operator);
    super(String(message));
    this.generatedMessage = generated;
    this.code = 'ERR_ASSERTION';
    this.actual = actual;
    this.expected = expected;
    this.operator = operator;
    this.diff = 'simple';
    Object.defineProperty(this, 'name', { value: 'AssertionError [ERR_ASSERTION]', enumerable: false, writable: true, configurable: true });
    (Error as any).captureStackTrace?.(this, options.stackStartFn ?? AssertionError);
    void this.stack;
    Object.defineProperty(this, 'name', { value: 'AssertionError', enumerable: false, writable: true, configurable: true });
  }
  override toString(): string {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

/** Node's diff of two one-line values: `a !== b` when short, else the two lines (and a caret under the first difference of two strings). */
function simpleDiff(actual: unknown, a: string, expected: unknown, e: string): string {
  let length = a.length + e.length;
  if (typeof actual === 'string') length -= 2; // the quotes
  if (typeof expected === 'string') length -= 2;
  if (length <= 12 && (actual !== 0 || expected !== 0)) return `\n\n${a} !== ${e}\n`;
  let out = `\n+ actual - expected\n\n+ ${a}\n- ${e}\n`;
  if (typeof actual === 'string' && typeof expected === 'string') {
    let i = 0;
    while (i < a.length && a[i] === e[i]) i++;
    out += `${' '.repeat(i + 2)}^\n`;
  }
  return out;
}

function buildMessage(actual: unknown, expected: unknown, operator: string): string {
  switch (operator) {
    case 'strictEqual':
    case 'deepStrictEqual': {
      const header = operator === 'strictEqual' ? 'Expected values to be strictly equal:' : 'Expected values to be strictly deep-equal:';
      const a = show(actual).split('\n');
      const e = show(expected).split('\n');
      if (a.length === 1 && e.length === 1 && (typeof actual !== 'object' || actual === null || typeof expected !== 'object' || expected === null)) {
        return header + simpleDiff(actual, a[0]!, expected, e[0]!);
      }
      return `${header}\n+ actual - expected\n\n${diffLines(a, e).join('\n')}\n`;
    }
    case 'notStrictEqual':
    case 'notDeepStrictEqual': {
      const what = operator === 'notStrictEqual' ? 'strictly unequal to' : 'not to be strictly deep-equal to';
      const shown = show(actual);
      if (operator === 'notStrictEqual') {
        return shown.includes('\n') ? `Expected "actual" to be ${what}:\n\n${shown}\n` : `Expected "actual" to be ${what}: ${shown}`;
      }
      return `Expected "actual" ${what}:\n\n${shown}\n`;
    }
    case 'deepEqual':
      return `Expected values to be loosely deep-equal:\n\n${show(actual)}\n\nshould loosely deep-equal\n\n${show(expected)}`;
    case 'notDeepEqual':
      return `"actual" deepEqual "expected"`.replace('"actual" deepEqual "expected"', `Expected "actual" not to be loosely deep-equal to:\n\n${show(expected)}\n`);
    case '==':
    case '!=':
      return `${inspect(actual)} ${operator} ${inspect(expected)}`;
    case 'fail':
      return 'Failed';
    default:
      return `${inspect(actual)} ${operator} ${inspect(expected)}`;
  }
}

function innerFail(obj: { actual?: unknown; expected?: unknown; message?: string | Error; operator: string; stackStartFn: any; generated?: string }): never {
  if (obj.message instanceof Error) throw obj.message;
  const err = new AssertionError(obj);
  const kind = obj.operator === '==' && obj.expected === true ? 'ok' : obj.operator === 'fail' ? 'fail'
    : obj.operator === 'match' || obj.operator === 'doesNotMatch' ? 'match' : 'default';
  setArrow(err, ARROWS[kind]!);
  throw err;
}

function innerOk(fn: any, argLen: number, value: unknown, message?: string | Error): void {
  if (!value) {
    let generated: string | undefined;
    if (argLen === 0) generated = 'No value argument passed to `assert.ok()`';
    else if (message === undefined) {
      const src = callSiteSource(fn);
      generated = src ? `The expression evaluated to a falsy value:\n\n  ${src}\n` : 'The expression evaluated to a falsy value';
    }
    innerFail({ actual: value, expected: true, message, operator: '==', stackStartFn: fn, generated });
  }
}

function ok(...args: [unknown, (string | Error)?]): void {
  innerOk(ok, args.length, args[0], args[1]);
}

function equal(actual: unknown, expected: unknown, message?: string | Error): void {
  // eslint-disable-next-line eqeqeq
  if (!(actual == expected || (Number.isNaN(actual) && Number.isNaN(expected)))) {
    innerFail({ actual, expected, message, operator: '==', stackStartFn: equal });
  }
}
function notEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  // eslint-disable-next-line eqeqeq
  if (actual == expected || (Number.isNaN(actual) && Number.isNaN(expected))) {
    innerFail({ actual, expected, message, operator: '!=', stackStartFn: notEqual });
  }
}
function strictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'strictEqual', stackStartFn: strictEqual });
}
function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (Object.is(actual, expected)) innerFail({ actual, expected, message, operator: 'notStrictEqual', stackStartFn: notStrictEqual });
}
function deepEqualFn(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!deepEqual(actual, expected, false)) innerFail({ actual, expected, message, operator: 'deepEqual', stackStartFn: deepEqualFn });
}
function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (deepEqual(actual, expected, false)) innerFail({ actual, expected, message, operator: 'notDeepEqual', stackStartFn: notDeepEqual });
}
function deepStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (!deepEqual(actual, expected, true)) innerFail({ actual, expected, message, operator: 'deepStrictEqual', stackStartFn: deepStrictEqual });
}
function notDeepStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void {
  if (deepEqual(actual, expected, true)) innerFail({ actual, expected, message, operator: 'notDeepStrictEqual', stackStartFn: notDeepStrictEqual });
}

function fail(message?: string | Error): never {
  if (message instanceof Error) throw message;
  innerFail({ message, operator: 'fail', stackStartFn: fail });
}

function checkError(actual: any, expected: any, message: string | Error | undefined, fn: any): void {
  if (expected === undefined) return;
  if (expected instanceof RegExp) {
    const str = String(actual);
    if (expected.test(str)) return;
    innerFail({
      actual, expected, message, operator: fn.name, stackStartFn: fn,
      generated: `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(str)}\n`,
    });
  }
  if (typeof expected === 'function') {
    if (expected.prototype !== undefined && actual instanceof expected) return;
    if (Error.isPrototypeOf(expected) || expected === Error) throw actual;
    const res = expected.call({}, actual);
    if (res !== true) {
      innerFail({
        actual, expected, message, operator: fn.name, stackStartFn: fn,
        generated: `The ${expected.name ? `"${expected.name}" ` : ''}validation function is expected to return "true". Received ${inspect(res)}\n\nCaught error:\n\n${actual}`,
      });
    }
    return;
  }
  if (typeof expected === 'object' && expected !== null) {
    for (const key of Object.keys(expected)) {
      const ev = expected[key];
      const av = actual?.[key];
      if (ev instanceof RegExp && typeof av === 'string' ? ev.test(av) : deepEqual(av, ev, true)) continue;
      innerFail({
        actual, expected, message, operator: fn.name, stackStartFn: fn,
        generated: `Expected values to be strictly deep-equal:\n+ actual - expected\n\n${diffLines(show(pick(actual, expected)).split('\n'), show(expected).split('\n')).join('\n')}\n`,
      });
    }
  }
}

function pick(actual: any, expected: any): any {
  const out: any = {};
  for (const k of Object.keys(expected)) out[k] = actual?.[k];
  return out;
}

const NO_EXCEPTION = Symbol('none');

function getActual(fn: unknown): unknown {
  if (typeof fn !== 'function') {
    const e: any = new TypeError(`The "fn" argument must be of type function. Received ${fn === undefined ? 'undefined' : inspect(fn)}`);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  try {
    fn();
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

function throws(fn: unknown, expected?: any, message?: string | Error): void {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  const actual = getActual(fn);
  if (actual === NO_EXCEPTION) {
    let details = '';
    if (expected?.name) details += ` (${expected.name})`;
    details += message ? `: ${message}` : '.';
    innerFail({ actual: undefined, expected, operator: 'throws', message: `Missing expected exception${details}`, stackStartFn: throws });
  }
  checkError(actual, expected, message, throws);
}

function doesNotThrow(fn: unknown, expected?: any, message?: string | Error): void {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  const actual: any = getActual(fn);
  if (actual === NO_EXCEPTION) return;
  if (expected && !hasMatchingError(actual, expected)) throw actual;
  const details = message ? `: ${message}` : '.';
  innerFail({
    actual, expected, operator: 'doesNotThrow', stackStartFn: doesNotThrow,
    message: `Got unwanted exception${details}\nActual message: "${actual?.message}"`,
  });
}

/** doesNotThrow/doesNotReject: does `actual` match the error class, RegExp or validation function? */
function hasMatchingError(actual: any, expected: any): boolean {
  if (typeof expected !== 'function') {
    if (expected instanceof RegExp) return expected.test(String(actual));
    const e: any = new TypeError(`The "expected" argument must be of type function or an instance of RegExp. Received ${describeValue(expected)}`);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  if (expected.prototype !== undefined && actual instanceof expected) return true;
  if (Object.prototype.isPrototypeOf.call(Error, expected)) return false;
  return expected.call({}, actual) === true;
}

function isPromiseLike(v: any): boolean {
  return v instanceof Promise || (v !== null && typeof v === 'object' && typeof v.then === 'function' && typeof v.catch === 'function');
}

function describeValue(v: any): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'function') return `function ${v.name || ''}`;
  if (typeof v === 'object') return v.constructor?.name ? `an instance of ${v.constructor.name}` : inspect(v, { depth: -1 });
  let shown = inspect(v, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof v} (${shown})`;
}

async function waitActual(promiseFn: any): Promise<unknown> {
  let p: any;
  if (typeof promiseFn === 'function') {
    p = promiseFn();
    if (!isPromiseLike(p)) {
      const e: any = new TypeError(`Expected instance of Promise to be returned from the "promiseFn" function but got ${describeValue(p)}.`);
      e.code = 'ERR_INVALID_RETURN_VALUE';
      throw e;
    }
  } else if (isPromiseLike(promiseFn)) {
    p = promiseFn;
  } else {
    const e: any = new TypeError(`The "promiseFn" argument must be of type function or an instance of Promise. Received ${describeValue(promiseFn)}`);
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  try {
    await p;
  } catch (e) {
    return e;
  }
  return NO_EXCEPTION;
}

async function rejects(promiseFn: any, expected?: any, message?: string | Error): Promise<void> {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  const actual = await waitActual(promiseFn);
  if (actual === NO_EXCEPTION) {
    let details = '';
    if (expected?.name) details += ` (${expected.name})`;
    details += message ? `: ${message}` : '.';
    innerFail({ actual: undefined, expected, operator: 'rejects', message: `Missing expected rejection${details}`, stackStartFn: rejects });
  }
  checkError(actual, expected, message, rejects);
}

async function doesNotReject(promiseFn: any, expected?: any, message?: string | Error): Promise<void> {
  if (typeof expected === 'string') {
    message = expected;
    expected = undefined;
  }
  const actual: any = await waitActual(promiseFn);
  if (actual === NO_EXCEPTION) return;
  if (expected && !hasMatchingError(actual, expected)) throw actual;
  const details = message ? `: ${message}` : '.';
  innerFail({
    actual, expected, operator: 'doesNotReject', stackStartFn: doesNotReject,
    message: `Got unwanted rejection${details}\nActual message: "${actual?.message}"`,
  });
}

function ifError(err: unknown): void {
  if (err !== null && err !== undefined) {
    let message = 'ifError got unwanted exception: ';
    message += typeof err === 'object' && typeof (err as any).message === 'string'
      ? ((err as any).message.length === 0 && (err as any).constructor ? (err as any).constructor.name : (err as any).message)
      : inspect(err);
    const e = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
    e.generatedMessage = false;
    throw e;
  }
}

function match(string: unknown, regexp: RegExp, message?: string | Error): void {
  if (typeof string !== 'string' || !regexp.test(string)) {
    innerFail({
      actual: string, expected: regexp, message, operator: 'match', stackStartFn: match,
      generated: typeof string !== 'string'
        ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
        : `The input did not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`,
    });
  }
}
function doesNotMatch(string: unknown, regexp: RegExp, message?: string | Error): void {
  if (typeof string !== 'string' || regexp.test(string)) {
    innerFail({
      actual: string, expected: regexp, message, operator: 'doesNotMatch', stackStartFn: doesNotMatch,
      generated: `The input was expected to not match the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`,
    });
  }
}

function partialDeepStrictEqual(actual: any, expected: any, message?: string | Error): void {
  const sub = (a: any, e: any): boolean => {
    if (e === null || typeof e !== 'object') return Object.is(a, e);
    if (a === null || typeof a !== 'object') return false;
    return Object.keys(e).every((k) => sub(a[k], e[k]));
  };
  if (!sub(actual, expected)) innerFail({ actual, expected, message, operator: 'partialDeepStrictEqual', stackStartFn: partialDeepStrictEqual });
}

function makeAssert(strictMode: boolean): any {
  const assert: any = function assert(...args: [unknown, (string | Error)?]) {
    innerOk(assert, args.length, args[0], args[1]);
  };
  Object.assign(assert, {
    ok, fail, throws, doesNotThrow, rejects, doesNotReject, ifError, match, doesNotMatch, AssertionError,
    strictEqual, notStrictEqual, deepStrictEqual, notDeepStrictEqual, partialDeepStrictEqual,
    equal: strictMode ? strictEqual : equal,
    notEqual: strictMode ? notStrictEqual : notEqual,
    deepEqual: strictMode ? deepStrictEqual : deepEqualFn,
    notDeepEqual: strictMode ? notDeepStrictEqual : notDeepEqual,
    CallTracker: class CallTracker {},
  });
  return assert;
}

const assert = makeAssert(false);
const strict = makeAssert(true);
assert.strict = strict;
strict.strict = strict;

export { strict, AssertionError as default_AssertionError };
export default assert;
