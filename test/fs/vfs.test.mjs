// Functional tests of the Vfs binding over the non-shared build: table-driven
// success and error cases for every call, path resolution edge cases, links,
// open references, rename semantics, quota, allocator reuse and the mutation log.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fresh, load, enc, dec, fsck } from '../wasm/support.mjs';

const m = await load();
const { O, Errno, check, ErrnoError } = m;
const E = Errno;

/** A fixture tree exercising dirs, files, symlinks (absolute, relative, dangling, looping). */
async function fixture(opts) {
  const f = await fresh(opts);
  const v = f.vfs;
  const ok = (r) => assert.equal(r, 0);
  ok(v.mkdir('/dir', 0o755));
  ok(v.writeFile('/dir/file', enc('abc')));
  ok(v.mkdir('/dir/sub', 0o755));
  ok(v.writeFile('/dir/sub/deep', enc('deep')));
  ok(v.mkdir('/empty', 0o755));
  ok(v.writeFile('/file', enc('hello')));
  ok(v.symlink('/file', '/link'));
  ok(v.symlink('/dir', '/dlink'));
  ok(v.symlink('/nope', '/broken'));
  ok(v.symlink('/loop2', '/loop1'));
  ok(v.symlink('/loop1', '/loop2'));
  ok(v.symlink('dir', '/rel'));
  ok(v.symlink('../file', '/dir/up'));
  return f;
}

const long = '/' + 'a'.repeat(256);
const tooLongPath = '/' + 'abcdefg/'.repeat(520);

