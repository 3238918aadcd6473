/**
 * Persistence in memory: lasts as long as the realm, for pages with neither
 * OPFS nor IndexedDB, and for tests (two stores sharing one instance behave
 * like two tabs sharing an origin's storage).
 */
import { concatChunks, splitPath, type StorageBackend } from './storage-backend.js';

export class MemoryBackend implements StorageBackend {
  readonly kind = 'memory' as const;
  readonly #files = new Map<string, Uint8Array>();

  async read(path: string): Promise<Uint8Array | null> {
    return this.#files.get(norm(path)) ?? null;
  }

  async readTail(path: string, length: number): Promise<{ tail: Uint8Array; size: number } | null> {
    const data = this.#files.get(norm(path));
    if (!data) return null;
    return { tail: data.subarray(Math.max(0, data.length - length)), size: data.length };
  }

  async write(path: string, chunks: readonly Uint8Array[]): Promise<void> {
    // A copy: callers may reuse their buffers, as with a real disk.
    this.#files.set(norm(path), concatChunks(chunks).slice());
  }

  async remove(path: string): Promise<void> {
    const p = norm(path);
    this.#files.delete(p);
    for (const k of [...this.#files.keys()]) if (k.startsWith(`${p}/`)) this.#files.delete(k);
  }

  async list(dir: string): Promise<string[]> {
    const prefix = `${norm(dir)}/`;
    const names = new Set<string>();
    for (const k of this.#files.keys()) if (k.startsWith(prefix)) names.add(k.slice(prefix.length).split('/')[0]!);
    return [...names];
  }

  /** Test hook: the raw bytes of every stored file. */
  files(): Map<string, Uint8Array> {
    return this.#files;
  }
}

function norm(path: string): string {
  return splitPath(path).join('/');
}
