// Resolution and layout features on hand-made packages in a fresh Verdaccio,
// checked against real npm where npm is the reference: nesting on conflicts,
// peer dependencies, optional dependencies and os/cpu filters, overrides,
// aliases, tarball URLs, workspaces, .bin links; then lifecycle scripts and
// native-build diagnostics, npm run/init/ls/uninstall, pnpm and yarn.
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startRegistry } from '../../scripts/registry/server.mjs';
import { loadInstaller } from './helpers/bundle.mjs';
import { binLinks, inventory, lockShape, realNpm } from './helpers/compare.mjs';
import { nodeHost } from './helpers/node-host.mjs';
import { makePackage, publish } from './helpers/tarball.mjs';

let npm;
let reg;
let base;
let urlTarball;

const CLI = '#!/usr/bin/env node\nconsole.log("c-cli " + require("../package.json").version)\n';
const PACKAGES = [
  [{ name: 'c', version: '1.0.0', bin: { 'c-cli': 'bin/c.js' } }, { 'bin/c.js': CLI }],
  [{ name: 'c', version: '1.1.0', bin: { 'c-cli': './bin/c.js' } }, { 'bin/c.js': CLI }],
  [{ name: 'c', version: '2.0.0', bin: 'bin/c.js' }, { 'bin/c.js': CLI }],
  [{ name: 'a', version: '1.0.0', dependencies: { c: '^1.0.0' } }],
  [{ name: 'b', version: '1.0.0', dependencies: { c: '^2.0.0' } }],
  [{ name: 'host', version: '1.0.0' }],
  [{ name: 'host', version: '2.0.0' }],
  [{ name: 'plugin', version: '1.0.0', peerDependencies: { host: '^2.0.0' } }],
  [{ name: 'mac-only', version: '1.0.0', os: ['darwin'], cpu: ['arm64'] }],
  [{ name: 'aix-only', version: '1.0.0', os: ['aix'] }],
  [{ name: 'opt-parent', version: '1.0.0', dependencies: { a: '^1.0.0' }, optionalDependencies: { 'ghost-opt': '^1.0.0', 'mac-only': '^1.0.0' } }],
  [{ name: 'scripted', version: '1.0.0', scripts: { preinstall: 'echo pre > pre.txt', postinstall: 'node -e "require(\'fs\').writeFileSync(\'post.txt\', process.env.npm_package_name + \' \' + process.env.npm_lifecycle_event)"' } }],
  [{ name: 'native-addon', version: '1.0.0', scripts: { install: 'node-gyp rebuild' }, gypfile: true }, { 'binding.gyp': '{"targets":[]}' }],
  [{ name: 'urlpkg', version: '1.0.0', dependencies: { a: '^1.0.0' } }],
  [{ name: 'bundler', version: '1.0.0', dependencies: { inner: '^1.0.0', a: '^1.0.0' }, bundleDependencies: ['inner'] }, {
    'index.js': 'module.exports = require("inner");',
    'node_modules/inner/package.json': JSON.stringify({ name: 'inner', version: '1.0.0' }),
    'node_modules/inner/index.js': 'module.exports = "inner";',
  }],
  [{ name: 'old-thing', version: '1.0.0', deprecated: 'use new-thing instead' }],
];

before(async () => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'verklet-npm-features-')));
  [npm, reg] = await Promise.all([loadInstaller(), startRegistry({ storage: join(base, 'storage') })]);
  for (const [m, files] of PACKAGES) {
    const r = await publish(reg.url, reg.token, m, makePackage(m, files ?? { 'index.js': `module.exports = ${JSON.stringify(`${m.name}@${m.version}`)};` }));
    if (m.name === 'urlpkg') urlTarball = r.tarballUrl;
  }
});
after(async () => {
  await reg?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
});

let n = 0;
function project(pkg = {}, files = {}) {
  const dir = join(base, `p${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'app', version: '1.0.0', ...pkg }, null, 2)}\n`);
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), text);
  }
  return dir;
}

async function ours(dir, argv, tool = 'npm', opts = {}) {
  const { host, out } = nodeHost({ cwd: dir, registry: reg.url, cacheDir: join(base, 'cache'), ...opts });
  const fn = tool === 'pnpm' ? npm.runPnpmCli : tool === 'yarn' ? npm.runYarnCli : npm.runNpmCli;
  const code = await fn(argv, host);
  return { code, ...out };
}

