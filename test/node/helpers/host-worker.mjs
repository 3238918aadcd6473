// Runs the bundled Node host inside a worker_threads Worker, made to look like a
// browser module worker: Node's own globals are removed before the host loads.
import { parentPort, workerData, Worker } from 'node:worker_threads';
import fs from 'node:fs';

const nodeProcess = globalThis.process;
const nativeSetTimeout = globalThis.setTimeout;
const listeners = { unhandledrejection: [], error: [] };
globalThis.addEventListener = (type, fn) => listeners[type]?.push(fn);
globalThis.removeEventListener = () => {};
nodeProcess.on('unhandledRejection', (reason, promise) => {
  const ev = { reason, promise, preventDefault() {} };
  if (!listeners.unhandledrejection.length) {
    parentPort.postMessage({ type: 'stderr', data: new TextEncoder().encode(`[harness] ${reason?.stack ?? reason}\n`) });
    parentPort.postMessage({ type: 'exit', code: -5 });
  }
  for (const l of listeners.unhandledrejection) l(ev);
});
nodeProcess.on('uncaughtException', (error) => {
  const ev = { error, message: String(error?.message ?? error), preventDefault() {} };
  for (const l of listeners.error) l(ev);
});

for (const name of ['process', 'Buffer', 'require', 'module', 'exports', '__filename', '__dirname', 'setImmediate', 'clearImmediate', 'global']) {
  try { delete globalThis[name]; } catch {}
}

const post = (msg) => parentPort.postMessage(msg);
// A browser worker lives until terminated; keep this one alive the same way.
const keepAlive = setInterval(() => {}, 1 << 30);
const { runNode, deliverSignal } = await import(workerData.hostUrl);
if (workerData.signal) nativeSetTimeout(() => deliverSignal(workerData.signal[0]), workerData.signal[1]);
let stdinStarted = false;
runNode({
  argv: workerData.argv,
  env: workerData.env,
  cwd: workerData.cwd,
  pid: 4242,
  ppid: 1,
  fs,
  stdout: { write: (c) => post({ type: 'stdout', data: c.slice() }), isTTY: false },
  stderr: { write: (c) => post({ type: 'stderr', data: c.slice() }), isTTY: false },
  stdin: {
    start(onChunk) {
      if (stdinStarted) return;
      stdinStarted = true;
      const data = workerData.stdin ?? '';
      nativeSetTimeout(() => {
        if (data) onChunk(new TextEncoder().encode(data));
        onChunk(null);
      }, 1);
    },
    stop() {},
  },
  exit: (code) => {
    post({ type: 'exit', code });
    clearInterval(keepAlive);
    // A Verklet worker thread is this harness worker: it ends as the kernel would end it.
    if (workerData.thread) nodeProcess.exit(code);
  },
  // worker_threads: each Verklet thread is another harness worker running the host in worker mode.
  threads: {
    start(spec) {
      const w = new Worker(new URL(import.meta.url), {
        workerData: { hostUrl: workerData.hostUrl, argv: spec.argv, env: spec.env, cwd: spec.cwd, thread: { threadId: spec.threadId, wire: spec.wire } },
        transferList: [spec.wire],
      });
      w.on('error', () => {});
      return { exited: new Promise((resolve) => w.once('exit', (code) => resolve(code))), terminate: () => void w.terminate() };
    },
  },
  thread: workerData.thread,
  // A fork's IPC channel, when the test plays the parent (test/node/ipc.test.mjs).
  ipc: workerData.ipcPort
    ? {
        send: (msg) => workerData.ipcPort.postMessage(msg),
        onMessage: (cb) => workerData.ipcPort.on('message', cb),
        close: () => workerData.ipcPort.close(),
      }
    : undefined,
  ipcSerialization: workerData.ipcSerialization,
});
