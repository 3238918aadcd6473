#!/usr/bin/env node
// Generates custom-elements.json from the elements' JSDoc with
// @custom-elements-manifest/analyzer (config: custom-elements-manifest.config.mjs).
//
//   node scripts/custom-elements.mjs          write custom-elements.json
//   node scripts/custom-elements.mjs --check  exit 1 if the committed file is stale
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const target = join(root, 'custom-elements.json');
const check = process.argv.includes('--check');

/** Runs the analyzer into a temporary folder and returns the manifest text. */
function generate() {
  const dir = mkdtempSync(join(tmpdir(), 'verklet-cem-'));
  try {
    // The analyzer joins --outdir onto the working directory, so pass it relative.
    execFileSync(
      process.execPath,
      [join(root, 'node_modules/@custom-elements-manifest/analyzer/cem.js'), 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--outdir', relative(root, dir), '--quiet'],
      { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    const manifest = JSON.parse(readFileSync(join(dir, 'custom-elements.json'), 'utf8'));
    return `${JSON.stringify(manifest, null, 2)}\n`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const fresh = generate();
if (check) {
  const committed = existsSync(target) ? readFileSync(target, 'utf8') : '';
  if (committed !== fresh) {
    console.error(
      `custom-elements.json is ${committed ? 'stale' : 'missing'}: the element classes' JSDoc changed since it was generated.\n` +
        'Run `node scripts/custom-elements.mjs` and commit the result.',
    );
    process.exit(1);
  }
  console.log('custom-elements.json is up to date');
} else {
  writeFileSync(target, fresh);
  console.log(`wrote ${relative(process.cwd(), target) || target}`);
}
