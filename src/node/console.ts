/**
 * `console`: Node's Console (lib/internal/console/constructor.js) over
 * process.stdout/stderr, formatting through util.formatWithOptions and
 * util.inspect, and the global console object built from it as
 * lib/internal/console/global.js does (`require('console') === console`,
 * `console.Console`). https://nodejs.org/api/console.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { inspect } from './internal/inspect-format.js';
import { formatWithOptions } from './internal/inspect-printf.js';
import { getStringWidth } from './internal/inspect-strings.js';
import { isMap, isMapIterator, isSet, isSetIterator } from './internal/inspect-types.js';

interface ConsoleState {
  stdout: any;
  stderr: any;
  ignoreErrors: boolean;
  colorMode: boolean | 'auto';
  inspectOptions: any;
  groupIndent: string;
  groupIndentationWidth: number;
  counts: Map<string, number>;
  timers: Map<string, number>;
}

/** Per-console state, kept off the object so util.inspect(console) shows only the methods. */
const states = new WeakMap<object, ConsoleState>();

function codeError(Ctor: ErrorConstructor, code: string, message: string): Error {
  const err = new Ctor(message) as Error & { code: string };
  err.code = code;
  return err;
}

function received(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'function') return `function ${(v as any).name}`;
  if (typeof v === 'object') return `an instance of ${(v as any).constructor?.name ?? 'Object'}`;
  let shown = inspect(v);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof v} (${shown})`;
}

function stateOf(c: object): ConsoleState {
  const s = states.get(c);
  if (!s) throw new TypeError('Illegal invocation');
  return s;
}

/** Whether to colour output for `stream`, as Node's shouldColorize. */
function shouldColorize(stream: any): boolean {
  const force = (globalThis as any).process?.env?.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(String(force));
  return !!stream?.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
}

function inspectOptionsFor(s: ConsoleState, stream: any): any {
  let color = s.colorMode;
  if (color === 'auto') color = shouldColorize(stream);
  if (s.inspectOptions) {
    if (s.inspectOptions.colors === undefined) s.inspectOptions.colors = color;
    return s.inspectOptions;
  }
  return color ? { colors: true } : {};
}

function write(s: ConsoleState, useStdout: boolean, text: string): void {
  const stream = useStdout ? s.stdout : s.stderr;
  if (s.groupIndent.length !== 0) {
    if (text.includes('\n')) text = text.replace(/\n/g, `\n${s.groupIndent}`);
    text = s.groupIndent + text;
  }
  text += '\n';
  if (!s.ignoreErrors) {
    stream.write(text);
    return;
  }
  // Write errors are swallowed: a console must not take the program down.
  const noop = () => {};
  const listen = typeof stream.listenerCount === 'function' && stream.listenerCount('error') === 0 && typeof stream.once === 'function';
  try {
    if (listen) stream.once('error', noop);
    stream.write(text, noop);
  } catch (e: any) {
    if (e instanceof RangeError && /call stack/i.test(e.message)) throw e;
  } finally {
    if (listen) stream.removeListener?.('error', noop);
  }
}

function emitWarning(message: string): void {
  (globalThis as any).process?.emitWarning?.(message);
}

function formatTime(ms: number): string {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= 1000) {
    if (ms >= 60000) {
      if (ms >= 3600000) {
        hours = Math.floor(ms / 3600000);
        ms %= 3600000;
      }
      minutes = Math.floor(ms / 60000);
      ms %= 60000;
    }
    seconds = ms / 1000;
  }
  if (hours !== 0 || minutes !== 0) {
    const [s, msPart] = seconds.toFixed(3).split('.');
    const res = hours !== 0 ? `${hours}:${String(minutes).padStart(2, '0')}` : `${minutes}`;
    return `${res}:${s!.padStart(2, '0')}.${msPart} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

