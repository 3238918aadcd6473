// The errno table and ErrnoError: Linux numbers, Node's message text and format.
import test from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, readFileSync, mkdirSync, renameSync, writeFileSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from '../wasm/support.mjs';

const { Errno, errnoByCode, errnoByNumber, ErrnoError, check } = await load();

test('Linux numbers', () => {
  const expected = { EPERM: 1, ENOENT: 2, EBADF: 9, EACCES: 13, EEXIST: 17, EXDEV: 18, ENOTDIR: 20, EISDIR: 21, EINVAL: 22, EMFILE: 24, ENOSPC: 28, ESPIPE: 29, ENAMETOOLONG: 36, ENOTEMPTY: 39, ELOOP: 40 };
  for (const [code, n] of Object.entries(expected)) {
    assert.equal(Errno[code], n, code);
    assert.equal(errnoByNumber(n).code, code);
    assert.equal(errnoByNumber(-n).code, code);
    assert.equal(errnoByCode(code).errno, n);
  }
  assert.equal(errnoByNumber(9999), undefined);
});

test('messages are Node\'s', () => {
  const msgs = { ENOENT: 'no such file or directory', EEXIST: 'file already exists', ENOTDIR: 'not a directory', EISDIR: 'illegal operation on a directory', ENOTEMPTY: 'directory not empty', ELOOP: 'too many symbolic links encountered', EACCES: 'permission denied', EBADF: 'bad file descriptor', EINVAL: 'invalid argument', ENOSPC: 'no space left on device', EXDEV: 'cross-device link not permitted', EPERM: 'operation not permitted', ENAMETOOLONG: 'name too long', EMFILE: 'too many open files', ESPIPE: 'invalid seek' };
  for (const [code, msg] of Object.entries(msgs)) assert.equal(errnoByCode(code).message, msg, code);
});

test('ErrnoError matches errors thrown by real node:fs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'verklet-errno-'));
  try {
    writeFileSync(path.join(dir, 'f'), '');
    mkdirSync(path.join(dir, 'd'));
    writeFileSync(path.join(dir, 'd/x'), '');
    const cases = [
      [() => readFileSync(path.join(dir, 'nope')), 'ENOENT', 'open', [path.join(dir, 'nope')]],
      [() => mkdirSync(path.join(dir, 'f')), 'EEXIST', 'mkdir', [path.join(dir, 'f')]],
      [() => rmdirSync(path.join(dir, 'd')), 'ENOTEMPTY', 'rmdir', [path.join(dir, 'd')]],
      [() => renameSync(path.join(dir, 'd'), path.join(dir, 'f')), 'ENOTDIR', 'rename', [path.join(dir, 'd'), path.join(dir, 'f')]],
    ];
    for (const [fn, code, syscall, paths] of cases) {
      let real;
      try { fn(); } catch (e) { real = e; }
      const ours = new ErrnoError(code, syscall, ...paths);
      assert.equal(ours.message, real.message);
      assert.equal(ours.code, real.code);
      assert.equal(ours.errno, real.errno);
      assert.equal(ours.syscall, real.syscall);
      assert.equal(ours.path, real.path);
      assert.equal(ours.dest, real.dest);
      assert.ok(ours instanceof Error);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('message format with and without path/dest', () => {
  assert.equal(new ErrnoError('ENOENT', 'open', '/x').message, "ENOENT: no such file or directory, open '/x'");
  assert.equal(new ErrnoError('EEXIST', 'rename', '/a', '/b').message, "EEXIST: file already exists, rename '/a' -> '/b'");
  assert.equal(new ErrnoError('EBADF', 'close').message, 'EBADF: bad file descriptor, close');
  const e = ErrnoError.fromErrno(-2, 'stat', '/y');
  assert.equal(e.code, 'ENOENT');
  assert.equal(e.errno, -2);
  assert.equal('dest' in e, false);
});

test('check passes values through and throws on negative numbers', () => {
  assert.equal(check(0, 'mkdir', '/a'), 0);
  assert.equal(check(5, 'read'), 5);
  const obj = { size: 1 };
  assert.equal(check(obj, 'stat', '/a'), obj);
  assert.equal(check('/real', 'realpath', '/a'), '/real');
  assert.throws(() => check(-17, 'rename', '/a', '/b'), { code: 'EEXIST', errno: -17, syscall: 'rename', path: '/a', dest: '/b', message: "EEXIST: file already exists, rename '/a' -> '/b'" });
});
