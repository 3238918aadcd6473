// The FsHost contract: what the process worker provides and how fs uses it
// (changed(), umask, defer, stdio writer, watch hook, fd limit).
import test from 'node:test';
import assert from 'node:assert/strict';
import { freshFs, loadBundle } from './support.mjs';

test('changed() follows every successful mutation, not reads or failures', async () => {
  const { fs, state } = await freshFs();
  const before = state.changes;
  fs.readdirSync('.');
  fs.existsSync('x');
  assert.throws(() => fs.unlinkSync('nope'));
  assert.equal(state.changes, before);
  fs.writeFileSync('a', 'x');
  const afterWrite = state.changes;
  assert.ok(afterWrite > before);
  fs.mkdirSync('d');
  fs.renameSync('a', 'd/a');
  fs.chmodSync('d/a', 0o600);
  fs.rmSync('d', { recursive: true });
  assert.ok(state.changes >= afterWrite + 4);
});

test('umask applies to created files and directories', async () => {
  const { fs } = await freshFs();
  fs.writeFileSync('f', '', { mode: 0o777 });
  fs.mkdirSync('d', 0o777);
  assert.equal(fs.statSync('f').mode & 0o777, 0o755);
  assert.equal(fs.statSync('d').mode & 0o777, 0o755);
});

test('callbacks go through host.defer', async () => {
  const queued = [];
  const { fs } = await freshFs({ defer: (fn) => queued.push(fn) });
  let done = false;
  fs.writeFile('f', 'x', () => { done = true; });
  assert.equal(queued.length, 1);
  assert.equal(done, false);
  queued.shift()();
  assert.equal(done, true);
  const p = fs.promises.readFile('f', 'utf8');
  while (queued.length) { await null; queued.shift()(); }
  assert.equal(await p, 'x');
});

test('fd 1 and 2 go to writeStdio; fd 0 reads EOF without readStdin', async () => {
  const { fs, state } = await freshFs();
  assert.equal(fs.writeSync(1, 'out'), 3);
  assert.equal(fs.writeSync(2, Buffer.from('err!')), 4);
  assert.deepEqual(state.stdout, [[1, 'out'], [2, 'err!']]);
  assert.equal(fs.readSync(0, Buffer.alloc(4)), 0);
});

test('fds start at 3, reuse the lowest free number, stop at EMFILE', async () => {
  const { fs } = await freshFs();
  fs.writeFileSync('f', '');
  const fds = [];
  assert.throws(() => { for (;;) fds.push(fs.openSync('f', 'r')); }, (e) => e.code === 'EMFILE' && e.syscall === 'open' && e.path === 'f');
  assert.equal(fds[0], 3);
  assert.equal(fds.length, 1024 - 3);
  fs.closeSync(fds[10]);
  assert.equal(fs.openSync('f', 'r'), fds[10]);
});

test('a watch hook, when given, replaces local watching', async () => {
  const calls = [];
  let emit;
  const { fs } = await freshFs({
    watch: (path, recursive, listener) => { calls.push([path, recursive]); emit = listener; return () => calls.push(['closed']); },
  });
  fs.mkdirSync('w');
  const seen = [];
  const w = fs.watch('w', { recursive: true }, (t, n) => seen.push([t, n]));
  assert.deepEqual(calls, [['/work/w', true]]);
  emit('rename', 'x');
  w.close();
  assert.deepEqual(seen, [['rename', 'x']]);
  assert.deepEqual(calls.at(-1), ['closed']);
});

test('fs.promises has FileHandle and constants; lchmod is absent as on Linux', async () => {
  const { fs } = await freshFs();
  assert.equal(typeof fs.promises.FileHandle, 'function');
  assert.equal(fs.promises.constants, fs.constants);
  assert.equal(fs.lchmod, undefined);
  await assert.rejects(fs.promises.lchmod('x', 0o600), { code: 'ERR_METHOD_NOT_IMPLEMENTED' });
  const { createFs } = await loadBundle();
  assert.equal(typeof createFs, 'function');
});
