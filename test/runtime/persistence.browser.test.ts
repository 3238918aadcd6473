import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, finish } from '../helpers/runtime.js';

const key = () => `test-${MODE}-${Math.random().toString(36).slice(2)}`;

describe(`persistenceKey (${MODE})`, () => {
  it('restores the workspace at boot, across teardown', async () => {
    const k = key();
    const a = await Runtime.boot({ persistenceKey: k });
    expect(a.capabilities.persistentFilesystem).to.equal('opfs');
    expect(a.capabilities.opfs).to.equal(true);
    expect(a.persistenceKey).to.equal(k);
    await a.fs.mkdir('src', { recursive: true });
    await a.fs.writeFile('src/index.js', 'console.log("persisted")');
    await a.fs.writeFile('bin.dat', new Uint8Array([0, 255, 1]));
    await a.teardown();
    const b = await Runtime.boot({ persistenceKey: k });
    expect(await b.fs.readFile('src/index.js', 'utf8')).to.equal('console.log("persisted")');
    expect(await b.fs.readFile('bin.dat')).to.deep.equal(new Uint8Array([0, 255, 1]));
    expect((await finish(await b.spawn('node', ['src/index.js']))).stdout).to.equal('persisted\n');
    await b.fs.rm('bin.dat');
    await b.teardown();
    const c = await Runtime.boot({ persistenceKey: k });
    expect(await c.fs.readdir('.')).to.deep.equal(['src']);
    await c.teardown();
    await Runtime.clearPersistence(k);
    const d = await Runtime.boot({ persistenceKey: k });
    expect(await d.fs.readdir('.')).to.deep.equal([]);
    await d.teardown();
    await Runtime.clearPersistence(k);
  });

  it('commits after writes settle, without a teardown', async () => {
    const k = key();
    const a = await Runtime.boot({ persistenceKey: k });
    await a.fs.writeFile('early.txt', 'saved by the debounced commit');
    await new Promise((r) => setTimeout(r, 3000));
    // A second runtime opening the key read-only sees what the first committed.
    const b = await Runtime.boot({ persistenceKey: k, persistence: { onConflict: 'readonly' } });
    expect(await b.fs.readFile('early.txt', 'utf8')).to.equal('saved by the debounced commit');
    await b.teardown();
    await a.teardown();
    await Runtime.clearPersistence(k);
  });

  it('a second runtime on a held key forks by default, with a diagnostic', async () => {
    const k = key();
    const a = await Runtime.boot({ persistenceKey: k });
    await a.fs.writeFile('a.txt', 'from a');
    await a.teardown();
    const holder = await Runtime.boot({ persistenceKey: k });
    const diagnostics: string[] = [];
    const b = await Runtime.boot({ persistenceKey: k });
    b.on('diagnostic', (d) => diagnostics.push(d.code));
    await new Promise((r) => setTimeout(r, 50));
    expect(b.persistenceKey).to.not.equal(k);
    expect(b.persistenceKey).to.contain(k);
    expect(diagnostics).to.include('EPERSIST_FORKED');
    expect(await b.fs.readFile('a.txt', 'utf8')).to.equal('from a');
    await b.teardown();
    await holder.teardown();
    await Runtime.clearPersistence(k);
  });

  it('clearPersistence validates its argument', async () => {
    let error: unknown;
    try {
      await Runtime.clearPersistence(42 as unknown as string);
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(TypeError);
  });
});
