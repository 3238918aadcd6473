/**
 * Persistence in IndexedDB (through idb-keyval) for browsers or contexts
 * without OPFS. One object store maps each path to its bytes; "folders" are
 * key prefixes.
 */
import { createStore, del, delMany, get, keys, set, type UseStore } from 'idb-keyval';
import { concatChunks, splitPath, type StorageBackend } from './storage-backend.js';

export class IdbBackend implements StorageBackend {
  readonly kind = 'indexeddb' as const;
  readonly #store: UseStore;

  private constructor(store: UseStore) {
    this.#store = store;
  }

  /** Opens (creating if needed) the database; rejects when IndexedDB is unavailable. */
  static async open(dbName = 'verklet-persistence'): Promise<IdbBackend> {
    if (typeof indexedDB === 'undefined') throw new Error('IndexedDB is not available');
    const backend = new IdbBackend(createStore(dbName, 'files'));
    await get('\0probe', backend.#store);
    return backend;
  }

  async read(path: string): Promise<Uint8Array | null> {
    const v = await get<Uint8Array>(norm(path), this.#store);
    return v ?? null;
  }

  async readTail(path: string, length: number): Promise<{ tail: Uint8Array; size: number } | null> {
    const data = await this.read(path);
    if (!data) return null;
    return { tail: data.subarray(Math.max(0, data.length - length)), size: data.length };
  }

  async write(path: string, chunks: readonly Uint8Array[]): Promise<void> {
    await set(norm(path), concatChunks(chunks), this.#store);
  }

  async remove(path: string): Promise<void> {
    const p = norm(path);
    const all = await keys<string>(this.#store);
    const doomed = all.filter((k) => k === p || k.startsWith(`${p}/`));
    if (doomed.length === 1) await del(doomed[0]!, this.#store);
    else if (doomed.length) await delMany(doomed, this.#store);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = `${norm(dir)}/`;
    // A key range keeps this proportional to the folder, not the database.
    const names = new Set<string>();
    const found = await this.#store('readonly', (store) => {
      const req = store.getAllKeys(IDBKeyRange.bound(prefix, `${prefix}\uffff`));
      return new Promise<IDBValidKey[]>((resolve, reject) => {
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    });
    for (const k of found) names.add(String(k).slice(prefix.length).split('/')[0]!);
    return [...names];
  }
}

function norm(path: string): string {
  return splitPath(path).join('/');
}
