// The real trees (express, koa, chalk, lodash, commander, typescript,
// prettier, esbuild-wasm), installed by our installer (host.fs = node:fs)
// and by real npm from the same loopback Verdaccio: same packages, same .bin
// links, lockfiles that each side installs, usable with Node, and a second
// install served from the cache without a single request.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, readFileSync, statSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { loadInstaller } from './helpers/bundle.mjs';
import { binLinks, inventory, lockShape, realNpm } from './helpers/compare.mjs';
import { nodeHost } from './helpers/node-host.mjs';
import { seededRegistry } from './helpers/registry.mjs';

const exec = promisify(execFile);
const TREES = {
  express: `const app = require('express')(); if (typeof app.listen !== 'function') process.exit(1)`,
  koa: `const Koa = require('koa'); new Koa()`,
  chalk: `import('chalk').then((m) => { if (!m.default.red('x').includes('x')) process.exit(1) })`,
  lodash: `if (require('lodash').chunk([1, 2, 3], 2).length !== 2) process.exit(1)`,
  commander: `const { Command } = require('commander'); new Command().option('-x').parse(['node', 'x', '-x'])`,
  typescript: `require('child_process').execFileSync('node_modules/.bin/tsc', ['--version'], { stdio: 'inherit' })`,
  prettier: `import('prettier').then(async (p) => { if ((await p.format('a=1', { parser: 'babel' })).trim() !== 'a = 1;') process.exit(1) })`,
  'esbuild-wasm': `if (!require('esbuild-wasm').version) process.exit(1)`,
};

let npm;
let reg;
let base;

before(async () => {
  [npm, reg] = await Promise.all([loadInstaller(), seededRegistry()]);
  base = realpathSync(mkdtempSync(join(tmpdir(), 'verklet-npm-trees-')));
});
after(async () => {
  await reg?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
});

function project(name, pkg = { name: 'app', version: '1.0.0' }) {
  const dir = join(base, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  return dir;
}

async function ours(dir, argv, opts = {}) {
  const { host, out } = nodeHost({ cwd: dir, registry: reg.url, cacheDir: join(base, opts.cache ?? 'cache'), ...opts });
  const code = await npm.runNpmCli(argv, host);
  return { code, ...out };
}

describe('real trees, against real npm', { concurrency: 4 }, () => {
  for (const [tree, check] of Object.entries(TREES)) {
    test(`${tree}: same tree and .bin as npm, and usable`, async () => {
      const a = project(`ours-${tree}`);
      const b = project(`npm-${tree}`);
      const [r] = await Promise.all([ours(a, ['install', tree]), realNpm(b, reg.url, ['install', tree])]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /\nadded \d+ packages? in \d+m?s\n/);
      assert.deepEqual(inventory(a), inventory(b));
      assert.deepEqual(binLinks(a), binLinks(b));
      assert.deepEqual(JSON.parse(readFileSync(join(a, 'package.json'), 'utf8')), JSON.parse(readFileSync(join(b, 'package.json'), 'utf8')));
      assert.deepEqual(lockShape(a), lockShape(b));
      for (const [name, target] of Object.entries(binLinks(a))) {
        assert.ok(statSync(join(a, 'node_modules', '.bin', target)).mode & 0o111, `${name} is executable`);
      }
      await exec(process.execPath, ['-e', check], { cwd: a });
    });
  }
});

describe('lockfiles and the cache', () => {
  const all = Object.keys(TREES);
  let oursDir;
  let npmDir;
  before(async () => {
    oursDir = project('lock-ours');
    npmDir = project('lock-npm');
    const [r] = await Promise.all([ours(oursDir, ['install', ...all], { cache: 'cache-lock' }), realNpm(npmDir, reg.url, ['install', ...all])]);
    assert.equal(r.code, 0, r.stderr);
  });

  test('all trees together: the same as npm', () => {
    assert.deepEqual(inventory(oursDir), inventory(npmDir));
    assert.deepEqual(lockShape(oursDir), lockShape(npmDir));
  });

  test('our lockfile installs with `npm ci`', async () => {
    const dir = project('ci-from-ours');
    cpSync(join(oursDir, 'package.json'), join(dir, 'package.json'));
    cpSync(join(oursDir, 'package-lock.json'), join(dir, 'package-lock.json'));
    const { stdout } = await realNpm(dir, reg.url, ['ci']);
    assert.match(stdout, /added \d+ packages/);
    assert.deepEqual(inventory(dir), inventory(oursDir));
  });

  test("npm's lockfile installs with our `npm ci`, the same tree", async () => {
    const dir = project('ci-from-npm');
    cpSync(join(npmDir, 'package.json'), join(dir, 'package.json'));
    cpSync(join(npmDir, 'package-lock.json'), join(dir, 'package-lock.json'));
    const before = readFileSync(join(dir, 'package-lock.json'), 'utf8');
    const r = await ours(dir, ['ci'], { cache: 'cache-npm-lock' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(inventory(dir), inventory(npmDir));
    assert.deepEqual(binLinks(dir), binLinks(npmDir));
    assert.equal(readFileSync(join(dir, 'package-lock.json'), 'utf8'), before, 'npm ci leaves the lockfile alone');
    assert.ok(r.requests.every((u) => u.endsWith('.tgz')), 'only tarballs were fetched: no packument');
  });

  test('a second install of the same tree makes no request (cache + lockfile)', async () => {
    const dir = project('second');
    cpSync(join(oursDir, 'package.json'), join(dir, 'package.json'));
    cpSync(join(oursDir, 'package-lock.json'), join(dir, 'package-lock.json'));
    const r = await ours(dir, ['install'], { cache: 'cache-lock' });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.requests, []);
    assert.deepEqual(inventory(dir), inventory(oursDir));
    const again = await ours(dir, ['install'], { cache: 'cache-lock' });
    assert.deepEqual(again.requests, []);
    assert.match(again.stdout, /\nup to date in \d+m?s\n/);
  });
});
