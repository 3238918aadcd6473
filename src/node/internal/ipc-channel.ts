/**
 * The IPC channel between a `child_process.fork()` parent and its child: one
 * MessagePort per fork, carrying `IpcWire` messages both ways. Node's default
 * 'json' serialization is kept (a message is sent as its JSON text, so what
 * arrives is exactly what Node's JSON round trip gives); 'advanced' posts the
 * value for structured cloning, as Node's V8 serializer would.
 *
 * Both ends follow lib/internal/child_process.js `setupChannel`: `send()`
 * returns true, calls back on a later tick, and after `disconnect()` fails
 * with ERR_IPC_CHANNEL_CLOSED; `{ cmd: 'NODE_…' }` messages are
 * 'internalMessage'; the child's channel keeps its loop alive only while it
 * has 'message' or 'disconnect' listeners (`_forkChild`), the parent's while
 * connected. https://nodejs.org/api/child_process.html#subprocesssendmessage-sendhandle-options-callback
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { createHandle, nextTick, runCallback, type LoopHandle } from './loop.js';

/** Messages on the IPC port, in both directions. */
export type IpcWire =
  | { type: 'ipc-message'; json: string }
  | { type: 'ipc-message'; value: unknown; advanced: true }
  | { type: 'ipc-disconnect' };

/** What the kernel hands a forked Node process (NodeHostContext.ipc). */
export interface NodeIpc {
  send(msg: IpcWire): void;
  /** Registers the one receiver; messages that came earlier are delivered then. */
  onMessage(cb: (msg: IpcWire) => void): void;
  /** Releases the port (no more messages either way). */
  close(): void;
}

/** Serialization mode of a fork (`options.serialization`). */
export type IpcSerialization = 'json' | 'advanced';

/** A NodeIpc over a MessagePort (either end). */
export function ipcOverPort(port: MessagePort): NodeIpc {
  let receiver: ((msg: IpcWire) => void) | null = null;
  const early: IpcWire[] = [];
  port.onmessage = (e: MessageEvent<IpcWire>) => {
    if (receiver) receiver(e.data);
    else early.push(e.data);
  };
  // A port with an onmessage handler keeps a Node worker_threads test alive; the loop handle decides instead.
  (port as unknown as { unref?: () => void }).unref?.();
  return {
    send: (msg) => port.postMessage(msg),
    onMessage: (cb) => {
      receiver = cb;
      for (const m of early.splice(0)) cb(m);
    },
    close: () => {
      port.onmessage = null;
      port.close();
    },
  };
}

function codedError(Ctor: ErrorConstructor, code: string, message: string): Error {
  const e: any = new Ctor(message);
  e.code = code;
  e.name = Ctor.name;
  Object.defineProperty(e, 'toString', { value: () => `${Ctor.name} [${code}]: ${message}`, enumerable: false });
  return e;
}

