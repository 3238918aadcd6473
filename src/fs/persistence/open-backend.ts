/**
 * Picks where persisted files live: OPFS when the browser gives it, else
 * IndexedDB, else memory (which lasts only as long as the realm). The choice
 * is what `capabilities.persistentFilesystem` reports.
 */
import { IdbBackend } from './idb-backend.js';
import { MemoryBackend } from './memory-backend.js';
import { OpfsBackend } from './opfs-backend.js';
import type { BackendKind, StorageBackend } from './storage-backend.js';
import type { PersistenceDiagnostic } from './persistence-store.js';

export type BackendChoice = BackendKind | 'auto' | StorageBackend;

let sharedMemory: MemoryBackend | undefined;

/** One memory backend per realm, so stores on the same key in one realm see each other's commits. */
export function realmMemoryBackend(): MemoryBackend {
  return (sharedMemory ??= new MemoryBackend());
}

/** Opens the chosen backend. An explicit kind that is unavailable rejects; 'auto' falls back and says so. */
export async function openBackend(choice: BackendChoice, diag: (d: PersistenceDiagnostic) => void = () => {}): Promise<StorageBackend> {
  if (typeof choice === 'object' && choice) return choice;
  switch (choice) {
    case 'opfs':
      return OpfsBackend.open();
    case 'indexeddb':
      return IdbBackend.open();
    case 'memory':
      return realmMemoryBackend();
    case 'auto':
      break;
    default:
      throw new TypeError(`persistence backend must be 'auto', 'opfs', 'indexeddb' or 'memory', got '${String(choice)}'`);
  }
  const reasons: string[] = [];
  try {
    return await OpfsBackend.open();
  } catch (err) {
    reasons.push(`OPFS: ${(err as Error)?.message ?? err}`);
  }
  try {
    const idb = await IdbBackend.open();
    diag({ level: 'info', code: 'EPERSIST_BACKEND', message: 'OPFS is not available; persisted files are kept in IndexedDB', detail: { backend: 'indexeddb', reasons } });
    return idb;
  } catch (err) {
    reasons.push(`IndexedDB: ${(err as Error)?.message ?? err}`);
  }
  diag({
    level: 'warn',
    code: 'EPERSIST_BACKEND',
    message: 'neither OPFS nor IndexedDB is available; files are kept in memory only and will not survive a reload',
    detail: { backend: 'memory', reasons },
  });
  return realmMemoryBackend();
}

/** Which backend `'auto'` would choose here, without opening a store. */
export async function detectBackend(): Promise<BackendKind> {
  return (await openBackend('auto')).kind;
}
