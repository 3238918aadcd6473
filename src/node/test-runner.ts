/**
 * `node:test`, the basics: `test`/`it`, `describe`/`suite`, the
 * `before`/`after`/`beforeEach`/`afterEach` hooks, subtests through
 * `t.test()`, skip/todo, done-callback tests, and `mock.fn`/`mock.method`.
 * Tests run one after another once the file's synchronous code is done; each
 * result is printed as it settles, in the spec reporter's shape (Node 24's
 * default), with the totals when the event loop empties. A failing test sets
 * `process.exitCode` to 1. https://nodejs.org/api/test.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as assertModule from './assert.js';
import { inspect } from './util.js';

type Fn = (...args: any[]) => any;
type HookKind = 'before' | 'after' | 'beforeEach' | 'afterEach';

interface Options {
  skip?: boolean | string;
  todo?: boolean | string;
  only?: boolean;
  timeout?: number;
  concurrency?: unknown;
  signal?: AbortSignal;
}

class Node {
  name: string;
  fn: Fn | undefined;
  options: Options;
  parent: Node | null;
  suite: boolean;
  depth: number;
  children: Node[] = [];
  hooks: Record<HookKind, Fn[]> = { before: [], after: [], beforeEach: [], afterEach: [] };
  /** Subtests started through t.test(), run one after another. */
  chain: Promise<void> = Promise.resolve();
  pending = 0;
  built: Promise<void> = Promise.resolve();
  error: unknown = undefined;
  time = '';
  headerShown = false;
  failed = false;
  done = false;
  running = false;
  skipReason: string | boolean | undefined;
  todoReason: string | boolean | undefined;
  constructor(name: string, fn: Fn | undefined, options: Options, parent: Node | null, suite: boolean) {
    this.name = name;
    this.fn = fn;
    this.options = options;
    this.parent = parent;
    this.suite = suite;
    this.depth = parent ? parent.depth + 1 : -1;
    this.skipReason = options.skip || undefined;
    this.todoReason = options.todo || undefined;
  }
}

const counts = { tests: 0, suites: 0, pass: 0, fail: 0, cancelled: 0, skipped: 0, todo: 0 };
const failures: Node[] = [];
const startedAt = performance.now();
const root = new Node('<root>', undefined, {}, null, true);
let rootChain: Promise<void> = Promise.resolve();
let collecting: Node | null = null;
let summaryHooked = false;

function proc(): any {
  return (globalThis as any).process;
}

function out(line: string): void {
  proc()?.stdout?.write(line + '\n');
}

function indent(depth: number): string {
  return '  '.repeat(Math.max(0, depth));
}

function ms(start: number): string {
  return `${(performance.now() - start).toFixed(6).replace(/0+$/, '').replace(/\.$/, '')}ms`;
}

function hookSummary(): void {
  if (summaryHooked) return;
  summaryHooked = true;
  proc()?.once?.('beforeExit', () => {
    // A test still running when the loop empties never settled (a promise left pending).
    for (const n of running) {
      if (n.done) continue;
      n.done = true;
      counts.fail++;
      n.failed = true;
      n.error = new Error('Promise resolution is still pending but the event loop has already resolved');
      failures.push(n);
      out(`${indent(n.depth)}✖ ${n.name}`);
    }
    const total = performance.now() - startedAt;
    out(`ℹ tests ${counts.tests}`);
    out(`ℹ suites ${counts.suites}`);
    out(`ℹ pass ${counts.pass}`);
    out(`ℹ fail ${counts.fail}`);
    out(`ℹ cancelled ${counts.cancelled}`);
    out(`ℹ skipped ${counts.skipped}`);
    out(`ℹ todo ${counts.todo}`);
    out(`ℹ duration_ms ${total.toFixed(6).replace(/0+$/, '').replace(/\.$/, '')}`);
    if (failures.length) {
      out('');
      out('✖ failing tests:');
      for (const f of failures) {
        out('');
        out(`✖ ${f.name}${f.time ? ` (${f.time})` : ''}`);
        out(formatError(f.error, 1));
      }
      const p = proc();
      if (p && !p.exitCode) p.exitCode = 1;
    }
  });
}

const running = new Set<Node>();

function formatError(err: unknown, depth: number): string {
  let text: string;
  try {
    text = inspect(err);
  } catch {
    text = String(err);
  }
  return text.split('\n').map((l) => indent(depth) + l).join('\n');
}

function parseArgs(args: any[]): { name: string; options: Options; fn: Fn | undefined } {
  let name: any;
  let options: any = {};
  let fn: any;
  for (const a of args) {
    if (typeof a === 'function') fn = a;
    else if (typeof a === 'string') name = a;
    else if (a && typeof a === 'object') options = a;
  }
  if (name === undefined) name = fn?.name || '<anonymous>';
  return { name, options, fn };
}

