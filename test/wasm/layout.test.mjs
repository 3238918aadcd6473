// The TypeScript mirror of the memory layout (src/fs/layout.ts) must agree with
// the AssemblyScript constants (wasm/vfs/layout.ts) that both builds export,
// and the modules must be safe to instantiate over a live shared memory.
import test from 'node:test';
import assert from 'node:assert/strict';
import { load } from './support.mjs';

const m = await load();

function instantiate(module, shared) {
  const memory = m.Vfs.createMemory(shared);
  return new WebAssembly.Instance(module, { env: { memory } }).exports;
}

for (const shared of [false, true]) {
  const name = shared ? 'vfs-shared.wasm' : 'vfs.wasm';
  const module = shared ? m.sharedModule : m.plainModule;

  test(`${name}: every TS layout constant equals the exported AS global`, () => {
    const ex = instantiate(module, shared);
    const names = Object.keys(m.layout);
    assert.ok(names.length > 50);
    for (const key of names) {
      assert.ok(ex[key] instanceof WebAssembly.Global, `${key} is not exported by ${name}`);
      assert.equal(ex[key].value >>> 0, m.layout[key], key);
    }
    const exportedGlobals = WebAssembly.Module.exports(module).filter((e) => e.kind === 'global').map((e) => e.name);
    assert.deepEqual(exportedGlobals.filter((g) => !(g in m.layout)), [], 'AS constants missing from src/fs/layout.ts');
  });

  test(`${name}: imports only env.memory, static data stays below FS_BASE, no data segments`, () => {
    assert.deepEqual(WebAssembly.Module.imports(module), [{ module: 'env', name: 'memory', kind: 'memory' }]);
    const ex = instantiate(module, shared);
    assert.ok(ex.heapBase() <= m.layout.FS_BASE);
    // Walk the binary's sections: a data section (id 11) would re-write memory on every instantiation.
    const bytes = shared ? m.sharedBytes : m.plainBytes;
    const ids = [];
    let p = 8;
    const leb = () => { let r = 0, s = 0, b; do { b = bytes[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
    while (p < bytes.length) { const id = bytes[p++]; const len = leb(); ids.push(id); p += len; }
    assert.ok(!ids.includes(11), `sections: ${ids}`);
  });
}

test('vfs-shared.wasm requires a shared memory; vfs.wasm a plain one', () => {
  assert.throws(() => instantiate(m.sharedModule, false), WebAssembly.LinkError);
  assert.throws(() => instantiate(m.plainModule, true), WebAssembly.LinkError);
});

test('instantiating again over a live memory leaves state intact', () => {
  const memory = m.Vfs.createMemory(true);
  const a = m.Vfs.format(m.sharedModule, memory);
  a.writeFile('/x', new TextEncoder().encode('live'));
  const before = new Uint8Array(memory.buffer).slice();
  new WebAssembly.Instance(m.sharedModule, { env: { memory } });
  assert.deepEqual(new Uint8Array(memory.buffer), before);
  const b = m.Vfs.attach(m.sharedModule, memory);
  assert.equal(new TextDecoder().decode(b.readFile('/x')), 'live');
});
