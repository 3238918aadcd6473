import { expect } from '@esm-bundle/chai';
import {
  CommitScheduler,
  MemoryBackend,
  PersistenceStore,
  clearPersistence,
  collectGarbage,
  keyDir,
  type OpenOptions,
  type PersistenceDiagnostic,
} from '../../../src/fs/persistence/index.js';
import { FakeTree, FaultyBackend, MODE, parentFirst, sleep, testRoot, view } from './helpers.js';

type Open = Partial<OpenOptions> & { key?: string };

function setup(name: string) {
  const root = testRoot(name);
  const mem = new MemoryBackend();
  const diags: PersistenceDiagnostic[] = [];
  const open = (o: Open = {}) =>
    PersistenceStore.open({ key: 'proj', backend: mem, root, autoGc: false, onDiagnostic: (d) => diags.push(d), ...o });
  const packBytes = () => {
    let n = 0;
    for (const [k, v] of mem.files()) if (k.startsWith(`${root}/packs/`)) n += v.length;
    return n;
  };
  const files = (prefix: string) => [...mem.files().keys()].filter((k) => k.startsWith(`${root}/${prefix}`));
  return { root, mem, diags, open, packBytes, files };
}

async function reopen(open: (o?: Open) => Promise<PersistenceStore>, o: Open = {}): Promise<Record<string, string>> {
  const s = await open(o);
  try {
    return view(await s.restore());
  } finally {
    await s.close();
  }
}