// [call, args, expected errno name or 0 / predicate]
const cases = [
  ['stat', ['/'], 0],
  ['stat', ['/nope'], 'ENOENT'],
  ['stat', ['/file/x'], 'ENOTDIR'],
  ['stat', ['/file/'], 'ENOTDIR'],
  ['stat', ['/link/'], 'ENOTDIR'],
  ['stat', ['/dlink/'], 0],
  ['stat', ['/loop1'], 'ELOOP'],
  ['stat', ['/loop1/x'], 'ELOOP'],
  ['stat', ['/broken'], 'ENOENT'],
  ['stat', ['/broken', false], 0],
  ['stat', [long], 'ENAMETOOLONG'],
  ['stat', [tooLongPath], 'ENAMETOOLONG'],
  ['stat', [''], 'ENOENT'],
  ['stat', ['/dlink/sub/deep'], 0],
  ['stat', ['/rel/sub/../file'], 0],
  ['stat', ['/dir/up'], 0],
  ['stat', ['/../..//dir/./file'], 0],
  ['fstat', [9999], 'EBADF'],
  ['fstat', [0], 'EBADF'],
  ['open', ['/nope', O.RDONLY], 'ENOENT'],
  ['open', ['/dir', O.WRONLY], 'EISDIR'],
  ['open', ['/dir', O.RDWR], 'EISDIR'],
  ['open', ['/dir', O.RDONLY | O.CREAT], 'EISDIR'],
  ['open', ['/dir', O.RDONLY], 0],
  ['open', ['/dir', O.RDONLY | O.DIRECTORY], 0],
  ['open', ['/file', O.RDONLY | O.DIRECTORY], 'ENOTDIR'],
  ['open', ['/file', O.WRONLY | O.CREAT | O.EXCL], 'EEXIST'],
  ['open', ['/link', O.WRONLY | O.CREAT | O.EXCL], 'EEXIST'],
  ['open', ['/broken', O.WRONLY | O.CREAT | O.EXCL], 'EEXIST'],
  ['open', ['/link', O.RDONLY | O.NOFOLLOW], 'ELOOP'],
  ['open', ['/loop1', O.RDONLY], 'ELOOP'],
  ['open', ['/new/', O.WRONLY | O.CREAT], 'EISDIR'],
  ['open', ['/nope/x', O.WRONLY | O.CREAT], 'ENOENT'],
  ['open', ['/file/x', O.WRONLY | O.CREAT], 'ENOTDIR'],
  ['open', ['/file/', O.RDONLY], 'ENOTDIR'],
  ['open', ['/new', O.WRONLY | O.CREAT | O.EXCL], 0],
  ['open', [long, O.WRONLY | O.CREAT], 'ENAMETOOLONG'],
  ['open', ['/broken', O.WRONLY | O.CREAT], 0, (v) => assert.equal(typeof v.stat('/nope'), 'object')],
  ['close', [9999], 'EBADF'],
  ['read', [9999, new Uint8Array(4), 0], 'EBADF'],
  ['write', [9999, enc('x'), 0], 'EBADF'],
  ['ftruncate', [9999, 0], 'EBADF'],
  ['readFile', ['/nope'], 'ENOENT'],
  ['readFile', ['/dir'], 'EISDIR'],
  ['readFile', ['/link'], (r) => assert.equal(dec(r), 'hello')],
  ['writeFile', ['/dir', enc('x')], 'EISDIR'],
  ['writeFile', ['/nope/x', enc('x')], 'ENOENT'],
  ['writeFile', ['/file/', enc('x')], 'EISDIR'],
  ['writeFile', ['/link', enc('via link')], 0, (v) => assert.equal(dec(v.readFile('/file')), 'via link')],
  ['mkdir', ['/dir'], 'EEXIST'],
  ['mkdir', ['/file'], 'EEXIST'],
  ['mkdir', ['/file/'], 'EEXIST'],
  ['mkdir', ['/link'], 'EEXIST'],
  ['mkdir', ['/broken'], 'EEXIST'],
  ['mkdir', ['/'], 'EEXIST'],
  ['mkdir', ['/dir/.'], 'EEXIST'],
  ['mkdir', ['/nope/x'], 'ENOENT'],
  ['mkdir', ['/file/x'], 'ENOTDIR'],
  ['mkdir', ['/loop1/x'], 'ELOOP'],
  ['mkdir', [long], 'ENAMETOOLONG'],
  ['mkdir', ['/newdir/'], 0, (v) => assert.equal(v.stat('/newdir').nlink, 2)],
  ['mkdir', ['/dlink/made', 0o700], 0, (v) => assert.equal(v.stat('/dir/made').mode, 0o40700)],
  ['rmdir', ['/nope'], 'ENOENT'],
  ['rmdir', ['/file'], 'ENOTDIR'],
  ['rmdir', ['/dlink'], 'ENOTDIR'],
  ['rmdir', ['/dir'], 'ENOTEMPTY'],
  ['rmdir', ['/'], 'EBUSY'],
  ['rmdir', ['/empty/.'], 'EINVAL'],
  ['rmdir', ['/dir/sub/..'], 'ENOTEMPTY'],
  ['rmdir', ['/empty'], 0, (v) => assert.equal(v.stat('/empty'), -E.ENOENT)],
  ['unlink', ['/nope'], 'ENOENT'],
  ['unlink', ['/dir'], 'EISDIR'],
  ['unlink', ['/file/'], 'ENOTDIR'],
  ['unlink', ['/nope/x'], 'ENOENT'],
  ['unlink', ['/link'], 0, (v) => { assert.equal(v.stat('/link', false), -E.ENOENT); assert.equal(typeof v.stat('/file'), 'object'); }],
  ['unlink', ['/broken'], 0],
  ['rename', ['/nope', '/x'], 'ENOENT'],
  ['rename', ['/dir', '/dir/sub/x'], 'EINVAL'],
  ['rename', ['/dir', '/dir/sub'], 'EINVAL'],
  ['rename', ['/dir', '/dlink/x'], 'EINVAL'],
  ['rename', ['/dir', '/file'], 'ENOTDIR'],
  ['rename', ['/file', '/dir'], 'EISDIR'],
  ['rename', ['/file', '/empty'], 'EISDIR'],
  ['rename', ['/empty', '/dir'], 'ENOTEMPTY'],
  ['rename', ['/file', '/nope/x'], 'ENOENT'],
  ['rename', ['/file', '/file/x'], 'ENOTDIR'],
  ['rename', ['/file', '/other/'], 'ENOTDIR'],
  ['rename', ['/', '/x'], 'EBUSY'],
  ['rename', ['/dir/..', '/x'], 'EBUSY'],
  ['rename', ['/file', '/file'], 0],
  ['rename', ['/dir', '/empty'], 0, (v) => {
    assert.deepEqual(v.readdir('/empty').map((e) => e.name), ['file', 'sub', 'up']);
    assert.equal(v.stat('/dir'), -E.ENOENT);
    assert.equal(v.realpath('/empty/sub/../file'), '/empty/file');
  }],
  ['rename', ['/file', '/link'], 0, (v) => { assert.equal(v.stat('/link', false).mode & 0o170000, 0o100000); assert.equal(v.stat('/file'), -E.ENOENT); }],
  ['rename', ['/dir/sub', '/moved'], 0, (v) => {
    assert.equal(v.stat('/dir').nlink, 2);
    assert.equal(v.stat('/').nlink, 5);
    assert.equal(dec(v.readFile('/moved/../dir/file')), 'abc');
  }],
  ['rename', ['/link', '/dir/l2'], 0, (v) => assert.equal(dec(v.readFile('/dir/l2')), 'hello')],
  ['symlink', ['/x', '/file'], 'EEXIST'],
  ['symlink', ['/x', '/broken'], 'EEXIST'],
  ['symlink', ['/x', '/nope/y'], 'ENOENT'],
  ['symlink', ['', '/y'], 'ENOENT'],
  ['symlink', ['/x', long], 'ENAMETOOLONG'],
  ['symlink', ['file', '/dir/s'], 0, (v) => assert.equal(dec(v.readFile('/dir/s')), 'abc')],
  ['readlink', ['/file'], 'EINVAL'],
  ['readlink', ['/nope'], 'ENOENT'],
  ['readlink', ['/rel'], (r) => assert.equal(r, 'dir')],
  ['readlink', ['/dlink/up'], (r) => assert.equal(r, '../file')],
  ['link', ['/nope', '/x'], 'ENOENT'],
  ['link', ['/dir', '/x'], 'EPERM'],
  ['link', ['/file', '/dir'], 'EEXIST'],
  ['link', ['/file', '/link'], 'EEXIST'],
  ['link', ['/file', '/nope/x'], 'ENOENT'],
  ['link', ['/file', '/file/x'], 'ENOTDIR'],
  ['link', ['/file', '/hard'], 0, (v) => { assert.equal(v.stat('/file').nlink, 2); assert.equal(v.stat('/hard').ino, v.stat('/file').ino); }],
  ['link', ['/link', '/hl'], 0, (v) => assert.equal(v.stat('/hl', false).mode & 0o170000, 0o120000)],
  ['readdir', ['/file'], 'ENOTDIR'],
  ['readdir', ['/nope'], 'ENOENT'],
  ['readdir', ['/loop1'], 'ELOOP'],
  ['readdir', ['/dlink'], (r) => assert.deepEqual(r, [{ name: 'file', type: 'file' }, { name: 'sub', type: 'dir' }, { name: 'up', type: 'symlink' }])],
  ['truncate', ['/dir', 0], 'EISDIR'],
  ['truncate', ['/nope', 0], 'ENOENT'],
  ['truncate', ['/file', -1], 'EINVAL'],
  ['truncate', ['/link', 2], 0, (v) => assert.equal(dec(v.readFile('/file')), 'he')],
  ['truncate', ['/file', 8], 0, (v) => assert.deepEqual([...v.readFile('/file')], [104, 101, 108, 108, 111, 0, 0, 0])],
  ['chmod', ['/nope', 0o644], 'ENOENT'],
  ['chmod', ['/link', 0o600], 0, (v) => { assert.equal(v.stat('/file').mode, 0o100600); assert.equal(v.stat('/link', false).mode, 0o120777); }],
  ['chmod', ['/link', 0o700, false], 0, (v) => { assert.equal(v.stat('/link', false).mode, 0o120700); assert.equal(v.stat('/file').mode, 0o100666); }],
  ['chown', ['/nope', 1, 1], 'ENOENT'],
  ['chown', ['/file', 1000, -1], 0, (v) => { const s = v.stat('/file'); assert.equal(s.uid, 1000); assert.equal(s.gid, 0); }],
  ['utimes', ['/nope', 1, 2], 'ENOENT'],
  ['utimes', ['/link', 1000, 2000], 0, (v) => { const s = v.stat('/file'); assert.equal(s.atimeMs, 1000); assert.equal(s.mtimeMs, 2000); }],
  ['realpath', ['/nope'], 'ENOENT'],
  ['realpath', ['/loop1'], 'ELOOP'],
  ['realpath', ['/rel/sub/../up'], (r) => assert.equal(r, '/file')],
  ['realpath', ['/dlink/sub/'], (r) => assert.equal(r, '/dir/sub')],
  ['realpath', ['/..'], (r) => assert.equal(r, '/')],
  ['access', ['/nope'], 'ENOENT'],
  ['access', ['/file', 6], 0],
  ['access', ['/file', 1], 'EACCES'],
];

