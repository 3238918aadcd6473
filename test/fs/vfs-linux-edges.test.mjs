// Linux edge cases of the VFS, each checked against the real kernel in a temp
// directory: a trailing slash on the last component never follows a symlink
// (rmdir/unlink/mkdir/symlink/link/open(O_CREAT)/rename), the error order of
// link and rename, ext4's st_blocks, and fchmod/fchown/futimes on open inos
// whose path is gone.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fresh, load, enc } from '../wasm/support.mjs';

const m = await load();
const names = Object.fromEntries(Object.entries(m.Errno).map(([k, v]) => [-v, k]));
const CW = fs.constants.O_CREAT | fs.constants.O_WRONLY;

// [op, args]; paths are relative to a fixture root holding dir/sub, empty/, file,
// ldir -> dir, emptyl -> empty, lfile -> file, dangle -> missing.
const CASES = [
  ['rmdir', ['ldir/']], ['rmdir', ['ldir']], ['rmdir', ['emptyl/']], ['rmdir', ['file/']], ['rmdir', ['empty/']],
  ['unlink', ['file/']], ['unlink', ['ldir/']], ['unlink', ['lfile/']], ['unlink', ['dir/']], ['unlink', ['dangle/']], ['unlink', ['nope/']],
  ['mkdir', ['dangle/']], ['mkdir', ['dangle']], ['mkdir', ['new/']], ['mkdir', ['lfile/']], ['mkdir', ['ldir/']], ['mkdir', ['file/x/']],
  ['symlink', ['t', 'x/']], ['symlink', ['t', 'dangle/']], ['symlink', ['t', 'file/']], ['symlink', ['t', 'ldir/']], ['symlink', ['t', 'dir/']],
  ['link', ['file', 'x/']], ['link', ['file', 'dangle/']], ['link', ['file', 'file2/']], ['link', ['file/', 'x']],
  ['link', ['nope', 'file2']], ['link', ['dir', 'file2']], ['link', ['nope', 'nodir/x']], ['link', ['dir', 'nodir/x']],
  ['link', ['file', 'ldir/']], ['link', ['ldir/', 'zz']], ['link', ['file', 'dir']], ['link', ['nope', 'dir']],
  ['link', ['dir', 'dir']], ['link', ['file', 'file/x']], ['link', ['nope/x', 'file']], ['link', ['dir', 'file/x']], ['link', ['dir', 'lfile']],
  ['open', ['newf/', CW]], ['open', ['file/', CW]], ['open', ['dangle/', CW]], ['open', ['ldir/', CW]], ['open', ['dir/', CW]],
  ['open', ['dangle', CW]], ['open', ['dir/', 0]], ['open', ['lfile/', 0]], ['open', ['file/', 0]], ['open', ['nodir/x/', CW]],
  ['rename', ['file/', 'z']], ['rename', ['file', 'z/']], ['rename', ['lfile/', 'z']], ['rename', ['ldir/', 'z']],
  ['rename', ['dir/', 'z/']], ['rename', ['dir', 'ldir/']], ['rename', ['dir', 'dangle/']], ['rename', ['file', 'dangle/']],
  ['rename', ['nope', 'file/']], ['rename', ['nope/', 'z']], ['rename', ['file', 'dir']], ['rename', ['dir', 'file']],
  ['rename', ['nope', 'nodir/x']], ['rename', ['file', 'file2/']], ['rename', ['lfile', 'dir/']], ['rename', ['dir', 'dir/sub']],
  ['rename', ['dir/', 'lfile/']], ['rename', ['file', 'nodir/']], ['rename', ['dir/sub', 'dir']], ['rename', ['dir/sub', '.']],
  ['rename', ['nope', 'file/x']], ['rename', ['file/x', 'nodir/y']], ['rename', ['empty', 'dir']], ['rename', ['dir', 'empty']],
];

function setupReal(root) {
  fs.rmSync(root, { recursive: true, force: true });
  fs.mkdirSync(`${root}/dir/sub`, { recursive: true });
  fs.mkdirSync(`${root}/empty`);
  fs.writeFileSync(`${root}/file`, 'x');
  fs.symlinkSync('dir', `${root}/ldir`);
  fs.symlinkSync('empty', `${root}/emptyl`);
  fs.symlinkSync('file', `${root}/lfile`);
  fs.symlinkSync('missing', `${root}/dangle`);
}

async function setupVfs() {
  const { vfs } = await fresh();
  for (const d of ['/r', '/r/dir', '/r/dir/sub', '/r/empty']) assert.equal(vfs.mkdir(d, 0o755), 0);
  assert.equal(vfs.writeFile('/r/file', enc('x')), 0);
  for (const [t, p] of [['dir', 'ldir'], ['empty', 'emptyl'], ['file', 'lfile'], ['missing', 'dangle']]) assert.equal(vfs.symlink(t, `/r/${p}`), 0);
  return vfs;
}

function onLinux(op, args, rp) {
  try {
    if (op === 'rmdir') fs.rmdirSync(rp(args[0]));
    else if (op === 'unlink') fs.unlinkSync(rp(args[0]));
    else if (op === 'mkdir') fs.mkdirSync(rp(args[0]));
    else if (op === 'symlink') fs.symlinkSync(args[0], rp(args[1]));
    else if (op === 'link') fs.linkSync(rp(args[0]), rp(args[1]));
    else if (op === 'rename') fs.renameSync(rp(args[0]), rp(args[1]));
    else if (op === 'open') fs.closeSync(fs.openSync(rp(args[0]), args[1], 0o644));
    return 'OK';
  } catch (e) {
    return e.code;
  }
}

