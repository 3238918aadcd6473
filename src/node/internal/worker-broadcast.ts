/**
 * Node's BroadcastChannel (worker_threads): one-to-many messages between the
 * threads of one process. It rides on the platform's BroadcastChannel under a
 * name scoped by the process token, so channels of other processes, runtimes
 * or tabs with the same name never hear it. An open channel keeps its thread
 * alive until `close()` or `unref()`, as in Node.
 * https://nodejs.org/api/worker_threads.html#class-broadcastchannel-extends-eventtarget
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createHandle, runCallback, type LoopHandle } from './loop.js';
import { codedError } from './net-host.js';
import { processToken } from './worker-state.js';

const NativeBroadcastChannel: typeof BroadcastChannel = globalThis.BroadcastChannel;
const NativeMessageEvent: typeof MessageEvent = globalThis.MessageEvent;

export class NodeBroadcastChannel extends EventTarget {
  readonly #name: string;
  #native: BroadcastChannel | null;
  readonly #handle: LoopHandle;
  readonly #handlers = new Map<string, any>();

  constructor(...args: unknown[]) {
    super();
    if (args.length === 0) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "name" argument must be specified');
    this.#name = `${args[0] as string}`;
    this.#handle = createHandle(true);
    this.#native = new NativeBroadcastChannel(`verklet-node:${processToken()}:${this.#name}`);
    this.#native.onmessage = (e) => runCallback(() => this.dispatchEvent(new NativeMessageEvent('message', { data: e.data })));
    this.#native.onmessageerror = () =>
      runCallback(() => this.dispatchEvent(new NativeMessageEvent('messageerror', { data: new Error('Message could not be deserialized') })));
    (this.#native as any).unref?.();
  }

  get name(): string {
    return this.#name;
  }

  close(): void {
    if (!this.#native) return;
    this.#native.onmessage = null;
    this.#native.close();
    this.#native = null;
    this.#handle.close();
  }

  postMessage(...args: unknown[]): void {
    if (args.length === 0) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
    if (!this.#native) throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
    try {
      this.#native.postMessage(args[0]);
    } catch (err) {
      if (err instanceof Error && err.name === 'DataCloneError') {
        throw new DOMException(err.message.replace(/^Failed to execute '[^']+' on '[^']+': /, ''), 'DataCloneError');
      }
      throw err;
    }
  }

  ref(): this {
    if (this.#native) this.#handle.ref();
    return this;
  }

  unref(): this {
    this.#handle.unref();
    return this;
  }

  #setHandler(type: string, fn: unknown): void {
    const old = this.#handlers.get(type);
    if (old) this.removeEventListener(type, old);
    if (typeof fn === 'function') {
      this.#handlers.set(type, fn);
      this.addEventListener(type, fn as EventListener);
    } else this.#handlers.delete(type);
  }

  get onmessage(): unknown {
    return this.#handlers.get('message') ?? null;
  }

  set onmessage(fn: unknown) {
    this.#setHandler('message', fn);
  }

  get onmessageerror(): unknown {
    return this.#handlers.get('messageerror') ?? null;
  }

  set onmessageerror(fn: unknown) {
    this.#setHandler('messageerror', fn);
  }

  [Symbol.for('nodejs.util.inspect.custom')](depth: number): string {
    if (depth < 0) return 'BroadcastChannel';
    return `BroadcastChannel { name: '${this.#name}', active: ${this.#native !== null} }`;
  }
}

Object.defineProperty(NodeBroadcastChannel, 'name', { value: 'BroadcastChannel' });
