#!/usr/bin/env node
// Builds dist/: the ESM entry points and workers (Vite), the preview service
// worker as one self-contained file (esbuild), the VFS WASM (AssemblyScript)
// and the .d.ts types (tsc).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
const quiet = process.argv.includes('--quiet');
const log = (...a) => quiet || console.log(...a);

// Build beside dist/ and swap at the end, so pages and tests using dist/ never
// see it half-written.
const out = `.dist-build-${process.pid}`;
rmSync(out, { recursive: true, force: true });

log('build: wasm');
if (existsSync('scripts/build-wasm.mjs')) execFileSync(process.execPath, ['scripts/build-wasm.mjs', out], { stdio: 'inherit' });

log('build: vite');
await viteBuild({ configFile: 'vite.config.ts', logLevel: quiet ? 'warn' : 'info', build: { outDir: out } });

// node:zlib's brotli loads this beside its chunk on first use (src/node/internal/zlib-brotli-wasm.ts).
copyFileSync('node_modules/brotli-wasm/pkg.web/brotli_wasm_bg.wasm', `${out}/verklet-brotli.wasm`);

log('build: service worker');
await esbuild({
  entryPoints: { 'verklet-sw': 'src/preview/service-worker.ts' },
  outdir: out,
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: true,
  logLevel: 'warning',
});

log('build: types');
execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.types.json', '--outDir', `${out}/types`], { stdio: 'inherit' });
rmSync('dist', { recursive: true, force: true });
renameSync(out, 'dist');
log('build: done');
