/**
 * How util.inspect prints an Error: its stack (or `[Name: message]` when it
 * has no frames), the class named when it differs from the stack's first
 * word (`MyErr [Error]: m`), frames shared with the cause folded into
 * "... n lines matching cause stack trace ...", and with colors on, Node's
 * own frames dimmed and node_modules package names underlined.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import type { InspectContext } from './inspect-context.js';
import { getPrefix } from './inspect-layout.js';
import { errorToString, isError } from './inspect-types.js';

type FormatValue = (ctx: InspectContext, value: unknown, recurseTimes: number) => string;

/**
 * The stack as text. A non-string stack is shown after the error's name and
 * message; Node formats it without a depth (so without depth limit or single
 * line layout), four columns in.
 */
function getStackString(ctx: InspectContext, err: any, formatValue: FormatValue): string {
  const stack = err.stack;
  if (stack) {
    if (typeof stack === 'string') return stack;
    ctx.indentationLvl += 4;
    const shown = formatValue(ctx, stack, NaN);
    ctx.indentationLvl -= 4;
    return `${errorToString(err)}\n    ${shown}`;
  }
  return errorToString(err);
}

/** Own enumerable name/message/stack already visible in the stack are not listed again. */
function removeDuplicateErrorKeys(ctx: InspectContext, keys: PropertyKey[], err: any, stack: string): void {
  if (ctx.showHidden || keys.length === 0) return;
  for (const name of ['name', 'message', 'stack']) {
    const index = keys.indexOf(name);
    if (index !== -1 && (typeof err[name] !== 'string' || stack.includes(err[name]))) keys.splice(index, 1);
  }
}

/** Name the class when the stack's first word does not (`MyErr [Error]: …`, `[Error: null prototype]: …`). */
function improveStack(stack: string, constructor: string | null, name: string, tag: string): string {
  let len = name.length;
  if (
    constructor === null ||
    (name.endsWith('Error') && stack.startsWith(name) && (stack.length === len || stack[len] === ':' || stack[len] === '\n'))
  ) {
    let fallback = 'Error';
    if (constructor === null) {
      const start = /^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n\s+at)/.exec(stack) || /^([a-z_A-Z0-9-]*Error)$/.exec(stack);
      fallback = (start && start[1]) || '';
      len = fallback.length;
      fallback = fallback || 'Error';
    }
    const prefix = getPrefix(constructor, tag, fallback).slice(0, -1);
    if (name !== prefix) {
      if (prefix.includes(name)) {
        stack = len === 0 ? `${prefix}: ${stack}` : `${prefix}${stack.slice(len)}`;
      } else {
        stack = `${prefix} [${name}]${stack.slice(len)}`;
      }
    }
  }
  return stack;
}

/** Where `a` has more than three frames in a row that `b` also has: { len, offset in a }. */
function identicalSequenceRange(a: string[], b: string[]): { len: number; offset: number } {
  for (let i = 0; i < a.length - 3; i++) {
    const pos = b.indexOf(a[i]!);
    if (pos !== -1) {
      const rest = b.length - pos;
      if (rest > 3) {
        let len = 1;
        const maxLen = Math.min(a.length - i, rest);
        while (maxLen > len && a[i + len] === b[pos + len]) len++;
        if (len > 3) return { len, offset: i };
      }
    }
  }
  return { len: 0, offset: 0 };
}

function getStackFrames(ctx: InspectContext, err: any, stack: string): string[] {
  const frames = stack.split('\n');
  let cause: unknown;
  try {
    ({ cause } = err);
  } catch {
    // A throwing `cause` getter only loses the folding.
  }
  if (cause != null && isError(cause)) {
    const causeStack = getStackString(ctx, cause, () => '');
    const causeStackStart = causeStack.indexOf('\n    at');
    if (causeStackStart !== -1) {
      const causeFrames = causeStack.slice(causeStackStart + 1).split('\n');
      const { len, offset } = identicalSequenceRange(frames, causeFrames);
      if (len > 0) {
        const skipped = len - 2;
        const msg = `    ... ${skipped} lines matching cause stack trace ...`;
        frames.splice(offset + 1, skipped, ctx.stylize(msg, 'undefined'));
      }
    }
  }
  return frames;
}

