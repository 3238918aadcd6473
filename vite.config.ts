/**
 * Build of the browser side. Every entry and chunk lands flat in `dist/` with
 * a stable name for entries, so workers and WASM are found beside the module
 * that loads them (`new URL(name, import.meta.url)`) wherever `dist/` is
 * copied. The service worker and the WASM are built by scripts/build.mjs.
 */
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: 'public',
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    sourcemap: true,
    modulePreload: false,
    minify: true,
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
