/**
 * Two tabs on one key: this page and an iframe (its own realm and Web Locks
 * holder, same origin). Removing the iframe is what closing or killing a tab
 * does to its locks.
 */
import { expect } from '@esm-bundle/chai';
import { PersistenceStore, clearPersistence } from '../../../src/fs/persistence/index.js';
import { FakeTree, MODE, sleep, testRoot, view } from './helpers.js';

type Tab = {
  diagnostics: { code: string }[];
  heard: number[];
  open(o: object): Promise<{ id: number; key: string; readonly: boolean; backend: string }>;
  restore(id: number): Promise<Record<string, string>>;
  commit(id: number, files: Record<string, string>, slowMs?: number): Promise<number>;
  close(id: number): Promise<void>;
};

async function openTab(): Promise<{ frame: HTMLIFrameElement; tab: Tab }> {
  const frame = document.createElement('iframe');
  frame.src = new URL('./tab.html', import.meta.url).href;
  document.body.append(frame);
  for (let i = 0; i < 500; i++) {
    const tab = (frame.contentWindow as (Window & { tab?: Tab }) | null)?.tab;
    if (tab) return { frame, tab };
    await sleep(10);
  }
  throw new Error('tab.html did not load');
}

describe(`persistence across tabs (${MODE})`, function () {
  this.timeout(60_000);
  const files = { 'a.txt': 'a', 'src/b.js': 'b' };
  let root: string;
  let frame: HTMLIFrameElement | undefined;

  beforeEach(() => {
    root = testRoot('tabs');
  });
  afterEach(async () => {
    frame?.remove();
    frame = undefined;
    await clearPersistence('k', { root, backend: 'opfs', timeoutMs: 5000 }).catch(() => {});
  });

  it("a read-only second tab restores, hears the writer's commits and never writes", async () => {
    const t = new FakeTree(files);
    const writer = await PersistenceStore.open({ key: 'k', root, backend: 'opfs' });
    await writer.commit({ entries: t.list(), read: t.read });
    const opened = await openTab();
    frame = opened.frame;
    const other = await opened.tab.open({ key: 'k', root, backend: 'opfs', onConflict: 'readonly' });
    expect(other).to.include({ key: 'k', readonly: true, backend: 'opfs' });
    expect(await opened.tab.restore(other.id)).to.deep.equal(t.view());
    t.write('new.txt', 'from the writer');
    const { gen } = await writer.commit({ entries: t.list(), read: t.read });
    for (let i = 0; i < 100 && !opened.tab.heard.length; i++) await sleep(10);
    expect(opened.tab.heard).to.deep.equal([gen]);
    expect(await opened.tab.restore(other.id)).to.deep.equal(t.view());
    await opened.tab.commit(other.id, { 'ignored.txt': 'x' });
    await opened.tab.close(other.id);
    await writer.close();
    const check = await PersistenceStore.open({ key: 'k', root, backend: 'opfs' });
    expect(view(await check.restore())).to.deep.equal(t.view());
    await check.close();
  });

  it('a second tab forks by default, and the forks stay apart', async () => {
    const t = new FakeTree(files);
    const writer = await PersistenceStore.open({ key: 'k', root, backend: 'opfs' });
    await writer.commit({ entries: t.list(), read: t.read });
    const opened = await openTab();
    frame = opened.frame;
    const other = await opened.tab.open({ key: 'k', root, backend: 'opfs', conflictWaitMs: 200 });
    expect(other.key).to.match(/^k~fork-/);
    expect(opened.tab.diagnostics.map((d) => d.code)).to.include('EPERSIST_FORKED');
    expect(await opened.tab.restore(other.id)).to.deep.equal(t.view());
    await opened.tab.commit(other.id, { 'fork.txt': 'fork' });
    await opened.tab.close(other.id);
    await writer.close();
    const mine = await PersistenceStore.open({ key: 'k', root, backend: 'opfs' });
    expect(view(await mine.restore())).to.deep.equal(t.view());
    await mine.close();
    await clearPersistence(other.key, { root, backend: 'opfs' });
  });

  it('inherit: when the writing tab goes away, the waiting tab takes over with its last commit', async () => {
    const opened = await openTab();
    frame = opened.frame;
    const first = await opened.tab.open({ key: 'k', root, backend: 'opfs' });
    expect(first.readonly).to.equal(false);
    await opened.tab.commit(first.id, { ...files, 'last.txt': 'last' });
    let settled = false;
    const pending = PersistenceStore.open({ key: 'k', root, backend: 'opfs', onConflict: 'inherit' }).then((s) => ((settled = true), s));
    await sleep(200);
    expect(settled).to.equal(false);
    frame.remove(); // the tab closes without a word: its locks go with it
    frame = undefined;
    const second = await pending;
    expect(second.key).to.equal('k');
    expect(view(await second.restore())).to.deep.equal(new FakeTree({ ...files, 'last.txt': 'last' }).view());
    await second.close();
  });

  it('a tab killed in the middle of a commit leaves the previous generation whole', async () => {
    const big: Record<string, string> = {};
    for (let i = 0; i < 40; i++) big[`f${i}.txt`] = `${i}`.repeat(20_000);
    const outcomes = new Set<string>();
    for (const killAfter of [5, 40, 120]) {
      const opened = await openTab();
      frame = opened.frame;
      const s = await opened.tab.open({ key: 'k', root, backend: 'opfs', conflictWaitMs: 5000 });
      expect(s.key).to.equal('k');
      await opened.tab.commit(s.id, files);
      void opened.tab.commit(s.id, big, 2).catch(() => {});
      await sleep(killAfter);
      frame.remove();
      frame = undefined;
      const after = await PersistenceStore.open({ key: 'k', root, backend: 'opfs', conflictWaitMs: 5000 });
      expect(after.key).to.equal('k');
      const got = view(await after.restore());
      const old = new FakeTree(files).view();
      const neu = new FakeTree(big).view();
      const same = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
      expect(same(got, old) || same(got, neu), `killed after ${killAfter} ms: got ${Object.keys(got).join(',')}`).to.equal(true);
      outcomes.add(same(got, old) ? 'old' : 'new');
      // Start the next round from the old generation.
      const t = new FakeTree(files);
      await after.commit({ entries: t.list(), read: t.read });
      await after.close();
    }
    console.log(`[tabs ${MODE}] killed commits ended as: ${[...outcomes].join(', ')}`);
  });
});
