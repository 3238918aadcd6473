import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, finish } from '../helpers/runtime.js';

async function rejection(p: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await p;
  } catch (e) {
    return e as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection');
}

describe(`runtime.fs (${MODE})`, () => {
  let rt: Runtime;
  beforeEach(async () => {
    rt = await Runtime.boot();
  });
  afterEach(async () => {
    await rt.teardown();
  });

  it('writes and reads files relative to the workdir', async () => {
    await rt.fs.writeFile('hello.txt', 'hi ✓');
    expect(await rt.fs.readFile('hello.txt', 'utf8')).to.equal('hi ✓');
    expect(await rt.fs.readFile('/home/project/hello.txt')).to.deep.equal(new TextEncoder().encode('hi ✓'));
    const st = await rt.fs.stat('hello.txt');
    expect(st.size).to.equal(6);
    expect(st.isFile()).to.equal(true);
    expect(st.isDirectory()).to.equal(false);
    expect(st.mode & 0o170000).to.equal(0o100000);
    expect(st.mtimeMs).to.be.closeTo(Date.now(), 60_000);
  });

  it('mkdir, readdir, rename and rm', async () => {
    await rt.fs.mkdir('a/b/c', { recursive: true });
    await rt.fs.writeFile('a/b/c/f.txt', 'x');
    await rt.fs.writeFile('a/g.txt', 'y');
    expect(await rt.fs.readdir('a')).to.deep.equal(['b', 'g.txt']);
    const typed = await rt.fs.readdir('a', { withFileTypes: true });
    expect(typed.map((d) => [d.name, d.isDirectory(), d.isFile()])).to.deep.equal([
      ['b', true, false],
      ['g.txt', false, true],
    ]);
    await rt.fs.rename('a/g.txt', 'a/h.txt');
    expect(await rt.fs.readdir('a')).to.deep.equal(['b', 'h.txt']);
    await rt.fs.rm('a', { recursive: true });
    expect(await rt.fs.readdir('.')).to.not.include('a');
    await rt.fs.rm('nothing-here', { force: true });
  });

  it('rejects as Node does, with code, errno, syscall and path', async () => {
    const e1 = await rejection(rt.fs.readFile('/nope.txt'));
    expect(e1.code).to.equal('ENOENT');
    expect(e1.errno).to.equal(-2);
    expect(e1.syscall).to.equal('open');
    expect(e1.path).to.equal('/nope.txt');
    expect(e1.message).to.equal("ENOENT: no such file or directory, open '/nope.txt'");
    await rt.fs.mkdir('d');
    const e2 = await rejection(rt.fs.mkdir('d'));
    expect([e2.code, e2.syscall, e2.path]).to.deep.equal(['EEXIST', 'mkdir', '/home/project/d']);
    const e3 = await rejection(rt.fs.rename('/missing', '/other'));
    expect([e3.code, e3.dest]).to.deep.equal(['ENOENT', '/other']);
    const e4 = await rejection(rt.fs.readdir('/nope'));
    expect([e4.code, e4.syscall]).to.deep.equal(['ENOENT', 'scandir']);
    const e5 = await rejection(rt.fs.readFile('a\0b'));
    expect(e5.code).to.equal('ERR_INVALID_ARG_VALUE');
    expect(e5).to.be.instanceOf(TypeError);
  });

  it('a process sees files written through runtime.fs', async () => {
    await rt.fs.writeFile('main.js', 'console.log("from file", process.argv.length)');
    const r = await finish(await rt.spawn('node', ['main.js']));
    expect(r.stdout).to.equal('from file 2\n');
  });

  it('watch reports changes with names relative to the watched folder', async () => {
    await rt.fs.mkdir('w/sub', { recursive: true });
    const events: string[] = [];
    const recursiveEvents: string[] = [];
    const stop = rt.fs.watch('w', {}, (event, filename) => events.push(`${event}:${filename}`));
    const stop2 = rt.fs.watch('w', { recursive: true }, (event, filename) => recursiveEvents.push(`${event}:${filename}`));
    await new Promise((r) => setTimeout(r, 50));
    await rt.fs.writeFile('w/a.txt', '1');
    await rt.fs.writeFile('w/sub/b.txt', '2');
    await new Promise((r) => setTimeout(r, 100));
    expect(events).to.include('rename:a.txt');
    expect(events.some((e) => e.includes('b.txt'))).to.equal(false);
    expect(recursiveEvents).to.include('rename:sub/b.txt');
    stop();
    stop2();
    await rt.fs.writeFile('w/c.txt', '3');
    await new Promise((r) => setTimeout(r, 100));
    expect(events.some((e) => e.includes('c.txt'))).to.equal(false);
  });
});