describe(`persistence store (${MODE})`, () => {
  it('restores null for a key never committed', async () => {
    const { open } = setup('empty');
    const s = await open();
    expect(await s.restore()).to.equal(null);
    expect(s.generation).to.equal(0);
    expect(s.readonly).to.equal(false);
    expect(s.backend).to.equal('memory');
    await s.close();
  });

  it('round-trips files, empty files, directories and symlinks, parents first', async () => {
    const { open } = setup('roundtrip');
    const t = new FakeTree({ 'a.txt': 'hello', 'src/index.js': 'console.log(1)', 'src/deep/x/y.txt': 'y', 'empty.txt': '' });
    t.mkdir('emptydir');
    t.symlink('link', 'src/index.js');
    const s = await open();
    const r = await s.commit({ entries: t.list(), read: t.read });
    expect(r.gen).to.equal(1);
    expect(r.manifest).to.equal('base');
    await s.close();
    const s2 = await open();
    const entries = (await s2.restore())!;
    await s2.close();
    expect(parentFirst(entries)).to.equal(true);
    expect(view(entries)).to.deep.equal(t.view());
    const file = entries.find((e) => e.path === 'src/index.js')!;
    expect(file.mode).to.equal(0o100644);
    expect(file.mtimeMs).to.equal(t.entries.get('src/index.js')!.mtimeMs);
  });

  it('commits incrementally: only changed files are read, hashed and written, as a delta', async () => {
    const { open, packBytes } = setup('incr');
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`d${i % 10}/f${i}.txt`] = `file ${i} `.repeat(50);
    const t = new FakeTree(files);
    const reads: string[] = [];
    const read = (p: string) => (reads.push(p), t.read(p));
    const s = await open();
    const first = await s.commit({ entries: t.list(), read });
    expect(first).to.include({ hashed: 200, written: 200, manifest: 'base' });
    reads.length = 0;
    const before = packBytes();
    t.write('d3/f3.txt', 'changed');
    const second = await s.commit({ entries: t.list(), read });
    expect(second).to.include({ gen: 2, hashed: 1, written: 1, manifest: 'delta' });
    expect(reads).to.deep.equal(['d3/f3.txt']);
    expect(packBytes() - before).to.be.lessThan(200);
    expect((await s.commit({ entries: t.list(), read })).manifest).to.equal('none');
    await s.close();
    expect(await reopen(open)).to.deep.equal(t.view());
  });

  it('stores identical contents once, across keys', async () => {
    const { open, packBytes } = setup('dedup');
    const t = new FakeTree({ 'node_modules/big/index.js': 'x'.repeat(100_000), 'a.js': 'a' });
    const a = await open({ key: 'one' });
    await a.commit({ entries: t.list(), read: t.read });
    const after1 = packBytes();
    const b = await open({ key: 'two' });
    t.write('b.js', 'b');
    const r = await b.commit({ entries: t.list(), read: t.read });
    expect(r.written).to.equal(1);
    expect(packBytes() - after1).to.be.lessThan(300);
    await a.close();
    await b.close();
    expect(await reopen(open, { key: 'two' })).to.deep.equal(t.view());
  });

  it('commits from changed paths alone: writes, removals and renamed subtrees', async () => {
    const { open } = setup('dirty');
    const t = new FakeTree({ 'a/1.txt': '1', 'a/b/2.txt': '2', 'c/3.txt': '3', 'keep.txt': 'k' });
    const s = await open();
    await s.commit({ entries: t.list(), read: t.read });
    t.write('a/1.txt', 'one');
    t.write('new/dir/4.txt', '4');
    t.rm('c');
    t.rename('a', 'z');
    const r = await s.commit({ changed: ['a', 'z', 'c', 'new', 'new/dir', 'new/dir/4.txt'], lookup: t.lookup, walk: t.walk, read: t.read });
    expect(r.manifest).to.equal('delta');
    await s.close();
    expect(await reopen(open)).to.deep.equal(t.view());
  });

  it('rolls deltas into a new base and removes manifests no head refers to', async () => {
    const { open, files, root } = setup('rebase');
    const t = new FakeTree({ 'f.txt': '0' });
    const s = await open();
    await s.commit({ entries: t.list(), read: t.read });
    const kinds: string[] = [];
    for (let i = 1; i <= 40; i++) {
      t.write('f.txt', String(i));
      kinds.push((await s.commit({ changed: ['f.txt'], lookup: t.lookup, read: t.read })).manifest);
    }
    expect(kinds.filter((k) => k === 'base').length).to.be.greaterThan(0);
    await s.close();
    const dir = keyDir(root, 'proj');
    // Two heads and what they refer to: at most one base and 31 deltas each.
    expect(files(dir.slice(root.length + 1)).length).to.be.lessThan(70);
    expect(await reopen(open)).to.deep.equal(t.view());
  });

  it('collects garbage: unreferenced blobs go, referenced ones stay', async () => {
    const { open, packBytes, root, mem } = setup('gc');
    const t = new FakeTree({ 'big.bin': 'A'.repeat(200_000), 'small.txt': 's' });
    const s = await open();
    await s.commit({ entries: t.list(), read: t.read });
    for (let i = 0; i < 3; i++) {
      t.write('big.bin', String(i).repeat(200_000));
      await s.commit({ entries: t.list(), read: t.read });
    }
    expect(packBytes()).to.be.greaterThan(700_000);
    // Two generations are kept (head and previous), so two versions of big.bin stay live.
    const report = (await s.gc())!;
    expect(report.removedPacks.length).to.be.greaterThan(0);
    expect(packBytes()).to.be.lessThan(450_000);
    await s.close();
    expect(await reopen(open)).to.deep.equal(t.view());
    await clearPersistence('proj', { backend: mem, root });
    expect(packBytes()).to.equal(0);
  });

  it('collects garbage by itself after many commits (autoGc)', async function () {
    this.timeout(20_000);
    const { mem, root, packBytes } = setup('autogc');
    const t = new FakeTree({ 'f.bin': 'x'.repeat(50_000) });
    const s = await PersistenceStore.open({ key: 'k', backend: mem, root });
    for (let i = 0; i < 33; i++) {
      t.write('f.bin', String(i % 10).repeat(50_000 + i));
      await s.commit({ changed: ['f.bin'], lookup: t.lookup, read: t.read });
    }
    expect(packBytes()).to.be.greaterThan(33 * 50_000);
    for (let i = 0; i < 60 && packBytes() > 4 * 50_100; i++) await sleep(100);
    expect(packBytes()).to.be.lessThan(4 * 50_100);
    await s.close();
    expect(await reopen((o) => PersistenceStore.open({ key: 'k', backend: mem, root, ...o }))).to.deep.equal(t.view());
  });

  it('garbage collection never runs while a commit is between its blobs and its head', async () => {
    const { open, root, mem } = setup('gcrace');
    const t = new FakeTree({ 'a.txt': 'a' });
    const s = await open();
    await s.commit({ entries: t.list(), read: t.read });
    t.write('b.txt', 'new contents only this commit has');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const commit = s.commit({ entries: t.list(), read: async (p) => (await gate, t.read(p)) });
    await sleep(20);
    expect(await collectGarbage(mem, root)).to.equal(null);
    release();
    await commit;
    expect(await collectGarbage(mem, root)).to.not.equal(null);
    await s.close();
    expect(await reopen(open)).to.deep.equal(t.view());
  });

  it('a damaged blob is reported by hash and the rest loads; the next commit heals the manifest', async () => {
    const { open, mem, root, diags } = setup('damage');
    const t = new FakeTree({ 'good.txt': 'good', 'bad.txt': 'this one will be damaged' });
    const s = await open();
    await s.commit({ entries: t.list(), read: t.read });
    await s.close();
    const pack = [...mem.files()].find(([k]) => k.startsWith(`${root}/packs/`))![1];
    const at = new TextDecoder().decode(pack).indexOf('damaged');
    pack[at] ^= 0xff;
    const s2 = await open();
    const restored = view(await s2.restore());
    expect(restored['good.txt']).to.equal('good');
    expect(restored).to.not.have.property('bad.txt');
    const d = diags.find((x) => x.code === 'EPERSIST_CORRUPT')!;
    expect(d.level).to.equal('warn');
    expect((d.detail as { paths: string[] }).paths).to.deep.equal(['bad.txt']);
    // The VFS now lacks bad.txt; the page writes it again and commits.
    t.write('bad.txt', 'this one will be damaged');
    await s2.commit({ entries: t.list(), read: t.read });
    await s2.close();
    diags.length = 0;
    expect(await reopen(open)).to.deep.equal(t.view());
    expect(diags).to.deep.equal([]);
  });

  it('a damaged delta manifest is reported and the other generations load', async () => {
    const { open, mem, root, diags } = setup('mdamage');
    const t = new FakeTree({ 'a.txt': 'a', 'b.txt': 'b' });
    const s = await open();
    await s.commit({ entries: t.list(), read: t.read });
    t.write('b.txt', 'b2');
    await s.commit({ entries: t.list(), read: t.read });
    t.write('c.txt', 'c');
    await s.commit({ entries: t.list(), read: t.read });
    await s.close();
    const delta = mem.files().get(`${keyDir(root, 'proj')}/delta-2.vdelta`)!;
    delta[delta.length - 20] ^= 0xff;
    const got = await reopen(open);
    expect(got).to.deep.equal({ 'a.txt': 'a', 'b.txt': 'b', 'c.txt': 'c' });
    expect(diags.some((d) => d.code === 'EPERSIST_CORRUPT' && JSON.stringify(d.detail).includes('delta-2'))).to.equal(true);
  });

  it('a torn head slot falls back to the previous generation', async () => {
    const { open, mem, root, diags } = setup('torn');
    const t = new FakeTree({ 'a.txt': 'v1' });
    const s = await open();
    await s.commit({ entries: t.list(), read: t.read });
    const v1 = t.view();
    t.write('a.txt', 'v2');
    await s.commit({ entries: t.list(), read: t.read });
    await s.close();
    const head = mem.files().get(`${keyDir(root, 'proj')}/head.0`)!;
    mem.files().set(`${keyDir(root, 'proj')}/head.0`, head.subarray(0, head.length - 5));
    expect(await reopen(open)).to.deep.equal(v1);
    expect(diags.some((d) => d.code === 'EPERSIST_CORRUPT')).to.equal(true);
  });

  for (const kind of ['base', 'delta'] as const) {
    it(`a kill after any number of writes leaves the old or the new generation (${kind} commit)`, async () => {
      let total = -1;
      const outcomes = new Set<string>();
      for (let n = 0; ; n++) {
        const mem = new MemoryBackend();
        const root = testRoot('crash');
        const faulty = new FaultyBackend(mem);
        faulty.tear = true;
        const files: Record<string, string> = {};
        for (let i = 0; i < 30; i++) files[`dir${i % 3}/f${i}.txt`] = `contents ${i}`.repeat(i * 40);
        const t = new FakeTree(files);
        const s = await PersistenceStore.open({ key: 'k', backend: faulty, root, autoGc: false });
        await s.commit({ entries: t.list(), read: t.read });
        if (kind === 'base')
          // 31 deltas on the head: the commit under test must write a whole base.
          for (let i = 0; i < 31; i++) {
            t.write('dir0/f0.txt', `round ${i}`);
            await s.commit({ changed: ['dir0/f0.txt'], lookup: t.lookup, read: t.read });
          }
        const oldView = t.view();
        if (kind === 'base') for (let i = 0; i < 30; i += 2) t.write(`dir${i % 3}/f${i}.txt`, `new ${i}`.repeat(500));
        else t.write('dir1/f1.txt', 'small change');
        t.rm('dir2/f2.txt');
        t.write('added/file.txt', 'added');
        const newView = t.view();
        faulty.writes = 0;
        faulty.failAfter = n;
        let failed = false;
        const r = await s.commit({ entries: t.list(), read: t.read }).catch(() => null);
        if (r) expect(r.manifest).to.equal(kind);
        else failed = true;
        await s.close();
        const fresh = await PersistenceStore.open({ key: 'k', backend: mem, root, autoGc: false });
        const got = view(await fresh.restore());
        if (failed) expect(got).to.deep.equal(oldView, `killed after ${n} writes`);
        else expect(got).to.deep.equal(newView, `completed with ${n} writes allowed`);
        outcomes.add(failed ? 'old' : 'new');
        // Recovery: the next commit (and a GC of what the crash left) gives the new generation.
        await fresh.commit({ entries: t.list(), read: t.read });
        await fresh.gc();
        await fresh.close();
        const again = await PersistenceStore.open({ key: 'k', backend: mem, root, autoGc: false });
        expect(view(await again.restore())).to.deep.equal(newView);
        await again.close();
        if (!failed) {
          total = n;
          break;
        }
      }
      expect(total).to.be.greaterThan(1);
      expect([...outcomes].sort()).to.deep.equal(['new', 'old']);
    });
  }

  it('a full quota during commit: a diagnostic, nothing half-written, and the next commit retries', async () => {
    const { root, mem, diags } = setup('quota');
    const faulty = new FaultyBackend(mem);
    const t = new FakeTree({ 'a.txt': 'a' });
    const s = await PersistenceStore.open({ key: 'q', backend: faulty, root, autoGc: false, onDiagnostic: (d) => diags.push(d) });
    await s.commit({ entries: t.list(), read: t.read });
    t.write('b.txt', 'bbbb');
    faulty.quota = true;
    const err = await s.commit({ changed: ['b.txt'], lookup: t.lookup, read: t.read }).catch((e: Error) => e);
    expect((err as Error).name).to.equal('QuotaExceededError');
    const d = diags.find((x) => x.code === 'EPERSIST_QUOTA_EXCEEDED')!;
    expect(d.level).to.equal('error');
    const peek = await PersistenceStore.open({ key: 'q', backend: mem, root, onConflict: 'readonly' });
    expect(view(await peek.restore())).to.deep.equal({ 'a.txt': 'a' });
    await peek.close();
    faulty.quota = false;
    // No paths named this time: the store remembers b.txt from the failed attempt.
    const r = await s.commit({ changed: [], lookup: t.lookup, read: t.read });
    expect(r.written).to.equal(1);
    await s.close();
    expect(await reopen((o) => PersistenceStore.open({ key: 'q', backend: mem, root, ...o }))).to.deep.equal(t.view());
  });

  it('warns when storage is nearly full and asks for persistent storage', async () => {
    const storage = navigator.storage as StorageManager & Record<string, unknown>;
    let persistCalls = 0;
    Object.defineProperty(storage, 'estimate', { configurable: true, value: async () => ({ usage: 95, quota: 100 }) });
    Object.defineProperty(storage, 'persisted', { configurable: true, value: async () => false });
    Object.defineProperty(storage, 'persist', { configurable: true, value: async () => (persistCalls++, false) });
    try {
      const diags: PersistenceDiagnostic[] = [];
      const mem = new MemoryBackend();
      const s = await PersistenceStore.open({ key: 'k', backend: Object.assign(Object.create(mem), { kind: 'indexeddb' }) as MemoryBackend, root: testRoot('est'), onDiagnostic: (d) => diags.push(d) });
      await sleep(20);
      await s.close();
      expect(persistCalls).to.equal(1);
      const q = diags.find((d) => d.code === 'EPERSIST_QUOTA')!;
      expect(q.level).to.equal('warn');
      expect(q.detail).to.deep.equal({ usage: 95, quota: 100 });
      expect(diags.some((d) => d.code === 'EPERSIST_BEST_EFFORT')).to.equal(true);
    } finally {
      // The stubs are own properties; removing them uncovers the prototype's methods.
      for (const k of ['estimate', 'persist', 'persisted']) delete (storage as Record<string, unknown>)[k];
    }
  });

  it('clearPersistence forgets a key, and refuses while a writer holds it', async () => {
    const { open, mem, root } = setup('clear');
    const t = new FakeTree({ 'a.txt': 'a' });
    const s = await open();
    await s.commit({ entries: t.list(), read: t.read });
    const busy = await clearPersistence('proj', { backend: mem, root, timeoutMs: 100 }).catch((e: Error & { code?: string }) => e);
    expect((busy as { code?: string }).code).to.equal('EBUSY');
    await s.close();
    await clearPersistence('proj', { backend: mem, root });
    const s2 = await open();
    expect(await s2.restore()).to.equal(null);
    await s2.close();
  });
});

