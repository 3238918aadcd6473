#!/usr/bin/env node
// Installs Verdaccio, the registry the npm installer's tests run against on
// loopback, as this folder's own small package (its package.json pins
// verdaccio@6.2.0 and overrides node-fetch). Idempotent: does nothing when the
// pinned version is already installed.
//
//   node scripts/registry/setup.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const registryDir = dirname(fileURLToPath(import.meta.url));
export const verdaccioBin = join(registryDir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

/** Installs Verdaccio under scripts/registry/node_modules unless it is there. */
export function ensureVerdaccio() {
  const pkg = join(registryDir, 'node_modules', 'verdaccio', 'package.json');
  const want = JSON.parse(readFileSync(join(registryDir, 'package.json'), 'utf8')).dependencies.verdaccio;
  if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).version === want) return verdaccioBin;
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--prefix', registryDir, '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('scripts/registry/setup.mjs: npm install of verdaccio failed');
  return verdaccioBin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureVerdaccio();
  console.log(`verdaccio ready: ${verdaccioBin}`);
}
