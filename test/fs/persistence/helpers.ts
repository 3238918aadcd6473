/**
 * Test helpers for persistence: a fault-injecting backend wrapper (kill after
 * N writes, full quota), tree builders and entry comparison.
 */
import type { CommitEntry, StorageBackend } from '../../../src/fs/persistence/index.js';
import type { SnapshotEntry } from '../../../src/fs/snapshot-format.js';

export const MODE: 'isolated' | 'plain' = (globalThis as { VERKLET_TEST_MODE?: 'isolated' | 'plain' }).VERKLET_TEST_MODE ?? 'plain';

/** A unique root folder (and lock/broadcast namespace) per test. */
export function testRoot(name: string): string {
  return `vtest-${name}-${Math.random().toString(36).slice(2, 10)}`;
}

/**
 * Wraps a backend. `failAfter`: the write that would be number N+1 (counting
 * from this moment) throws, as would every later one, as if the page died;
 * `quota`: every write throws QuotaExceededError.
 */
export class FaultyBackend implements StorageBackend {
  readonly kind;
  writes = 0;
  failAfter = Infinity;
  quota = false;
  /** Also tear the failing write: write its first half before throwing. */
  tear = false;

  constructor(readonly inner: StorageBackend) {
    this.kind = inner.kind;
  }

  read(path: string) {
    return this.inner.read(path);
  }

  readTail(path: string, length: number) {
    return this.inner.readTail(path, length);
  }

  async write(path: string, chunks: readonly Uint8Array[]): Promise<void> {
    if (this.quota) throw new DOMException('quota exceeded (simulated)', 'QuotaExceededError');
    if (this.writes >= this.failAfter) {
      if (this.tear) {
        const all = concat(chunks);
        await this.inner.write(path, [all.subarray(0, all.length >> 1)]);
      }
      throw new Error(`killed (simulated) before write ${this.writes + 1}: ${path}`);
    }
    this.writes++;
    return this.inner.write(path, chunks);
  }

  remove(path: string) {
    if (this.writes >= this.failAfter) return Promise.reject(new Error('killed (simulated)'));
    return this.inner.remove(path);
  }

  list(dir: string) {
    return this.inner.list(dir);
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

const enc = new TextEncoder();
const dec = new TextDecoder();
export const DIR = 0o040755;
export const FILE = 0o100644;

/** A small in-memory "VFS" the tests commit from: path → entry. */
export class FakeTree {
  readonly entries = new Map<string, CommitEntry & { data?: Uint8Array }>();
  #clock = 1_700_000_000_000;

  constructor(files: Record<string, string> = {}) {
    for (const [p, text] of Object.entries(files)) this.write(p, text);
  }

  write(path: string, text: string | Uint8Array): void {
    this.#mkdirs(path);
    const data = typeof text === 'string' ? enc.encode(text) : text;
    this.entries.set(path, { kind: 'file', path, mode: FILE, mtimeMs: this.#tick(), size: data.length, data });
  }

  symlink(path: string, target: string): void {
    this.#mkdirs(path);
    this.entries.set(path, { kind: 'symlink', path, mode: 0o120777, mtimeMs: this.#tick(), target });
  }

  mkdir(path: string): void {
    this.#mkdirs(`${path}/x`);
  }

  rm(path: string): void {
    for (const p of [...this.entries.keys()]) if (p === path || p.startsWith(`${path}/`)) this.entries.delete(p);
  }

  rename(from: string, to: string): void {
    for (const [p, e] of [...this.entries]) {
      if (p !== from && !p.startsWith(`${from}/`)) continue;
      this.entries.delete(p);
      const np = to + p.slice(from.length);
      this.entries.set(np, { ...e, path: np });
    }
  }

  /** Metadata only, as the kernel would give (contents through `read`). */
  list(): CommitEntry[] {
    return [...this.entries.values()].map((e) => (e.kind === 'file' ? { kind: 'file', path: e.path, mode: e.mode, mtimeMs: e.mtimeMs, size: e.size } : e));
  }

  read = (path: string): Uint8Array => {
    const e = this.entries.get(path);
    if (!e || e.kind !== 'file') throw new Error(`no file ${path}`);
    return e.data!;
  };

  lookup = (path: string): CommitEntry | null => {
    const e = this.entries.get(path);
    if (!e) return null;
    return e.kind === 'file' ? { kind: 'file', path: e.path, mode: e.mode, mtimeMs: e.mtimeMs, size: e.size } : e;
  };

  walk = (path: string): CommitEntry[] => this.list().filter((e) => e.path.startsWith(`${path}/`));

  /** path → text (files), '->target' (symlinks), '/' (dirs): what a restore should give back. */
  view(): Record<string, string> {
    return view([...this.entries.values()].map((e) => (e.kind === 'file' ? { kind: 'file', path: e.path, mode: e.mode, mtimeMs: e.mtimeMs, data: e.data! } : e)) as SnapshotEntry[]);
  }

  #mkdirs(path: string): void {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      if (!this.entries.has(dir)) this.entries.set(dir, { kind: 'dir', path: dir, mode: DIR, mtimeMs: this.#tick() });
    }
  }

  #tick(): number {
    return (this.#clock += 1000);
  }
}

export function view(entries: SnapshotEntry[] | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries ?? []) {
    if (e.kind === 'file') out[e.path] = dec.decode(e.data);
    else if (e.kind === 'symlink') out[e.path] = `->${e.target}`;
    else if (e.kind === 'dir') out[e.path] = '/';
    else out[e.path] = '<blob>';
  }
  return out;
}

/** Parents before children, no duplicates: what mount() requires. */
export function parentFirst(entries: SnapshotEntry[]): boolean {
  const seen = new Set<string>();
  for (const e of entries) {
    const i = e.path.lastIndexOf('/');
    if (i > 0 && !seen.has(e.path.slice(0, i))) return false;
    if (seen.has(e.path)) return false;
    seen.add(e.path);
  }
  return true;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
