// Bundles src/node/host.ts for tests (esm, platform browser) with the host's aliases.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

function aliases() {
  const src = readFileSync(join(root, 'src/node/bundle-aliases.ts'), 'utf8');
  const out = {};
  for (const m of src.matchAll(/'([^']+)':\s*'([^']+)'|\b(\w+):\s*'([^']+)'/g)) {
    const key = m[1] ?? m[3];
    const val = m[2] ?? m[4];
    if (key && val && val.startsWith('src/')) out[key] = join(root, val);
  }
  return out;
}

let built;
export async function buildHost() {
  if (built) return built;
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'verklet-host-'));
  const outfile = join(dir, 'host.mjs');
  const map = aliases();
  await esbuild.build({
    entryPoints: [join(root, 'src/node/host.ts')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    keepNames: true,
    outfile,
    logLevel: 'error',
    plugins: [{
      name: 'node-host-aliases',
      setup(b) {
        b.onResolve({ filter: /^(process\/?|events)$/ }, (args) => ({ path: map[args.path] }));
      },
    }],
  });
  built = outfile;
  return outfile;
}
