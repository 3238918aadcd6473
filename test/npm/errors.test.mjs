// Failure cases against a real (empty, fresh) Verdaccio: a missing package,
// integrity failures (corrupted cache entry, tampered packument), unsafe
// tarballs (`../`, an escaping symlink, a gzip bomb), dropped connections
// (retried, then an error), no registry configured, auth and scopes. Each
// failure leaves node_modules and package.json as they were.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startRegistry, stateDir, PRIVATE_SCOPE } from '../../scripts/registry/server.mjs';
import { loadInstaller } from './helpers/bundle.mjs';
import { inventory } from './helpers/compare.mjs';
import { nodeHost } from './helpers/node-host.mjs';
import { droppingProxy } from './helpers/proxy.mjs';
import { gzipBomb, makePackage, publish } from './helpers/tarball.mjs';

let npm;
let reg;
let base;
const pkg = (name, version, extra = {}) => ({ name, version, ...extra });

before(async () => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'verklet-npm-errors-')));
  [npm, reg] = await Promise.all([loadInstaller(), startRegistry({ storage: join(base, 'storage') })]);
  const pub = (m, files, extra) => publish(reg.url, reg.token, m, makePackage(m, files, extra));
  await pub(pkg('ok-a', '1.0.0'), { 'index.js': 'module.exports = "a";' });
  await pub(pkg('ok-b', '1.0.0', { dependencies: { 'ok-a': '^1.0.0' } }), { 'index.js': 'module.exports = "b";' });
  await pub(pkg('evil-dotdot', '1.0.0'), {}, [{ path: 'package/../../evil.js', data: 'owned' }]);
  await pub(pkg('evil-abs', '1.0.0'), {}, [{ path: '/tmp/verklet-evil-abs.js', data: 'owned' }]);
  await pub(pkg('evil-link', '1.0.0'), {}, [{ path: 'package/lib/passwd', type: 'symlink', linkname: '../../../../etc/passwd' }]);
  await pub(pkg('big-but-ok', '1.0.0'), { 'a.txt': 'x'.repeat(100_000) });
  await pub(pkg(`${PRIVATE_SCOPE}/secret`, '1.0.0'), { 'index.js': 'module.exports = 42;' });
  await pub(pkg('@vt-scoped/thing', '1.0.0'), { 'index.js': '' });
  const bombManifest = pkg('bomb', '1.0.0');
  const bomb = await gzipBomb(bombManifest, 520 * 1024 * 1024, join(stateDir, 'bomb-520mb.tgz'));
  await publish(reg.url, reg.token, bombManifest, bomb);
});
after(async () => {
  await reg?.stop();
  if (base) rmSync(base, { recursive: true, force: true });
});

