import { expect } from '@esm-bundle/chai';
import { MemoryBackend, VfsPersistence, type PersistedVfs } from '../../../src/fs/persistence/index.js';
import type { SnapshotEntry } from '../../../src/fs/snapshot-format.js';
import { FakeTree, MODE, sleep, testRoot, view } from './helpers.js';

const WORKDIR = '/home/project';

/** The read side of a VFS over a FakeTree mounted at WORKDIR (errno numbers on failure, as Vfs returns them). */
function fakeVfs(t: FakeTree): PersistedVfs {
  const rel = (abs: string) => (abs === WORKDIR ? '' : abs.slice(WORKDIR.length + 1));
  return {
    stat(abs) {
      const r = rel(abs);
      if (r === '') return { mode: 0o40755, size: 0, mtimeMs: 1 };
      const e = t.entries.get(r);
      if (!e) return -2;
      const mode = e.kind === 'dir' ? 0o40755 : e.kind === 'symlink' ? 0o120777 : 0o100644;
      return { mode, size: e.kind === 'file' ? e.size! : 0, mtimeMs: e.mtimeMs };
    },
    readdir(abs) {
      const r = rel(abs);
      const prefix = r ? `${r}/` : '';
      return [...t.entries.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/')).map((p) => ({ name: p.slice(prefix.length) }));
    },
    readlink(abs) {
      const e = t.entries.get(rel(abs));
      return e?.kind === 'symlink' ? e.target : -22;
    },
    readFile(abs) {
      const e = t.entries.get(rel(abs));
      return e?.kind === 'file' ? e.data! : -2;
    },
  };
}

describe(`VfsPersistence (${MODE})`, () => {
  it('restores into the VFS at boot, commits what the op log names, flushes on demand', async () => {
    const mem = new MemoryBackend();
    const root = testRoot('vfsp');
    const t = new FakeTree();
    let mounted: SnapshotEntry[] | undefined;
    const open = (tree: FakeTree) =>
      VfsPersistence.open({ key: 'k', backend: mem, root, vfs: fakeVfs(tree), dir: WORKDIR, mount: (e) => void (mounted = e), scheduler: { delayMs: 30 } });
    const p = await open(t);
    expect(mounted).to.equal(undefined);
    expect(p.backend).to.equal('memory');
    t.write('src/index.js', 'console.log(1)');
    t.symlink('link', 'src/index.js');
    p.noteOps([{ path: `${WORKDIR}/src` }, { path: `${WORKDIR}/src/index.js` }, { path: `${WORKDIR}/link` }, { path: '/tmp/outside' }]);
    await sleep(100);
    expect(p.store.generation).to.equal(1);
    t.rename('src', 'lib');
    p.noteOps([{ path: `${WORKDIR}/src`, dest: `${WORKDIR}/lib` }]);
    await p.close(); // flushes
    const t2 = new FakeTree();
    const p2 = await open(t2);
    expect(view(mounted!)).to.deep.equal(t.view());
    expect(p2.store.generation).to.equal(2);
    await p2.close();
  });
});