/** Node's built-in module ids as they appear in stack frames (`node:fs`, `node:internal/timers`). */
const CORE_MODULES = new Set([
  'assert', 'assert/strict', 'async_hooks', 'buffer', 'child_process', 'cluster', 'console', 'constants', 'crypto',
  'dgram', 'diagnostics_channel', 'dns', 'dns/promises', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2',
  'https', 'inspector', 'module', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks', 'process',
  'punycode', 'querystring', 'readline', 'readline/promises', 'repl', 'stream', 'stream/consumers',
  'stream/promises', 'stream/web', 'string_decoder', 'sys', 'timers', 'timers/promises', 'tls', 'trace_events',
  'tty', 'url', 'util', 'util/types', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib', 'events', '_http_client',
  '_http_server', '_http_outgoing', '_http_incoming', '_http_agent', '_http_common', 'net',
]);
const INTERNAL_MODULES = new Set([
  'internal/modules/cjs/loader', 'internal/modules/run_main', 'internal/main/run_main_module',
  'internal/process/task_queues', 'internal/timers', 'internal/process/promises', 'internal/modules/esm/module_job',
  'internal/modules/esm/loader', 'internal/modules/esm/translators', 'internal/modules/esm/utils',
  'internal/modules/esm/resolve', 'internal/modules/esm/get_format', 'internal/modules/package_json_reader',
  'internal/modules/helpers', 'internal/event_target', 'internal/fs/promises', 'internal/fs/utils',
  'internal/streams/readable', 'internal/streams/writable', 'internal/streams/destroy', 'internal/errors',
  'internal/validators', 'internal/util', 'internal/url', 'internal/process/execution', 'internal/child_process',
  'internal/async_hooks', 'internal/console/constructor', 'internal/util/inspect', 'internal/assert/assertion_error',
  'internal/assert/utils', 'internal/process/per_thread', 'internal/fs/streams', 'internal/streams/pipeline',
  'internal/webstreams/readablestream', 'internal/deps/undici/undici', 'internal/test_runner/runner',
  'internal/test_runner/test', 'internal/test_runner/harness', 'internal/main/eval_string',
  'internal/process/execution', 'internal/util/debuglog', 'internal/crypto/random', 'internal/perf/utils',
]);
const coreFrame = /^ {4}at (?:[^/\\(]+ \(|)node:(.+):\d+:\d+\)?$/;
const nodeModulesFrame = /[/\\]node_modules[/\\]((?:@[^/\\]+[/\\])?[^/\\]+)(?=[/\\])/g;

function markNodeModules(ctx: InspectContext, line: string): string {
  let out = '';
  let pos = 0;
  for (const m of line.matchAll(nodeModulesFrame)) {
    const nameStart = m.index! + m[0].length - m[1]!.length;
    out += line.slice(pos, nameStart) + ctx.stylize(m[1]!, 'module');
    pos = m.index! + m[0].length;
  }
  return pos === 0 ? line : out + line.slice(pos);
}

/** Dim the working directory (and its brackets) in a frame, as Node does. */
function markCwd(ctx: InspectContext, line: string, cwd: string): string {
  let cwdStart = line.indexOf(cwd);
  if (cwdStart === -1) return line;
  let cwdLength = cwd.length;
  if (line.slice(cwdStart - 7, cwdStart) === 'file://') {
    cwdLength += 7;
    cwdStart -= 7;
  }
  const start = line[cwdStart - 1] === '(' ? cwdStart - 1 : cwdStart;
  const end = start !== cwdStart && line.endsWith(')') ? -1 : line.length;
  const cwdEnd = cwdStart + cwdLength + 1;
  let out = line.slice(0, start) + ctx.stylize(line.slice(start, cwdEnd), 'undefined') + line.slice(cwdEnd, end);
  if (end === -1) out += ctx.stylize(')', 'undefined');
  return out;
}

function safeCwd(): string | undefined {
  try {
    return (globalThis as any).process?.cwd?.();
  } catch {
    return undefined;
  }
}

function colorFrames(ctx: InspectContext, lines: string[]): string {
  const cwd = safeCwd();
  let out = '';
  for (let line of lines) {
    const core = coreFrame.exec(line);
    if (core !== null && (CORE_MODULES.has(core[1]!) || INTERNAL_MODULES.has(core[1]!))) {
      out += `\n${ctx.stylize(line, 'undefined')}`;
      continue;
    }
    line = markNodeModules(ctx, line);
    if (cwd !== undefined) {
      let marked = markCwd(ctx, line, cwd);
      if (marked === line) marked = markCwd(ctx, line, `file://${encodeURI(cwd)}`);
      line = marked;
    }
    out += `\n${line}`;
  }
  return out;
}

/**
 * The text for an error (the `base` of formatRaw). Adds `cause` and an
 * AggregateError's `errors` to `keys`, and drops keys the stack shows.
 */
export function formatError(
  err: any, constructor: string | null, tag: string, ctx: InspectContext, keys: PropertyKey[], formatValue: FormatValue,
): string {
  const name = err.name != null ? String(err.name) : 'Error';
  let stack = getStackString(ctx, err, formatValue);
  removeDuplicateErrorKeys(ctx, keys, err, stack);
  if ('cause' in err && (keys.length === 0 || !keys.includes('cause'))) keys.push('cause');
  if (Array.isArray(err.errors) && (keys.length === 0 || !keys.includes('errors'))) keys.push('errors');
  stack = improveStack(stack, constructor, name, tag);
  // The frames start after the message, which may itself contain "\n    at".
  let pos = (err.message && stack.indexOf(err.message)) || -1;
  if (pos !== -1) pos += err.message.length;
  const stackStart = stack.indexOf('\n    at', pos);
  if (stackStart === -1) {
    stack = `[${stack}]`;
  } else {
    let withFrames = stack.slice(0, stackStart);
    const lines = getStackFrames(ctx, err, stack.slice(stackStart + 1));
    withFrames += ctx.colors ? colorFrames(ctx, lines) : `\n${lines.join('\n')}`;
    stack = withFrames;
  }
  if (ctx.indentationLvl !== 0) stack = stack.replace(/\n/g, `\n${' '.repeat(ctx.indentationLvl)}`);
  return stack;
}
