/**
 * worker_threads where the differential suite cannot look: shared memory
 * between threads (only on a cross-origin isolated page), the filesystem a
 * thread sees, child processes started from a thread, and messages that
 * reach a port while nobody listens (receiveMessageOnPort).
 */
import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, runNodeFile } from '../helpers/runtime.js';

describe(`worker_threads (${MODE})`, () => {
  let rt: Runtime;
  before(async () => {
    rt = await Runtime.boot();
  });
  after(async () => {
    await rt.teardown();
  });

  const node = (code: string) => runNodeFile(rt, code);

  it('threads share a SharedArrayBuffer and block on it with Atomics (isolated only)', async () => {
    const r = await node(`
      const { Worker } = require('worker_threads');
      if (typeof SharedArrayBuffer !== 'function') {
        console.log('no shared memory');
        return;
      }
      const sab = new SharedArrayBuffer(8);
      const ia = new Int32Array(sab);
      const w = new Worker(\`
        const { workerData, parentPort } = require('worker_threads');
        const ia = new Int32Array(workerData.sab);
        parentPort.on('message', (shared) => {
          const view = new Int32Array(shared);
          view[0] = 99;
          Atomics.store(ia, 1, 42);
          Atomics.notify(ia, 1);
          parentPort.close();
        });
      \`, { eval: true, workerData: { sab } });
      const second = new SharedArrayBuffer(4);
      w.postMessage(second);
      // Blocks this thread until the worker stores and notifies: real parallel threads, real shared memory.
      const result = Atomics.wait(ia, 1, 0, 10000);
      console.log(result, Atomics.load(ia, 1), new Int32Array(second)[0]);
    `);
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.equal(MODE === 'isolated' ? 'ok 42 99\n' : 'no shared memory\n');
  });

  it('a thread sees the files its parent wrote, and its writes reach the parent (isolated: shared memory)', async () => {
    const r = await node(`
      const fs = require('fs');
      const { Worker } = require('worker_threads');
      fs.writeFileSync('from-main.txt', 'main wrote this');
      const w = new Worker(\`
        const fs = require('fs');
        console.log(fs.readFileSync('from-main.txt', 'utf8'));
        fs.writeFileSync('from-worker.txt', 'worker wrote this');
      \`, { eval: true });
      w.on('exit', () => console.log(fs.existsSync('from-worker.txt')));
    `);
    expect(r.stderr).to.equal('');
    // Without shared memory a thread works on its own copy of the filesystem, as a process does
    // (docs/architecture.md, "Filesystem consistency"): the parent is not promised its writes.
    if (MODE === 'isolated') expect(r.stdout).to.equal('main wrote this\ntrue\n');
    else expect(r.stdout).to.match(/^main wrote this\n(true|false)\n$/);
  });

  it('a thread starts child processes, whose parent is the process', async () => {
    const r = await node(`
      const { Worker } = require('worker_threads');
      const w = new Worker(\`
        const { execFile } = require('child_process');
        execFile('node', ['-e', 'console.log(process.ppid)'], (err, out) => {
          require('worker_threads').parentPort.postMessage([err, Number(out) === process.pid]);
        });
      \`, { eval: true });
      w.on('message', (m) => console.log(JSON.stringify(m)));
    `);
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.equal('[null,true]\n');
  });

  it('receiveMessageOnPort reads a message from another thread once it has arrived', async () => {
    const r = await node(`
      const { Worker, MessageChannel, receiveMessageOnPort } = require('worker_threads');
      const { port1, port2 } = new MessageChannel();
      const w = new Worker(\`
        const { workerData } = require('worker_threads');
        workerData.port.postMessage({ from: 'worker' });
        workerData.port.postMessage('second');
      \`, { eval: true, workerData: { port: port2 }, transferList: [port2] });
      w.on('exit', () => {
        setTimeout(() => {
          console.log(JSON.stringify(receiveMessageOnPort(port1)), JSON.stringify(receiveMessageOnPort(port1)), receiveMessageOnPort(port1));
          port1.close();
        }, 20);
      });
    `);
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.equal('{"message":{"from":"worker"}} {"message":"second"} undefined\n');
  });

  // Node 24's worker_threads.locks (the test harness's Node may predate it, so it is tested here).
  it('locks are shared by the threads of a process and keep a thread alive while requested', async () => {
    const r = await node(`
      const { Worker, locks } = require('worker_threads');
      locks.request('resource', async (lock) => {
        console.log('main holds', lock.name, lock.mode);
        const w = new Worker(\`
          const { locks, parentPort } = require('worker_threads');
          locks.request('resource', { ifAvailable: true }, (lock) => parentPort.postMessage(lock === null ? 'busy' : 'got it'));
        \`, { eval: true });
        const exited = require('events').once(w, 'exit');
        const [m] = await require('events').once(w, 'message');
        console.log('worker says', m);
        const q = await locks.query();
        console.log(JSON.stringify(q.held.map((l) => [l.name, l.mode])), q.pending.length);
        await exited;
        return 'done';
      }).then((v) => console.log('released', v));
    `);
    expect(r.stderr).to.equal('');
    expect(r.stdout).to.equal('main holds resource exclusive\nworker says busy\n[["resource","exclusive"]] 0\nreleased done\n');
  });

  it('a process that exits ends its threads, and a killed process takes them along', async () => {
    const r = await node(`
      const { Worker } = require('worker_threads');
      const w = new Worker('setInterval(() => {}, 1000); require("worker_threads").parentPort.postMessage("up")', { eval: true });
      w.on('message', () => { console.log('up'); process.exit(3); });
    `);
    expect(r.stdout).to.equal('up\n');
    expect(r.code).to.equal(3);
    await rt.fs.writeFile('hang.js', `
      const { Worker } = require('worker_threads');
      new Worker('for (;;) {}', { eval: true });
      setInterval(() => {}, 1000);
      console.log('started');
    `);
    const p = await rt.spawn('node', ['hang.js']);
    const reader = p.stdout.getReader();
    expect((await reader.read()).value).to.equal('started\n');
    reader.releaseLock();
    p.kill('SIGKILL');
    expect(await p.exit).to.equal(137);
  });
});
