/**
 * Workers and WASM are found next to the module that loads them, never at a
 * fixed path, so `dist/` works copied into any folder or CDN prefix. The name
 * is a variable on purpose: bundlers leave such URLs alone, and the build
 * emits every asset flat beside the entry points.
 */
export const ASSETS = {
  kernel: 'verklet-kernel.js',
  process: 'verklet-process.js',
  vfs: 'vfs.wasm',
  vfsShared: 'vfs-shared.wasm',
} as const;

export function assetUrl(name: string): string {
  return new URL(name, import.meta.url).href;
}
