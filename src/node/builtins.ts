/**
 * The registry of built-in module names (Node 24's `module.builtinModules`)
 * and how each is created. Pure modules live in this folder; modules that
 * talk to the kernel (fs, child_process, http, net…) are injected by the
 * worker through NodeHostContext.builtins and registered here.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as assert from './assert.js';
import * as asyncHooks from './async_hooks.js';
import * as buffer from './buffer.js';
import * as constants from './constants.js';
import * as crypto from './crypto.js';
import * as diagnosticsChannel from './diagnostics_channel.js';
import * as dns from './dns.js';
import * as events from './events.js';
import * as moduleMod from './module.js';
import * as os from './os.js';
import * as path from './path.js';
import * as perfHooks from './perf_hooks.js';
import * as querystring from './querystring.js';
import * as readline from './readline.js';
import * as stream from './stream.js';
import * as stringDecoder from './string_decoder.js';
import * as timers from './timers.js';
import * as tty from './tty.js';
import * as url from './url.js';
import * as util from './util.js';
import * as v8 from './v8.js';
import * as vm from './vm.js';
import * as workerThreads from './worker_threads.js';
import * as zlib from './zlib.js';
import * as dgram from './dgram.js';
import * as http2 from './http2.js';
import * as inspector from './inspector.js';
import * as tls from './tls.js';
import * as traceEvents from './trace_events.js';
import * as consoleMod from './console.js';
import cluster from './cluster.js';
import * as testRunner from './test-runner.js';

/** Node 24.12.0's require('module').builtinModules. */
export const BUILTIN_MODULES = [
  '_http_agent', '_http_client', '_http_common', '_http_incoming', '_http_outgoing', '_http_server',
  '_stream_duplex', '_stream_passthrough', '_stream_readable', '_stream_transform', '_stream_wrap',
  '_stream_writable', '_tls_common', '_tls_wrap', 'assert', 'assert/strict', 'async_hooks', 'buffer',
  'child_process', 'cluster', 'console', 'constants', 'crypto', 'dgram', 'diagnostics_channel', 'dns',
  'dns/promises', 'domain', 'events', 'fs', 'fs/promises', 'http', 'http2', 'https', 'inspector',
  'inspector/promises', 'module', 'net', 'os', 'path', 'path/posix', 'path/win32', 'perf_hooks', 'process',
  'punycode', 'querystring', 'readline', 'readline/promises', 'repl', 'stream', 'stream/consumers',
  'stream/promises', 'stream/web', 'string_decoder', 'sys', 'timers', 'timers/promises', 'tls',
  'trace_events', 'tty', 'url', 'util', 'util/types', 'v8', 'vm', 'wasi', 'worker_threads', 'zlib',
  'node:sea', 'node:sqlite', 'node:test', 'node:test/reporters',
];

const def = (m: any) => m.default ?? m;

const local: Record<string, () => unknown> = {
  assert: () => def(assert),
  'assert/strict': () => def(assert).strict,
  async_hooks: () => def(asyncHooks),
  buffer: () => def(buffer),
  console: () => (globalThis as any).console,
  cluster: () => cluster,
  constants: () => def(constants),
  crypto: () => def(crypto),
  dgram: () => def(dgram),
  diagnostics_channel: () => def(diagnosticsChannel),
  dns: () => def(dns),
  'dns/promises': () => def(dns).promises,
  events: () => def(events),
  http2: () => def(http2),
  inspector: () => def(inspector),
  'inspector/promises': () => def(inspector),
  module: () => def(moduleMod),
  os: () => def(os),
  path: () => def(path),
  'path/posix': () => def(path),
  'path/win32': () => def(path).win32,
  perf_hooks: () => def(perfHooks),
  process: () => (globalThis as any).process,
  querystring: () => def(querystring),
  readline: () => def(readline),
  'readline/promises': () => def(readline).promises,
  stream: () => def(stream),
  'stream/promises': () => def(stream).promises,
  'stream/web': () => stream.web,
  'stream/consumers': () => stream.consumers,
  _stream_duplex: () => def(stream).Duplex,
  _stream_passthrough: () => def(stream).PassThrough,
  _stream_readable: () => def(stream).Readable,
  _stream_transform: () => def(stream).Transform,
  _stream_writable: () => def(stream).Writable,
  string_decoder: () => def(stringDecoder),
  sys: () => def(util),
  timers: () => def(timers),
  tls: () => def(tls),
  trace_events: () => def(traceEvents),
  'timers/promises': () => def(timers).promises,
  tty: () => def(tty),
  url: () => def(url),
  util: () => def(util),
  'util/types': () => def(util).types,
  v8: () => def(v8),
  vm: () => def(vm),
  worker_threads: () => def(workerThreads),
  zlib: () => def(zlib),
  // Only reachable as node:test (isBuiltin('test') stays false, as in Node).
  test: () => def(testRunner),
};
void consoleMod;

const cache = new Map<string, unknown>();
let injected: Record<string, () => unknown> = {};

/** Register the worker-provided modules (fs, child_process, http, net…). */
export function setInjectedBuiltins(b: Record<string, () => unknown> | undefined): void {
  injected = b ?? {};
  cache.clear();
}

function canonical(id: string): string {
  return id.startsWith('node:') ? id.slice(5) : id;
}

/** Whether `id` names a built-in (with or without the node: prefix). */
export function isBuiltin(id: string): boolean {
  if (typeof id !== 'string') return false;
  if (id.startsWith('node:')) {
    const bare = id.slice(5);
    return BUILTIN_MODULES.includes(bare) || BUILTIN_MODULES.includes(id) || bare in injected;
  }
  return BUILTIN_MODULES.includes(id) || id in injected;
}

function unsupported(name: string): Error {
  const e = new Error(`The built-in module '${name}' is not available in the browser runtime (Verklet). It needs the server backend.`) as any;
  e.code = 'ERR_VERKLET_UNSUPPORTED_BUILTIN';
  return e;
}

/** Load a built-in's exports (cached). */
export function loadBuiltin(id: string): unknown {
  const name = canonical(id);
  if (cache.has(name)) return cache.get(name);
  let factory = injected[name] ?? injected[id] ?? local[name];
  if (!factory && name === 'fs/promises' && injected.fs) factory = () => (injected.fs!() as any).promises;
  if (!factory) throw unsupported(name);
  const value = factory();
  cache.set(name, value);
  return value;
}

/** Node's builtinModules list plus anything injected that Node lacks. */
export function builtinList(): string[] {
  const extra = Object.keys(injected).filter((k) => !BUILTIN_MODULES.includes(k));
  return [...BUILTIN_MODULES, ...extra];
}

export const builtinAccess = { has: isBuiltin, load: loadBuiltin, list: builtinList };