for (const [call, args, expected, after] of cases) {
  test(`${call}(${args.map((a) => (typeof a === 'string' ? JSON.stringify(a.length > 40 ? a.slice(0, 20) + '…' : a) : a instanceof Uint8Array ? 'bytes' : a)).join(', ')}) → ${typeof expected === 'function' ? 'value' : expected}`, async () => {
    const { vfs, memory } = await fixture();
    const r = vfs[call](...args);
    if (typeof expected === 'string') {
      assert.equal(r, -E[expected], `expected -${expected}, got ${r}`);
      const path = typeof args[0] === 'string' ? args[0] : undefined;
      assert.throws(() => check(r, call, path), (e) => e instanceof ErrnoError && e.code === expected && e.errno === -E[expected] && e.syscall === call && e.path === path);
    } else if (typeof expected === 'function') {
      assert.ok(typeof r !== 'number' || r >= 0, `unexpected errno ${r}`);
      expected(r);
    } else {
      assert.ok(typeof r === 'object' || r >= 0, `expected success, got ${r}`);
    }
    after?.(vfs);
    assert.deepEqual(fsck(memory, m.layout), []);
  });
}

test('ELOOP after 40 hops, not before', async () => {
  const { vfs } = await fresh();
  vfs.writeFile('/t', enc('x'));
  vfs.symlink('/t', '/l0');
  for (let i = 1; i <= 41; i++) vfs.symlink(`/l${i - 1}`, `/l${i}`);
  assert.equal(typeof vfs.stat('/l39'), 'object'); // 40 hops
  assert.equal(vfs.stat('/l40'), -E.ELOOP); // 41 hops
  assert.equal(vfs.stat('/l40', false).mode & 0o170000, 0o120000);
  vfs.symlink('/self', '/self');
  assert.equal(vfs.open('/self', O.WRONLY | O.CREAT), -E.ELOOP);
});

