// Differential test: one seeded random sequence of filesystem operations run
// against the Vfs and against real node:fs in a temp directory, comparing
// every result and error code step by step.
import test from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fresh, enc, dec, fsck } from '../wasm/support.mjs';

const NAMES = ['a', 'b', 'c', 'd'];
// Both trees live under PREFIX so that `..` and `../x` symlinks climbing above
// the test's root land in directories that look the same on both sides
// (one child, not in NAMES) instead of escaping the temp directory.
const PREFIX = '/p/q/w/v/u/r';
const STEPS = Number(process.env.VFS_DIFF_STEPS ?? 2500);

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function typeOf(s) {
  const t = s.mode & 0o170000;
  return t === 0o040000 ? 'dir' : t === 0o120000 ? 'symlink' : 'file';
}

/** Node's real fs, rooted at `root`, mapped onto the Vfs calling convention (value or errno name). */
function realFs(root) {
  const p = (x) => root + PREFIX + x;
  const wrap = (fn) => { try { return fn(); } catch (e) { if (!e.code) throw e; return e.code; } };
  return {
    mkdir: (x) => wrap(() => (fs.mkdirSync(p(x), 0o755), 0)),
    writeFile: (x, data) => wrap(() => (fs.writeFileSync(p(x), data), 0)),
    append: (x, data) => wrap(() => { const fd = fs.openSync(p(x), 'a'); try { fs.writeSync(fd, data); } finally { fs.closeSync(fd); } return 0; }),
    readFile: (x) => wrap(() => dec(fs.readFileSync(p(x)))),
    unlink: (x) => wrap(() => (fs.unlinkSync(p(x)), 0)),
    rmdir: (x) => wrap(() => (fs.rmdirSync(p(x)), 0)),
    rename: (x, y) => wrap(() => (fs.renameSync(p(x), p(y)), 0)),
    symlink: (t, x) => wrap(() => (fs.symlinkSync(t, p(x)), 0)),
    link: (x, y) => wrap(() => (fs.linkSync(p(x), p(y)), 0)),
    stat: (x, follow) => wrap(() => { const s = follow ? fs.statSync(p(x)) : fs.lstatSync(p(x)); return summary(s); }),
    readdir: (x) => wrap(() => fs.readdirSync(p(x), { withFileTypes: true }).map((d) => `${d.name}:${d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'symlink' : 'file'}`).sort()),
    readlink: (x) => wrap(() => fs.readlinkSync(p(x))),
    realpath: (x) => wrap(() => fs.realpathSync.native(p(x)).slice(root.length) || '/'),

    truncate: (x, n) => wrap(() => (fs.truncateSync(p(x), n), 0)),
    chmod: (x, m) => wrap(() => (fs.chmodSync(p(x), m), 0)),
    open: (x, flags) => wrap(() => (fs.closeSync(fs.openSync(p(x), flags, 0o644)), 0)),
  };
}

function summary(s) {
  const type = typeOf(s);
  return { type, mode: type === 'symlink' ? 'l' : s.mode, size: type === 'file' ? s.size : '-', nlink: type === 'dir' ? '-' : s.nlink };
}

function ourFs(vfs) {
  const P = (x) => PREFIX + x;
  const code = (r) => (typeof r === 'number' && r < 0 ? NAME[-r] : r);
  return {
    mkdir: (x) => code(vfs.mkdir(P(x), 0o755)),
    writeFile: (x, data) => code(vfs.writeFile(P(x), enc(data), 0o666)),
    append: (x, data) => {
      const ino = vfs.open(P(x), 0o1 | 0o100 | 0o2000, 0o666);
      if (ino < 0) return code(ino);
      const r = vfs.write(ino, enc(data), null);
      vfs.close(ino);
      return r < 0 ? code(r) : 0;
    },
    readFile: (x) => { const r = vfs.readFile(P(x)); return typeof r === 'number' ? code(r) : dec(r); },
    unlink: (x) => code(vfs.unlink(P(x))),
    rmdir: (x) => code(vfs.rmdir(P(x))),
    rename: (x, y) => code(vfs.rename(P(x), P(y))),
    symlink: (t, x) => code(vfs.symlink(t, P(x))),
    link: (x, y) => code(vfs.link(P(x), P(y))),
    stat: (x, follow) => { const r = vfs.stat(P(x), follow); return typeof r === 'number' ? code(r) : summary(r); },
    readdir: (x) => { const r = vfs.readdir(P(x)); return typeof r === 'number' ? code(r) : r.map((e) => `${e.name}:${e.type}`).sort(); },
    readlink: (x) => code(vfs.readlink(P(x))),
    realpath: (x) => code(vfs.realpath(P(x))),
    truncate: (x, n) => code(vfs.truncate(P(x), n)),
    chmod: (x, m) => code(vfs.chmod(P(x), m)),
    open: (x, flags) => { const ino = vfs.open(P(x), flags, 0o644); if (ino >= 0) vfs.close(ino); return ino < 0 ? code(ino) : 0; },
  };
}

