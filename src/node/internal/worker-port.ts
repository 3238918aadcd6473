/**
 * Node's `MessagePort` and `MessageChannel` (worker_threads), over the
 * platform's MessagePorts. Each Node port owns one native port (or, for a
 * Worker's public port, a lane of the thread's wire) and adds what Node has:
 * EventEmitter-style listeners that get the message itself, `ref`/`unref`
 * (a port with 'message' listeners keeps its thread alive), 'close' on both
 * ends, and `receiveMessageOnPort`.
 *
 * Messages are structured clones, so SharedArrayBuffers stay shared and
 * ArrayBuffers in a transfer list move. A Node port in a transfer list
 * travels as its native port and becomes a Node port again on arrival, with
 * the messages it had received but not yet delivered.
 *
 * receiveMessageOnPort reads messages that have reached this thread: those
 * sent from this thread over a channel it created (delivered at once, as in
 * Node), and those from other threads once this thread's event loop has taken
 * them in. A thread that blocks (Atomics.wait) and then polls a port for a
 * message from another thread never sees it: the platform has no synchronous
 * way to read a MessagePort.
 * https://nodejs.org/api/worker_threads.html#class-messageport
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { NodeEventTarget } from './worker-event-target.js';
import { addImmediate, createHandle, hasRefs, runCallback, type LoopHandle } from './loop.js';
import { codedError } from './net-host.js';
import type { PortEnvelope } from './worker-protocol.js';

/** The platform's classes, taken before anything can replace the globals. */
const NativeMessageChannel: typeof MessageChannel = globalThis.MessageChannel;
const NativePort: typeof MessagePort = globalThis.MessagePort;
const NativeMessageEvent: typeof MessageEvent = globalThis.MessageEvent;

const nativeSetTimeout = globalThis.setTimeout.bind(globalThis);
const PLATFORM_CLOSE_DELAY_MS = 20;

/** How a Node port reaches its peer. */
export interface PortTransport {
  send(env: PortEnvelope, transfer: Transferable[]): void;
  /** The native port, when the Node port can be transferred. */
  readonly native: MessagePort | null;
  /** Lets the native port go (after close or transfer). */
  release(): void;
}

interface Queued {
  env: PortEnvelope;
  /** Whether the envelope may hold native ports that still need Node ports. */
  ports: boolean;
}

const untransferable = new WeakSet<object>();
const uncloneable = new WeakSet<object>();
let constructing = false;

/** A DataCloneError as Node throws it (a DOMException with code 25). */
export function dataCloneError(message: string): Error {
  return new DOMException(message, 'DataCloneError');
}

/** The browser prefixes clone errors with where they happened; Node says only what failed. */
function nodeCloneError(err: unknown, value: unknown): unknown {
  if (!(err instanceof Error) || err.name !== 'DataCloneError') return err;
  if (holdsNodePort(value, new Set())) return dataCloneError('Object that needs transfer was found in message but not listed in transferList');
  const message = err.message.replace(/^Failed to execute '[^']+' on '[^']+': /, '');
  return message === err.message ? err : dataCloneError(message);
}

function holdsNodePort(v: unknown, seen: Set<unknown>): boolean {
  if (v instanceof NodeMessagePort) return true;
  if (!v || typeof v !== 'object' || seen.has(v)) return false;
  seen.add(v);
  if (v instanceof Map) return [...v].some(([k, x]) => holdsNodePort(k, seen) || holdsNodePort(x, seen));
  if (v instanceof Set) return [...v].some((x) => holdsNodePort(x, seen));
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return false;
  return Object.values(v).some((x) => holdsNodePort(x, seen));
}

function isPlainContainer(v: object): boolean {
  return Array.isArray(v) || Object.prototype.toString.call(v) === '[object Object]';
}