describe(`persistence: two writers on one key (${MODE})`, () => {
  it('by default waits briefly, then forks to KEY~fork-<id> with a copy and a diagnostic', async () => {
    const { open, diags } = setup('fork');
    const t = new FakeTree({ 'a.txt': 'a' });
    const first = await open();
    await first.commit({ entries: t.list(), read: t.read });
    const started = performance.now();
    const second = await open({ conflictWaitMs: 300 });
    expect(performance.now() - started).to.be.greaterThan(250);
    expect(second.key).to.match(/^proj~fork-[a-z0-9]{6}$/);
    expect(second.readonly).to.equal(false);
    const d = diags.find((x) => x.code === 'EPERSIST_FORKED')!;
    expect(d.level).to.equal('warn');
    expect(d.detail).to.deep.equal({ key: 'proj', forkKey: second.key });
    expect(view(await second.restore())).to.deep.equal(t.view());
    const t2 = new FakeTree({ 'a.txt': 'a', 'fork-only.txt': 'f' });
    await second.commit({ entries: t2.list(), read: t2.read });
    await second.close();
    await first.close();
    expect(await reopen(open)).to.deep.equal(t.view());
    expect(await reopen(open, { key: second.key })).to.deep.equal(t2.view());
  });

  it('takes the same key when the first writer lets go within the wait (a reload)', async () => {
    const { open } = setup('reload');
    const first = await open();
    const pending = open({ conflictWaitMs: 2000 });
    await sleep(100);
    await first.close();
    const second = await pending;
    expect(second.key).to.equal('proj');
    await second.close();
  });

  it("'readonly' restores, never commits, and hears the writer's commits", async () => {
    const { open, diags } = setup('ro');
    const t = new FakeTree({ 'a.txt': 'a' });
    const writer = await open();
    await writer.commit({ entries: t.list(), read: t.read });
    const heard: number[] = [];
    const reader = await open({ onConflict: 'readonly', onRemoteCommit: (e) => heard.push(e.gen) });
    expect(reader.readonly).to.equal(true);
    expect(reader.key).to.equal('proj');
    expect(diags.some((d) => d.code === 'EPERSIST_READONLY')).to.equal(true);
    expect(view(await reader.restore())).to.deep.equal(t.view());
    expect((await reader.commit({ entries: new FakeTree({ 'x.txt': 'x' }).list() })).manifest).to.equal('none');
    t.write('b.txt', 'b');
    await writer.commit({ entries: t.list(), read: t.read });
    for (let i = 0; i < 50 && !heard.length; i++) await sleep(10);
    expect(heard).to.deep.equal([2]);
    expect(view(await reader.restore())).to.deep.equal(t.view());
    await reader.close();
    await writer.close();
  });

  it("'inherit' waits until the first writer closes, then takes over with its last commit", async () => {
    const { open, diags } = setup('inherit');
    const t = new FakeTree({ 'a.txt': 'a' });
    const first = await open();
    await first.commit({ entries: t.list(), read: t.read });
    let opened = false;
    const pending = open({ onConflict: 'inherit' }).then((s) => ((opened = true), s));
    await sleep(100);
    expect(opened).to.equal(false);
    expect(diags.some((d) => d.code === 'EPERSIST_WAITING')).to.equal(true);
    t.write('last.txt', 'written just before closing');
    await first.commit({ entries: t.list(), read: t.read });
    await first.close();
    const second = await pending;
    expect(second.key).to.equal('proj');
    expect(second.readonly).to.equal(false);
    expect(view(await second.restore())).to.deep.equal(t.view());
    t.write('b.txt', 'b');
    expect((await second.commit({ entries: t.list(), read: t.read })).gen).to.equal(3);
    await second.close();
  });
});