let n = 0;
/** A project with ok-a installed, so failures can be checked to leave it alone. */
async function project(opts = {}) {
  const dir = join(base, `p${n++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), '{\n  "name": "p",\n  "version": "1.0.0"\n}\n');
  const cacheDir = join(dir, '..', `cache-${n}`);
  const run = async (argv, more = {}) => {
    const { host, out } = nodeHost({ cwd: dir, registry: reg.url, cacheDir, ...opts, ...more });
    const code = await npm.runNpmCli(argv, host);
    return { code, ...out, host };
  };
  if (opts.seed !== false) assert.equal((await run(['install', 'ok-a'])).code, 0);
  const snapshot = () => ({ tree: inventory(dir), pkg: readFileSync(join(dir, 'package.json'), 'utf8'), nm: readdirSync(join(dir, 'node_modules')).sort() });
  return { dir, run, cacheDir, snapshot };
}

describe('errors', () => {
  test('a missing package: npm\'s 404 message, exit 1, nothing changed', async () => {
    const p = await project();
    const before = p.snapshot();
    const r = await p.run(['install', 'no-such-package-xyz']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /npm error code E404/);
    assert.ok(r.stderr.includes(`npm error 404 Not Found - GET ${reg.url}no-such-package-xyz`), r.stderr);
    assert.match(r.stderr, /'no-such-package-xyz@\*' is not in this registry/);
    assert.deepEqual(p.snapshot(), before);
  });

  test('a missing transitive dependency fails the same way', async () => {
    await publish(reg.url, reg.token, pkg('needs-ghost', '1.0.0', { dependencies: { 'ghost-dep': '^1.0.0' } }), makePackage(pkg('needs-ghost', '1.0.0', { dependencies: { 'ghost-dep': '^1.0.0' } })));
    const p = await project();
    const before = p.snapshot();
    const r = await p.run(['install', 'needs-ghost']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /404 Not Found - GET \S+ghost-dep/);
    assert.deepEqual(p.snapshot(), before);
  });

  test('EINTEGRITY: a corrupted cache entry installs nothing', async () => {
    const p = await project();
    rmSync(join(p.dir, 'node_modules'), { recursive: true });
    rmSync(join(p.dir, 'package-lock.json'));
    for (const f of readdirSync(p.cacheDir)) writeFileSync(join(p.cacheDir, f), 'garbage');
    const r = await p.run(['install']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /npm error code EINTEGRITY/);
    assert.equal(existsSync(join(p.dir, 'node_modules', 'ok-a')), false);
  });

  test('EINTEGRITY: a tampered packument installs nothing', async () => {
    const tamper = async (url, init) => {
      const res = await fetch(url, init);
      if (!String(url).endsWith('/ok-b')) return res;
      const doc = await res.json();
      doc.versions['1.0.0'].dist.integrity = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;
      return new Response(JSON.stringify(doc), { status: 200, headers: { 'content-type': 'application/json' } });
    };
    const p = await project({ fetch: tamper });
    const before = p.snapshot();
    const r = await p.run(['install', 'ok-b']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /EINTEGRITY/);
    assert.deepEqual(p.snapshot(), before);
  });

  for (const [name, why] of [['evil-dotdot', /path contains \.\./], ['evil-abs', /absolute path/], ['evil-link', /symlink to '..\/..\/..\/..\/etc\/passwd' leaves the package/]]) {
    test(`an unsafe tarball (${name}) is refused whole`, async () => {
      const p = await project();
      const before = p.snapshot();
      const r = await p.run(['install', name]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /npm error code EBADTAR/);
      assert.match(r.stderr, why);
      assert.deepEqual(p.snapshot(), before);
      assert.equal(existsSync(join(base, 'evil.js')), false);
      assert.equal(existsSync('/tmp/verklet-evil-abs.js'), false);
    });
  }

  test('a gzip bomb stops at 500 MB with a clear error', async () => {
    const p = await project();
    const before = p.snapshot();
    const r = await p.run(['install', 'bomb']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /ETOOLARGE/);
    assert.match(r.stderr, /bomb@1\.0\.0: the tarball expands to more than 500 MB/);
    assert.deepEqual(p.snapshot(), before);
  });

  test('a dropped connection is retried', async () => {
    const proxy = await droppingProxy(reg.url, { drop: (path, hit) => path.endsWith('.tgz') && hit === 1 });
    try {
      const p = await project({ registry: proxy.url, seed: false });
      const r = await p.run(['install', 'ok-b']);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(inventory(p.dir), ['ok-a@1.0.0', 'ok-b@1.0.0']);
      assert.equal(proxy.hits.get('/ok-b/-/ok-b-1.0.0.tgz'), 2);
    } finally { await proxy.close(); }
  });

  test('a connection that keeps dropping: an error after the retries, no half-written package', async () => {
    const proxy = await droppingProxy(reg.url, { drop: (path) => path.endsWith('/big-but-ok-1.0.0.tgz') });
    try {
      const p = await project({ registry: proxy.url });
      const before = p.snapshot();
      const r = await p.run(['install', 'big-but-ok']);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /request to \S+big-but-ok-1\.0\.0\.tgz failed/);
      assert.equal(proxy.hits.get('/big-but-ok/-/big-but-ok-1.0.0.tgz'), 3, 'first try and two retries');
      assert.deepEqual(p.snapshot(), before);
      assert.deepEqual(readdirSync(join(p.dir, 'node_modules')).filter((f) => f.startsWith('.')), []);
    } finally { await proxy.close(); }
  });

  test('no registry configured: says how to set one', async () => {
    const p = await project({ registry: undefined, seed: false });
    const r = await p.run(['install', 'ok-a']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /No npm registry is configured/);
    assert.match(r.stderr, /`registry` option/);
    assert.match(r.stderr, /registry=<url>.*\.npmrc/);
  });

  test('auth: _authToken from .npmrc for a private scope', async () => {
    const p = await project({ seed: false });
    const denied = await p.run(['install', `${PRIVATE_SCOPE}/secret`]);
    assert.equal(denied.code, 1);
    assert.match(denied.stderr, /E40[13]/);
    const host = new URL(reg.url).host;
    writeFileSync(join(p.dir, '.npmrc'), `//${host}/:_authToken=\${VT_TOKEN}\n`);
    const ok = await p.run(['install', `${PRIVATE_SCOPE}/secret`], { env: { VT_TOKEN: reg.token } });
    assert.equal(ok.code, 0, ok.stderr);
    assert.deepEqual(inventory(p.dir), [`${PRIVATE_SCOPE}/secret@1.0.0`]);
  });

  test('scoped registries: @scope:registry= in .npmrc wins over the default', async () => {
    const p = await project({ registry: 'http://127.0.0.1:9/', seed: false });
    writeFileSync(join(p.dir, '.npmrc'), `@vt-scoped:registry=${reg.url}\n`);
    const r = await p.run(['install', '@vt-scoped/thing'], { retries: 0 });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(inventory(p.dir), ['@vt-scoped/thing@1.0.0']);
    writeFileSync(join(p.dir, '.npmrc'), `registry=${reg.url}\n`);
    const r2 = await p.run(['install', 'ok-a']);
    assert.equal(r2.code, 0, r2.stderr);
  });
});
