// Several worker_threads instantiate vfs-shared.wasm over ONE shared memory
// and hammer it at once (creates, appends, renames, unlinks, mkdir/rmdir);
// afterwards the tree must be exactly what the operations imply.
import test from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { load, dec, fsck } from '../wasm/support.mjs';

const m = await load();
const WORKERS = 4;
const N = 400;
const RECORD = 16;

const workerCode = `
const { workerData, parentPort } = require('node:worker_threads');
(async () => {
  const { Vfs, O } = await import(workerData.bundle);
  const { id, n, memory, module, record } = workerData;
  const vfs = Vfs.attach(module, memory);
  const enc = (s) => new TextEncoder().encode(s);
  const fail = (what, r) => { throw new Error(id + ': ' + what + ' -> ' + r); };
  const must = (what, r) => { if (typeof r === 'number' && r < 0) fail(what, r); return r; };
  must('mkdir', vfs.mkdir('/w' + id, 0o755));
  for (let i = 0; i < n; i++) {
    const body = enc(('w' + id + ':' + i + ';').repeat(1 + (i % 50)));
    must('writeFile', vfs.writeFile('/w' + id + '/f' + i, body));
    must('writeFile shared', vfs.writeFile('/shared/' + id + '-' + i, body));
    const fd = must('open log', vfs.open('/shared/log', O.WRONLY | O.APPEND));
    must('append', vfs.write(fd, enc(('[' + id + ':' + i + ']').padEnd(record, '.')), null));
    must('close', vfs.close(fd));
    if (i % 3 === 0) must('rename', vfs.rename('/shared/' + id + '-' + i, '/w' + id + '/moved' + i));
    if (i % 5 === 0) must('unlink', vfs.unlink('/w' + id + '/f' + i));
    must('mkdir tmp', vfs.mkdir('/shared/tmp-' + id + '-' + i));
    must('rmdir tmp', vfs.rmdir('/shared/tmp-' + id + '-' + i));
  }
  vfs.dispose();
  parentPort.postMessage('done');
})().catch((e) => parentPort.postMessage('error: ' + e.message));
`;

test(`${WORKERS} workers + a non-blocking main-thread instance on one shared memory`, async () => {
  const memory = m.Vfs.createMemory(true);
  const main = m.Vfs.format(m.sharedModule, memory, { canBlock: false });
  assert.equal(main.mkdir('/shared'), 0);
  assert.equal(main.writeFile('/shared/log', new Uint8Array(0)), 0);
  const bundle = pathToFileURL(path.join(m.dir, 'fs.mjs')).href;
  const workers = [];
  for (let id = 0; id < WORKERS; id++) {
    const w = new Worker(workerCode, { eval: true, workerData: { bundle, id, n: N, memory, module: m.sharedModule, record: RECORD } });
    workers.push(new Promise((resolve, reject) => {
      w.on('message', (msg) => (msg === 'done' ? resolve() : reject(new Error(msg))));
      w.on('error', reject);
    }).finally(() => w.terminate()));
  }
  // Meanwhile the main thread (spin-only lock) reads and writes too.
  let mainOps = 0;
  const deadline = Date.now() + 300;
  while (Date.now() < deadline) {
    assert.equal(main.writeFile(`/main-${mainOps % 50}`, new TextEncoder().encode(String(mainOps))), 0);
    const list = main.readdir('/shared');
    assert.ok(Array.isArray(list));
    mainOps++;
  }
  await Promise.all(workers);

  for (let id = 0; id < WORKERS; id++) {
    const names = new Set(main.readdir(`/w${id}`).map((e) => e.name));
    for (let i = 0; i < N; i++) {
      const body = `w${id}:${i};`.repeat(1 + (i % 50));
      assert.equal(names.has(`f${i}`), i % 5 !== 0);
      if (i % 5 !== 0) assert.equal(dec(main.readFile(`/w${id}/f${i}`)), body);
      if (i % 3 === 0) assert.equal(dec(main.readFile(`/w${id}/moved${i}`)), body);
      assert.equal(main.stat(`/shared/${id}-${i}`) === -2, i % 3 === 0);
    }
  }
  const shared = main.readdir('/shared');
  const expectShared = 1 + WORKERS * (N - Math.ceil(N / 3));
  assert.equal(shared.length, expectShared);
  assert.equal(main.stat('/shared').nlink, 2);
  const log = dec(main.readFile('/shared/log'));
  assert.equal(log.length, WORKERS * N * RECORD);
  const seen = new Set();
  for (let p = 0; p < log.length; p += RECORD) seen.add(log.slice(p, p + RECORD).replace(/\.+$/, ''));
  assert.equal(seen.size, WORKERS * N);
  for (let id = 0; id < WORKERS; id++) for (let i = 0; i < N; i++) assert.ok(seen.has(`[${id}:${i}]`));
  // inode accounting: root, /shared, log, tree contents, main's files
  const perWorker = 1 + (N - Math.ceil(N / 5)) + Math.ceil(N / 3) + (N - Math.ceil(N / 3));
  assert.equal(main.usage().inodes, 3 + WORKERS * perWorker + Math.min(mainOps, 50));
  assert.ok(mainOps > 0);
  assert.deepEqual(fsck(memory, m.layout), []);
});