test('open/read/write/fstat/ftruncate through an ino', async () => {
  const { vfs } = await fresh();
  const ino = vfs.open('/f', O.RDWR | O.CREAT, 0o640);
  assert.ok(ino > 0);
  assert.equal(vfs.fstat(ino).mode, 0o100640);
  assert.equal(vfs.write(ino, enc('hello'), 0), 5);
  assert.equal(vfs.write(ino, enc('!!'), null), 2);
  assert.equal(vfs.write(ino, enc('Z'), 10), 1);
  const buf = new Uint8Array(20);
  assert.equal(vfs.read(ino, buf, 0), 11);
  assert.deepEqual([...buf.subarray(0, 11)], [...enc('hello!!'), 0, 0, 0, ...enc('Z')]);
  assert.equal(vfs.read(ino, buf, 11), 0);
  assert.equal(vfs.read(ino, buf.subarray(0, 3), 1), 3);
  assert.equal(dec(buf.subarray(0, 3)), 'ell');
  assert.equal(vfs.ftruncate(ino, 3), 0);
  assert.equal(vfs.fstat(ino).size, 3);
  assert.equal(vfs.ftruncate(ino, -1), -E.EINVAL);
  assert.equal(vfs.close(ino), 0);
  assert.equal(vfs.close(ino), -E.EBADF);
  const d = vfs.open('/', O.RDONLY | O.DIRECTORY);
  assert.equal(vfs.read(d, buf, 0), -E.EISDIR);
  assert.equal(vfs.write(d, buf, 0), -E.EISDIR);
  assert.equal(vfs.ftruncate(d, 0), -E.EISDIR);
  vfs.close(d);
  // O_TRUNC empties; without write access it does not.
  vfs.writeFile('/g', enc('data'));
  vfs.close(vfs.open('/g', O.RDONLY | O.TRUNC));
  assert.equal(vfs.stat('/g').size, 4);
  vfs.close(vfs.open('/g', O.WRONLY | O.TRUNC));
  assert.equal(vfs.stat('/g').size, 0);
});

