#!/usr/bin/env node
// The one test command (README, .ci/run): installs what is missing (npm
// packages, Chromium from the OS packages), builds, runs the Node tests and
// the browser tests twice (with and without cross-origin isolation), and ends
// with one summary line: `N passed, M failed`.
//
//   npm test                    everything
//   npm test -- --node-only     only Node's test runner
//   npm test -- --browser-only  only the browser suites
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHostNode } from './host-node.mjs';

ensureHostNode();

// `npm test` exports npm's own configuration as npm_config_* variables; tests
// that run npm or node themselves must see the machine as a user would.
for (const key of Object.keys(process.env)) if (key.startsWith('npm_config_')) delete process.env[key];

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const args = new Set(process.argv.slice(2));

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
}

function ensureNodeModules() {
  const lock = 'package-lock.json';
  const marker = 'node_modules/.package-lock.json';
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  // `npm install` (which follows the lockfile) rather than `npm ci`: the
  // registry these machines reach lacks some optional platform packages the
  // lockfile names, which `npm ci` treats as fatal and install skips.
  console.log('test: installing npm packages');
  if (run('npm', ['install', '--no-audit', '--no-fund']) !== 0) process.exit(1);
}

function ensureChromium() {
  const { findChromium } = requireFindChromium();
  if (findChromium()) return;
  console.log('test: no Chromium found; installing the OS package');
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (...a) => run(sudo[0] ?? 'apt-get', sudo.length ? ['apt-get', ...a] : a, { env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (apt('update', '-qq') !== 0 || apt('install', '-y', '-qq', 'chromium') !== 0) {
    console.error('test: could not install chromium; set CHROME_PATH to a Chromium or Chrome binary');
    process.exit(1);
  }
}

function requireFindChromium() {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', "import('./scripts/find-chromium.mjs').then(m => console.log(m.findChromium() ?? ''))"], { encoding: 'utf8' });
  return { findChromium: () => r.stdout.trim() || undefined };
}

function walk(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== 'fixtures' && name !== 'cases') walk(p, out);
    } else out.push(p);
  }
  return out;
}

function nodeTests(totals) {
  const files = walk('test').filter((f) => /\.test\.(mjs|js)$/.test(f));
  if (!files.length) return;
  mkdirSync('test-results', { recursive: true });
  const tap = 'test-results/node.tap';
  rmSync(tap, { force: true });
  run(process.execPath, [
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  const text = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
  const num = (name) => Number(text.match(new RegExp(`^# ${name} (\\d+)$`, 'm'))?.[1] ?? 0);
  totals.passed += num('pass');
  totals.failed += num('fail') + num('cancelled');
  totals.skipped += num('skip') + num('todo');
  if (!text) totals.failed += 1;
}

function browserTests(totals) {
  // The reference outputs of the in-browser differential suite.
  if (run(process.execPath, ['scripts/differential-expectations.mjs']) !== 0) {
    totals.failed += 1;
    totals.failures.push('scripts/differential-expectations.mjs failed');
  }
  // dist/ must work from any folder: a copy at a deep path (test/runtime/relocated-dist).
  rmSync('test-results/cdn', { recursive: true, force: true });
  cpSync('dist', 'test-results/cdn/some/deep/prefix', { recursive: true });
  for (const isolation of ['1', '0']) {
    const mode = isolation === '1' ? 'isolated' : 'plain';
    const out = `test-results/browser-${mode}.json`;
    rmSync(out, { force: true });
    console.log(`\ntest: browser suites, ${mode === 'isolated' ? 'with COOP/COEP (shared memory)' : 'without COOP/COEP (drop-in)'}`);
    run(process.execPath, ['node_modules/@web/test-runner/dist/bin.js', '--config', 'web-test-runner.config.mjs'], {
      env: { ...process.env, VERKLET_ISOLATION: isolation },
    });
    if (!existsSync(out)) {
      totals.failed += 1;
      totals.failures.push(`[${mode}] the browser suite did not report (see above)`);
      continue;
    }
    const counts = JSON.parse(readFileSync(out, 'utf8'));
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
    totals.failures.push(...counts.failures);
  }
}

ensureNodeModules();
const totals = { passed: 0, failed: 0, skipped: 0, failures: [] };
if (!args.has('--browser-only')) {
  if (run(process.execPath, ['scripts/build.mjs', '--quiet']) !== 0) {
    console.error('test: build failed');
    totals.failed += 1;
  }
  // custom-elements.json is generated from the elements' JSDoc; a stale one fails.
  if (run(process.execPath, ['scripts/custom-elements.mjs', '--check']) !== 0) {
    totals.failed += 1;
    totals.failures.push('custom-elements.json is stale: run node scripts/custom-elements.mjs');
  } else totals.passed += 1;
  nodeTests(totals);
}
if (!args.has('--node-only')) {
  ensureChromium();
  if (args.has('--browser-only') && run(process.execPath, ['scripts/build.mjs', '--quiet']) !== 0) totals.failed += 1;
  browserTests(totals);
}
if (totals.failures.length) console.log(`\nFailures:\n${totals.failures.map((f) => `  - ${f}`).join('\n')}`);
console.log(`\n${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed ? 1 : 0);
