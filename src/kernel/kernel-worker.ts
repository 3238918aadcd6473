/**
 * Entry of the kernel worker: exposes the kernel to the facade over Comlink.
 * The facade owns this worker; `teardown` ends every process and then the
 * facade terminates the worker.
 */
import * as Comlink from 'comlink';
import { installErrorTransfer } from '../internal/worker-errors.js';
import { Kernel } from './kernel.js';
import { KernelFs, type StatResult } from './kernel-fs.js';
import type { KernelInit, ServiceWorkerToKernel } from './protocol.js';
import type { ConnectionMeta } from '../internal/http-wire.js';
import type { Tree } from '../fs/tree-entries.js';
import { VfsPersistence } from '../fs/persistence/vfs-persistence.js';

installErrorTransfer();

let kernel: Kernel | undefined;
let fs: KernelFs | undefined;
let persistence: VfsPersistence | undefined;

function current(): Kernel {
  if (!kernel) throw new Error('kernel is not initialised');
  return kernel;
}

function vfs(): KernelFs {
  if (!fs) throw new Error('kernel is not initialised');
  return fs;
}

const api = {
  async init(
    init: KernelInit,
    events: MessagePort,
  ): Promise<{ persistence?: { backend: 'opfs' | 'indexeddb' | 'memory'; key: string; readonly: boolean } }> {
    const k = new Kernel(init, events);
    const kfs = await KernelFs.create(init.vfsUrl, init.sharedMemory, [init.workdir, '/tmp', '/usr/local/bin', '/bin', '/dev'], init.fs);
    k.setFs(kfs);
    fs = kfs;
    kernel = k;
    if (!init.persistence) return {};
    const p = await VfsPersistence.open({
      key: init.persistence.key,
      onConflict: init.persistence.onConflict,
      onDiagnostic: (d) => k.emit({ type: 'diagnostic', ...d }),
      vfs: kfs.vfs,
      dir: init.workdir,
      mount: (entries) => void kfs.mountEntries(entries, init.workdir),
    });
    persistence = p;
    kfs.onOps = (ops) => p.noteOps(ops);
    return { persistence: { backend: p.backend as 'opfs' | 'indexeddb' | 'memory', key: p.key, readonly: p.readonly } };
  },
  /** Saves pending changes now (the page is being hidden or left). */
  async flushPersistence(): Promise<void> {
    await persistence?.flush();
  },
  readFile: (path: string): Uint8Array => vfs().readFile(path),
  writeFile: (path: string, data: Uint8Array): void => vfs().writeFile(path, data),
  readdir: (path: string) => vfs().readdir(path),
  stat: (path: string): StatResult => vfs().stat(path),
  mkdir: (path: string, recursive: boolean): void => vfs().mkdir(path, recursive),
  rm: (path: string, recursive: boolean, force: boolean): void => vfs().rm(path, recursive, force),
  rename: (from: string, to: string): void => vfs().rename(from, to),
  watch(path: string, recursive: boolean): number {
    const k = current();
    return vfs().watch(path, recursive, (watchId, event, filename) => k.emit({ type: 'fs-watch', watchId, event, filename }));
  },
  unwatch: (id: number): void => vfs().unwatch(id),
  mount: (input: Tree | Uint8Array, mountPoint: string): number => vfs().mount(input, mountPoint),
  exportSnapshot(root: string, exclude: string[]): Uint8Array {
    const bytes = vfs().exportSnapshot(root, exclude);
    return Comlink.transfer(bytes, [bytes.buffer]);
  },
  exportTree: (root: string, exclude: string[]): Tree => vfs().exportTree(root, exclude),
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
  /** A connection from the page (fetchPreview) to a runtime port. */
  connect(port: number, meta: ConnectionMeta, channel: MessagePort): boolean {
    return current().connect(port, meta, channel);
  },
  /** The preview service worker's line to this kernel. */
  attachServiceWorker(line: MessagePort): void {
    line.onmessage = (e: MessageEvent<ServiceWorkerToKernel>) => {
      const msg = e.data;
      if (msg.type !== 'connect') return;
      if (!kernel || !kernel.connect(msg.port, msg.meta, msg.channel)) {
        msg.channel.postMessage({ t: 'error', message: `no server is listening on port ${msg.port}`, code: 'ECONNREFUSED' });
        msg.channel.close();
      }
    };
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
  async teardown(): Promise<void> {
    kernel?.dispose();
    kernel = undefined;
    const p = persistence;
    persistence = undefined;
    await p?.close();
  },
};

export type KernelApi = typeof api;

Comlink.expose(api);
