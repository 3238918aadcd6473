// The tar reader and the package extractor on hand-made archives: ustar
// prefix, pax and GNU long names, modes, and every unsafe-path rule; plus
// the gzip ceiling, the .npmrc parser and the small formatters.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { after, before, describe, test } from 'node:test';
import { loadInstaller } from './helpers/bundle.mjs';
import { makeTar } from './helpers/tarball.mjs';

let npm;
let dir;
before(async () => {
  npm = await loadInstaller();
  dir = mkdtempSync(join(tmpdir(), 'verklet-npm-tar-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const long = `package/${'deep/'.repeat(30)}file.txt`;

describe('tar reader', () => {
  test('ustar, pax and GNU long names, directories, symlinks', () => {
    const tar = makeTar([
      { path: 'package/', type: 'dir' },
      { path: 'package/a.txt', data: 'A' },
      { path: long, data: 'pax', pax: true },
      { path: `${long}.gnu`, data: 'gnu', gnuLong: true },
      { path: 'package/link', type: 'symlink', linkname: 'a.txt' },
    ]);
    const entries = [...npm.readTar(new Uint8Array(tar))];
    assert.deepEqual(entries.map((e) => [e.path, e.type]), [
      ['package/', 'directory'], ['package/a.txt', 'file'], [long, 'file'], [`${long}.gnu`, 'file'], ['package/link', 'symlink'],
    ]);
    assert.equal(new TextDecoder().decode(entries[2].data), 'pax');
    assert.equal(entries[4].linkname, 'a.txt');
  });

  test('a corrupt header is an error', () => {
    const tar = makeTar([{ path: 'package/a', data: 'x' }]);
    tar[0] ^= 0xff;
    assert.throws(() => [...npm.readTar(new Uint8Array(tar))], { code: 'EBADTAR' });
  });

  test('extraction drops package/, keeps modes, writes links inside', () => {
    const tar = makeTar([
      { path: 'package/package.json', data: '{"name":"x","version":"1.0.0"}' },
      { path: 'package/bin/run', data: '#!/bin/sh\n', mode: 0o755 },
      { path: long, data: 'deep', pax: true },
      { path: 'package/lib/alias', type: 'symlink', linkname: '../package.json' },
    ]);
    const dest = join(dir, 'ok');
    const r = npm.extractPackage(fs, new Uint8Array(tar), dest, 'x@1.0.0');
    assert.equal(r.files, 3);
    assert.equal(r.manifest.name, 'x');
    assert.ok(statSync(join(dest, 'bin/run')).mode & 0o100);
    assert.equal(readFileSync(join(dest, long.slice(8)), 'utf8'), 'deep');
    assert.equal(readlinkSync(join(dest, 'lib/alias')), '../package.json');
  });

  for (const [name, entry, why] of [
    ['../ in a path', { path: 'package/../../x', data: 'x' }, /path contains \.\./],
    ['an absolute path', { path: '/etc/x', data: 'x' }, /absolute path/],
    ['../ in a pax path', { path: 'package/a/../../../x', data: 'x', pax: true }, /path contains \.\./],
    ['a symlink out of the package', { path: 'package/l', type: 'symlink', linkname: '../../x' }, /leaves the package/],
    ['an absolute symlink', { path: 'package/l', type: 'symlink', linkname: '/etc/passwd' }, /leaves the package/],
  ]) {
    test(`refuses ${name}, writing nothing`, () => {
      const dest = join(dir, `bad-${name.replace(/\W+/g, '-')}`);
      const tar = makeTar([{ path: 'package/first.txt', data: '1' }, entry]);
      assert.throws(() => npm.extractPackage(fs, new Uint8Array(tar), dest, 'evil@1.0.0'), (e) => e.code === 'EBADTAR' && why.test(e.message));
      assert.equal(existsSync(dest), false);
    });
  }
});

describe('gunzip', () => {
  test('round trip, and a ceiling', async () => {
    const data = Buffer.alloc(1 << 20, 1);
    const gz = gzipSync(data);
    assert.equal((await npm.gunzip(new Uint8Array(gz))).length, data.length);
    await assert.rejects(npm.gunzip(new Uint8Array(gz), 1000, 'x@1'), { code: 'ETOOLARGE', message: /x@1: the tarball expands to more than 0 MB/ });
    await assert.rejects(npm.gunzip(new Uint8Array([0x1f, 0x8b, 8, 0, 1, 2, 3])), { code: 'EBADTAR' });
  });
});

describe('summaries', () => {
  test("npm's closing line", () => {
    assert.equal(npm.summaryLine({ added: 57, removed: 0, changed: 0 }, 1200), 'added 57 packages in 1s');
    assert.equal(npm.summaryLine({ added: 1, removed: 0, changed: 0 }, 12), 'added 1 package in 12ms');
    assert.equal(npm.summaryLine({ added: 0, removed: 0, changed: 0 }, 300), 'up to date in 300ms');
    assert.equal(npm.summaryLine({ added: 2, removed: 1, changed: 0 }, 2000), 'added 2 packages, and removed 1 package in 2s');
    assert.equal(npm.summaryLine({ added: 2, removed: 1, changed: 3 }, 2000), 'added 2 packages, removed 1 package, and changed 3 packages in 2s');
  });
});
