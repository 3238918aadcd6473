/**
 * Persistence of one filesystem tree under a key (`persistenceKey`), across
 * page loads and tabs. File contents live once, by SHA-256, in the shared
 * blob store; each key has generation manifests and a head that a commit
 * moves last, so a page killed at any moment leaves the previous or the new
 * generation whole. Web Locks keep one writer per key; a second tab waits,
 * forks or reads. The protocol is written up in docs/persistence.md.
 *
 * The store knows nothing of the VFS: the kernel hands it entry metadata and
 * a way to read a file's bytes, and mounts what `restore()` gives back.
 */
import type { SnapshotEntry } from '../snapshot-format.js';
import { BlobStore, randomId } from './blob-store.js';
import { decodeBase, decodeDelta, decodeHead, encodeBase, encodeDelta, encodeHead, type HeadRecord, type ManifestRef, type StoredEntry } from './manifest-format.js';
import { openBackend, type BackendChoice } from './open-backend.js';
import { EMPTY_SHA256, sha256, toHex } from './sha256.js';
import { isQuotaError, type BackendKind, type StorageBackend } from './storage-backend.js';
import { acquireLock, withLock, type HeldLock } from './web-locks.js';

export type ConflictPolicy = 'inherit' | 'fork' | 'readonly';

/** The shape of the runtime's `diagnostic` event (API.md). */
export interface PersistenceDiagnostic {
  level: 'info' | 'warn' | 'error';
  code: string;
  message: string;
  detail?: unknown;
}

export interface OpenOptions {
  key: string;
  /** Default 'auto': OPFS, else IndexedDB, else memory. A StorageBackend instance is used as is (tests). */
  backend?: BackendChoice;
  /** What a second writer on the same key does; default 'fork' after waiting `conflictWaitMs`. */
  onConflict?: ConflictPolicy;
  /** How long 'fork' waits for the key's lock before forking (default 1500 ms). */
  conflictWaitMs?: number;
  /** How long 'inherit' waits for the key's lock (default: for ever). On timeout, open() rejects with code EBUSY. */
  inheritTimeoutMs?: number;
  onDiagnostic?: (d: PersistenceDiagnostic) => void;
  /** Another store committed to (or cleared) this key: a read-only tab may restore again. */
  onRemoteCommit?: (e: { key: string; gen: number; cleared?: boolean }) => void;
  /** Top folder in the backend, also namespacing locks and broadcasts (default 'verklet'). */
  root?: string;
  /** Collect garbage now and then after commits (default true). */
  autoGc?: boolean;
  /** Ask for `navigator.storage.persist()` (default true). */
  requestPersist?: boolean;
}

/** File metadata for a commit: contents come from `data` or from `CommitInput.read`. */
export type CommitEntry =
  | { kind: 'dir'; path: string; mode: number; mtimeMs: number }
  | { kind: 'symlink'; path: string; mode: number; mtimeMs: number; target: string }
  | { kind: 'file'; path: string; mode: number; mtimeMs: number; size?: number; data?: Uint8Array };

/**
 * What changed since the last commit. Two ways to say it:
 *  - `entries`: the whole current tree (metadata); the store diffs it against
 *    the last generation by kind, size, mtime and mode. `changed` then names
 *    files to re-read even if their metadata looks the same.
 *  - no `entries`: `changed` paths are the only news. `lookup` gives each
 *    one's current entry (lstat; null when gone) and `walk` lists what is
 *    below a changed directory (a rename moves whole subtrees).
 * Paths are relative to the persisted root, '/'-separated, no leading '/'.
 */
export interface CommitInput {
  entries?: Iterable<CommitEntry>;
  changed?: Iterable<string>;
  read?: (path: string) => Uint8Array | Promise<Uint8Array>;
  lookup?: (path: string) => CommitEntry | null;
  walk?: (path: string) => Iterable<CommitEntry>;
}

export interface CommitResult {
  gen: number;
  /** Files whose contents were hashed, and blobs actually written. */
  hashed: number;
  written: number;
  manifest: 'base' | 'delta' | 'none';
}

export interface GcReport {
  liveBlobs: number;
  removedPacks: string[];
  writtenPacks: string[];
  freedBytes: number;
}

const S_IFDIR = 0o040000;
const DEFAULT_ROOT = 'verklet';
const MAX_DELTAS = 31;
const QUOTA_WARN = 0.9;

interface KeyState {
  head: HeadRecord | null;
  prev: HeadRecord | null;
  map: Map<string, StoredEntry>;
}

type Message =
  | { type: 'commit'; key: string; gen: number; from: string }
  | { type: 'cleared'; key: string; from: string }
  | { type: 'gc'; from: string };

