// Bundles src/npm (TypeScript) with esbuild into one ESM file the Node tests
// import: the same code the browser worker runs, semver included.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
let loaded;

/** The installer library (src/npm/index.ts), bundled once per process. */
export function loadInstaller() {
  loaded ??= (async () => {
    const esbuild = await import('esbuild');
    const outDir = join(root, '.verdaccio', 'build');
    mkdirSync(outDir, { recursive: true });
    const outfile = join(outDir, `npm-${process.pid}.mjs`);
    await esbuild.build({
      entryPoints: [join(root, 'src/npm/index.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      outfile,
      logLevel: 'error',
      mainFields: ['module', 'main'],
    });
    try {
      return await import(pathToFileURL(outfile).href);
    } finally {
      rmSync(outfile, { force: true });
    }
  })();
  return loaded;
}
