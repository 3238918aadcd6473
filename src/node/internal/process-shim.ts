/**
 * What bundled npm code gets for `require('process')` (readable-stream uses
 * `process/` for nextTick): the host's real tick queue, so stream callbacks
 * run in Node's order. Bundlers alias `process`/`process/` here (see
 * NODE_HOST_ALIASES in src/node/bundle-aliases.ts).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as loop from './loop.js';

const shim: any = {
  nextTick: (fn: (...a: unknown[]) => void, ...args: unknown[]) => loop.nextTick(fn, ...args),
  get env() {
    return (globalThis as any).process?.env ?? {};
  },
  get stdout() {
    return (globalThis as any).process?.stdout;
  },
  get stderr() {
    return (globalThis as any).process?.stderr;
  },
  get version() {
    return 'v24.12.0';
  },
  get versions() {
    return { node: '24.12.0' };
  },
  platform: 'linux',
  browser: false,
  cwd: () => (globalThis as any).process?.cwd() ?? '/',
};

export const nextTick = shim.nextTick;
export default shim;
