/**
 * Persistence of the VFS under a `persistenceKey` (docs/persistence.md): the
 * kernel opens a PersistenceStore, restores it into the VFS at boot, and
 * commits through a CommitScheduler; the facade calls clearPersistence.
 */
export { PersistenceStore, clearPersistence, collectGarbage, keyDir } from './persistence-store.js';
export type { CommitEntry, CommitInput, CommitResult, ConflictPolicy, GcReport, OpenOptions, PersistenceDiagnostic } from './persistence-store.js';
export { CommitScheduler } from './commit-scheduler.js';
export type { CommitSchedulerOptions } from './commit-scheduler.js';
export { openBackend, detectBackend, realmMemoryBackend } from './open-backend.js';
export type { BackendChoice } from './open-backend.js';
export { MemoryBackend } from './memory-backend.js';
export { IdbBackend } from './idb-backend.js';
export { OpfsBackend } from './opfs-backend.js';
export { isQuotaError } from './storage-backend.js';
export type { BackendKind, StorageBackend } from './storage-backend.js';
export { VfsPersistence } from './vfs-persistence.js';
export type { PersistedVfs, TouchedPaths, VfsPersistenceOptions } from './vfs-persistence.js';
