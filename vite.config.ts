/**
 * Build of the browser side. Every entry and chunk lands flat in `dist/` with
 * a stable name for entries, so workers and WASM are found beside the module
 * that loads them (`new URL(name, import.meta.url)`) wherever `dist/` is
 * copied. The service worker and the WASM are built by scripts/build.mjs.
 */
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { NODE_HOST_ALIASES } from './src/node/bundle-aliases.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  publicDir: 'public',
  // npm polyfills inside the Node host share its implementations (see src/node/bundle-aliases.ts).
  resolve: {
    alias: Object.entries(NODE_HOST_ALIASES).map(([name, path]) => ({
      find: new RegExp(`^${name.replace('/', '\\/')}$`),
      replacement: here(path),
    })),
  },
  // Class and function names show in what programs print (util.inspect), so keep them.
  esbuild: { keepNames: true },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    modulePreload: false,
    minify: 'esbuild',
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        index: 'src/index.ts',
        elements: 'src/elements.ts',
        verklet: 'src/verklet.ts',
        'verklet-kernel': 'src/kernel/kernel-worker.ts',
        'verklet-process': 'src/kernel/process-worker.ts',
      },
      preserveEntrySignatures: 'exports-only',
      output: {
        format: 'es',
        entryFileNames: '[name].js',
        chunkFileNames: 'chunk-[name]-[hash].js',
        assetFileNames: '[name][extname]',
      },
    },
  },
});