/** Installs the same project with ours and with real npm; returns both folders. */
async function both(pkg, argv = ['install'], files = {}) {
  const a = project(pkg, files);
  const b = project(pkg, files);
  const [r] = await Promise.all([ours(a, argv), realNpm(b, reg.url, argv)]);
  assert.equal(r.code, 0, r.stderr);
  return { a, b, r };
}

function sameAsNpm({ a, b }) {
  assert.deepEqual(inventory(a), inventory(b));
  assert.deepEqual(binLinks(a), binLinks(b));
  assert.deepEqual(lockShape(a), lockShape(b));
  assert.deepEqual(JSON.parse(readFileSync(join(a, 'package.json'), 'utf8')), JSON.parse(readFileSync(join(b, 'package.json'), 'utf8')));
}

describe('layout and resolution, against real npm', { concurrency: 4 }, () => {
  test('hoisting, and nesting on a conflict (with nested .bin)', async () => {
    const r = await both({ dependencies: { a: '^1.0.0', b: '^1.0.0' } });
    sameAsNpm(r);
    assert.deepEqual(inventory(r.a), ['a@1.0.0', 'b>c@2.0.0', 'b@1.0.0', 'c@1.1.0']);
    assert.deepEqual(binLinks(r.a), { 'c-cli': '../c/bin/c.js', 'b>c': '../c/bin/c.js' });
    assert.ok(statSync(join(r.a, 'node_modules/c/bin/c.js')).mode & 0o100);
  });

  test('peer dependencies are installed beside the package (npm 7+)', async () => {
    const r = await both({ dependencies: { plugin: '^1.0.0' } });
    sameAsNpm(r);
    assert.deepEqual(inventory(r.a), ['host@2.0.0', 'plugin@1.0.0']);
    const lock = JSON.parse(readFileSync(join(r.a, 'package-lock.json'), 'utf8'));
    assert.equal(lock.packages['node_modules/host'].peer, true);
  });

  test('optional dependencies: a 404 and an os/cpu mismatch are skipped', async () => {
    const r = await both({ dependencies: { 'opt-parent': '^1.0.0' } });
    sameAsNpm(r);
    assert.deepEqual(inventory(r.a), ['a@1.0.0', 'c@1.1.0', 'opt-parent@1.0.0']);
    const lock = JSON.parse(readFileSync(join(r.a, 'package-lock.json'), 'utf8'));
    assert.equal(lock.packages['node_modules/mac-only'].optional, true);
  });

  test('overrides replace a version everywhere', async () => {
    const r = await both({ dependencies: { a: '^1.0.0', b: '^1.0.0' }, overrides: { c: '2.0.0' } });
    sameAsNpm(r);
    assert.deepEqual(inventory(r.a), ['a@1.0.0', 'b@1.0.0', 'c@2.0.0']);
  });

  test('nested overrides apply inside one package only', async () => {
    const r = await both({ dependencies: { a: '^1.0.0', b: '^1.0.0' }, overrides: { b: { c: '1.0.0' } } });
    assert.deepEqual(inventory(r.a), inventory(r.b));
    assert.deepEqual(inventory(r.a), ['a@1.0.0', 'b>c@1.0.0', 'b@1.0.0', 'c@1.1.0']);
  });

  test('aliases (npm:name@range)', async () => {
    const r = await both({}, ['install', 'my-c@npm:c@^1.0.0', 'old-c@npm:c@1.0.0']);
    sameAsNpm(r);
    assert.deepEqual(inventory(r.a), ['my-c@1.1.0', 'old-c@1.0.0']);
    const lock = JSON.parse(readFileSync(join(r.a, 'package-lock.json'), 'utf8'));
    assert.equal(lock.packages['node_modules/my-c'].name, 'c');
  });

  test('tarball URL specs', async () => {
    const r = await both({}, ['install', urlTarball]);
    assert.deepEqual(inventory(r.a), inventory(r.b));
    assert.deepEqual(lockShape(r.a), lockShape(r.b));
    assert.equal(JSON.parse(readFileSync(join(r.a, 'package.json'), 'utf8')).dependencies.urlpkg, urlTarball);
  });

  test('workspaces (basic): links and hoisted dependencies', async () => {
    const files = {
      'packages/ws-a/package.json': JSON.stringify({ name: 'ws-a', version: '0.1.0', dependencies: { c: '^2.0.0' } }),
      'packages/ws-b/package.json': JSON.stringify({ name: 'ws-b', version: '0.2.0', dependencies: { 'ws-a': '*', a: '^1.0.0' } }),
    };
    const r = await both({ workspaces: ['packages/*'] }, ['install'], files);
    assert.deepEqual(inventory(r.a), inventory(r.b));
    assert.deepEqual(lockShape(r.a), lockShape(r.b));
    assert.ok(lstatSync(join(r.a, 'node_modules/ws-a')).isSymbolicLink());
  });

  test('bundleDependencies come from the tarball', async () => {
    const r = await both({ dependencies: { bundler: '^1.0.0' } });
    assert.deepEqual(inventory(r.a), inventory(r.b));
    assert.deepEqual(inventory(r.a), ['a@1.0.0', 'bundler>inner@1.0.0', 'bundler@1.0.0', 'c@1.1.0']);
  });

  test('save flags: -D, -E, -O', async () => {
    const r = await both({}, ['install', '-D', 'a', '-E']);
    sameAsNpm(r);
    const r2 = await both({}, ['install', '--save-optional', 'host@1']);
    sameAsNpm(r2);
  });
});

