/**
 * The tarball cache of the browser runtime: content-addressed by SRI
 * integrity, stored in the origin private file system (OPFS) under
 * `verklet-npm-cache/` so it outlives the page and is shared by every runtime
 * and tab of the origin (`navigator.storage.getDirectory()` works in
 * workers). Without OPFS it falls back to memory (this process only).
 *
 * A file is named by the SHA-256 of the integrity string. Reads re-check the
 * bytes against the integrity, so a half-written or corrupted entry reads as
 * a miss (and is replaced), never as a bad install.
 */
import type { TarballCache } from './host.js';
import { digest } from './integrity.js';

export const CACHE_DIR = 'verklet-npm-cache';

async function keyOf(integrity: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(integrity)));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

async function matches(bytes: Uint8Array, integrity: string): Promise<boolean> {
  const algo = integrity.slice(0, integrity.indexOf('-'));
  if (algo !== 'sha512' && algo !== 'sha1') return bytes.length > 0;
  try {
    return (await digest(bytes, algo)) === integrity;
  } catch {
    return false;
  }
}

type Dir = FileSystemDirectoryHandle;

/** Opens the OPFS folder, or undefined when this context has no OPFS. */
async function openDir(name: string): Promise<Dir | undefined> {
  try {
    const root = await (globalThis.navigator as Navigator | undefined)?.storage?.getDirectory?.();
    if (!root) return undefined;
    return await root.getDirectoryHandle(name, { create: true });
  } catch {
    return undefined;
  }
}

export interface BrowserTarballCache extends TarballCache {
  /** 'opfs' or 'memory', once known. */
  backend(): Promise<'opfs' | 'memory'>;
}

/** A TarballCache in OPFS (`dirName` at its root), in memory where OPFS is missing. */
export function browserTarballCache(dirName = CACHE_DIR): BrowserTarballCache {
  const memory = new Map<string, Uint8Array>();
  let dir: Promise<Dir | undefined> | undefined;
  const opened = () => (dir ??= openDir(dirName));
  return {
    async backend() {
      return (await opened()) ? 'opfs' : 'memory';
    },
    async get(integrity) {
      const mem = memory.get(integrity);
      if (mem) return mem;
      const d = await opened();
      if (!d) return undefined;
      try {
        const name = await keyOf(integrity);
        const file = await (await d.getFileHandle(name)).getFile();
        const bytes = new Uint8Array(await file.arrayBuffer());
        if (!(await matches(bytes, integrity))) return undefined;
        return bytes;
      } catch {
        return undefined;
      }
    },
    async put(integrity, bytes) {
      const d = await opened();
      if (!d) {
        memory.set(integrity, bytes);
        return;
      }
      try {
        const name = await keyOf(integrity);
        // Written under a unique name, then renamed where supported: a reader never sees a partial file.
        const tmp = `${name}.${Math.random().toString(36).slice(2)}.tmp`;
        const handle = await d.getFileHandle(tmp, { create: true });
        await writeAll(handle, bytes);
        const movable = handle as FileSystemFileHandle & { move?: (dir: Dir, name: string) => Promise<void> };
        if (typeof movable.move === 'function') {
          await movable.move(d, name);
        } else {
          await writeAll(await d.getFileHandle(name, { create: true }), bytes);
          await d.removeEntry(tmp).catch(() => {});
        }
      } catch {
        // Quota or a browser without writable OPFS files: keep it for this process.
        memory.set(integrity, bytes);
      }
    },
  };
}

async function writeAll(handle: FileSystemFileHandle, bytes: Uint8Array): Promise<void> {
  const h = handle as FileSystemFileHandle & {
    createWritable?: () => Promise<FileSystemWritableFileStream>;
    createSyncAccessHandle?: () => Promise<{ truncate(n: number): void; write(b: Uint8Array, o: { at: number }): number; flush(): void; close(): void }>;
  };
  if (typeof h.createWritable === 'function') {
    const w = await h.createWritable();
    await w.write(bytes as Uint8Array<ArrayBuffer>);
    await w.close();
    return;
  }
  // Safari: only sync access handles in workers.
  const s = await h.createSyncAccessHandle!();
  try {
    s.truncate(0);
    s.write(bytes, { at: 0 });
    s.flush();
  } finally {
    s.close();
  }
}

/** Removes the whole OPFS cache folder (tests, "clear cache" buttons). */
export async function clearBrowserTarballCache(dirName = CACHE_DIR): Promise<void> {
  try {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(dirName, { recursive: true });
  } catch {
    // Nothing cached.
  }
}