/** The box drawing of Node's internal/cli_table: left-aligned cells, widths in terminal columns. */
function renderTable(head: string[], columns: string[][]): string {
  const widths = head.map((h) => getStringWidth(h));
  const longest = Math.max(0, ...columns.map((c) => c.length));
  const rows: string[][] = [];
  for (let i = 0; i < head.length; i++) {
    const column = columns[i]!;
    for (let j = 0; j < longest; j++) {
      rows[j] ??= [];
      const value = Object.prototype.hasOwnProperty.call(column, j) ? column[j]! : '';
      rows[j]![i] = value;
      widths[i] = Math.max(widths[i] || 0, getStringWidth(value));
    }
  }
  const renderRow = (row: string[]) =>
    `│ ${row.map((cell, i) => cell + ' '.repeat(widths[i]! - getStringWidth(cell))).join(' │ ')} │`;
  const divider = widths.map((w) => '─'.repeat(w + 2));
  let out = `┌${divider.join('┬')}┐\n${renderRow(head)}\n├${divider.join('┼')}┤\n`;
  for (const row of rows) out += `${renderRow(row)}\n`;
  return `${out}└${divider.join('┴')}┘`;
}

const kColorModes = ['auto', true, false];

/**
 * Node's Console: `new Console(stdout[, stderr[, ignoreErrors]])` or
 * `new Console({ stdout, stderr, ignoreErrors, colorMode, inspectOptions,
 * groupIndentation })`; callable without `new`.
 */
