/**
 * Entry of the kernel worker: exposes the kernel to the facade over Comlink.
 * The facade owns this worker; `teardown` ends every process and then the
 * facade terminates the worker.
 */
import * as Comlink from 'comlink';
import { installErrorTransfer } from '../internal/worker-errors.js';
import { Kernel } from './kernel.js';
import type { KernelInit } from './protocol.js';

installErrorTransfer();

let kernel: Kernel | undefined;

function current(): Kernel {
  if (!kernel) throw new Error('kernel is not initialised');
  return kernel;
}

const api = {
  async init(init: KernelInit, events: MessagePort): Promise<{ ok: true }> {
    kernel = new Kernel(init, events);
    return { ok: true };
  },
  async spawn(
    argv: string[],
    env: Record<string, string>,
    cwd: string,
    terminal: { cols: number; rows: number } | undefined,
    io: MessagePort,
  ): Promise<number> {
    const k = current();
    return k.spawn({ argv, env, cwd, terminal, io }, 0, (code, pid) => k.emit({ type: 'exit', pid, code }));
  },
  kill(pid: number, signal: string): boolean {
    return current().kill(pid, signal);
  },
  processes() {
    return current().processes();
  },
  setHostCommands(names: string[]): void {
    current().setHostCommands(names);
  },
  teardown(): void {
    kernel?.dispose();
    kernel = undefined;
  },
};

export type KernelApi = typeof api;

Comlink.expose(api);