/** A copy of `v` with each Node port replaced by its native port (send side). */
function swapOut(v: unknown, memo: Map<object, unknown>): unknown {
  if (!v || typeof v !== 'object') return v;
  if (v instanceof NodeMessagePort) return v.native;
  if (memo.has(v)) return memo.get(v);
  if (v instanceof Map) {
    const out = new Map();
    memo.set(v, out);
    for (const [k, x] of v) out.set(swapOut(k, memo), swapOut(x, memo));
    return out;
  }
  if (v instanceof Set) {
    const out = new Set();
    memo.set(v, out);
    for (const x of v) out.add(swapOut(x, memo));
    return out;
  }
  if (!isPlainContainer(v)) return v;
  const out: any = Array.isArray(v) ? new Array(v.length) : {};
  memo.set(v, out);
  for (const key of Object.keys(v)) out[key] = swapOut((v as any)[key], memo);
  return out;
}

/** Replaces native ports inside a received value with Node ports, in place (receive side). */
function swapIn(v: unknown, made: Map<MessagePort, NodeMessagePort>, seen: Set<object>): unknown {
  if (!v || typeof v !== 'object') return v;
  if (v instanceof NativePort) {
    let port = made.get(v);
    if (!port) made.set(v, (port = NodeMessagePort.adopt(v, [])));
    return port;
  }
  if (seen.has(v)) return v;
  seen.add(v);
  if (v instanceof Map) {
    const entries = [...v].map(([k, x]) => [swapIn(k, made, seen), swapIn(x, made, seen)] as const);
    v.clear();
    for (const [k, x] of entries) v.set(k, x);
  } else if (v instanceof Set) {
    const items = [...v].map((x) => swapIn(x, made, seen));
    v.clear();
    for (const x of items) v.add(x);
  } else if (isPlainContainer(v)) {
    for (const key of Object.keys(v)) (v as any)[key] = swapIn((v as any)[key], made, seen);
  }
  return v;
}

/** Native ports held by a raw envelope (so they go along when it is handed on). */
function nativesIn(v: unknown, out: Set<MessagePort>, seen: Set<object>): void {
  if (!v || typeof v !== 'object' || seen.has(v)) return;
  seen.add(v);
  if (v instanceof NativePort) {
    out.add(v);
    return;
  }
  if (ArrayBuffer.isView(v) || v instanceof ArrayBuffer) return;
  const items = v instanceof Map ? [...v].flat() : v instanceof Set ? [...v] : Object.values(v);
  for (const x of items) nativesIn(x, out, seen);
}

/** Node's transferList argument: an iterable, or `{ transfer }`. */
function transferListOf(options: unknown): unknown[] {
  if (options === undefined || options === null) return [];
  if (typeof options === 'object' && !(Symbol.iterator in options)) {
    const t = (options as { transfer?: unknown }).transfer;
    if (t === undefined || t === null) return [];
    options = t;
  }
  if (typeof options !== 'object' || !(Symbol.iterator in (options as object))) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'Optional transferList argument must be an iterable');
  }
  return [...(options as Iterable<unknown>)];
}

function isTransferable(v: unknown): boolean {
  if (v instanceof ArrayBuffer || v instanceof NativePort) return true;
  for (const name of ['ReadableStream', 'WritableStream', 'TransformStream', 'ImageBitmap', 'OffscreenCanvas']) {
    const C = (globalThis as any)[name];
    if (typeof C === 'function' && v instanceof C) return true;
  }
  return false;
}

/** A message ready to post: the envelope and what its clone must transfer. */
export interface Prepared {
  env: PortEnvelope & { k: 'm' };
  transfer: Transferable[];
  /** Node ports that move with the message: detached once it is sent. */
  moving: NodeMessagePort[];
}

/**
 * Checks a transfer list as Node does and swaps Node ports for native ones.
 * Nothing changes until `commit()`; a failed post leaves the ports usable.
 */
