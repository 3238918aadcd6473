// Injected into the browser baseline bundles: the Node globals memfs expects.
import { Buffer } from 'buffer';
if (!globalThis.Buffer) globalThis.Buffer = Buffer;
if (!globalThis.process) {
  globalThis.process = {
    env: {},
    argv: [],
    platform: 'linux',
    version: 'v24.0.0',
    versions: {},
    cwd: () => '/',
    nextTick: (fn, ...args) => queueMicrotask(() => fn(...args)),
    emitWarning() {},
    getuid: () => 0,
    getgid: () => 0,
  };
}