test('timestamps: creation, write, chmod, parent dir', async () => {
  const { vfs } = await fresh();
  const before = vfs.stat('/');
  vfs.writeFile('/a', enc('1'));
  const s1 = vfs.stat('/a');
  assert.equal(s1.birthtimeMs, s1.atimeMs);
  assert.ok(s1.mtimeMs >= s1.birthtimeMs);
  assert.ok(vfs.stat('/').mtimeMs > before.mtimeMs);
  vfs.chmod('/a', 0o600);
  const s2 = vfs.stat('/a');
  assert.equal(s2.mtimeMs, s1.mtimeMs);
  assert.ok(s2.ctimeMs > s1.ctimeMs);
});

test('hard links share contents and nlink; last unlink frees', async () => {
  const { vfs } = await fresh();
  vfs.mkdir('/d');
  vfs.writeFile('/d/a', enc('one'));
  assert.equal(vfs.link('/d/a', '/b'), 0);
  assert.equal(vfs.link('/b', '/d/c'), 0);
  assert.equal(vfs.stat('/b').nlink, 3);
  vfs.writeFile('/d/c', enc('two'));
  assert.equal(dec(vfs.readFile('/d/a')), 'two');
  const inodes = vfs.usage().inodes;
  vfs.unlink('/d/a');
  vfs.unlink('/b');
  assert.equal(vfs.stat('/d/c').nlink, 1);
  assert.equal(vfs.usage().inodes, inodes);
  vfs.unlink('/d/c');
  assert.equal(vfs.usage().inodes, inodes - 1);
  // rename over a hard link of itself is a no-op that keeps both names
  vfs.writeFile('/x', enc('x'));
  vfs.link('/x', '/y');
  assert.equal(vfs.rename('/x', '/y'), 0);
  assert.equal(vfs.stat('/x').nlink, 2);
});

test('directory nlink counts subdirectories', async () => {
  const { vfs } = await fresh();
  vfs.mkdir('/p');
  vfs.mkdir('/p/a');
  vfs.mkdir('/p/b');
  vfs.writeFile('/p/f', enc(''));
  assert.equal(vfs.stat('/p').nlink, 4);
  assert.equal(vfs.stat('/').nlink, 3);
  vfs.rmdir('/p/a');
  assert.equal(vfs.stat('/p').nlink, 3);
  vfs.mkdir('/q');
  vfs.rename('/p/b', '/q/b');
  assert.equal(vfs.stat('/p').nlink, 2);
  assert.equal(vfs.stat('/q').nlink, 3);
  vfs.mkdir('/r');
  vfs.rename('/q', '/r'); // replaces the empty /r
  assert.equal(vfs.stat('/').nlink, 4);
  assert.equal(vfs.realpath('/r/b'), '/r/b');
});