/** One end of the channel, bound to an EventEmitter (`process` in the child, the ChildProcess in the parent). */
class IpcEnd {
  connected = true;
  readonly #ipc: NodeIpc;
  readonly #target: any;
  readonly #mode: IpcSerialization;
  readonly handle: LoopHandle;
  #resolveClosed!: () => void;
  /** Settles once this end is disconnected (by either side or by close()). */
  readonly closed = new Promise<void>((resolve) => (this.#resolveClosed = resolve));

  constructor(target: any, ipc: NodeIpc, mode: IpcSerialization, refed: boolean) {
    this.#target = target;
    this.#ipc = ipc;
    this.#mode = mode;
    this.handle = createHandle(refed);
    ipc.onMessage((msg) => runCallback(() => this.#receive(msg)));
  }

  send(message: unknown, handle?: unknown, options?: unknown, callback?: unknown): boolean {
    if (typeof handle === 'function') [callback, handle, options] = [handle, undefined, undefined];
    else if (typeof options === 'function') [callback, options] = [options, undefined];
    if (message === undefined) throw codedError(TypeError, 'ERR_MISSING_ARGS', 'The "message" argument must be specified');
    if (callback !== undefined && typeof callback !== 'function') {
      throw codedError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "callback" argument must be of type function. Received ${typeof callback}`);
    }
    const cb = callback as ((...a: unknown[]) => void) | undefined;
    if (!this.connected) {
      const ex = codedError(Error, 'ERR_IPC_CHANNEL_CLOSED', 'Channel closed');
      if (cb) nextTick(cb, ex);
      else nextTick(() => this.#target.emit('error', ex));
      return false;
    }
    if (this.#mode === 'advanced') this.#ipc.send({ type: 'ipc-message', value: message, advanced: true });
    else this.#ipc.send({ type: 'ipc-message', json: JSON.stringify(message) });
    if (cb) nextTick(cb, null);
    return true;
  }

  disconnect(): void {
    if (!this.connected) {
      nextTick(() => this.#target.emit('error', codedError(Error, 'ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected')));
      return;
    }
    this.#ipc.send({ type: 'ipc-disconnect' });
    this.#shutdown();
  }

  /** The process is ending (child) or has ended (parent): disconnect without waiting. */
  close(): void {
    if (!this.connected) return;
    try {
      this.#ipc.send({ type: 'ipc-disconnect' });
    } catch {
      // the other end is already gone
    }
    this.#shutdown();
  }

  #shutdown(): void {
    this.connected = false;
    this.#target.connected = false;
    this.handle.close();
    this.#ipc.close();
    this.#resolveClosed();
    nextTick(() => this.#target.emit('disconnect'));
  }

  #receive(msg: IpcWire): void {
    if (!this.connected) return;
    if (msg.type === 'ipc-disconnect') {
      this.#shutdown();
      return;
    }
    const value = 'json' in msg ? JSON.parse(msg.json) : msg.value;
    const internal = value !== null && typeof value === 'object' && typeof value.cmd === 'string' && value.cmd.startsWith('NODE_');
    this.#target.emit(internal ? 'internalMessage' : 'message', value, undefined);
  }
}

function channelObject(end: IpcEnd): any {
  return {
    ref: () => end.handle.ref(),
    unref: () => end.handle.unref(),
    get fd() {
      return 3;
    },
  };
}

/**
 * Gives a forked child's `process` its end: `send`, `connected`,
 * `disconnect`, `channel` and the 'message'/'disconnect' events. Returns the
 * end so the host can `close()` it when the process exits.
 */
export function setupChildIpc(proc: any, ipc: NodeIpc, mode: IpcSerialization = 'json'): { close(): void } {
  const end = new IpcEnd(proc, ipc, mode, false);
  proc.connected = true;
  proc.send = (message: unknown, handle?: unknown, options?: unknown, callback?: unknown) => end.send(message, handle, options, callback);
  proc.disconnect = () => end.disconnect();
  proc.channel = channelObject(end);
  proc._channel = proc.channel;
  let listeners = 0;
  proc.on('newListener', (name: string | symbol) => {
    if ((name === 'message' || name === 'disconnect') && end.connected && listeners++ === 0) end.handle.ref();
  });
  proc.on('removeListener', (name: string | symbol) => {
    if ((name === 'message' || name === 'disconnect') && --listeners === 0) end.handle.unref();
  });
  return { close: () => end.close() };
}

/**
 * Gives a parent's ChildProcess its end over `port` (the other end of the
 * port the child got): `send`, `connected`, `disconnect`, `channel`,
 * 'message'/'disconnect'. At the child's exit call `close()` before emitting
 * 'exit' (Node emits 'disconnect' first); `closed` settles when the child
 * disconnected on its own, which it does when it exits.
 */
export function setupParentIpc(child: any, port: MessagePort, mode: IpcSerialization = 'json'): { close(): void; closed: Promise<void> } {
  const end = new IpcEnd(child, ipcOverPort(port), mode, true);
  child.connected = true;
  child.send = (message: unknown, handle?: unknown, options?: unknown, callback?: unknown) => end.send(message, handle, options, callback);
  child.disconnect = () => end.disconnect();
  child.channel = channelObject(end);
  return { close: () => end.close(), closed: end.closed };
}