export function prepareMessage(value: unknown, options: unknown, source: NodeMessagePort | null): Prepared {
  const list = transferListOf(options);
  const transfer: Transferable[] = [];
  const moving: NodeMessagePort[] = [];
  const seen = new Set<unknown>();
  for (const item of list) {
    if (item instanceof NodeMessagePort) {
      if (item === source) throw dataCloneError('Transfer list contains source port');
      if (seen.has(item)) throw dataCloneError('Transfer list contains duplicate MessagePort');
      if (!item.native || item.detached) throw dataCloneError('MessagePort in transfer list is already detached');
      seen.add(item);
      moving.push(item);
      continue;
    }
    if (!isTransferable(item)) throw dataCloneError('Found invalid value in transferList.');
    if (untransferable.has(item as object)) throw dataCloneError('Cannot transfer object of unsupported type.');
    if (seen.has(item)) throw dataCloneError(item instanceof ArrayBuffer ? 'Transfer list contains duplicate ArrayBuffer' : 'Found invalid value in transferList.');
    seen.add(item);
    transfer.push(item as Transferable);
  }
  if (value && typeof value === 'object' && uncloneable.has(value)) throw dataCloneError('Cannot clone object of unsupported type.');
  if (!moving.length) return { env: { k: 'm', v: value }, transfer, moving };
  const v = swapOut(value, new Map());
  const pend: [MessagePort, PortEnvelope[]][] = [];
  for (const port of moving) {
    const native = port.native!;
    transfer.push(native);
    const queued = port.pending();
    if (queued.length) {
      pend.push([native, queued]);
      const inner = new Set<MessagePort>();
      nativesIn(queued, inner, new Set());
      transfer.push(...inner);
    }
  }
  return { env: pend.length ? { k: 'm', v, pend } : { k: 'm', v }, transfer, moving };
}

/** Posts a prepared message with `post`, mapping clone errors to Node's and detaching moved ports. */
export function sendPrepared(prepared: Prepared, value: unknown, post: (env: PortEnvelope, transfer: Transferable[]) => void): void {
  try {
    post(prepared.env, prepared.transfer);
  } catch (err) {
    throw nodeCloneError(err, value);
  }
  for (const port of prepared.moving) port.detach();
}

/** The value of a received envelope, with Node ports for the native ports it carries. */
export function materialize(env: PortEnvelope & { k: 'm' }, ports: boolean): unknown {
  if (!ports) return env.v;
  const made = new Map<MessagePort, NodeMessagePort>();
  for (const [native, queued] of env.pend ?? []) made.set(native, NodeMessagePort.adopt(native, queued));
  return swapIn(env.v, made, new Set());
}

/** One macrotask per delivery, as each message is its own callback in Node. */
const pinger = new NativeMessageChannel();
const tasks: (() => void)[] = [];
pinger.port1.onmessage = () => tasks.shift()?.();
(pinger.port1 as any).unref?.();
function schedule(fn: () => void): void {
  tasks.push(fn);
  pinger.port2.postMessage(0);
}

/** A native port as a PortTransport. */
function nativeTransport(native: MessagePort): PortTransport {
  return {
    native,
    send: (env, transfer) => native.postMessage(env, transfer),
    release: () => {
      native.onmessage = null;
      native.onmessageerror = null;
      native.close();
    },
  };
}

export class NodeMessagePort extends NodeEventTarget {
  #transport!: PortTransport;
  /** The other end, while both are in this thread and came from one MessageChannel. */
  #peer: NodeMessagePort | null = null;
  readonly #queue: Queued[] = [];
  #started = false;
  #draining = false;
  #closed = false;
  #detached = false;
  /** The peer's close came another way (same-thread channel): the platform's own notice is not news. */
  #closeHeard = false;
  readonly #handle: LoopHandle = createHandle(false);

  constructor() {
    super();
    if (!constructing) throw codedError(TypeError, 'ERR_CONSTRUCT_CALL_INVALID', 'Constructor cannot be called');
  }