/** One key's persisted tree. Create with `PersistenceStore.open()`; release with `close()`. */
export class PersistenceStore {
  /** Opens `options.key`, taking its writer lock or following `onConflict`. */
  static async open(options: OpenOptions): Promise<PersistenceStore> {
    if (typeof options?.key !== 'string' || !options.key) throw new TypeError('PersistenceStore.open: key must be a non-empty string');
    const diag = options.onDiagnostic ?? (() => {});
    const root = options.root ?? DEFAULT_ROOT;
    const backend = await openBackend(options.backend ?? 'auto', diag);
    const policy = options.onConflict;
    let key = options.key;
    let readonly = false;
    let lock = await acquireLock(keyLockName(root, key), { ifAvailable: true });
    let forkedFrom: string | undefined;
    if (!lock) {
      if (policy === 'readonly') {
        readonly = true;
        diag({ level: 'info', code: 'EPERSIST_READONLY', message: `persistence key '${key}' is open for writing elsewhere; this runtime restores it read-only and will not save changes`, detail: { key } });
      } else if (policy === 'inherit') {
        diag({ level: 'info', code: 'EPERSIST_WAITING', message: `persistence key '${key}' is open in another tab or runtime; waiting for it to close`, detail: { key } });
        lock = await acquireLock(keyLockName(root, key), { timeoutMs: options.inheritTimeoutMs });
        if (!lock) throw Object.assign(new Error(`persistence key '${key}' stayed in use for ${options.inheritTimeoutMs} ms; close the other tab or choose onConflict 'fork' or 'readonly'`), { code: 'EBUSY' });
      } else {
        lock = await acquireLock(keyLockName(root, key), { timeoutMs: options.conflictWaitMs ?? 1500 });
        if (!lock) {
          forkedFrom = key;
          for (;;) {
            key = `${options.key}~fork-${randomId(6)}`;
            lock = await acquireLock(keyLockName(root, key), { ifAvailable: true });
            if (lock) break;
          }
        }
      }
    }
    const store = new PersistenceStore(INTERNAL, { backend, root, key, readonly, lock, options, diag });
    if (forkedFrom !== undefined) {
      try {
        await store.#copyFrom(forkedFrom);
      } catch (err) {
        await store.close();
        throw err;
      }
      diag({
        level: 'warn',
        code: 'EPERSIST_FORKED',
        message: `persistence key '${forkedFrom}' is in use by another tab or runtime; this one continues as '${key}', a copy that the other will not see`,
        detail: { key: forkedFrom, forkKey: key },
      });
    }
    if (backend.kind !== 'memory' && options.requestPersist !== false) void requestPersist(diag);
    void store.#checkQuota();
    return store;
  }

  readonly backend: BackendKind;
  readonly readonly: boolean;
  /** The key in use: `options.key`, or `KEY~fork-<id>` after a fork. */
  readonly key: string;

  readonly #storage: StorageBackend;
  readonly #root: string;
  readonly #keyDir: string;
  readonly #blobs: BlobStore;
  readonly #diag: (d: PersistenceDiagnostic) => void;
  readonly #options: OpenOptions;
  readonly #id = randomId(8);
  #lock: HeldLock | null;
  #channel: BroadcastChannel | undefined;
  #state: KeyState | undefined;
  /** After damage, the next commit writes a whole base so damaged manifests drop out of the head. */
  #forceBase = false;
  /** False until the pack index is read, and again after another tab collected garbage. */
  #indexFresh = false;
  /** Paths of failed commits, folded into the next one. */
  readonly #retry = new Set<string>();
  #chain: Promise<unknown> = Promise.resolve();
  readonly #background = new Set<Promise<unknown>>();
  #commitsSinceGc = 0;
  #lastQuotaCheck = 0;
  #gcTimer: ReturnType<typeof setTimeout> | undefined;
  #closed = false;

  private constructor(
    token: symbol,
    parts: { backend: StorageBackend; root: string; key: string; readonly: boolean; lock: HeldLock | null; options: OpenOptions; diag: (d: PersistenceDiagnostic) => void },
  ) {
    if (token !== INTERNAL) throw new TypeError('use PersistenceStore.open()');
    this.#storage = parts.backend;
    this.backend = parts.backend.kind;
    this.#root = parts.root;
    this.key = parts.key;
    this.readonly = parts.readonly;
    this.#lock = parts.lock;
    this.#options = parts.options;
    this.#diag = parts.diag;
    this.#keyDir = keyDir(parts.root, parts.key);
    this.#blobs = new BlobStore(parts.backend, parts.root);
    if (typeof BroadcastChannel === 'function') {
      this.#channel = new BroadcastChannel(`${parts.root}:persistence`);
      this.#channel.onmessage = (e: MessageEvent<Message>) => this.#onMessage(e.data);
    }
  }