const NAME = {};
const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_DIRECTORY, O_NOFOLLOW } = fs.constants;
const OPEN_FLAGS = [
  O_RDONLY, O_WRONLY, O_RDWR, O_WRONLY | O_CREAT, O_RDWR | O_CREAT | O_EXCL, O_WRONLY | O_TRUNC,
  O_RDONLY | O_DIRECTORY, O_RDONLY | O_NOFOLLOW, O_WRONLY | O_CREAT | O_NOFOLLOW, O_RDONLY | O_CREAT,
];

function randomPath(r) {
  const depth = 1 + Math.floor(r() * 3);
  let s = '';
  for (let i = 0; i < depth; i++) {
    const x = r();
    s += '/' + (x < 0.04 ? '..' : x < 0.07 ? '.' : NAMES[Math.floor(r() * NAMES.length)]);
  }
  if (r() < 0.06) s += '/';
  return s;
}

function randomTarget(r) {
  const x = r();
  if (x < 0.5) return NAMES[Math.floor(r() * NAMES.length)];
  if (x < 0.8) return '../' + NAMES[Math.floor(r() * NAMES.length)];
  return NAMES[Math.floor(r() * NAMES.length)] + '/' + NAMES[Math.floor(r() * NAMES.length)];
}

function randomOp(r) {
  const ops = [
    ['mkdir', 10], ['writeFile', 10], ['append', 5], ['readFile', 6], ['unlink', 6], ['rmdir', 5],
    ['rename', 8], ['symlink', 6], ['link', 4], ['stat', 8], ['lstat', 4], ['readdir', 5],
    ['readlink', 3], ['realpath', 4], ['truncate', 3], ['chmod', 2], ['open', 6],
  ];
  let x = r() * ops.reduce((a, [, w]) => a + w, 0);
  for (const [op, w] of ops) { if ((x -= w) < 0) return op; }
  return 'stat';
}

for (const seed of (process.env.VFS_DIFF_SEEDS ?? "1,2,3,4").split(",").map(Number)) {
  test(`seed ${seed}: ${STEPS} random operations match node:fs`, async (t) => {
    const { vfs, m, memory } = await fresh();
    for (const [k, v] of Object.entries(m.Errno)) NAME[v] = k;
    const root = fs.mkdtempSync(path.join(tmpdir(), 'verklet-diff-'));
    fs.mkdirSync(root + PREFIX, { recursive: true });
    let dir = '';
    for (const part of PREFIX.split('/').slice(1)) assert.equal(vfs.mkdir((dir += '/' + part), 0o755), 0);
    const oldUmask = process.umask(0);
    t.after(() => { process.umask(oldUmask); fs.rmSync(root, { recursive: true, force: true }); });
    const real = realFs(root);
    const ours = ourFs(vfs);
    const r = rng(seed);
    for (let step = 0; step < STEPS; step++) {
      const op = randomOp(r);
      let args;
      switch (op) {
        case 'writeFile': case 'append': args = [randomPath(r), `s${step};`.repeat(Math.floor(r() * 4))]; break;
        case 'rename': case 'link': args = [randomPath(r), randomPath(r)]; break;
        case 'symlink': args = [randomTarget(r), randomPath(r)]; break;
        case 'stat': args = [randomPath(r), true]; break;
        case 'lstat': args = [randomPath(r), false]; break;
        case 'truncate': args = [randomPath(r), Math.floor(r() * 20)]; break;
        case 'chmod': args = [randomPath(r), [0o644, 0o755, 0o600][Math.floor(r() * 3)]]; break;
        case 'open': args = [randomPath(r), OPEN_FLAGS[Math.floor(r() * OPEN_FLAGS.length)]]; break;
        default: args = [randomPath(r)];
      }
      const name = op === 'lstat' ? 'stat' : op;
      const expected = real[name](...args);
      const actual = ours[name](...args);
      assert.deepEqual(actual, expected, `step ${step}: ${op}(${args.map((a) => JSON.stringify(a)).join(', ')})`);
      if (step % 500 === 499) assert.deepEqual(fsck(memory, m.layout), [], `after step ${step}`);
    }
  });
}