test('unlinked-but-open inode survives until close', async () => {
  const { vfs } = await fresh();
  vfs.writeFile('/tmp', enc('still here'));
  const ino = vfs.open('/tmp', O.RDWR);
  const inodes = vfs.usage().inodes;
  assert.equal(vfs.unlink('/tmp'), 0);
  assert.equal(vfs.stat('/tmp'), -E.ENOENT);
  assert.equal(vfs.fstat(ino).nlink, 0);
  const buf = new Uint8Array(10);
  assert.equal(vfs.read(ino, buf, 0), 10);
  assert.equal(dec(buf), 'still here');
  assert.equal(vfs.write(ino, enc('!'), null), 1);
  assert.equal(vfs.usage().inodes, inodes);
  // a new file at the same path is a different inode
  vfs.writeFile('/tmp', enc('new'));
  assert.notEqual(vfs.stat('/tmp').ino, ino);
  assert.equal(vfs.close(ino), 0);
  assert.equal(vfs.fstat(ino), -E.EBADF);
  assert.equal(vfs.usage().inodes, inodes);
  // the same for a file replaced by rename
  const a = vfs.open('/tmp', O.RDONLY);
  vfs.writeFile('/other', enc('other'));
  vfs.rename('/other', '/tmp');
  assert.equal(vfs.read(a, buf, 0), 3);
  vfs.close(a);
});

test('many directory entries, readdir in insertion order across scratch chunks', async () => {
  const { vfs } = await fresh();
  vfs.mkdir('/big');
  const names = [];
  for (let i = 0; i < 3000; i++) {
    const name = `entry-${(i * 7919) % 3000}-${'x'.repeat(i % 90)}`;
    names.push(name);
    assert.equal(vfs.writeFile(`/big/${name}`, enc(String(i))), 0);
  }
  const list = vfs.readdir('/big');
  assert.deepEqual(list.map((e) => e.name), names);
  for (let i = 0; i < 3000; i += 2) vfs.unlink(`/big/${names[i]}`);
  assert.deepEqual(vfs.readdir('/big').map((e) => e.name), names.filter((_, i) => i % 2));
  assert.equal(dec(vfs.readFile(`/big/${names[2999]}`)), '2999');
});

test('unicode names round-trip', async () => {
  const { vfs } = await fresh();
  assert.equal(vfs.mkdir('/dossier-été'), 0);
  assert.equal(vfs.writeFile('/dossier-été/日本語 ✓.txt', enc('ü')), 0);
  assert.deepEqual(vfs.readdir('/dossier-été'), [{ name: '日本語 ✓.txt', type: 'file' }]);
  assert.equal(vfs.realpath('/dossier-été/日本語 ✓.txt'), '/dossier-été/日本語 ✓.txt');
});

test('quota gives ENOSPC, never a trap, and the fs keeps working', async () => {
  const { vfs, memory } = await fresh({ quota: 2 * 1024 * 1024 });
  const chunk = new Uint8Array(256 * 1024).fill(7);
  const ino = vfs.open('/fill', O.WRONLY | O.CREAT);
  let pos = 0;
  let r;
  while ((r = vfs.write(ino, chunk, pos)) > 0) pos += r;
  assert.equal(r, -E.ENOSPC);
  vfs.close(ino);
  assert.ok(pos >= 1024 * 1024 && pos < 2 * 1024 * 1024);
  assert.ok(vfs.usage().bytesUsed <= 2 * 1024 * 1024);
  let made = 0;
  for (let i = 0; ; i++) {
    const e = vfs.mkdir(`/d${i}`);
    if (e < 0) { assert.equal(e, -E.ENOSPC); break; }
    made++;
    assert.ok(made < 100000);
  }
  assert.equal(vfs.writeFile('/x', new Uint8Array(100000)), -E.ENOSPC);
  assert.equal(vfs.unlink('/fill'), 0);
  assert.equal(vfs.writeFile('/x', new Uint8Array(100000)), 0);
  assert.equal(vfs.readFile('/x').length, 100000);
  assert.equal(vfs.stat('/fill'), -E.ENOENT);
  assert.deepEqual(fsck(memory, m.layout), []);
});

