// The in-browser filesystem baselines, run in a Web Worker of the bench page
// (bundled by bench/lib/bundle.mjs into bench/.build/baseline-worker.js).
// Each request runs the same loop source that Verklet and native Node run.
import { Volume } from 'memfs';
import { configure, fs as zenfs, InMemory } from '@zenfs/core';

let zenReady;
const loops = new Map();

function loopFrom(source) {
  let fn = loops.get(source);
  if (!fn) {
    fn = new Function(`return (${source})`)();
    loops.set(source, fn);
  }
  return fn;
}

async function fsFor(lib) {
  if (lib === 'memfs') return Volume.fromJSON({});
  if (lib === 'zenfs') {
    zenReady ??= configure({ mounts: { '/': InMemory } });
    await zenReady;
    return zenfs;
  }
  throw new Error(`unknown baseline ${lib}`);
}

self.onmessage = async (e) => {
  const { id, lib, loopSource, op, n, budgetMs } = e.data;
  try {
    const fs = await fsFor(lib);
    const value = loopFrom(loopSource)(fs, `/bench-${lib}`, op, n, budgetMs);
    self.postMessage({ id, result: { value } });
  } catch (err) {
    self.postMessage({ id, result: { error: String(err?.message ?? err) } });
  }
};
