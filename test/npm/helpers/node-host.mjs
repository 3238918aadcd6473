// An InstallerHost made of Node: node:fs as the filesystem, a counting
// wrapper around fetch, a folder as the tarball cache, `sh -c` for scripts.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

/** A content-addressed cache in a folder (key: the SRI string's hash). */
export function folderCache(dir) {
  fs.mkdirSync(dir, { recursive: true });
  const file = (integrity) => join(dir, createHash('sha256').update(integrity).digest('hex'));
  return {
    dir,
    file,
    async get(integrity) {
      try { return new Uint8Array(fs.readFileSync(file(integrity))); } catch { return undefined; }
    },
    async put(integrity, bytes) {
      const f = file(integrity);
      fs.writeFileSync(`${f}.tmp`, bytes);
      fs.renameSync(`${f}.tmp`, f);
    },
  };
}

/**
 * A host for `cwd`. `registry` is the runtime's registry option; `fetch`
 * may wrap the global one (tests drop connections or tamper with bodies).
 */
export function nodeHost({ cwd, registry, cacheDir, fetch: f = globalThis.fetch, env = {}, platform = process.platform, arch = process.arch } = {}) {
  const out = { stdout: '', stderr: '', requests: [] };
  const host = {
    fs,
    cwd,
    registry,
    platform,
    arch,
    env: { PATH: process.env.PATH, HOME: join(cwd, '.home-not-used'), ...env },
    cache: folderCache(cacheDir ?? join(cwd, '..', 'cache')),
    fetch: async (url, init) => {
      out.requests.push(String(url));
      return f(url, init);
    },
    stdout: (t) => { out.stdout += t; },
    stderr: (t) => { out.stderr += t; },
    runScript: ({ cwd: dir, command, env: e }) => new Promise((resolve) => {
      const child = spawn('sh', ['-c', command], { cwd: dir, env: e, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d) => { out.stdout += d; });
      child.stderr.on('data', (d) => { out.stderr += d; });
      child.on('close', (code) => resolve(code ?? 1));
    }),
  };
  return { host, out };
}
