// Bundles the browser-side baselines (memfs, ZenFS, almostnode's VFS) with
// esbuild into bench/.build/, mapping the Node built-ins they import to small
// browser stand-ins. Verklet itself is never bundled here: pages load /dist.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../..', import.meta.url));
export const BUILD_DIR = join(root, 'bench', '.build');

const MAP = {
  buffer: 'buffer',
  events: 'events',
  stream: 'readable-stream',
  path: join(here, 'shims', 'path.js'),
  url: join(here, 'shims', 'url.js'),
};

const nodeBuiltins = {
  name: 'node-builtins',
  setup(b) {
    const names = ['buffer', 'events', 'stream', 'path', 'url', 'fs', 'fs/promises', 'crypto', 'net', 'readline', 'worker_threads',
      'stream/web', 'stream/iter', 'zlib', 'util', 'os', 'child_process', 'assert', 'http', 'https', 'tty', 'module', 'process'];
    const filter = new RegExp(`^(node:)?(${names.map((n) => n.replace('/', '\\/')).join('|')})$`);
    b.onResolve({ filter }, async (args) => {
      if (args.pluginData?.real) return undefined;
      const name = args.path.replace(/^node:/, '');
      // A bare specifier that a real package answers (buffer, events) resolves normally.
      const target = MAP[name];
      if (!target) return { path: join(here, 'shims', 'empty.cjs') };
      if (target.startsWith('/')) return { path: target };
      const r = await b.resolve(target, { resolveDir: root, kind: 'import-statement', pluginData: { real: true } });
      if (r.errors.length) return { errors: r.errors };
      return { path: r.path };
    });
  },
};

export async function bundleBaselines() {
  const common = {
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'error',
    absWorkingDir: root,
    nodePaths: [join(root, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"', global: 'globalThis' },
    inject: [join(here, 'shims', 'globals.js')],
    plugins: [nodeBuiltins],
    minify: true,
  };
  await build({
    ...common,
    entryPoints: {
      'baseline-worker': join(root, 'bench', 'pages', 'baseline-worker.js'),
      almostnode: join(root, 'bench', 'pages', 'almostnode-entry.js'),
    },
    outdir: BUILD_DIR,
  });
}