test('allocator reuses freed space: create/delete cycles with a shifting size mix do not grow memory', async () => {
  const { vfs, memory } = await fresh();
  const cycle = (round) => {
    for (let i = 0; i < 500; i++) vfs.writeFile(`/f${i}-${round}`, new Uint8Array(((i + round * 7) * 37) % 5000));
    vfs.mkdir('/d');
    for (let i = 0; i < 100; i++) vfs.writeFile(`/d/${i}`, new Uint8Array(70000 + round));
    for (let i = 0; i < 100; i++) vfs.unlink(`/d/${i}`);
    vfs.rmdir('/d');
    for (let i = 0; i < 500; i++) vfs.unlink(`/f${i}-${round}`);
  };
  const empty = vfs.usage().bytesUsed;
  cycle(0);
  const size = memory.buffer.byteLength;
  const used = vfs.usage().bytesUsed;
  assert.ok(used - empty <= 16384, 'only the root directory buffer stays allocated');
  for (let round = 1; round < 12; round++) cycle(round);
  assert.equal(memory.buffer.byteLength, size);
  assert.equal(vfs.usage().bytesUsed, used);
  assert.equal(vfs.usage().inodes, 1);
  assert.deepEqual(fsck(memory, m.layout), []);
});

test('freed blocks coalesce: after deleting everything, free lists hold only a few large blocks', async () => {
  const { vfs, memory } = await fresh();
  for (let i = 0; i < 3000; i++) vfs.writeFile(`/f${i}`, new Uint8Array((i * 131) % 3000));
  for (let i = 0; i < 3000; i++) vfs.unlink(`/f${i}`);
  const dv = new DataView(memory.buffer);
  const L = m.layout;
  let blocks = 0;
  let small = 0;
  for (let k = L.MIN_CLASS; k <= L.MAX_CLASS; k++) {
    for (let p = dv.getUint32(L.FS_BASE + L.SB_FREE_LISTS + k * 4, true); p; p = dv.getUint32(p, true)) {
      blocks++;
      if (k < 12) small++;
    }
  }
  // Live: inode page, root dir buffer, scratch. Each leaves at most one free buddy per class.
  assert.ok(blocks <= 3 * (L.MAX_CLASS - L.MIN_CLASS + 1), `${blocks} free blocks`);
  assert.ok(small <= 3 * 8, `${small} small free blocks`);
  // ... so 2 MiB of new file data fits without growing memory.
  const size = memory.buffer.byteLength;
  vfs.mkdir('/x');
  const ino = vfs.open('/x/f', O.WRONLY | O.CREAT);
  assert.equal(vfs.write(ino, new Uint8Array(2 * 1024 * 1024), 0), 2 * 1024 * 1024);
  vfs.close(ino);
  assert.equal(memory.buffer.byteLength, size);
  assert.deepEqual(fsck(memory, m.layout), []);
});

test('mutation log round trip: replay on a fresh VFS gives the same tree', async () => {
  const { vfs: a } = await fresh({ log: true });
  a.mkdir('/src', 0o755);
  a.writeFile('/src/index.js', enc('console.log(1)'));
  a.mkdir('/src/lib');
  a.writeFile('/src/lib/x.js', enc('x'));
  a.symlink('../index.js', '/src/lib/link');
  a.link('/src/lib/x.js', '/src/hard.js');
  const ino = a.open('/src/app.log', O.WRONLY | O.CREAT | O.APPEND, 0o600);
  a.write(ino, enc('line1\n'), null);
  a.rename('/src', '/app'); // open file renamed: later writes log the new path
  a.write(ino, enc('line2\n'), null);
  a.ftruncate(ino, 9);
  a.close(ino);
  a.chmod('/app/index.js', 0o700);
  a.chown('/app/lib', 5, 6);
  a.utimes('/app/hard.js', 1, 2);
  a.truncate('/app/lib/x.js', 5);
  a.writeFile('/gone', enc('tmp'));
  a.unlink('/gone');
  a.mkdir('/tmpdir');
  a.rmdir('/tmpdir');
  a.stat('/app'); // reads are not logged
  const log = a.takeLog();
  assert.deepEqual(a.takeLog(), []);
  const cloned = structuredClone(log);
  const { vfs: b } = await fresh();
  assert.ok(b.apply(cloned).every((r) => r >= 0));
  const snapshot = (v) => {
    const out = [];
    const walk = (dir) => {
      for (const e of v.readdir(dir)) {
        const p = (dir === '/' ? '' : dir) + '/' + e.name;
        const { ino: _ino, ...st } = v.stat(p, false);
        out.push([p, e.type, st, e.type === 'file' ? [...v.readFile(p)] : e.type === 'symlink' ? v.readlink(p) : null]);
        if (e.type === 'dir') walk(p);
      }
    };
    walk('/');
    return out;
  };
  assert.deepEqual(snapshot(b), snapshot(a));
  assert.equal(dec(b.readFile('/app/app.log')), 'line1\nlin');
  assert.equal(b.stat('/app/hard.js').nlink, 2);
});