  /** A Node port over `transport`; `queued` are messages it had received elsewhere. */
  static create(transport: PortTransport, queued: PortEnvelope[] = []): NodeMessagePort {
    constructing = true;
    let port: NodeMessagePort;
    try {
      port = new NodeMessagePort();
    } finally {
      constructing = false;
    }
    port.#transport = transport;
    for (const env of queued) port.#queue.push({ env, ports: true });
    const native = transport.native;
    if (native) {
      native.onmessage = (e: MessageEvent) => runCallback(() => port.receive(e.data, e.ports.length > 0, true));
      native.onmessageerror = () => runCallback(() => port.#messageError());
      // Where the platform tells (a recent Chromium, Node), the peer's end going away closes this one too.
      // That notice is for ends that died without a word (a terminated thread): messages and the
      // close envelope already on their way, on this port and others, get to arrive first.
      native.addEventListener('close', () => {
        if (!port.#closeHeard) nativeSetTimeout(() => runCallback(() => port.receive({ k: 'close' }, false, true)), PLATFORM_CLOSE_DELAY_MS);
      });
      // A Node-made native port (the test harness) keeps its thread alive while it listens; the loop handle decides here.
      (native as any).unref?.();
    }
    return port;
  }

  /** A Node port for a native port that arrived in a message. */
  static adopt(native: MessagePort, queued: PortEnvelope[]): NodeMessagePort {
    return NodeMessagePort.create(nativeTransport(native), queued);
  }

  /** Two Node ports over a new native channel, linked while both stay in this thread. */
  static pair(): [NodeMessagePort, NodeMessagePort] {
    const ch = new NativeMessageChannel();
    const a = NodeMessagePort.create(nativeTransport(ch.port1));
    const b = NodeMessagePort.create(nativeTransport(ch.port2));
    a.#peer = b;
    b.#peer = a;
    return [a, b];
  }

  get native(): MessagePort | null {
    return this.#transport.native;
  }

  get detached(): boolean {
    return this.#detached;
  }

  postMessage(...args: unknown[]): void {
    if (args.length === 0) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'Not enough arguments to MessagePort.postMessage');
    const [value, options] = args;
    const prepared = prepareMessage(value, options, this);
    if (this.#closed || this.#detached) return;
    const peer = this.#peer;
    if (peer) {
      sendPrepared(prepared, value, (env, transfer) => {
        const clone = structuredClone(env, { transfer });
        peer.receive(clone, prepared.moving.length > 0, false);
      });
    } else sendPrepared(prepared, value, (env, transfer) => this.#transport.send(env, transfer));
  }

  /**
   * Takes in an envelope from the peer: delivers it now when it came in a task
   * of its own (`live`) and nothing waits before it, else queues it — until
   * the port starts, or for a later turn (Node delivers asynchronously).
   */
  receive(env: PortEnvelope, ports: boolean, live: boolean): void {
    if (this.#closed || this.#detached) return;
    if (env.k === 'close' && !this.#queue.length) {
      if (live) this.#shutdown(true);
      else schedule(() => this.#peerClosed());
      return;
    }
    this.#queue.push({ env, ports });
    if (!this.#started) return;
    if (live && !this.#draining && this.#queue.length === 1) this.#deliver(this.#queue.shift()!);
    else this.#drain();
  }

  #drain(): void {
    if (this.#draining) return;
    this.#draining = true;
    schedule(this.#step);
  }

  readonly #step = (): void => {
    this.#draining = false;
    if (!this.#started || this.#closed || this.#detached) return;
    const item = this.#queue.shift();
    if (!item) return;
    if (this.#queue.length) this.#drain();
    runCallback(() => this.#deliver(item));
  };

  #deliver(item: Queued): void {
    if (item.env.k === 'close') {
      this.#shutdown(true);
      return;
    }
    const value = materialize(item.env, item.ports);
    this.dispatch('message', value, () => new NativeMessageEvent('message', { data: value }));
  }

  #messageError(): void {
    const err = codedError(Error, 'ERR_WORKER_MESSAGE_DESERIALIZE', 'Message could not be deserialized');
    this.dispatch('messageerror', err, () => new NativeMessageEvent('messageerror', { data: err }));
  }

  /** The messages this port holds, raw, for a transfer (the port is about to move). */
  pending(): PortEnvelope[] {
    return this.#queue.map((q) => q.env);
  }

  /** Called once this port went to another thread: it is dead here. */
  detach(): void {
    this.#detached = true;
    this.#queue.length = 0;
    if (this.#peer) this.#peer.#peer = null;
    this.#peer = null;
    this.#handle.close();
    const native = this.#transport.native;
    if (native) {
      native.onmessage = null;
      native.onmessageerror = null;
    }
  }

  /** Reads one waiting message without the event loop (receiveMessageOnPort). */
  takeMessage(): { message: unknown } | undefined {
    const first = this.#queue[0];
    if (!first || first.env.k !== 'm' || this.#closed || this.#detached) return undefined;
    this.#queue.shift();
    return { message: materialize(first.env as PortEnvelope & { k: 'm' }, first.ports) };
  }

  start(): void {
    if (this.#started || this.#closed || this.#detached) return;
    this.#started = true;
    if (this.#queue.length) this.#drain();
  }

  close(): void {
    if (this.#closed || this.#detached) return;
    const peer = this.#peer;
    if (peer) {
      peer.#peer = null;
      this.#peer = null;
      peer.#closeHeard = true;
      peer.receive({ k: 'close' }, false, false);
    } else {
      try {
        this.#transport.send({ k: 'close' }, []);
      } catch {
        // the other end is gone already
      }
    }
    this.#shutdown(false);
  }

  /**
   * The other end of a same-thread channel closed. Node tells this port
   * through an async handle that keeps the loop alive only if the port is
   * ref'd: when nothing else keeps the thread alive, the thread ends first
   * and this port never hears it.
   */
  #peerClosed(): void {
    if (this.#closed || this.#detached) return;
    if (!this.#handle.hasRef() && !hasRefs()) return;
    runCallback(() => this.#shutdown(true));
  }

  /** Closes this end; `remote` when the other end's close is what we heard (emitted now, not in a later phase). */
  #shutdown(remote: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#queue.length = 0;
    this.#handle.close();
    this.#transport.release();
    if (remote) this.emit('close');
    // Node emits 'close' from the handle's close callback, a later loop phase.
    else addImmediate(() => runCallback(() => this.emit('close')));
  }

  ref(): void {
    if (!this.#closed && !this.#detached) this.#handle.ref();
  }

  unref(): void {
    this.#handle.unref();
  }

  hasRef(): boolean {
    return this.#handle.hasRef();
  }

  get onmessage(): unknown {
    return this.getHandler('message');
  }

  set onmessage(fn: unknown) {
    this.setHandler('message', fn);
  }

  get onmessageerror(): unknown {
    return this.getHandler('messageerror');
  }

  set onmessageerror(fn: unknown) {
    this.setHandler('messageerror', fn);
  }

  // Node's setupPortReferencing: the first 'message' listener refs and starts the port, removing the last unrefs it.
  protected override listenerAdded(type: string | symbol, count: number): void {
    if (type === 'message' && count === 1) {
      this.ref();
      this.start();
    }
  }

  protected override listenerRemoved(type: string | symbol, count: number): void {
    if (type === 'message' && count === 0) this.unref();
  }

  get [Symbol.toStringTag](): string {
    return 'MessagePort';
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `MessagePort [EventTarget] { active: ${!this.#closed && !this.#detached}, refed: ${this.#handle.hasRef()} }`;
  }
}

/** worker_threads.MessageChannel: two linked Node ports. */
export class NodeMessageChannel {
  readonly port1: NodeMessagePort;
  readonly port2: NodeMessagePort;
  constructor() {
    [this.port1, this.port2] = NodeMessagePort.pair();
  }
}

/** worker_threads.receiveMessageOnPort (see the module comment for what it can see). */
export function receiveMessageOnPort(port: unknown): { message: unknown } | undefined {
  if (!(port instanceof NodeMessagePort)) {
    throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "port" argument must be a MessagePort instance');
  }
  return port.takeMessage();
}

export function markAsUntransferable(obj: unknown): void {
  if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') untransferable.add(obj as object);
}

export function isMarkedAsUntransferable(obj: unknown): boolean {
  return ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') && untransferable.has(obj as object);
}

/** Marks an object that postMessage must refuse (checked for the message itself). */
export function markAsUncloneable(obj: unknown): void {
  if ((typeof obj === 'object' && obj !== null) || typeof obj === 'function') uncloneable.add(obj as object);
}

Object.defineProperty(NodeMessagePort, 'name', { value: 'MessagePort' });
Object.defineProperty(NodeMessageChannel, 'name', { value: 'MessageChannel' });