describe('scripts and commands', () => {
  test('a required package for another platform: EBADPLATFORM, nothing installed', async () => {
    const dir = project();
    const r = await ours(dir, ['install', 'aix-only']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /EBADPLATFORM/);
    assert.equal(existsSync(join(dir, 'node_modules/aix-only')), false);
  });

  test('lifecycle scripts run; a native build gets a diagnostic and the install goes on', async () => {
    const dir = project();
    const r = await ours(dir, ['install', 'scripted', 'native-addon']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'node_modules/scripted/post.txt'), 'utf8'), 'scripted postinstall');
    assert.equal(readFileSync(join(dir, 'node_modules/scripted/pre.txt'), 'utf8').trim(), 'pre');
    assert.match(r.stderr, /native-addon@1\.0\.0 needs a native build \(install runs node-gyp\)/);
    assert.ok(existsSync(join(dir, 'node_modules/native-addon/binding.gyp')));
    const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
    assert.equal(lock.packages['node_modules/scripted'].hasInstallScript, true);
  });

  test('deprecated packages get npm\'s warning', async () => {
    const dir = project();
    const r = await ours(dir, ['install', 'old-thing']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /npm warn deprecated old-thing@1\.0\.0: use new-thing instead\n/);
  });

  test('--ignore-scripts', async () => {
    const dir = project();
    const r = await ours(dir, ['install', 'scripted', '--ignore-scripts']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(existsSync(join(dir, 'node_modules/scripted/post.txt')), false);
  });

  test('npm run: pre/post scripts, npm_* env, .bin on PATH, args after --', async () => {
    const dir = project({ dependencies: { c: '^1.0.0' }, scripts: { prego: 'echo before', go: 'c-cli && echo "$npm_package_name $npm_lifecycle_event"', postgo: 'echo after', fail: 'exit 3' } });
    assert.equal((await ours(dir, ['install'])).code, 0);
    const r = await ours(dir, ['run', 'go', '--', '--flag']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /> app@1\.0\.0 prego\n> echo before\n\nbefore\n/);
    assert.match(r.stdout, /c-cli 1\.1\.0\napp go --flag\n/);
    assert.match(r.stdout, /> app@1\.0\.0 go\n> c-cli && echo "\$npm_package_name \$npm_lifecycle_event" --flag\n/);
    assert.match(r.stdout, /after\n$/);
    const f = await ours(dir, ['run', 'fail']);
    assert.equal(f.code, 3);
    const m = await ours(dir, ['run', 'nope']);
    assert.equal(m.code, 1);
    assert.match(m.stderr, /Missing script: "nope"/);
    const t = await ours(dir, ['test']);
    assert.equal(t.code, 1);
    assert.match(t.stderr, /Missing script: "test"/);
  });

  test('npm init -y, npm ls, npm uninstall', async () => {
    const dir = join(base, 'my-project');
    mkdirSync(dir);
    const i = await ours(dir, ['init', '-y']);
    assert.equal(i.code, 0);
    assert.match(i.stdout, /^Wrote to .*my-project\/package\.json:/);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    assert.equal(pkg.name, 'my-project');
    assert.equal(pkg.version, '1.0.0');
    assert.equal((await ours(dir, ['install', 'a', 'b'])).code, 0);
    const ls = await ours(dir, ['ls']);
    assert.equal(ls.stdout, `my-project@1.0.0 ${dir}\n├── a@1.0.0\n└── b@1.0.0\n\n`);
    const all = await ours(dir, ['ls', '--all']);
    assert.equal(all.stdout, `my-project@1.0.0 ${dir}\n├─┬ a@1.0.0\n│ └── c@1.1.0\n└─┬ b@1.0.0\n  └── c@2.0.0\n\n`);
    const u = await ours(dir, ['uninstall', 'b']);
    assert.equal(u.code, 0, u.stderr);
    assert.match(u.stdout, /\nremoved 2 packages in \d+m?s\n/);
    assert.deepEqual(inventory(dir), ['a@1.0.0', 'c@1.1.0']);
    assert.deepEqual(Object.keys(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies), ['a']);
    const again = await ours(dir, ['install']);
    assert.match(again.stdout, /\nup to date in/);
  });

  test('npm ci refuses a lockfile out of sync with package.json', async () => {
    const dir = project({ dependencies: { a: '^1.0.0' } });
    assert.equal((await ours(dir, ['install'])).code, 0);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    pkg.dependencies.host = '^2.0.0';
    writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
    const r = await ours(dir, ['ci']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /can only install packages when your package\.json and package-lock\.json .* are in sync/);
    assert.match(r.stderr, /Missing: host@\^2\.0\.0 from lock file/);
    assert.deepEqual(inventory(dir), ['a@1.0.0', 'c@1.1.0']);
  });

  test('the registry from .npmrc and from --registry', async () => {
    const dir = project();
    writeFileSync(join(dir, '.npmrc'), `registry=${reg.url}\n`);
    const r = await ours(dir, ['install', 'a'], 'npm', { registry: undefined });
    assert.equal(r.code, 0, r.stderr);
    rmSync(join(dir, '.npmrc'));
    const r2 = await ours(dir, ['install', 'host', `--registry=${reg.url}`], 'npm', { registry: 'http://127.0.0.1:9/' });
    assert.equal(r2.code, 0, r2.stderr);
    assert.deepEqual(inventory(dir), ['a@1.0.0', 'c@1.1.0', 'host@2.0.0']);
  });

  test('pnpm install keeps the versions of pnpm-lock.yaml', async () => {
    const lock = "lockfileVersion: '9.0'\n\nimporters:\n\n  .:\n    dependencies:\n      c:\n        specifier: ^1.0.0\n        version: 1.0.0\n\npackages:\n\n  c@1.0.0:\n    resolution: {integrity: sha512-x}\n    hasBin: true\n\nsnapshots:\n\n  c@1.0.0: {}\n";
    const dir = project({ dependencies: { c: '^1.0.0' } }, { 'pnpm-lock.yaml': lock });
    const r = await ours(dir, ['install'], 'pnpm');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(inventory(dir), ['c@1.0.0']);
    assert.match(r.stdout, /^Packages: \+1\n\+\nProgress: resolved 1, reused 0, downloaded 1, added 1, done\n/);
    assert.match(r.stdout, /\nDone in \d+\.\ds\n$/);
    assert.equal(existsSync(join(dir, 'package-lock.json')), false);
    const add = await ours(dir, ['add', 'a'], 'pnpm');
    assert.match(add.stdout, /\ndependencies:\n\+ a 1\.0\.0\n/);
  });

  test('yarn install keeps the versions of yarn.lock', async () => {
    const lock = '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\nc@^1.0.0:\n  version "1.0.0"\n  resolved "http://x/c-1.0.0.tgz"\n  integrity sha512-x\n';
    const dir = project({ dependencies: { c: '^1.0.0' } }, { 'yarn.lock': lock });
    const r = await ours(dir, [], 'yarn');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(inventory(dir), ['c@1.0.0']);
    assert.match(r.stdout, /^yarn install v1\.22\.22\n\[1\/4\] Resolving packages\.\.\.\n\[2\/4\] Fetching packages\.\.\.\n\[3\/4\] Linking dependencies\.\.\.\n\[4\/4\] Building fresh packages\.\.\.\nDone in \d+\.\d\ds\.\n$/);
    const again = await ours(dir, ['install'], 'yarn');
    assert.match(again.stdout, /success Already up-to-date\./);
  });
});
