/**
 * Persistence in the Origin Private File System. In a dedicated worker (the
 * kernel) files are written through synchronous access handles, which are
 * several times faster than `createWritable` and need no swap file; on the
 * main thread `createWritable` is used. Reads go through `getFile()` in both.
 *
 * A sync access handle holds an exclusive lock on its file while open, so a
 * read that races another context's write can fail with
 * `NoModificationAllowedError`/`InvalidStateError`; reads retry briefly.
 */
import { splitPath, type StorageBackend } from './storage-backend.js';

type SyncHandle = {
  truncate(size: number): void;
  write(data: Uint8Array, options?: { at: number }): number;
  flush(): void;
  close(): void;
};
type FileHandleWithSync = FileSystemFileHandle & { createSyncAccessHandle?: () => Promise<SyncHandle> };
type DirWithIteration = FileSystemDirectoryHandle & { keys(): AsyncIterable<string> };

export class OpfsBackend implements StorageBackend {
  readonly kind = 'opfs' as const;
  readonly #root: FileSystemDirectoryHandle;
  readonly #dirs = new Map<string, Promise<FileSystemDirectoryHandle>>();
  readonly #sync: boolean;

  private constructor(root: FileSystemDirectoryHandle, sync: boolean) {
    this.#root = root;
    this.#sync = sync;
  }

  /** Opens the origin's OPFS root; rejects when OPFS is unavailable (or `getDirectory` throws). */
  static async open(options?: { syncAccessHandles?: boolean }): Promise<OpfsBackend> {
    const storage = (globalThis.navigator as Navigator | undefined)?.storage;
    if (!storage?.getDirectory) throw new Error('OPFS is not available (navigator.storage.getDirectory is missing)');
    const root = await storage.getDirectory();
    const canSync =
      typeof (globalThis as { FileSystemSyncAccessHandle?: unknown }).FileSystemSyncAccessHandle === 'function' &&
      typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope === 'function';
    return new OpfsBackend(root, options?.syncAccessHandles ?? canSync);
  }

  /** Whether writes use synchronous access handles (dedicated workers only). */
  get syncAccessHandles(): boolean {
    return this.#sync;
  }

  async read(path: string): Promise<Uint8Array | null> {
    const file = await this.#file(path);
    return file ? new Uint8Array(await retry(() => file.arrayBuffer())) : null;
  }

  async readTail(path: string, length: number): Promise<{ tail: Uint8Array; size: number } | null> {
    const file = await this.#file(path);
    if (!file) return null;
    const tail = new Uint8Array(await retry(() => file.slice(Math.max(0, file.size - length)).arrayBuffer()));
    return { tail, size: file.size };
  }

  async write(path: string, chunks: readonly Uint8Array[]): Promise<void> {
    const parts = splitPath(path);
    const name = parts.pop()!;
    let handle: FileHandleWithSync;
    try {
      handle = (await (await this.#dir(parts, true)).getFileHandle(name, { create: true })) as FileHandleWithSync;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // A cached folder handle whose folder another context removed: look it up afresh.
      for (const k of [...this.#dirs.keys()]) if (parts.join('/').startsWith(k)) this.#dirs.delete(k);
      handle = (await (await this.#dir(parts, true)).getFileHandle(name, { create: true })) as FileHandleWithSync;
    }
    if (this.#sync && handle.createSyncAccessHandle) {
      const access = await retry(() => handle.createSyncAccessHandle!());
      try {
        access.truncate(0);
        let at = 0;
        for (const c of chunks) {
          let done = 0;
          while (done < c.length) done += access.write(c.subarray(done), { at: at + done });
          at += c.length;
        }
        // Durable before the next write: the commit protocol orders blobs, manifest, head.
        access.flush();
      } finally {
        access.close();
      }
      return;
    }
    const writable = await handle.createWritable({ keepExistingData: false });
    try {
      for (const c of chunks) await writable.write(c as Uint8Array<ArrayBuffer>);
      await writable.close();
    } catch (err) {
      await writable.abort().catch(() => {});
      throw err;
    }
  }

  async remove(path: string): Promise<void> {
    const parts = splitPath(path);
    const name = parts.pop();
    if (!name) return;
    let dir: FileSystemDirectoryHandle;
    try {
      dir = await this.#dir(parts, false);
    } catch (err) {
      if (isNotFound(err)) return;
      throw err;
    }
    try {
      await dir.removeEntry(name, { recursive: true });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    const prefix = [...parts, name].join('/');
    for (const k of [...this.#dirs.keys()]) if (k === prefix || k.startsWith(`${prefix}/`)) this.#dirs.delete(k);
  }

  async list(dir: string): Promise<string[]> {
    let handle: FileSystemDirectoryHandle;
    try {
      handle = await this.#dir(splitPath(dir), false);
    } catch (err) {
      if (isNotFound(err) || (err as Error).name === 'TypeMismatchError') return [];
      throw err;
    }
    const names: string[] = [];
    for await (const name of (handle as DirWithIteration).keys()) names.push(name);
    return names;
  }

  async #file(path: string): Promise<File | null> {
    const parts = splitPath(path);
    const name = parts.pop()!;
    try {
      const dir = await this.#dir(parts, false);
      const handle = await dir.getFileHandle(name);
      return await retry(() => handle.getFile());
    } catch (err) {
      if (isNotFound(err) || (err as Error).name === 'TypeMismatchError') return null;
      throw err;
    }
  }

  /** Folder handles are cached by path; a failed lookup is not. */
  #dir(parts: string[], create: boolean): Promise<FileSystemDirectoryHandle> {
    const key = parts.join('/');
    const cached = this.#dirs.get(key);
    if (cached) return cached;
    const p = (async () => {
      let dir = this.#root;
      for (const part of parts) dir = await dir.getDirectoryHandle(part, { create });
      return dir;
    })();
    this.#dirs.set(key, p);
    p.catch(() => {
      if (this.#dirs.get(key) === p) this.#dirs.delete(key);
    });
    return p;
  }
}

function isNotFound(err: unknown): boolean {
  return (err as Error | null)?.name === 'NotFoundError';
}

/** Retries an operation that lost a race with another context's open sync access handle. */
async function retry<T>(op: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await op();
    } catch (err) {
      const name = (err as Error | null)?.name;
      if (attempt >= 8 || (name !== 'NoModificationAllowedError' && name !== 'InvalidStateError')) throw err;
      await new Promise((r) => setTimeout(r, 5 * (attempt + 1)));
    }
  }
}
