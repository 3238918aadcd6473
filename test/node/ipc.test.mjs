// The child's end of a fork()'s IPC channel (src/node/internal/ipc-channel.ts):
// the Node host runs a program with `ipc` in its context and the test plays
// the parent on the other end of the MessagePort, speaking IpcWire. What the
// program prints must match what Node 24 prints for the same child under a
// real fork() (test/node/cases would need the kernel; this checks the wire too).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MessageChannel, Worker } from 'node:worker_threads';
import { mkdtempSync, rmSync, writeFileSync, realpathSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildHost } from './helpers/build-host.mjs';
import { REF_NODE } from './helpers/run.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Runs `child` under the host with an IPC port; `parent(port, log)` drives the
 * other end. Resolves with the child's stdout, the wire messages the parent
 * saw and the exit code.
 */
async function runChild(child, parent, { serialization } = {}) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'vk-ipc-')));
  writeFileSync(join(dir, 'child.js'), child);
  const hostPath = await buildHost();
  const { port1, port2 } = new MessageChannel();
  const wire = [];
  port1.on('message', (m) => wire.push(m));
  const w = new Worker(join(root, 'test/node/helpers/host-worker.mjs'), {
    workerData: { hostUrl: pathToFileURL(hostPath).href, argv: ['node', 'child.js'], env: {}, cwd: dir, ipcPort: port2, ipcSerialization: serialization },
    transferList: [port2],
    stdout: true,
    stderr: true,
  });
  let stdout = '';
  let stderr = '';
  const code = await new Promise((resolveExit, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out; stdout so far: ${stdout}`)), 10_000);
    w.on('message', (m) => {
      if (m.type === 'stdout') stdout += Buffer.from(m.data).toString();
      else if (m.type === 'stderr') stderr += Buffer.from(m.data).toString();
      else if (m.type === 'exit') {
        clearTimeout(timer);
        setTimeout(() => resolveExit(m.code), 20);
      }
    });
    w.on('error', reject);
    parent(port1);
  });
  await w.terminate();
  port1.close();
  rmSync(dir, { recursive: true, force: true });
  return { stdout, stderr, code, wire };
}

/** The same child under a real Node 24 fork(), with the same parent script. */
function runReal(child, parentScript) {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'vk-ipc-real-')));
  writeFileSync(join(dir, 'child.js'), child);
  writeFileSync(join(dir, 'parent.js'), `const c = require('child_process').fork(__dirname + '/child.js', [], { stdio: ['pipe', 'pipe', 'inherit', 'ipc'] });
let out = ''; c.stdout.on('data', (d) => out += d);
${parentScript}
c.on('close', (code) => process.stdout.write(JSON.stringify({ out, code })));`);
  const r = spawnSync(REF_NODE, ['parent.js'], { cwd: dir, encoding: 'utf8', timeout: 10_000 });
  rmSync(dir, { recursive: true, force: true });
  return JSON.parse(r.stdout);
}

const CHILD = `
console.log('child', typeof process.send, process.connected, typeof process.channel.ref);
process.on('message', (m, handle) => {
  console.log('got', JSON.stringify(m), handle);
  if (m === 'hello') {
    console.log('send returns', process.send({ n: 1, when: new Date(0), list: [1, undefined, () => 1] }, (e) => console.log('sent', e)));
    try { process.send(); } catch (e) { console.log(e.name, e.code, e.message); }
  } else if (m && m.cmd === 'bye') {
    process.disconnect();
    console.log('connected after disconnect', process.connected);
    process.send('late', (e) => console.log('late', e.code, e.message));
  }
});
process.on('disconnect', () => console.log('disconnect event'));
`;

test('fork child end: process.send/on(message)/connected/disconnect behave as under Node, over JSON', async () => {
  const r = await runChild(CHILD, (port) => {
    port.postMessage({ type: 'ipc-message', json: JSON.stringify('hello') });
    port.on('message', (m) => {
      if (m.type === 'ipc-message' && JSON.parse(m.json).n === 1) port.postMessage({ type: 'ipc-message', json: JSON.stringify({ cmd: 'bye' }) });
    });
  });
  const real = runReal(CHILD, `c.send('hello'); c.on('message', (m) => { if (m.n === 1) c.send({ cmd: 'bye' }); });`);
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, real.out);
  assert.equal(r.code, real.code);
  assert.deepEqual(r.wire, [
    { type: 'ipc-message', json: '{"n":1,"when":"1970-01-01T00:00:00.000Z","list":[1,null,null]}' },
    { type: 'ipc-disconnect' },
  ]);
});

test('a fork child with no message listener exits on its own; one with a listener stays until disconnected', async () => {
  const quick = await runChild(`process.send({ done: true }); console.log('bye');`, () => {});
  assert.equal(quick.stdout, 'bye\n');
  assert.equal(quick.code, 0);
  assert.deepEqual(quick.wire, [{ type: 'ipc-message', json: '{"done":true}' }, { type: 'ipc-disconnect' }]);

  const waits = await runChild(`process.on('message', (m) => console.log('got', m)); process.on('disconnect', () => console.log('parent left'));`, (port) => {
    setTimeout(() => port.postMessage({ type: 'ipc-message', json: '"one"' }), 50);
    setTimeout(() => port.postMessage({ type: 'ipc-disconnect' }), 100);
  });
  assert.equal(waits.stdout, 'got one\nparent left\n');
  assert.equal(waits.code, 0);
});

test("'advanced' serialization posts values for structured cloning", async () => {
  const r = await runChild(`process.on('message', (m) => { console.log(m instanceof Map, m.get('k') instanceof Date); process.send(new Set([1n])); process.disconnect(); });`, (port) => {
    port.postMessage({ type: 'ipc-message', value: new Map([['k', new Date(5)]]), advanced: true });
  }, { serialization: 'advanced' });
  assert.equal(r.stdout, 'true true\n');
  assert.ok(r.wire[0].value instanceof Set);
  assert.equal(r.wire[1].type, 'ipc-disconnect');
});

test('a process that was not forked has no process.send or process.connected, as in Node', async () => {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'vk-ipc-none-')));
  const { runHost } = await import('./helpers/run.mjs');
  writeFileSync(join(dir, 'main.js'), "console.log(typeof process.send, process.connected, process.channel, 'send' in process)");
  const r = await runHost(dir, ['main.js']);
  rmSync(dir, { recursive: true, force: true });
  assert.equal(r.stdout, 'undefined undefined undefined false\n');
});

test("both ends: the parent's setupParentIpc talks to a forked child host as Node's ChildProcess does", async () => {
  const esbuild = await import('esbuild');
  const dir = mkdtempSync(join(tmpdir(), 'vk-ipc-parent-'));
  const outfile = join(dir, 'parent-end.mjs');
  await esbuild.build({
    stdin: {
      contents: `export { setupParentIpc } from ${JSON.stringify(join(root, 'src/node/internal/ipc-channel.ts'))};
export { runTicks } from ${JSON.stringify(join(root, 'src/node/internal/loop.ts'))};`,
      resolveDir: root,
      loader: 'ts',
    },
    bundle: true, format: 'esm', platform: 'neutral', outfile, logLevel: 'error',
  });
  const { setupParentIpc, runTicks } = await import(pathToFileURL(outfile).href);
  const { EventEmitter } = await import('node:events');
  // The parent's loop is not running here: run its ticks as it would.
  const ticker = setInterval(runTicks, 1);
  const events = [];
  const child = new EventEmitter();
  let end;
  const r = await runChild(CHILD, (port) => {
    end = setupParentIpc(child, port);
    events.push(`connected ${child.connected} ${typeof child.channel.ref}`);
    child.on('message', (m) => {
      events.push(`message ${JSON.stringify(m)}`);
      if (m.n === 1) child.send({ cmd: 'bye' });
    });
    child.on('disconnect', () => events.push(`disconnect ${child.connected}`));
    events.push(`send ${child.send('hello', (e) => events.push(`sent ${e}`))}`);
  });
  await end.closed;
  await new Promise((resolveWait) => setTimeout(resolveWait, 10));
  clearInterval(ticker);
  rmSync(dir, { recursive: true, force: true });
  const real = runReal(CHILD, `c.send('hello'); c.on('message', (m) => { if (m.n === 1) c.send({ cmd: 'bye' }); });`);
  assert.equal(r.stdout, real.out);
  assert.deepEqual(events, [
    'connected true function',
    'send true',
    'sent null',
    'message {"n":1,"when":"1970-01-01T00:00:00.000Z","list":[1,null,null]}',
    'disconnect false',
  ]);
  let late;
  child.send('after', (e) => (late = e));
  await new Promise((resolveWait) => setTimeout(resolveWait, 10));
  runTicks();
  assert.equal(late?.code, 'ERR_IPC_CHANNEL_CLOSED');
});
