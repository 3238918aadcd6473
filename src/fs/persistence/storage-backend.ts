/**
 * The few file operations persistence needs from a place that outlives the
 * tab: whole-file reads and writes, a read of a file's tail (pack trailers),
 * removal and listing. OPFS, IndexedDB and memory implement it; tests wrap it
 * to inject faults (a write that throws after N writes, a full quota).
 *
 * Writes need not be atomic: the commit protocol (docs/persistence.md)
 * verifies every file it reads by hash or checksum and never overwrites a
 * file that the current head refers to.
 */
import { concatBytes } from '../../internal/bytes.js';

export type BackendKind = 'opfs' | 'indexeddb' | 'memory';

export interface StorageBackend {
  readonly kind: BackendKind;
  /** The whole file, or null when it does not exist. */
  read(path: string): Promise<Uint8Array | null>;
  /** The last `length` bytes (all of them when the file is shorter) and the file's size; null when missing. */
  readTail(path: string, length: number): Promise<{ tail: Uint8Array; size: number } | null>;
  /** Creates or replaces the file with the concatenation of `chunks`; parent folders are created. */
  write(path: string, chunks: readonly Uint8Array[]): Promise<void>;
  /** Removes a file, or a folder and everything in it; a missing path is not an error. */
  remove(path: string): Promise<void>;
  /** Names (not paths) of what is directly inside folder `dir`; [] when it does not exist. */
  list(dir: string): Promise<string[]>;
}

/** `a/b/c` → `['a','b','c']`, ignoring empty segments. */
export function splitPath(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** The chunks as one array (the chunk itself when there is only one). */
export function concatChunks(chunks: readonly Uint8Array[]): Uint8Array {
  return chunks.length === 1 ? chunks[0]! : concatBytes(chunks);
}

/** Whether an error means the origin's storage quota is exhausted. */
export function isQuotaError(err: unknown): boolean {
  const e = err as { name?: string; code?: number } | null;
  return !!e && (e.name === 'QuotaExceededError' || e.code === 22);
}