  /** The generation last restored or committed (0: nothing stored yet). */
  get generation(): number {
    return this.#state?.head?.gen ?? 0;
  }

  /**
   * The key's latest whole generation, with file contents, parents before
   * children; null when nothing was ever committed. Damaged manifests and
   * blobs are reported (EPERSIST_CORRUPT) and left out; the rest loads.
   */
  async restore(): Promise<SnapshotEntry[] | null> {
    this.#assertOpen();
    return this.#serial(() => this.#withGcShared(() => this.#restore().finally(() => this.#blobs.dropPrefetch())));
  }

  /**
   * Writes a new generation holding the tree `input` describes: new blobs
   * first, then a manifest (a delta, or a whole base now and then), then the
   * head. Only files whose metadata changed (or that `changed` names) are
   * read and hashed; only contents not already stored are written. A no-op
   * in a read-only store. On failure nothing becomes visible and the next
   * commit includes these changes again.
   */
  async commit(input: CommitInput): Promise<CommitResult> {
    this.#assertOpen();
    if (this.readonly) return { gen: this.generation, hashed: 0, written: 0, manifest: 'none' };
    return this.#serial(() => this.#withGcShared(() => this.#commit(input)));
  }

  /** Mark-and-sweep over every key's manifests; null when another tab is collecting or committing. */
  gc(): Promise<GcReport | null> {
    return collectGarbage(this.#storage, this.#root, this.#blobs);
  }

  /** Waits for pending commits, then releases the key. Flushing is the caller's job (CommitScheduler.flush). */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#gcTimer);
    await this.#chain.catch(() => {});
    await Promise.allSettled([...this.#background]);
    await this.#lock?.release();
    this.#lock = null;
    this.#channel?.close();
    this.#channel = undefined;
  }

  // ------------------------------------------------------------ restore

  async #restore(): Promise<SnapshotEntry[] | null> {
    await this.#blobs.refresh();
    this.#indexFresh = true;
    // When this key's contents are most of what the packs hold, read the packs while the manifests load.
    const [newest] = await readHeads(this.#storage, this.#keyDir, undefined, this.key);
    if (newest?.bytes && this.#blobs.dataBytes <= newest.bytes * 1.5 + 1024 * 1024) this.#blobs.prefetch();
    const state = await this.#loadState();
    this.#state = state;
    if (!state.head) return null;
    const wanted = new Set<string>();
    for (const e of state.map.values()) if (e.kind === 'blob' && e.size > 0) wanted.add(toHex(e.sha256));
    const { found, corrupt } = await this.#blobs.read(wanted);
    const bad = new Set(corrupt.map((c) => c.hex));
    const lost: string[] = [];
    const paths = [...state.map.keys()].sort();
    const out: SnapshotEntry[] = [];
    const have = new Map<string, StoredEntry['kind']>();
    for (const path of paths) {
      const e = state.map.get(path)!;
      const parent = parentOf(path);
      if (parent && have.get(parent) !== 'dir') {
        // A damaged manifest can leave an entry without its directory: recreate the directory,
        // unless something else holds its path (then the entry is lost).
        const missing = ancestors(path).reverse();
        if (missing.some((dir) => have.has(dir) && have.get(dir) !== 'dir')) {
          lost.push(path);
          state.map.delete(path);
          continue;
        }
        for (const dir of missing)
          if (!have.has(dir)) {
            const d: StoredEntry = { kind: 'dir', path: dir, mode: S_IFDIR | 0o755, mtimeMs: Date.now() };
            out.push(d);
            have.set(dir, 'dir');
            state.map.set(dir, d);
          }
      }
      if (e.kind === 'blob') {
        const hex = toHex(e.sha256);
        if (e.size === 0) out.push({ kind: 'file', path, mode: e.mode, mtimeMs: e.mtimeMs, data: new Uint8Array(0) });
        else if (bad.has(hex) || !found.has(hex)) {
          lost.push(path);
          state.map.delete(path);
          continue;
        } else out.push({ kind: 'file', path, mode: e.mode, mtimeMs: e.mtimeMs, data: found.get(hex)! });
      } else out.push(e);
      have.set(path, e.kind);
    }
    if (lost.length) {
      this.#forceBase = true;
      this.#diag({
        level: 'warn',
        code: 'EPERSIST_CORRUPT',
        message: `${lost.length} persisted file${lost.length === 1 ? '' : 's'} of '${this.key}' could not be restored (damaged or missing contents): ${lost.slice(0, 5).join(', ')}${lost.length > 5 ? ', …' : ''}`,
        detail: { key: this.key, paths: lost, blobs: corrupt },
      });
    }
    return out;
  }

  /** Reads the newest head whose base verifies; a damaged delta is skipped and reported. */
  async #loadState(dir = this.#keyDir, report = true): Promise<KeyState> {
    for (let attempt = 0; ; attempt++) {
      const heads = await readHeads(this.#storage, dir, report ? this.#diag : undefined, this.key);
      let missing = false;
      for (let i = 0; i < heads.length; i++) {
        const head = heads[i]!;
        const loaded = await loadManifests(this.#storage, dir, head);
        if (loaded.missing && attempt < 3) {
          // A writer may have moved on and removed these manifests: read the heads again.
          missing = true;
          break;
        }
        if (!loaded.map) {
          if (report) this.#reportManifest(loaded.damaged, head);
          continue;
        }
        if (loaded.damaged.length) {
          this.#forceBase = true;
          if (report) this.#reportManifest(loaded.damaged, head);
        }
        return { head, prev: heads[i + 1] ?? null, map: loaded.map };
      }
      if (missing) {
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      if (heads.length) this.#forceBase = true;
      return { head: heads.length ? { ...heads[0]!, base: null, deltas: [] } : null, prev: heads[0] ?? null, map: new Map() };
    }
  }

  #reportManifest(damaged: string[], head: HeadRecord): void {
    if (!damaged.length) return;
    this.#diag({
      level: 'warn',
      code: 'EPERSIST_CORRUPT',
      message: `persisted manifest${damaged.length === 1 ? '' : 's'} ${damaged.join(', ')} of '${this.key}' (generation ${head.gen}) ${damaged.length === 1 ? 'is' : 'are'} damaged or missing; loading what remains`,
      detail: { key: this.key, gen: head.gen, manifests: damaged },
    });
  }

