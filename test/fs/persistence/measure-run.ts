/**
 * The three persistence timings of issue 6, shared by the worker and the
 * main-thread runs: first full commit of N files, commit of one changed file
 * in that workspace, and restore of the whole workspace in a fresh store.
 */
import { PersistenceStore, type BackendChoice, type CommitEntry } from '../../../src/fs/persistence/index.js';

export interface Timings {
  backend: string;
  files: number;
  bytes: number;
  firstCommitMs: number;
  oneFileCommitMs: number;
  oneFileCommitFullListMs: number;
  openMs: number;
  restoreMs: number;
}

export async function measurePersistence(o: { root: string; files: number; bytes: number; backend: BackendChoice }): Promise<Timings> {
  const per = Math.floor(o.bytes / o.files);
  const entries = new Map<string, CommitEntry & { data?: Uint8Array }>();
  const dirs = 100;
  for (let d = 0; d < dirs; d++) entries.set(`pkg${d}`, { kind: 'dir', path: `pkg${d}`, mode: 0o40755, mtimeMs: 1 });
  let seed = 0x9e3779b9;
  for (let i = 0; i < o.files; i++) {
    // Sizes vary around the mean; contents are distinct so nothing deduplicates.
    const size = i % 10 === 0 ? per * 5 : Math.floor((per * 5) / 9);
    const data = new Uint8Array(size);
    const words = new Uint32Array(data.buffer, 0, size >> 2);
    for (let w = 0; w < words.length; w++) {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      words[w] = seed >>> 0;
    }
    const path = `pkg${i % dirs}/file${i}.js`;
    entries.set(path, { kind: 'file', path, mode: 0o100644, mtimeMs: 1000 + i, size, data });
  }
  let bytes = 0;
  for (const e of entries.values()) if (e.kind === 'file') bytes += e.size!;
  const list = (): CommitEntry[] => [...entries.values()].map((e) => (e.kind === 'file' ? { kind: 'file', path: e.path, mode: e.mode, mtimeMs: e.mtimeMs, size: e.size } : e));
  const read = (p: string) => (entries.get(p) as { data: Uint8Array }).data;
  const lookup = (p: string) => list1(entries.get(p));

  const store = await PersistenceStore.open({ key: 'measure', root: o.root, backend: o.backend, autoGc: false });
  let t = performance.now();
  await store.commit({ entries: list(), read });
  const firstCommitMs = performance.now() - t;

  const change = (i: number) => {
    const e = entries.get(`pkg${i % dirs}/file${i}.js`) as { data: Uint8Array; mtimeMs: number; size: number };
    e.data = new TextEncoder().encode(`changed ${i} ${Math.random()}`);
    e.size = e.data.length;
    e.mtimeMs += 1;
    return `pkg${i % dirs}/file${i}.js`;
  };
  // Warm up once, then take the median of a few.
  await store.commit({ changed: [change(1)], lookup, read });
  const runs: number[] = [];
  for (let r = 0; r < 7; r++) {
    const path = change(10 + r);
    t = performance.now();
    await store.commit({ changed: [path], lookup, read });
    runs.push(performance.now() - t);
  }
  const full: number[] = [];
  for (let r = 0; r < 5; r++) {
    change(100 + r);
    const all = list();
    t = performance.now();
    await store.commit({ entries: all, read });
    full.push(performance.now() - t);
  }
  await store.close();

  t = performance.now();
  const fresh = await PersistenceStore.open({ key: 'measure', root: o.root, backend: o.backend, autoGc: false });
  const openMs = performance.now() - t;
  t = performance.now();
  const restored = await fresh.restore();
  const restoreMs = performance.now() - t;
  await fresh.close();
  if (!restored || restored.length !== entries.size) throw new Error(`restored ${restored?.length} entries, expected ${entries.size}`);
  return {
    backend: fresh.backend,
    files: o.files,
    bytes,
    firstCommitMs,
    oneFileCommitMs: median(runs),
    oneFileCommitFullListMs: median(full),
    openMs,
    restoreMs,
  };
}

function list1(e: (CommitEntry & { data?: Uint8Array }) | undefined): CommitEntry | null {
  if (!e) return null;
  return e.kind === 'file' ? { kind: 'file', path: e.path, mode: e.mode, mtimeMs: e.mtimeMs, size: e.size } : e;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
}