describe(`persistence backends (${MODE})`, () => {
  const tree = new FakeTree({ 'src/a.js': 'a', 'b.bin': 'b'.repeat(50_000) });

  for (const backend of ['opfs', 'indexeddb', 'memory'] as const) {
    it(`${backend}: commits and restores`, async () => {
      const root = testRoot(backend);
      const s = await PersistenceStore.open({ key: 'k', backend, root });
      expect(s.backend).to.equal(backend);
      await s.commit({ entries: tree.list(), read: tree.read });
      tree.write('src/a.js', 'a2');
      await s.commit({ changed: ['src/a.js'], lookup: tree.lookup, read: tree.read });
      await s.close();
      const s2 = await PersistenceStore.open({ key: 'k', backend, root });
      expect(view(await s2.restore())).to.deep.equal(tree.view());
      await s2.close();
      await clearPersistence('k', { backend, root });
    });
  }

  it("'auto' picks OPFS here", async () => {
    const s = await PersistenceStore.open({ key: 'k', root: testRoot('auto') });
    expect(s.backend).to.equal('opfs');
    await s.close();
  });

  it("'auto' falls back to IndexedDB when OPFS throws, then to memory", async () => {
    const storage = navigator.storage as StorageManager & Record<string, unknown>;
    Object.defineProperty(storage, 'getDirectory', { configurable: true, value: () => Promise.reject(new DOMException('blocked', 'SecurityError')) });
    const diags: PersistenceDiagnostic[] = [];
    try {
      const s = await PersistenceStore.open({ key: 'k', root: testRoot('auto2'), onDiagnostic: (d) => diags.push(d) });
      expect(s.backend).to.equal('indexeddb');
      expect(diags.find((d) => d.code === 'EPERSIST_BACKEND')?.level).to.equal('info');
      await s.close();
      const idb = Object.getOwnPropertyDescriptor(globalThis, 'indexedDB');
      Object.defineProperty(globalThis, 'indexedDB', { configurable: true, value: undefined });
      try {
        const m = await PersistenceStore.open({ key: 'k', root: testRoot('auto3'), onDiagnostic: (d) => diags.push(d) });
        expect(m.backend).to.equal('memory');
        expect(diags.filter((d) => d.code === 'EPERSIST_BACKEND').at(-1)?.level).to.equal('warn');
        await m.close();
      } finally {
        if (idb) Object.defineProperty(globalThis, 'indexedDB', idb);
        else delete (globalThis as Record<string, unknown>).indexedDB;
      }
      const explicit = await PersistenceStore.open({ key: 'k', backend: 'opfs', root: testRoot('x') }).catch((e: Error) => e);
      expect(explicit).to.be.instanceOf(Error);
    } finally {
      delete (storage as Record<string, unknown>).getDirectory;
    }
    expect(typeof indexedDB).to.equal('object');
  });
});