describe(`mount and export (${MODE})`, () => {
  let rt: Runtime;
  beforeEach(async () => {
    rt = await Runtime.boot();
  });
  afterEach(async () => {
    await rt.teardown();
  });

  const bytes = new Uint8Array([0, 1, 2, 255, 254]);
  const tree = {
    'index.js': { file: { contents: 'console.log("mounted")' } },
    'bin.dat': { file: { contents: bytes } },
    src: { directory: { 'a.js': { file: { contents: 'a' } }, deep: { directory: {} } } },
    link: { file: { symlink: 'index.js' } },
  };

  it('mounts a tree at the workdir and runs from it', async () => {
    await rt.mount(tree);
    expect(await rt.fs.readFile('bin.dat')).to.deep.equal(bytes);
    expect(await rt.fs.readFile('src/a.js', 'utf8')).to.equal('a');
    expect((await rt.fs.readdir('src/deep')).length).to.equal(0);
    expect((await finish(await rt.spawn('node', ['index.js']))).stdout).to.equal('mounted\n');
    expect(await rt.fs.readFile('link', 'utf8')).to.equal('console.log("mounted")');
  });

  it('mounts at a mountPoint', async () => {
    await rt.mount({ 'x.txt': { file: { contents: 'x' } } }, { mountPoint: '/opt/thing' });
    expect(await rt.fs.readFile('/opt/thing/x.txt', 'utf8')).to.equal('x');
  });

  it('export as snapshot and mount round-trip exactly (contents, modes, symlinks, mtimes)', async () => {
    await rt.mount(tree);
    const snap = (await rt.export()) as Uint8Array;
    expect(snap).to.be.instanceOf(Uint8Array);
    expect(new TextDecoder().decode(snap.subarray(0, 8))).to.equal('VRKLSNAP');
    const other = await Runtime.boot();
    try {
      await other.mount(snap);
      const again = (await other.export()) as Uint8Array;
      expect(again).to.deep.equal(snap);
      expect(await other.export({ format: 'tree' })).to.deep.equal(await rt.export({ format: 'tree' }));
    } finally {
      await other.teardown();
    }
  });

  it('export as a tree, with exclude', async () => {
    await rt.mount(tree);
    await rt.fs.mkdir('node_modules/pkg', { recursive: true });
    await rt.fs.writeFile('node_modules/pkg/index.js', '1');
    const out = (await rt.export({ format: 'tree', exclude: ['node_modules', '*.dat'] })) as Record<string, unknown>;
    expect(Object.keys(out).sort()).to.deep.equal(['index.js', 'link', 'src']);
    expect(out.link).to.deep.equal({ file: { symlink: 'index.js' } });
  });

  it('a malformed tree is rejected and changes nothing', async () => {
    await rt.fs.writeFile('keep.txt', 'keep');
    const before = await rt.export();
    for (const bad of [
      { 'a.txt': { file: { contents: 'ok' } }, 'b/c': { file: { contents: 'slash' } } },
      { 'a.txt': { file: { contents: 'ok' } }, '..': { directory: {} } },
      { 'a.txt': { file: { contents: 5 } } },
      { ok: { directory: { fine: { file: { contents: '' } } } }, weird: { folder: {} } },
    ]) {
      const err = await rejection(rt.mount(bad as never));
      expect(err.message).to.match(/invalid FileSystemTree at '/);
      expect(await rt.export()).to.deep.equal(before);
    }
  });

  it('a snapshot of a newer format version is refused, naming both versions', async () => {
    const snap = (await rt.export()) as Uint8Array;
    const newer = snap.slice();
    new DataView(newer.buffer).setUint16(8, 9, true);
    const err = await rejection(rt.mount(newer));
    expect(err.message).to.contain('version 9');
    expect(err.message).to.contain('version 1');
    const truncated = snap.slice(0, snap.length - 3);
    expect((await rejection(rt.mount(truncated))).message).to.contain('invalid snapshot');
  });
});