  // ------------------------------------------------------------ commit

  async #commit(input: CommitInput): Promise<CommitResult> {
    // The index is re-read at the first commit and after another tab's GC; a
    // commit that reuses a blob it did not have before checks again (#write).
    if (!this.#indexFresh) {
      await this.#blobs.refresh();
      this.#indexFresh = true;
    }
    const state = (this.#state ??= await this.#loadState());
    const { upserts, removed, forced } = this.#diff(state, input);
    const retryNow = [...this.#retry];
    this.#retry.clear();
    try {
      return await this.#write(state, input, upserts, removed, forced);
    } catch (err) {
      for (const p of retryNow) this.#retry.add(p);
      if (!input.entries) for (const p of input.changed ?? []) this.#retry.add(p);
      else for (const p of forced) this.#retry.add(p);
      if (isQuotaError(err))
        this.#diag({
          level: 'error',
          code: 'EPERSIST_QUOTA_EXCEEDED',
          message: `saving '${this.key}' failed: the browser's storage quota is used up. Nothing was half-saved; the next save retries. Free space by clearing other persisted keys (Runtime.clearPersistence).`,
          detail: { key: this.key, error: String(err) },
        });
      else
        this.#diag({
          level: 'error',
          code: 'EPERSIST_WRITE_FAILED',
          message: `saving '${this.key}' failed: ${(err as Error)?.message ?? err}. Nothing was half-saved; the next save retries.`,
          detail: { key: this.key, error: String(err) },
        });
      throw err;
    }
  }

  /** What the new generation changes: entries to (re)write and paths to remove. `forced` files are re-read. */
  #diff(state: KeyState, input: CommitInput): { upserts: Map<string, CommitEntry>; removed: Set<string>; forced: Set<string> } {
    const upserts = new Map<string, CommitEntry>();
    const removed = new Set<string>();
    const forced = new Set<string>([...this.#retry, ...(input.changed ?? [])]);
    const map = state.map;
    if (input.entries) {
      const seen = new Set<string>();
      for (const e of input.entries) {
        seen.add(e.path);
        const prev = map.get(e.path);
        if (!prev || !sameMeta(prev, e) || (e.kind === 'file' && forced.has(e.path))) upserts.set(e.path, e);
      }
      if (seen.size !== map.size || upserts.size) for (const p of map.keys()) if (!seen.has(p)) removed.add(p);
      return { upserts, removed, forced };
    }
    if (!input.lookup) throw new TypeError('commit: give `entries`, or `changed` with `lookup`');
    const drop = (path: string) => {
      if (map.has(path)) removed.add(path);
      upserts.delete(path);
      const prefix = `${path}/`;
      for (const p of map.keys()) if (p.startsWith(prefix)) removed.add(p);
      for (const p of upserts.keys()) if (p.startsWith(prefix)) upserts.delete(p);
    };
    for (const path of forced) {
      const e = input.lookup(path);
      if (!e) {
        drop(path);
        continue;
      }
      const prev = map.get(path);
      if (prev?.kind === 'dir' && e.kind !== 'dir') drop(path);
      removed.delete(path);
      upserts.set(path, e);
      if (e.kind === 'dir' && input.walk) {
        const below = new Set<string>();
        for (const d of input.walk(path)) {
          below.add(d.path);
          removed.delete(d.path);
          const p = map.get(d.path);
          if (!p || !sameMeta(p, d)) upserts.set(d.path, d);
        }
        const prefix = `${path}/`;
        for (const p of map.keys()) if (p.startsWith(prefix) && !below.has(p)) removed.add(p);
      }
    }
    return { upserts, removed, forced };
  }

  async #write(state: KeyState, input: CommitInput, upserts: Map<string, CommitEntry>, removed: Set<string>, forced: Set<string>): Promise<CommitResult> {
    const map = state.map;
    // Entries whose parent directory is neither stored nor coming: synthesise it.
    for (const path of [...upserts.keys()])
      for (const dir of ancestors(path))
        if (!upserts.has(dir) && (!map.has(dir) || removed.has(dir))) upserts.set(dir, { kind: 'dir', path: dir, mode: S_IFDIR | 0o755, mtimeMs: Date.now() });
    for (const p of upserts.keys()) removed.delete(p);
    if (!upserts.size && !removed.size && !this.#forceBase && state.head) return { gen: state.head.gen, hashed: 0, written: 0, manifest: 'none' };

    // 1. Contents: hash what changed, write what the store lacks, as packs.
    const writer = this.#blobs.writer();
    const stored = new Map<string, StoredEntry>();
    /** Blobs reused from the store, not from this path's previous version: GC elsewhere may have swept them. */
    const reused = new Map<string, Uint8Array>();
    let hashed = 0;
    await Promise.all(
      [...upserts.values()].map(async (e) => {
        if (e.kind !== 'file') {
          stored.set(e.path, e);
          return;
        }
        const prev = map.get(e.path);
        if (prev?.kind === 'blob' && prev.size === e.size && prev.mtimeMs === e.mtimeMs && !forced.has(e.path)) {
          stored.set(e.path, { ...prev, mode: e.mode });
          return;
        }
        let data = e.data ?? (input.read ? await input.read(e.path) : undefined);
        if (!data) throw new TypeError(`commit: no contents for '${e.path}' (give entry.data or input.read)`);
        // A view into shared memory could change under us, and WebCrypto refuses it: take a copy.
        if (typeof SharedArrayBuffer === 'function' && data.buffer instanceof SharedArrayBuffer) data = data.slice();
        hashed++;
        const digest = await sha256(data);
        const hex = toHex(digest);
        if (data.length && hex !== EMPTY_SHA256) {
          if (!this.#blobs.has(hex)) writer.add(hex, data, digest);
          else if (!(prev?.kind === 'blob' && toHex(prev.sha256) === hex)) reused.set(hex, data);
        }
        stored.set(e.path, { kind: 'blob', path: e.path, mode: e.mode, mtimeMs: e.mtimeMs, size: data.length, sha256: digest });
      }),
    );
    if (reused.size) {
      await this.#blobs.refresh();
      for (const [hex, data] of reused) if (!this.#blobs.has(hex)) writer.add(hex, data);
    }
    const written = writer.count;
    await writer.finish();

    // 2. The manifest: a delta on top of the current head, or a whole base.
    const head = state.head;
    const gen = (Math.max(head?.gen ?? 0, state.prev?.gen ?? 0)) + 1;
    const deltaEntries = withAncestors(stored, map);
    const delta = encodeDelta([...removed].sort(), deltaEntries);
    const deltaBytes = (head?.deltas ?? []).reduce((n, d) => n + d.size, 0) + delta.length;
    const asBase = this.#forceBase || !head?.base || head.deltas.length >= MAX_DELTAS || deltaBytes > Math.max(256 * 1024, head.base.size / 2);
    let next: Map<string, StoredEntry> | undefined;
    let manifest: ManifestRef;
    if (asBase) {
      next = new Map(map);
      for (const p of removed) next.delete(p);
      for (const [p, e] of stored) next.set(p, e);
      const bytes = encodeBase([...next.keys()].sort().map((p) => next!.get(p)!));
      manifest = { name: `base-${gen}.vsnap`, sha256: toHex(await sha256(bytes)), size: bytes.length };
      await this.#storage.write(`${this.#keyDir}/${manifest.name}`, [bytes]);
    } else {
      manifest = { name: `delta-${gen}.vdelta`, sha256: toHex(await sha256(delta)), size: delta.length };
      await this.#storage.write(`${this.#keyDir}/${manifest.name}`, [delta]);
    }

    // 3. The head, last: into the slot not holding the current head.
    const entryCount = next ? next.size : map.size - removed.size + [...stored.keys()].filter((p) => !map.has(p)).length;
    let bytes = head?.bytes ?? 0;
    if (next) {
      bytes = 0;
      for (const e of next.values()) if (e.kind === 'blob') bytes += e.size;
    } else {
      for (const p of removed) {
        const e = map.get(p);
        if (e?.kind === 'blob') bytes -= e.size;
      }
      for (const [p, e] of stored) {
        const old = map.get(p);
        if (old?.kind === 'blob') bytes -= old.size;
        if (e.kind === 'blob') bytes += e.size;
      }
    }
    const newHead: HeadRecord = {
      v: 1,
      key: this.key,
      gen,
      time: Date.now(),
      base: asBase ? manifest : head!.base,
      deltas: asBase ? [] : [...head!.deltas, manifest],
      entries: entryCount,
      bytes,
    };
    await this.#storage.write(`${this.#keyDir}/head.${gen % 2}`, [encodeHead(newHead)]);

    // Committed. Bring the in-memory state along and drop manifests no head refers to.
    if (next) state.map = next;
    else {
      for (const p of removed) map.delete(p);
      for (const [p, e] of stored) map.set(p, e);
    }
    const dropped = state.prev;
    state.prev = head;
    state.head = newHead;
    this.#forceBase = false;
    if (dropped) {
      const keep = new Set([...refs(newHead), ...(head ? refs(head) : [])]);
      const stale = refs(dropped).filter((n) => !keep.has(n));
      if (stale.length) this.#track(Promise.all(stale.map((n) => this.#storage.remove(`${this.#keyDir}/${n}`))));
    }
    this.#post({ type: 'commit', key: this.key, gen, from: this.#id });
    this.#afterCommit();
    return { gen, hashed, written, manifest: asBase ? 'base' : 'delta' };
  }

  #afterCommit(): void {
    void this.#checkQuota();
    if (this.#options.autoGc === false || this.#gcTimer !== undefined) return;
    if (++this.#commitsSinceGc < 32 && this.#blobs.packCount <= 48) return;
    this.#commitsSinceGc = 0;
    // Later and off the commit path: collecting reads every key's manifests.
    this.#gcTimer = setTimeout(() => {
      this.#gcTimer = undefined;
      if (!this.#closed) this.#track(this.gc());
    }, 2000);
  }

  // ------------------------------------------------------------ fork

  /** Starts this (fresh) key as a copy of `from`'s latest generation: manifests are copied, blobs are shared. */
  async #copyFrom(from: string): Promise<void> {
    await this.#withGcShared(async () => {
      const src = keyDir(this.#root, from);
      const heads = await readHeads(this.#storage, src, undefined, from);
      for (const head of heads) {
        const files = await Promise.all(refs(head).map((n) => this.#storage.read(`${src}/${n}`)));
        if (files.some((f) => !f)) continue;
        await Promise.all(refs(head).map((n, i) => this.#storage.write(`${this.#keyDir}/${n}`, [files[i]!])));
        const copy: HeadRecord = { ...head, key: this.key, time: Date.now() };
        await this.#storage.write(`${this.#keyDir}/head.${head.gen % 2}`, [encodeHead(copy)]);
        return;
      }
    });
  }

  // ------------------------------------------------------------ plumbing

  async #checkQuota(): Promise<void> {
    const now = Date.now();
    if (this.backend === 'memory' || now - this.#lastQuotaCheck < 30_000) return;
    this.#lastQuotaCheck = now;
    try {
      const est = await navigator.storage?.estimate?.();
      if (est?.quota && est.usage !== undefined && est.usage / est.quota > QUOTA_WARN)
        this.#diag({
          level: 'warn',
          code: 'EPERSIST_QUOTA',
          message: `browser storage is ${Math.round((est.usage / est.quota) * 100)}% full (${mb(est.usage)} of ${mb(est.quota)}); saving may soon fail. Clear persisted keys you no longer need.`,
          detail: { usage: est.usage, quota: est.quota },
        });
    } catch {
      // estimate() is advisory
    }
  }

  #withGcShared<T>(fn: () => Promise<T>): Promise<T> {
    return withLock(gcLockName(this.#root), { mode: 'shared' }, fn).then((r) => r!.value);
  }

  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#chain.then(fn, fn);
    this.#chain = run.catch(() => {});
    return run;
  }

  #track(p: Promise<unknown>): void {
    const q = p.catch(() => {}).finally(() => this.#background.delete(q));
    this.#background.add(q);
  }

  #post(msg: Message): void {
    try {
      this.#channel?.postMessage(msg);
    } catch {
      // a closed channel: nobody to tell
    }
  }

  #onMessage(msg: Message): void {
    if (!msg || msg.from === this.#id) return;
    if (msg.type === 'commit' && msg.key === this.key) this.#options.onRemoteCommit?.({ key: msg.key, gen: msg.gen });
    else if (msg.type === 'gc') this.#indexFresh = false;
    else if (msg.type === 'cleared' && msg.key === this.key) this.#options.onRemoteCommit?.({ key: msg.key, gen: 0, cleared: true });
  }

  #assertOpen(): void {
    if (this.#closed) throw new Error(`persistence store for '${this.key}' is closed`);
  }
}

/**
 * Forgets a key: its head moves to an empty generation first (so a crash
 * half-way leaves the key empty, not half-deleted), then its folder goes, and
 * garbage collection frees blobs no other key uses. Waits up to `timeoutMs`
 * (default 2000) for a writer holding the key to close; then rejects with
 * code EBUSY.
 */
export async function clearPersistence(
  key: string,
  options: { backend?: BackendChoice; root?: string; timeoutMs?: number; onDiagnostic?: (d: PersistenceDiagnostic) => void } = {},
): Promise<void> {
  if (typeof key !== 'string' || !key) throw new TypeError('clearPersistence: key must be a non-empty string');
  const root = options.root ?? DEFAULT_ROOT;
  const backend = await openBackend(options.backend ?? 'auto', options.onDiagnostic ?? (() => {}));
  const lock = await acquireLock(keyLockName(root, key), { timeoutMs: options.timeoutMs ?? 2000 });
  if (!lock) throw Object.assign(new Error(`clearPersistence: key '${key}' is open in another tab or runtime; close it (teardown) first`), { code: 'EBUSY' });
  try {
    const dir = keyDir(root, key);
    const heads = await readHeads(backend, dir, undefined, key);
    if (heads.length) {
      const gen = heads[0]!.gen + 1;
      await backend.write(`${dir}/head.${gen % 2}`, [encodeHead({ v: 1, key, gen, time: Date.now(), base: null, deltas: [], entries: 0 })]);
    }
    await backend.remove(dir);
  } finally {
    await lock.release();
  }
  if (typeof BroadcastChannel === 'function') {
    const ch = new BroadcastChannel(`${root}:persistence`);
    ch.postMessage({ type: 'cleared', key, from: 'clear' } satisfies Message);
    ch.close();
  }
  await collectGarbage(backend, root);
}

/**
 * Mark and sweep: every blob referenced by any head slot of any key is live;
 * packs without live blobs go, mostly-dead packs are rewritten. Runs under the
 * exclusive GC lock, which commits and restores share, so no commit can be
 * between writing a blob and moving its head. Null when the lock is busy.
 */
export async function collectGarbage(backend: StorageBackend, root = DEFAULT_ROOT, blobs = new BlobStore(backend, root)): Promise<GcReport | null> {
  const result = await withLock(gcLockName(root), { ifAvailable: true }, async () => {
    const live = new Set<string>();
    for (const name of await backend.list(`${root}/keys`)) {
      const dir = `${root}/keys/${name}`;
      const heads = await readHeads(backend, dir, undefined, name);
      const keep = new Set(['head.0', 'head.1']);
      let intact = true;
      for (const head of heads) {
        for (const n of refs(head)) keep.add(n);
        const loaded = await loadManifests(backend, dir, head);
        if (loaded.damaged.length) intact = false;
        for (const e of loaded.map?.values() ?? []) if (e.kind === 'blob' && e.size > 0) live.add(toHex(e.sha256));
      }
      // Manifests of commits that never moved a head (a crash, a full quota).
      if (intact) for (const f of await backend.list(dir)) if (!keep.has(f)) await backend.remove(`${dir}/${f}`);
      if (!heads.length && !(await backend.list(dir)).length) await backend.remove(dir);
    }
    const swept = await blobs.sweep(live);
    return { liveBlobs: live.size, ...swept };
  });
  if (!result) return null;
  if (typeof BroadcastChannel === 'function' && result.value.removedPacks.length) {
    const ch = new BroadcastChannel(`${root}:persistence`);
    ch.postMessage({ type: 'gc', from: 'gc' } satisfies Message);
    ch.close();
  }
  return result.value;
}

// ------------------------------------------------------------ helpers

const INTERNAL = Symbol('PersistenceStore.internal');

function keyLockName(root: string, key: string): string {
  return `${root}:key:${key}`;
}

function gcLockName(root: string): string {
  return `${root}:gc`;
}

/** A folder name for a key: readable when the key is plain, else its hash. */
export function keyDir(root: string, key: string): string {
  const plain = /^[A-Za-z0-9_][A-Za-z0-9._~-]{0,120}$/.test(key);
  return `${root}/keys/${plain ? `k.${key}` : `h.${toHex(new TextEncoder().encode(key)).slice(0, 200)}`}`;
}

async function readHeads(backend: StorageBackend, dir: string, diag: ((d: PersistenceDiagnostic) => void) | undefined, key: string): Promise<HeadRecord[]> {
  const raw = await Promise.all([backend.read(`${dir}/head.0`), backend.read(`${dir}/head.1`)]);
  const heads: HeadRecord[] = [];
  raw.forEach((bytes, slot) => {
    const head = decodeHead(bytes);
    if (head && head.gen % 2 === slot) heads.push(head);
    else if (bytes && diag)
      diag({ level: 'warn', code: 'EPERSIST_CORRUPT', message: `head slot ${slot} of persistence key '${key}' is damaged or torn; using the other slot`, detail: { key, slot } });
  });
  return heads.sort((a, b) => b.gen - a.gen);
}

/**
 * Applies a head's base and deltas. `map` is null when the base itself is
 * unusable; `damaged` names manifests that failed their hash; `missing` says
 * a manifest was absent (a writer may have replaced it meanwhile).
 */
async function loadManifests(
  backend: StorageBackend,
  dir: string,
  head: HeadRecord,
): Promise<{ map: Map<string, StoredEntry> | null; damaged: string[]; missing: boolean }> {
  const damaged: string[] = [];
  let missing = false;
  const read = async (ref: ManifestRef): Promise<Uint8Array | null> => {
    const bytes = await backend.read(`${dir}/${ref.name}`).catch(() => null);
    if (!bytes) missing = true;
    if (!bytes || bytes.length !== ref.size || toHex(await sha256(bytes)) !== ref.sha256) {
      damaged.push(ref.name);
      return null;
    }
    return bytes;
  };
  const [baseBytes, ...deltaBytes] = await Promise.all([head.base ? read(head.base) : Promise.resolve(new Uint8Array(0)), ...head.deltas.map(read)]);
  const map = new Map<string, StoredEntry>();
  if (head.base) {
    if (!baseBytes) return { map: null, damaged, missing };
    try {
      for (const e of decodeBase(baseBytes)) map.set(e.path, e);
    } catch {
      damaged.push(head.base.name);
      return { map: null, damaged, missing };
    }
  }
  // Blobs of damaged-but-present deltas stay out of GC's live set: their contents cannot be trusted.
  head.deltas.forEach((ref, i) => {
    const bytes = deltaBytes[i];
    if (!bytes) return;
    try {
      const { removed, upserts } = decodeDelta(bytes);
      for (const p of removed) map.delete(p);
      for (const e of upserts) map.set(e.path, e);
    } catch {
      damaged.push(ref.name);
    }
  });
  return { map, damaged, missing };
}

function refs(head: HeadRecord): string[] {
  return [...(head.base ? [head.base.name] : []), ...head.deltas.map((d) => d.name)];
}

function sameMeta(prev: StoredEntry, e: CommitEntry): boolean {
  if (prev.mode !== e.mode || prev.mtimeMs !== e.mtimeMs) return false;
  switch (e.kind) {
    case 'dir':
      return prev.kind === 'dir';
    case 'symlink':
      return prev.kind === 'symlink' && prev.target === e.target;
    case 'file':
      return prev.kind === 'blob' && prev.size === (e.size ?? e.data?.length);
  }
}

/** The delta's upserts, each preceded by its ancestors, in parent-first order. */
function withAncestors(stored: Map<string, StoredEntry>, map: Map<string, StoredEntry>): StoredEntry[] {
  const all = new Map(stored);
  for (const path of stored.keys())
    for (const dir of ancestors(path)) {
      if (all.has(dir)) break;
      const e = map.get(dir);
      if (e) all.set(dir, e);
    }
  return [...all.keys()].sort().map((p) => all.get(p)!);
}

/** `a/b/c` → `a/b`, `a` (nearest first). */
function ancestors(path: string): string[] {
  const out: string[] = [];
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) out.push(path.slice(0, i));
  return out;
}

function parentOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(0)} MB`;
}

async function requestPersist(diag: (d: PersistenceDiagnostic) => void): Promise<void> {
  try {
    const storage = navigator.storage;
    if (!storage?.persist) return;
    if (await storage.persisted?.()) return;
    const granted = await storage.persist();
    if (!granted)
      diag({
        level: 'info',
        code: 'EPERSIST_BEST_EFFORT',
        message: 'the browser keeps persisted files on a best-effort basis (navigator.storage.persist() was not granted); it may evict them under storage pressure',
      });
  } catch {
    // not every context offers persist()
  }
}