test('a second instance over a live memory sees the tree and does not clobber it', async () => {
  const { vfs, memory } = await fresh();
  vfs.writeFile('/keep', enc('kept'));
  const other = m.Vfs.attach(m.plainModule, memory);
  assert.equal(dec(other.readFile('/keep')), 'kept');
  other.writeFile('/from-other', enc('hi'));
  assert.equal(dec(vfs.readFile('/from-other')), 'hi');
  other.dispose();
  assert.equal(other.stat('/'), -E.EBADF);
  // a byte copy of the memory attaches as an independent replica
  const copy = new WebAssembly.Memory({ initial: memory.buffer.byteLength / 65536 });
  new Uint8Array(copy.buffer).set(new Uint8Array(memory.buffer));
  const replica = m.Vfs.attach(m.plainModule, copy);
  assert.equal(dec(replica.readFile('/keep')), 'kept');
  replica.writeFile('/keep', enc('changed'));
  assert.equal(dec(vfs.readFile('/keep')), 'kept');
});

test('attach refuses an unformatted memory', async () => {
  assert.throws(() => m.Vfs.attach(m.plainModule, new WebAssembly.Memory({ initial: 4 })), /not formatted/);
});

test('EMFILE after 65535 open references to one inode', async () => {
  const { vfs } = await fresh();
  vfs.writeFile('/f', enc('x'));
  for (let i = 0; i < 65535; i++) assert.ok(vfs.open('/f', O.RDONLY) > 0);
  assert.equal(vfs.open('/f', O.RDONLY), -E.EMFILE);
  const ino = vfs.stat('/f').ino;
  assert.equal(vfs.close(ino), 0);
  assert.equal(vfs.open('/f', O.RDONLY), ino);
});

test('attach/dispose cycles reuse the scratch area', async () => {
  const { memory } = await fresh();
  const size = memory.buffer.byteLength;
  for (let i = 0; i < 50; i++) m.Vfs.attach(m.plainModule, memory).dispose();
  const held = [];
  for (let i = 0; i < 3; i++) held.push(m.Vfs.attach(m.plainModule, memory));
  held.forEach((v) => v.dispose());
  for (let i = 0; i < 50; i++) m.Vfs.attach(m.plainModule, memory).dispose();
  assert.ok(memory.buffer.byteLength <= size + 3 * m.layout.SCRATCH_SIZE);
  const again = memory.buffer.byteLength;
  for (let i = 0; i < 50; i++) m.Vfs.attach(m.plainModule, memory).dispose();
  assert.equal(memory.buffer.byteLength, again);
});

test('paths: PATH_MAX and NAME_MAX limits', async () => {
  const { vfs } = await fresh();
  const name255 = 'n'.repeat(255);
  assert.equal(vfs.mkdir('/' + name255), 0);
  assert.equal(vfs.mkdir('/' + name255 + 'x'), -E.ENAMETOOLONG);
  let p = '';
  while (p.length + 256 < 4095) { p += '/' + name255; if (vfs.stat(p) === -E.ENOENT) vfs.mkdir(p); }
  assert.equal(typeof vfs.stat(p), 'object');
  assert.equal(vfs.stat(p + '/' + 'y'.repeat(4095 - p.length)), -E.ENAMETOOLONG);
  assert.equal(vfs.symlink('x'.repeat(4096), '/s'), -E.ENAMETOOLONG);
  // A symlink spliced into the rest of the path must fit PATH_MAX as a whole
  // (stricter than Linux, which walks symlink bodies on a stack).
  vfs.symlink(p, '/deep');
  assert.equal(vfs.stat('/deep/' + 'z'.repeat(250) + '/' + 'z'.repeat(250)), -E.ENAMETOOLONG);
  assert.equal(typeof vfs.stat('/deep'), 'object');
});