export function Console(this: any, options?: any, stderr?: any, ignoreErrors?: boolean): any {
  if (!new.target) return Reflect.construct(Console, [options, stderr, ignoreErrors]);
  if (!options || typeof options.write === 'function') options = { stdout: options, stderr, ignoreErrors };
  const { stdout, inspectOptions, groupIndentation = 2 } = options;
  const err = options.stderr ?? stdout;
  const colorMode = options.colorMode ?? 'auto';
  if (!stdout || typeof stdout.write !== 'function') {
    throw codeError(TypeError, 'ERR_CONSOLE_WRITABLE_STREAM', 'Console expects a writable stream instance for stdout');
  }
  if (!err || typeof err.write !== 'function') {
    throw codeError(TypeError, 'ERR_CONSOLE_WRITABLE_STREAM', 'Console expects a writable stream instance for stderr');
  }
  if (!kColorModes.includes(colorMode)) {
    throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'colorMode' must be one of: 'auto', true, false. Received ${inspect(colorMode)}`);
  }
  if (typeof groupIndentation !== 'number') {
    throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "groupIndentation" argument must be of type number. Received ${received(groupIndentation)}`);
  }
  if (!Number.isInteger(groupIndentation)) {
    throw codeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "groupIndentation" is out of range. It must be an integer. Received ${groupIndentation}`);
  }
  if (groupIndentation < 0 || groupIndentation > 1000) {
    throw codeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "groupIndentation" is out of range. It must be >= 0 && <= 1000. Received ${groupIndentation}`);
  }
  if (inspectOptions !== undefined) {
    if (inspectOptions === null || typeof inspectOptions !== 'object') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "options.inspectOptions" property must be of type object. Received ${received(inspectOptions)}`);
    }
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw codeError(TypeError, 'ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "options.inspectOptions.color" cannot be used in combination with option "colorMode"');
    }
  }
  states.set(this, {
    stdout, stderr: err, ignoreErrors: options.ignoreErrors !== false, colorMode, inspectOptions,
    groupIndent: '', groupIndentationWidth: groupIndentation, counts: new Map(), timers: new Map(),
  });
  // Node binds every method to the instance, so `const { log } = console` works.
  for (const key of Object.keys(Console.prototype)) {
    this[key] = this[key].bind(this);
    Object.defineProperty(this[key], 'name', { value: key });
  }
}

function timeLogImpl(c: any, name: string, label: string, end: boolean, data?: unknown[]): void {
  const s = stateOf(c);
  const start = s.timers.get(label);
  if (start === undefined) {
    emitWarning(`No such label '${label}' for console.${name}()`);
    return;
  }
  if (end) s.timers.delete(label);
  const formatted = formatTime(performance.now() - start);
  if (data === undefined) c.log('%s: %s', label, formatted);
  else c.log('%s: %s', label, formatted, ...data);
}

/** console.table's cell text: one level of objects (none for more than two keys), three array items, one line. */
function tableCell(c: any, v: unknown): string {
  const depth = v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length > 2 ? -1 : 0;
  const s = stateOf(c);
  return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity, ...inspectOptionsFor(s, s.stdout) });
}

const methods: Record<string, (this: any, ...args: any[]) => void> = {
  log(...args) {
    const s = stateOf(this);
    write(s, true, formatWithOptions(inspectOptionsFor(s, s.stdout), ...args));
  },
  info(...args) {
    this.log(...args);
  },
  debug(...args) {
    this.log(...args);
  },
  warn(...args) {
    const s = stateOf(this);
    write(s, false, formatWithOptions(inspectOptionsFor(s, s.stderr), ...args));
  },
  error(...args) {
    this.warn(...args);
  },
  dir(object, options) {
    const s = stateOf(this);
    write(s, true, inspect(object, { customInspect: false, ...inspectOptionsFor(s, s.stdout), ...options }));
  },
  time(label = 'default') {
    label = `${label}`;
    const s = stateOf(this);
    if (s.timers.has(label)) {
      emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    s.timers.set(label, performance.now());
  },
  timeEnd(label = 'default') {
    timeLogImpl(this, 'timeEnd', `${label}`, true);
  },
  timeLog(label = 'default', ...data) {
    timeLogImpl(this, 'timeLog', `${label}`, false, data);
  },
  trace: function trace(this: any, ...args: unknown[]) {
    const s = stateOf(this);
    const err: any = { name: 'Trace', message: formatWithOptions(inspectOptionsFor(s, s.stderr), ...args) };
    (Error as any).captureStackTrace?.(err, trace);
    this.error(err.stack ?? `Trace: ${err.message}`);
  },
  assert(expression, ...args) {
    if (expression) return;
    if (args.length && typeof args[0] === 'string') args[0] = `Assertion failed: ${args[0]}`;
    else args.unshift('Assertion failed');
    this.warn(...args);
  },
  clear() {
    const s = stateOf(this);
    if (s.stdout.isTTY && (globalThis as any).process?.env?.TERM !== 'dumb') s.stdout.write('\x1b[1;1H\x1b[0J');
  },
  count(label = 'default') {
    label = `${label}`;
    const s = stateOf(this);
    const count = (s.counts.get(label) ?? 0) + 1;
    s.counts.set(label, count);
    this.log(`${label}: ${count}`);
  },
  countReset(label = 'default') {
    label = `${label}`;
    const s = stateOf(this);
    if (!s.counts.has(label)) {
      emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    s.counts.delete(label);
  },
  group(...data) {
    if (data.length > 0) this.log(...data);
    const s = stateOf(this);
    s.groupIndent += ' '.repeat(s.groupIndentationWidth);
  },
  groupEnd() {
    const s = stateOf(this);
    s.groupIndent = s.groupIndent.slice(0, s.groupIndent.length - s.groupIndentationWidth);
  },
  // https://console.spec.whatwg.org/#table, laid out as Node's cli_table.
  table(tabularData, properties) {
    if (properties !== undefined && !Array.isArray(properties)) {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "properties" argument must be an instance of Array. Received ${received(properties)}`);
    }
    if (tabularData === null || typeof tabularData !== 'object') {
      this.log(tabularData);
      return;
    }
    const cell = (v: unknown) => tableCell(this, v);
    const indexes = (n: number) => Array.from({ length: n }, (_, i) => cell(i));
    if (isMapIterator(tabularData) || isSetIterator(tabularData)) {
      // Node previews the iterator without consuming it; a browser cannot.
      this.log(tabularData);
      return;
    }
    if (isMap(tabularData)) {
      const keys: string[] = [];
      const values: string[] = [];
      for (const [k, v] of tabularData as Map<unknown, unknown>) {
        keys.push(cell(k));
        values.push(cell(v));
      }
      this.log(renderTable(['(iteration index)', 'Key', 'Values'], [indexes(keys.length), keys, values]));
      return;
    }
    if (isSet(tabularData)) {
      const values = [...(tabularData as Set<unknown>)].map(cell);
      this.log(renderTable(['(iteration index)', 'Values'], [indexes(values.length), values]));
      return;
    }
    // Integer-like column names come first, as in an object's key order.
    const map: Record<string, string[]> = Object.create(null);
    let hasPrimitives = false;
    const valuesColumn: string[] = [];
    const indexColumn = Object.keys(tabularData);
    for (let i = 0; i < indexColumn.length; i++) {
      const item = tabularData[indexColumn[i]!];
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        valuesColumn[i] = cell(item);
      } else {
        for (const key of properties ?? Object.keys(item)) {
          map[key] ??= [];
          map[key]![i] = (primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key) ? '' : cell(item[key]);
        }
      }
    }
    const head = Object.keys(map);
    const columns = Object.values(map);
    if (hasPrimitives) {
      head.push('Values');
      columns.push(valuesColumn);
    }
    head.unshift('(index)');
    columns.unshift(indexColumn);
    this.log(renderTable(head, columns));
  },
  dirxml(...args) {
    this.log(...args);
  },
  groupCollapsed(...data) {
    this.group(...data);
  },
};