/** Runs a hook or test body: promise-returning, or (with two parameters) done-callback style. */
function invoke(fn: Fn, thisArg: unknown, ctx: unknown, timeout?: number): Promise<void> {
  const body = new Promise<void>((resolve, reject) => {
    if (fn.length >= 2) {
      let settled = false;
      const done = (err?: unknown) => {
        if (settled) return;
        settled = true;
        if (err) reject(err);
        else resolve();
      };
      try {
        const r = fn.call(thisArg, ctx, done);
        if (r && typeof r.then === 'function') r.then(undefined, (e: unknown) => done(e ?? new Error('rejected')));
      } catch (e) {
        done(e);
      }
      return;
    }
    try {
      Promise.resolve(fn.call(thisArg, ctx)).then(() => resolve(), reject);
    } catch (e) {
      reject(e);
    }
  });
  if (!timeout || !Number.isFinite(timeout)) return body;
  let timer: any;
  return Promise.race([
    body,
    new Promise<void>((_, reject) => {
      timer = setTimeout(() => reject(Object.assign(new Error(`test timed out after ${timeout}ms`), { code: 'ERR_TEST_FAILURE', failureType: 'testTimeoutFailure' })), timeout);
    }),
  ]).finally(() => clearTimeout(timer));
}

function ancestors(node: Node): Node[] {
  const list: Node[] = [];
  for (let n = node.parent; n; n = n.parent) list.unshift(n);
  return list;
}

