// What each built-in module of the browser backend is made of: our own code
// under src/node/, and the npm packages it builds on (their versions are read
// from node_modules when docs/compatibility.md is generated, so the record
// stays true). Modules not listed are our own code in src/node/<name>.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const IMPLEMENTATIONS = {
  assert: { packages: [], note: 'own: Node 24 messages and diffs; deep equality in internal/deep-equal.ts' },
  buffer: { packages: ['buffer'], note: "feross/buffer as the base class, behind Node 24's validation, errors and a TextEncoder/TextDecoder UTF-8 path" },
  crypto: {
    packages: ['@noble/hashes', '@noble/ciphers', '@noble/curves'],
    note: 'hashes, HMAC, pbkdf2, scrypt, hkdf (noble-hashes); AES modes and ChaCha20-Poly1305 over noble-ciphers primitives; EC and Ed25519/X25519 (noble-curves); RSA, ASN.1/PEM/JWK and KeyObject are own code over BigInt',
  },
  stream: { packages: ['readable-stream'], note: "readable-stream is Node's own streams code published for browsers; the host's tick queue is wired in so callbacks run in Node's order" },
  zlib: { packages: ['pako', 'brotli-wasm'], note: "pako (a faithful zlib port: compressed bytes equal Node's), brotli-wasm (Rust brotli, WASM loaded synchronously in the process worker)" },
  util: { packages: [], note: "own: util.inspect and console formatting (internal/inspect-*.ts); proxies and promise states are seen through hooks installed before user code (a promise whose state a browser cannot know prints <unknown>)" },
  module: { packages: ['acorn', 'cjs-module-lexer'], note: 'own CommonJS and ES module loaders; acorn parses ES modules for the in-place rewrite, cjs-module-lexer finds CommonJS named exports as Node does' },
  events: { packages: [], note: "own: Node 24's EventEmitter, captureRejections, on/once, EventTarget interplay" },
  fs: { packages: [], note: 'own, over the AssemblyScript VFS in WebAssembly (wasm/vfs)' },
  child_process: { packages: [], note: 'own, over the kernel (processes are Web Workers)' },
  http: { packages: [], note: 'own, over runtime ports; clients to other hosts go through fetch' },
  worker_threads: { packages: [], note: 'own: threads are kernel-started workers with direct MessageChannels' },
  tls: { packages: [], note: "loads with Node's constants; sockets need the server backend", serverOnly: 'connect/createServer need the server backend (ERR_VERKLET_NEEDS_SERVER)' },
  http2: { packages: [], note: "loads with Node's constants and settings helpers; sessions need the server backend", serverOnly: 'connect/createServer need the server backend (ERR_VERKLET_NEEDS_SERVER)' },
  dgram: { packages: [], note: 'loads; UDP sockets need the server backend', serverOnly: 'createSocket needs the server backend (ERR_VERKLET_NEEDS_SERVER)' },
  inspector: { packages: [], note: 'never active in a tab; open() and Session.connect() need the server backend', serverOnly: 'open() and Session.connect() need the server backend' },
  'inspector/promises': { packages: [], note: 'as inspector', serverOnly: 'open() and Session.connect() need the server backend' },
  trace_events: { packages: [], note: 'tracing objects with Node\'s shape; enabling records nothing (no tracing agent in a tab)', serverOnly: 'enabling a category records no trace file' },
};

/** `name@version` of a dependency as installed. */
export function installedVersion(root, name) {
  try {
    return JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
  } catch {
    return undefined;
  }
}

/** The markdown section. */
export function implementationSection(root) {
  const L = ['## How each module is implemented', ''];
  // serverOnly: the reason a module that loads is still only partial (see classify in compat-matrix.mjs).
  L.push('Modules not listed are our own code (`src/node/<module>.ts`). Package versions are those installed when this file was generated.');
  L.push('');
  L.push('| module | packages | how |');
  L.push('| --- | --- | --- |');
  for (const [mod, { packages, note }] of Object.entries(IMPLEMENTATIONS)) {
    const pk = packages.length ? packages.map((p) => `\`${p}@${installedVersion(root, p) ?? '?'}\``).join(', ') : 'own code';
    L.push(`| \`${mod}\` | ${pk} | ${note.replace(/\|/g, '\\|')} |`);
  }
  L.push('');
  return L;
}
