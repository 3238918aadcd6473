/**
 * `worker_threads`: Node worker threads. Each Worker is another browser worker
 * running the Node host in worker mode (started by the kernel, same pid, its
 * own threadId; see internal/worker-parent.ts and internal/worker-thread.ts),
 * talking to its parent over a MessagePort. MessagePort, MessageChannel and
 * BroadcastChannel are Node's (internal/worker-port.ts,
 * internal/worker-broadcast.ts).
 *
 * Where it differs from Node 24:
 * - the globals MessageChannel, MessagePort and BroadcastChannel stay the
 *   platform's (the runtime's own plumbing uses them); Node's come from here;
 * - receiveMessageOnPort sees only messages that reached this thread's event
 *   loop: polling after Atomics.wait for another thread's message finds none;
 * - SHARE_ENV changes reach the other threads asynchronously (in order with
 *   their messages); resourceLimits are accepted, reported, not enforced;
 * - `{ eval: true }` code runs as CommonJS (no ES module detection); data:
 *   URLs and postMessageToThread are refused with ERR_VERKLET_UNSUPPORTED;
 * - file descriptors are per thread; without shared memory threads see each
 *   other's file writes only as processes do (docs/architecture.md,
 *   "Filesystem consistency"), and a nested worker's threadId is unique but
 *   not Node's number.
 * https://nodejs.org/api/worker_threads.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { codedError } from './internal/net-host.js';
import { ref, runCallback, unref } from './internal/loop.js';
import { environmentData, SHARE_ENV, Worker } from './internal/worker-parent.js';
import {
  isMarkedAsUntransferable, markAsUncloneable, markAsUntransferable, NodeMessageChannel as MessageChannel, NodeMessagePort as MessagePort,
  receiveMessageOnPort,
} from './internal/worker-port.js';
import { NodeBroadcastChannel as BroadcastChannel } from './internal/worker-broadcast.js';
import { processToken } from './internal/worker-state.js';

export { Worker, SHARE_ENV, MessageChannel, MessagePort, BroadcastChannel, receiveMessageOnPort, markAsUntransferable, isMarkedAsUntransferable, markAsUncloneable };

export const isInternalThread = false;
export let isMainThread = true;
export let parentPort: MessagePort | null = null;
export let workerData: unknown = null;
export let threadId = 0;
export let threadName = '';
export let resourceLimits: Record<string, number> = {};

export function getEnvironmentData(key: unknown): unknown {
  return environmentData.get(key);
}

export function setEnvironmentData(key: unknown, value: unknown): void {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}

/** vm contexts share this realm here, so a port needs no moving. */
export function moveMessagePortToContext(port: MessagePort): MessagePort {
  return port;
}

/** Node 22's postMessageToThread: not carried between threads here. */
export function postMessageToThread(): Promise<never> {
  return Promise.reject(codedError(Error, 'ERR_VERKLET_UNSUPPORTED', 'worker_threads.postMessageToThread() is not supported in Verklet; use a MessageChannel'));
}

/**
 * Node's worker_threads.locks: Web Locks shared by the threads of this
 * process. It is the platform's LockManager with names scoped by the process
 * token, so other processes and tabs of the origin never contend with it.
 */
class LockManager {
  #native(): any {
    const native = (globalThis as any).navigator?.locks;
    if (!native) throw codedError(Error, 'ERR_VERKLET_UNSUPPORTED', 'worker_threads.locks needs the Web Locks API, which this browser lacks');
    return native;
  }

  /** A request keeps the thread alive until it settles, as Node's does. */
  request(name: unknown, ...rest: any[]): Promise<unknown> {
    const native = this.#native();
    const callback = rest.pop();
    const wrapped = typeof callback === 'function'
      ? (lock: any) => runCallback(() => callback(lock && { name: String(name), mode: lock.mode }))
      : callback;
    ref();
    return native.request(scopedLockName(String(name)), ...rest, wrapped).finally(unref);
  }

  async query(): Promise<{ held: unknown[]; pending: unknown[] }> {
    const prefix = scopedLockName('');
    const q = await this.#native().query();
    const mine = (list: any[] = []) =>
      list.filter((l) => String(l.name).startsWith(prefix)).map((l) => ({ ...l, name: String(l.name).slice(prefix.length) }));
    return { held: mine(q.held), pending: mine(q.pending) };
  }
}

function scopedLockName(name: string): string {
  return `verklet-node:${processToken()}:${name}`;
}

export const locks = new LockManager();

const api: any = {
  isInternalThread, isMainThread, MessagePort, MessageChannel, markAsUncloneable, markAsUntransferable, isMarkedAsUntransferable,
  moveMessagePortToContext, receiveMessageOnPort, resourceLimits, postMessageToThread, threadId, threadName, SHARE_ENV, Worker,
  parentPort, workerData, BroadcastChannel, setEnvironmentData, getEnvironmentData, locks,
};

/** What a worker thread sees (set by its bootstrap before user code runs). */
export function setThreadView(view: { parentPort: MessagePort; workerData: unknown; threadId: number; threadName: string; resourceLimits: Record<string, number> }): void {
  isMainThread = false;
  ({ parentPort, workerData, threadId, threadName, resourceLimits } = view);
  Object.assign(api, { isMainThread, parentPort, workerData, threadId, threadName, resourceLimits });
}

export default api;