function onVfs(v, op, args, vp) {
  let r;
  if (op === 'rmdir') r = v.rmdir(vp(args[0]));
  else if (op === 'unlink') r = v.unlink(vp(args[0]));
  else if (op === 'mkdir') r = v.mkdir(vp(args[0]), 0o755);
  else if (op === 'symlink') r = v.symlink(args[0], vp(args[1]));
  else if (op === 'link') r = v.link(vp(args[0]), vp(args[1]));
  else if (op === 'rename') r = v.rename(vp(args[0]), vp(args[1]));
  else if (op === 'open') {
    r = v.open(vp(args[0]), args[1], 0o644);
    if (r >= 0) r = v.close(r);
  }
  return r < 0 ? names[r] : 'OK';
}

/** The names under the fixture root with their types, to compare side effects. */
function listReal(root) {
  const out = [];
  const walk = (d, rel) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const kind = e.isSymbolicLink() ? 'l' : e.isDirectory() ? 'd' : 'f';
      out.push(`${rel}${e.name}:${kind}`);
      if (kind === 'd') walk(path.join(d, e.name), `${rel}${e.name}/`);
    }
  };
  walk(root, '');
  return out;
}
function listVfs(v, root) {
  const out = [];
  const walk = (d, rel) => {
    for (const e of [...v.readdir(d)].sort((a, b) => a.name.localeCompare(b.name))) {
      const kind = e.type === 'symlink' ? 'l' : e.type === 'dir' ? 'd' : 'f';
      out.push(`${rel}${e.name}:${kind}`);
      if (kind === 'd') walk(`${d}/${e.name}`, `${rel}${e.name}/`);
    }
  };
  walk(root, '');
  return out;
}

test('trailing slashes and error order match Linux, results and side effects', async () => {
  const root = fs.mkdtempSync(path.join(tmpdir(), 'vk-edges-'));
  try {
    for (const [op, args] of CASES) {
      const r = `${root}/r`;
      setupReal(r);
      const v = await setupVfs();
      const real = onLinux(op, args, (x) => `${r}/${x}`);
      const mine = onVfs(v, op, args, (x) => `/r/${x}`);
      assert.equal(mine, real, `${op}(${args.join(', ')})`);
      assert.deepEqual(listVfs(v, '/r'), listReal(r), `tree after ${op}(${args.join(', ')})`);
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('st_blocks counts 512-byte units of whole 4 KiB blocks, as ext4 does', async () => {
  const { vfs } = await fresh();
  const sizes = [0, 1, 4095, 4096, 4097, 100_000];
  for (const n of sizes) {
    assert.equal(vfs.writeFile(`/f${n}`, new Uint8Array(n)), 0);
    const st = vfs.stat(`/f${n}`);
    assert.equal(st.blocks, Math.ceil(n / 4096) * 8, `size ${n}`);
  }
  assert.equal(vfs.mkdir('/d', 0o755), 0);
  assert.equal(vfs.stat('/d').blocks, 8);
  assert.equal(vfs.symlink('short', '/s'), 0);
  assert.equal(vfs.stat('/s', false).blocks, 0);
  assert.equal(vfs.symlink('/x'.repeat(40), '/long'), 0);
  assert.equal(vfs.stat('/long', false).blocks, 8);
});

test('fchmod, fchown and futimes act on the open ino after rename and unlink', async () => {
  const { vfs } = await fresh({ log: true });
  assert.equal(vfs.writeFile('/a', enc('x')), 0);
  const ino = vfs.open('/a', m.O.RDWR, 0);
  assert.ok(ino > 0);
  assert.equal(vfs.rename('/a', '/b'), 0);
  vfs.takeLog();
  assert.equal(vfs.fchmod(ino, 0o600), 0);
  assert.equal(vfs.fchown(ino, 7, -1), 0);
  assert.equal(vfs.futimes(ino, 1000, 2000), 0);
  const st = vfs.stat('/b');
  assert.equal(st.mode & 0o7777, 0o600);
  assert.equal(st.uid, 7);
  assert.equal(st.atimeMs, 1000);
  assert.equal(st.mtimeMs, 2000);
  // Logged under the renamed path, so a replica converges.
  assert.deepEqual(vfs.takeLog().map((o) => [o.op, o.path]), [['chmod', '/b'], ['chown', '/b'], ['utimes', '/b']]);
  assert.equal(vfs.unlink('/b'), 0);
  vfs.takeLog();
  assert.equal(vfs.fchmod(ino, 0o644), 0);
  assert.equal(vfs.fstat(ino).mode & 0o7777, 0o644);
  assert.deepEqual(vfs.takeLog(), [], 'no name left: nothing to replicate');
  assert.equal(vfs.close(ino), 0);
  assert.equal(names[vfs.fchmod(ino, 0o600)], 'EBADF');
  assert.equal(names[vfs.fchown(9999, 1, 1)], 'EBADF');
  assert.equal(names[vfs.futimes(0, 1, 1)], 'EBADF');
});

test('an open of an existing file logs O_CREAT only when it created the file', async () => {
  const { vfs } = await fresh({ log: true });
  const { O } = m;
  vfs.close(vfs.open('/f', O.WRONLY | O.CREAT, 0o644));
  vfs.close(vfs.open('/f', O.WRONLY | O.CREAT | O.APPEND, 0o644));
  vfs.close(vfs.open('/f', O.WRONLY | O.CREAT | O.TRUNC, 0o644));
  const log = vfs.takeLog();
  assert.deepEqual(log.map((o) => [o.op, o.flags & (O.CREAT | O.TRUNC)]), [['open', O.CREAT], ['open', O.TRUNC]]);
});
