// Large files: ≥ 200 MB written in 1 MB chunks stays a chunk table (no
// realloc of the whole file), reads back correctly, and its memory is reused
// after deletion.
import test from 'node:test';
import assert from 'node:assert/strict';
import { fresh, load, fsck } from '../wasm/support.mjs';

const m = await load();
const { O } = m;
const MB = 1024 * 1024;
const TOTAL = 210;

function chunk(i) {
  const c = new Uint8Array(MB);
  const dv = new DataView(c.buffer);
  for (let off = 0; off < MB; off += 4096) dv.setUint32(off, i * MB + off);
  c.fill(i & 0xff, 8, 16);
  return c;
}

for (const shared of [false, true]) {
  test(`${TOTAL} MB file in 1 MB chunks (${shared ? 'shared' : 'plain'} memory)`, async () => {
    const { vfs, memory } = await fresh({ shared });
    const ino = vfs.open('/big.bin', O.WRONLY | O.CREAT | O.TRUNC);
    for (let i = 0; i < TOTAL; i++) assert.equal(vfs.write(ino, chunk(i), null), MB);
    vfs.close(ino);
    const st = vfs.stat('/big.bin');
    assert.equal(st.size, TOTAL * MB);
    assert.ok(vfs.usage().bytesUsed < TOTAL * MB * 1.01);

    const r = vfs.open('/big.bin', O.RDONLY);
    const buf = new Uint8Array(4096);
    const dv = new DataView(buf.buffer);
    let seed = 12345;
    for (let k = 0; k < 2000; k++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      const page = seed % ((TOTAL * MB) / 4096);
      assert.equal(vfs.read(r, buf, page * 4096), 4096);
      assert.equal(dv.getUint32(0), page * 4096);
    }
    // a read spanning chunk and scratch boundaries
    const span = new Uint8Array(3 * MB);
    assert.equal(vfs.read(r, span, 5 * MB - 100), 3 * MB);
    assert.deepEqual(span.subarray(100, 100 + MB), chunk(5));
    assert.equal(vfs.read(r, span, TOTAL * MB - 10), 10);
    vfs.close(r);

    const grown = memory.buffer.byteLength;
    assert.equal(vfs.unlink('/big.bin'), 0);
    assert.ok(vfs.usage().bytesUsed < MB);
    // The freed chunks serve a second big file and thousands of small ones without growing memory.
    assert.equal(vfs.writeFile('/again.bin', new Uint8Array(150 * MB).fill(1)), 0);
    vfs.mkdir('/small');
    for (let i = 0; i < 5000; i++) assert.equal(vfs.writeFile(`/small/${i}`, new Uint8Array(i % 3000)), 0);
    assert.equal(memory.buffer.byteLength, grown);
    assert.equal(vfs.truncate('/again.bin', 10), 0);
    assert.deepEqual([...vfs.readFile('/again.bin')], new Array(10).fill(1));
    assert.equal(vfs.truncate('/again.bin', 20), 0);
    assert.deepEqual([...vfs.readFile('/again.bin')], [...new Array(10).fill(1), ...new Array(10).fill(0)]);
    assert.deepEqual(fsck(memory, m.layout), []);
  });
}
