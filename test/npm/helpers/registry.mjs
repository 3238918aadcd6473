// The loopback registry for the npm tests: Verdaccio (scripts/registry),
// seeded once with the real trees (cached under .verdaccio/), started on a
// free port per test file. Seeding is serialised across test processes with
// a lock folder.
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSeeded } from '../../../scripts/registry/seed.mjs';
import { startRegistry, stateDir } from '../../../scripts/registry/server.mjs';

async function withLock(fn) {
  const lock = join(stateDir, 'seed.lock');
  mkdirSync(stateDir, { recursive: true });
  for (;;) {
    try { mkdirSync(lock); break; } catch {
      try { if (Date.now() - statSync(lock).mtimeMs > 15 * 60_000) rmSync(lock, { recursive: true, force: true }); } catch {}
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try { return await fn(); } finally { rmSync(lock, { recursive: true, force: true }); }
}

/** Starts a seeded registry: { url, port, token, seed: { tops, packages }, stop() }. */
export async function seededRegistry() {
  const marker = join(stateDir, 'storage', '.seeded.json');
  let seed;
  if (!existsSync(marker)) seed = await withLock(() => ensureSeeded());
  else seed = await ensureSeeded();
  const reg = await startRegistry();
  return { ...reg, seed };
}
