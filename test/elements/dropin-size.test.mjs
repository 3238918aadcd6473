// The drop-in (dist/verklet.js and every module it imports statically) stays
// small: ≤ 60 KB gzipped before workers load, and xterm.js is only loaded
// through dynamic import(). Needs `npm run build`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
const LIMIT = 60 * 1024;

/** The static import graph of `entry` (relative imports only; `import()` excluded). */
function staticGraph(entry) {
  const seen = new Set();
  const walk = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const src = readFileSync(dist + file, 'utf8');
    for (const m of src.matchAll(/(?:^|[;}\s])(?:import|export)\s*(?:[^"'`()]*?from\s*)?["'`]\.\/([^"'`]+)["'`]/g)) walk(m[1]);
  };
  walk(entry);
  return [...seen];
}

test('dist/verklet.js and its static imports are ≤ 60 KB gzipped, without xterm', { skip: !existsSync(`${dist}verklet.js`) && 'run `npm run build` first' }, () => {
  const files = staticGraph('verklet.js');
  let gz = 0;
  for (const f of files) gz += gzipSync(readFileSync(dist + f), { level: 9 }).length;
  assert.ok(gz <= LIMIT, `the drop-in loads ${(gz / 1024).toFixed(1)} KB gzipped before workers (limit 60 KB): ${files.join(', ')}`);
  for (const f of files) assert.ok(!readFileSync(dist + f, 'utf8').includes('xterm-helper-textarea'), `${f} contains xterm.js: it must be loaded with import()`);
});

test('dist/verklet.js defines the elements', { skip: !existsSync(`${dist}verklet.js`) && 'run `npm run build` first' }, () => {
  const src = staticGraph('verklet.js').map((f) => readFileSync(dist + f, 'utf8')).join('\n');
  assert.ok(
    src.includes('verklet-terminal') && src.includes('customElements'),
    'dist/verklet.js does not define the custom elements: the bundler dropped `import "./elements.js"` as side-effect free. ' +
      'package.json "sideEffects" must list "./src/elements.ts", "./src/verklet.ts" and "./src/elements/*/define.ts".',
  );
});
