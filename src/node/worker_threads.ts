/**
 * `worker_threads`: the main-thread view only. Spawning Node workers inside
 * a process worker is not supported yet. https://nodejs.org/api/worker_threads.html
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import EventEmitter from './events.js';

export const isMainThread = true;
export const parentPort = null;
export const workerData = null;
export const threadId = 0;
export const resourceLimits = {};
export const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');
export const MessageChannel = globalThis.MessageChannel;
export const MessagePort = globalThis.MessagePort;
export const BroadcastChannel = globalThis.BroadcastChannel;

const envData = new Map<unknown, unknown>();
export function getEnvironmentData(key: unknown): unknown {
  return envData.get(key);
}
export function setEnvironmentData(key: unknown, value: unknown): void {
  envData.set(key, value);
}
export function markAsUntransferable(): void {}
export function isMarkedAsUntransferable(): boolean {
  return false;
}
export function receiveMessageOnPort(): undefined {
  return undefined;
}
export class Worker extends (EventEmitter as any) {
  constructor() {
    super();
    const e: any = new Error('worker_threads.Worker is not supported in the browser runtime (Verklet) yet');
    e.code = 'ERR_VERKLET_UNSUPPORTED';
    throw e;
  }
}

export default {
  isMainThread, parentPort, workerData, threadId, resourceLimits, SHARE_ENV, MessageChannel, MessagePort, BroadcastChannel,
  getEnvironmentData, setEnvironmentData, markAsUntransferable, isMarkedAsUntransferable, receiveMessageOnPort, Worker,
};