describe(`CommitScheduler (${MODE})`, () => {
  it('commits once after writes settle, with every changed path', async () => {
    const calls: string[][] = [];
    const sched = new CommitScheduler(async (c) => void calls.push([...c].sort()), { delayMs: 50 });
    sched.schedule(['a']);
    await sleep(20);
    sched.schedule(['b']);
    await sleep(20);
    sched.schedule(['a', 'c']);
    expect(calls).to.deep.equal([]);
    await sleep(120);
    expect(calls).to.deep.equal([['a', 'b', 'c']]);
    expect(sched.pending).to.equal(false);
  });

  it('commits at least every maxDelayMs while writes keep coming', async () => {
    let calls = 0;
    const sched = new CommitScheduler(async () => void calls++, { delayMs: 50, maxDelayMs: 120 });
    const start = performance.now();
    while (performance.now() - start < 300) {
      sched.schedule(['x']);
      await sleep(10);
    }
    expect(calls).to.be.greaterThan(0);
    await sched.dispose();
  });

  it('flush commits now; a failed commit keeps its paths for the next', async () => {
    const calls: string[][] = [];
    let fail = true;
    const errors: unknown[] = [];
    const sched = new CommitScheduler(
      async (c) => {
        calls.push([...c]);
        if (fail) throw new Error('nope');
      },
      { delayMs: 10_000, retryMs: 10_000, onError: (e) => errors.push(e) },
    );
    sched.schedule(['a']);
    await sched.flush().catch(() => {});
    expect(errors.length).to.equal(1);
    expect(sched.pending).to.equal(true);
    fail = false;
    sched.schedule(['b']);
    await sched.flush();
    expect(calls).to.deep.equal([['a'], ['a', 'b']]);
    await sched.flush();
    expect(calls.length).to.equal(2);
    await sched.dispose();
  });
});