class TestContext {
  #node: Node;
  mock: MockTracker;
  constructor(node: Node) {
    this.#node = node;
    this.mock = new MockTracker();
  }
  get name(): string {
    return this.#node.name;
  }
  get fullName(): string {
    return [...ancestors(this.#node).filter((n) => n !== root).map((n) => n.name), this.#node.name].join(' > ');
  }
  get signal(): AbortSignal {
    return new AbortController().signal;
  }
  get assert(): any {
    return assertModule.default ?? assertModule;
  }
  diagnostic(message: string): void {
    out(`${indent(this.#node.depth + 1)}ℹ ${message}`);
  }
  skip(message?: string): void {
    this.#node.skipReason = message ?? true;
  }
  todo(message?: string): void {
    this.#node.todoReason = message ?? true;
  }
  plan(): void {}
  runOnly(): void {}
  before(fn: Fn): void {
    this.#node.hooks.before.push(fn);
  }
  after(fn: Fn): void {
    this.#node.hooks.after.push(fn);
  }
  beforeEach(fn: Fn): void {
    this.#node.hooks.beforeEach.push(fn);
  }
  afterEach(fn: Fn): void {
    this.#node.hooks.afterEach.push(fn);
  }
  test(...args: any[]): Promise<void> {
    const { name, options, fn } = parseArgs(args);
    const parent = this.#node;
    const child = new Node(name, fn, options, parent, false);
    parent.children.push(child);
    parent.pending++;
    const run = parent.chain.then(() => runTest(child));
    parent.chain = run.finally(() => void parent.pending--);
    return run;
  }
}

class SuiteContext {
  #node: Node;
  constructor(node: Node) {
    this.#node = node;
  }
  get name(): string {
    return this.#node.name;
  }
  get signal(): AbortSignal {
    return new AbortController().signal;
  }
}

/** `▶ name` before a test's first subtest line (suites print theirs when they start). */
function showHeader(node: Node | null): void {
  if (!node || node === root || node.headerShown) return;
  showHeader(node.parent);
  node.headerShown = true;
  out(`${indent(node.depth)}▶ ${node.name}`);
}

function report(node: Node, start: number): void {
  node.done = true;
  running.delete(node);
  showHeader(node.parent);
  const pad = indent(node.depth);
  if (node.suite) counts.suites++;
  else counts.tests++;
  const time = ms(start);
  node.time = time;
  if (node.skipReason !== undefined && !node.failed) {
    if (!node.suite) counts.skipped++;
    out(`${pad}﹣ ${node.name} (${time}) # ${typeof node.skipReason === 'string' ? node.skipReason : 'SKIP'}`);
    return;
  }
  if (node.todoReason !== undefined) {
    if (!node.suite) counts.todo++;
    out(`${pad}${node.failed ? '✖' : '✔'} ${node.name} (${time}) # ${typeof node.todoReason === 'string' ? node.todoReason : 'TODO'}`);
    return;
  }
  if (node.failed) {
    if (!node.suite) counts.fail++;
    if ((node.error as any)?.failureType !== 'subtestsFailed') failures.push(node);
    out(`${pad}✖ ${node.name} (${time})`);
    return;
  }
  if (!node.suite) counts.pass++;
  out(`${pad}✔ ${node.name} (${time})`);
}

async function runHooks(kind: HookKind, nodes: Node[], ctx: unknown): Promise<void> {
  for (const n of nodes) for (const h of n.hooks[kind]) await invoke(h, undefined, ctx);
}

async function runTest(node: Node): Promise<void> {
  const start = performance.now();
  running.add(node);
  if (node.skipReason !== undefined || !node.fn) {
    if (!node.fn && node.skipReason === undefined) node.todoReason ??= undefined;
    report(node, start);
    return;
  }
  const ctx = new TestContext(node);
  const chain = ancestors(node);
  try {
    await runHooks('beforeEach', chain, ctx);
    await invoke(node.fn, ctx, ctx, node.options.timeout);
    // Subtests started without await still belong to this test.
    while (node.pending > 0) await node.chain;
    await runHooks('afterEach', [...chain].reverse(), ctx);
  } catch (err) {
    node.failed = true;
    node.error = err;
  }
  try {
    await runHooks('after', [node], ctx);
  } catch (err) {
    if (!node.failed) {
      node.failed = true;
      node.error = err;
    }
  }
  ctx.mock.restoreAll();
  if (node.children.some((c) => c.failed) && !node.failed) {
    node.failed = true;
    node.error = Object.assign(new Error(`${node.children.filter((c) => c.failed).length} subtest failed`), { code: 'ERR_TEST_FAILURE', failureType: 'subtestsFailed' });
  }
  report(node, start);
}

async function runSuite(node: Node): Promise<void> {
  const start = performance.now();
  running.add(node);
  showHeader(node);
  try {
    await node.built;
  } catch (err) {
    node.failed = true;
    node.error = err;
  }
  if (!node.failed && node.skipReason === undefined) {
    const ctx = new SuiteContext(node);
    try {
      await runHooks('before', [node], ctx);
      for (const child of node.children) {
        if (node.skipReason !== undefined) child.skipReason ??= true;
        await (child.suite ? runSuite(child) : runTest(child));
      }
    } catch (err) {
      node.failed = true;
      node.error = err;
    }
    try {
      await runHooks('after', [node], ctx);
    } catch (err) {
      if (!node.failed) {
        node.failed = true;
        node.error = err;
      }
    }
  } else if (node.skipReason !== undefined) {
    for (const child of node.children) {
      child.skipReason ??= true;
      await (child.suite ? runSuite(child) : runTest(child));
    }
  }
  if (!node.failed && node.children.some((c) => c.failed)) {
    node.failed = true;
    node.error = Object.assign(new Error(`${node.children.filter((c) => c.failed).length} subtests failed`), { code: 'ERR_TEST_FAILURE', failureType: 'subtestsFailed' });
  }
  report(node, start);
}

let rootStarted = false;
let rootHooksDone = false;
function enqueueTop(node: Node): Promise<void> {
  hookSummary();
  const run = rootChain.then(async () => {
    if (!rootStarted) {
      rootStarted = true;
      try {
        await runHooks('before', [root], undefined);
      } catch (err) {
        out(formatError(err, 0));
        const p = proc();
        if (p) p.exitCode = 1;
      }
    }
    await (node.suite ? runSuite(node) : runTest(node));
  });
  rootChain = run.catch(() => {});
  if (!rootHooksDone) {
    rootHooksDone = true;
    proc()?.once?.('beforeExit', () => {
      if (root.hooks.after.length) void runHooks('after', [root], undefined).catch((err) => out(formatError(err, 0)));
    });
  }
  return run;
}

function addTest(args: any[], suite: boolean, extra?: Options): Promise<void> {
  const { name, options, fn } = parseArgs(args);
  const opts = { ...options, ...extra };
  const parent = collecting ?? root;
  const node = new Node(name, fn, opts, parent, suite);
  parent.children.push(node);
  if (suite) {
    const prev = collecting;
    collecting = node;
    try {
      const r = fn ? fn.call(undefined, new SuiteContext(node)) : undefined;
      if (r && typeof r.then === 'function') node.built = Promise.resolve(r).then(() => {});
    } catch (err) {
      node.built = Promise.reject(err);
      node.built.catch(() => {});
    } finally {
      collecting = prev;
    }
  }
  if (parent === root) return enqueueTop(node);
  return Promise.resolve();
}

function withVariants(base: (args: any[], extra?: Options) => Promise<void>): any {
  const f: any = (...args: any[]) => base(args);
  f.skip = (...args: any[]) => base(args, { skip: true });
  f.todo = (...args: any[]) => base(args, { todo: true });
  f.only = (...args: any[]) => base(args, { only: true });
  return f;
}

export const test: any = withVariants((args, extra) => addTest(args, false, extra));
export const it: any = test;
export const describe: any = withVariants((args, extra) => addTest(args, true, extra));
export const suite: any = describe;

function hook(kind: HookKind) {
  return (fn: Fn) => {
    (collecting ?? root).hooks[kind].push(fn);
  };
}
export const before = hook('before');
export const after = hook('after');
export const beforeEach = hook('beforeEach');
export const afterEach = hook('afterEach');

// ------------------------------------------------------------------ mock

interface Call {
  arguments: unknown[];
  error: unknown;
  result: unknown;
  stack: Error;
  target: unknown;
  this: unknown;
}

class MockFunctionContext {
  calls: Call[] = [];
  #impl: Fn;
  #original: Fn;
  #once = new Map<number, Fn>();
  #restore: () => void;
  constructor(original: Fn, impl: Fn, restore: () => void) {
    this.#original = original;
    this.#impl = impl;
    this.#restore = restore;
  }
  callCount(): number {
    return this.calls.length;
  }
  mockImplementation(fn: Fn): void {
    this.#impl = fn;
  }
  mockImplementationOnce(fn: Fn, onCall?: number): void {
    this.#once.set(onCall ?? this.calls.length, fn);
  }
  resetCalls(): void {
    this.calls = [];
  }
  restore(): void {
    this.#impl = this.#original;
    this.#restore();
  }
  /** The implementation for the next call. */
  _next(): Fn {
    const n = this.calls.length;
    const once = this.#once.get(n);
    if (once) {
      this.#once.delete(n);
      return once;
    }
    return this.#impl;
  }
}

export class MockTracker {
  #mocks: MockFunctionContext[] = [];

  fn(original: Fn = function () {}, implementation: Fn | object = original, _options?: object): any {
    if (implementation && typeof implementation === 'object') implementation = original;
    return this.#make(original, implementation as Fn, () => {});
  }

  method(object: any, methodName: string | symbol, implementation?: Fn | object, options?: any): any {
    if (implementation && typeof implementation === 'object') [options, implementation] = [implementation, undefined];
    const descriptor = findDescriptor(object, methodName);
    const getter = !!options?.getter;
    const setter = !!options?.setter;
    const original = getter ? descriptor?.get : setter ? descriptor?.set : descriptor?.value ?? object[methodName];
    if (typeof original !== 'function') {
      throw Object.assign(new TypeError(`The argument 'methodName' must be a method. Received ${String(original)}`), { code: 'ERR_INVALID_ARG_VALUE' });
    }
    const own = Object.getOwnPropertyDescriptor(object, methodName);
    const restore = () => {
      if (own) Object.defineProperty(object, methodName, own);
      else delete object[methodName];
    };
    const mock = this.#make(original, (implementation as Fn) ?? original, restore);
    const next: PropertyDescriptor = { configurable: true, enumerable: descriptor?.enumerable ?? true };
    if (getter) next.get = mock;
    else if (setter) next.set = mock;
    else {
      next.value = mock;
      next.writable = true;
    }
    Object.defineProperty(object, methodName, next);
    return mock;
  }

  getter(object: any, name: string | symbol, implementation?: Fn, options?: object): any {
    return this.method(object, name, implementation, { ...options, getter: true });
  }

  setter(object: any, name: string | symbol, implementation?: Fn, options?: object): any {
    return this.method(object, name, implementation, { ...options, setter: true });
  }

  reset(): void {
    this.restoreAll();
    this.#mocks = [];
  }

  restoreAll(): void {
    for (const m of this.#mocks) m.restore();
  }

  #make(original: Fn, impl: Fn, restore: () => void): any {
    const ctx = new MockFunctionContext(original, impl, restore);
    this.#mocks.push(ctx);
    const mocked = function (this: unknown, ...args: unknown[]) {
      const fn = ctx._next();
      const call: Call = { arguments: args, error: undefined, result: undefined, stack: new Error(), target: new.target, this: this };
      try {
        call.result = new.target ? Reflect.construct(fn, args, new.target) : fn.apply(this, args);
        return call.result;
      } catch (err) {
        call.error = err;
        throw err;
      } finally {
        ctx.calls.push(call);
      }
    };
    Object.defineProperty(mocked, 'mock', { value: ctx, enumerable: false, configurable: true });
    Object.defineProperty(mocked, 'name', { value: original.name, configurable: true });
    Object.defineProperty(mocked, 'length', { value: original.length, configurable: true });
    return mocked;
  }
}

function findDescriptor(object: any, name: string | symbol): PropertyDescriptor | undefined {
  for (let o = object; o; o = Object.getPrototypeOf(o)) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (d) return d;
  }
  return undefined;
}

export const mock = new MockTracker();

export function run(): never {
  throw Object.assign(new Error('node:test run() is not supported in Verklet'), { code: 'ERR_METHOD_NOT_IMPLEMENTED' });
}

const testModule: any = test;
Object.assign(testModule, { test, it, describe, suite, before, after, beforeEach, afterEach, mock, run, MockTracker });
export default testModule;
