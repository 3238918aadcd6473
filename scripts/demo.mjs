#!/usr/bin/env node
// The README's run command: installs (if needed), builds, and serves demo/ on
// localhost, printing the URL.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureHostNode } from './host-node.mjs';

ensureHostNode();

process.chdir(fileURLToPath(new URL('..', import.meta.url)));
const step = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
// `npm install` follows the lockfile; see scripts/test.mjs for why not `npm ci`.
if (!existsSync('node_modules/.package-lock.json')) step('npm', ['install', '--no-audit', '--no-fund']);
step(process.execPath, ['scripts/build.mjs', '--quiet']);
await import('./serve.mjs').then(async ({ startServer }) => {
  const port = Number(process.env.PORT ?? 5173);
  const server = await startServer({ port });
  console.log(`\nVerklet demo: http://127.0.0.1:${server.address().port}/demo/`);
  console.log(`(with cross-origin isolation: http://127.0.0.1:${server.address().port}/demo/isolated/)`);
});