for (const [key, fn] of Object.entries(methods)) {
  Object.defineProperty(fn, 'name', { value: key });
  (Console.prototype as any)[key] = fn;
}
Object.defineProperty(Console.prototype, Symbol.toStringTag, { value: 'console', writable: false, enumerable: false, configurable: true });
Object.defineProperty(Console, 'length', { value: 1 });

/**
 * console.context(name): V8's console for the inspector. Its methods report
 * to a debugger only, so under Node (without one) and here they print nothing.
 */
function context(this: any, _name?: unknown): any {
  const c: any = {};
  for (const key of ['dir', 'dirXml', 'table', 'groupEnd', 'clear', 'count', 'countReset', 'profile', 'profileEnd', 'debug', 'error',
    'info', 'log', 'warn', 'trace', 'group', 'groupCollapsed', 'assert', 'time', 'timeLog', 'timeEnd', 'timeStamp']) {
    c[key] = { [key]: () => {} }[key];
  }
  return c;
}

function createTask(name?: unknown): { run: <T>(fn: () => T) => T } {
  if (typeof name !== 'string' || name === '') throw new TypeError('First argument must be a non-empty string.');
  return { run: (fn) => fn() };
}

/**
 * The global console: a plain object (prototype `{}`) holding Console's
 * methods bound to it, then Console, the inspector's profile/timeStamp no-ops,
 * context and createTask, in Node's key order.
 */
export function createConsole(stdout: any, stderr: any): any {
  const global: any = Object.create({});
  states.set(global, {
    stdout, stderr, ignoreErrors: true, colorMode: 'auto', inspectOptions: undefined,
    groupIndent: '', groupIndentationWidth: 2, counts: new Map(), timers: new Map(),
  });
  const define = (key: string, fn: (...args: any[]) => any) => {
    Object.defineProperty(fn, 'name', { value: key });
    Object.defineProperty(fn, 'length', { value: 0 });
    Object.defineProperty(global, key, { value: fn, writable: true, enumerable: true, configurable: true });
  };
  for (const key of Object.keys(Console.prototype)) define(key, (Console.prototype as any)[key].bind(global));
  Object.defineProperty(global, 'Console', { value: Console, writable: true, enumerable: true, configurable: true });
  define('profile', () => {});
  define('profileEnd', () => {});
  define('timeStamp', () => {});
  Object.defineProperty(global, 'context', { value: context.bind(global), writable: true, enumerable: true, configurable: true });
  Object.defineProperty(global.context, 'name', { value: 'context' });
  define('createTask', createTask);
  Object.defineProperty(global, Symbol.toStringTag, { value: 'console', writable: false, enumerable: false, configurable: true });
  return global;
}

export default Console;
