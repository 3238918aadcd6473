/**
 * Persistence timings (issue 6): logged, not asserted. Targets: restore of
 * 10,000 files / 100 MB ≤ 300 ms, commit of one changed file in a
 * 10,000-file workspace ≤ 10 ms, first full commit of 10,000 files ≤ 1.5 s.
 * Runs in a worker (as the kernel does: OPFS sync access handles) and on the
 * main thread (OPFS createWritable) for comparison.
 */
import { expect } from '@esm-bundle/chai';
import { measurePersistence, type Timings } from './measure-run.js';
import { MODE, testRoot } from './helpers.js';

const FILES = 10_000;
const BYTES = 100 * 1024 * 1024;

function log(where: string, t: Timings): void {
  console.log(
    `[persistence ${MODE} ${where} ${t.backend}] ${t.files} files / ${(t.bytes / 1048576).toFixed(0)} MB: ` +
      `first commit ${t.firstCommitMs.toFixed(0)} ms · one-file commit ${t.oneFileCommitMs.toFixed(1)} ms ` +
      `(full-list diff ${t.oneFileCommitFullListMs.toFixed(1)} ms) · open ${t.openMs.toFixed(1)} ms · restore ${t.restoreMs.toFixed(0)} ms`,
  );
}

describe(`persistence timings (${MODE})`, function () {
  this.timeout(180_000);

  it('in a worker over OPFS (sync access handles)', async () => {
    const worker = new Worker(new URL('./measure-worker.ts', import.meta.url), { type: 'module' });
    try {
      const reply = await new Promise<{ ok: boolean; result?: Timings; error?: string }>((resolve, reject) => {
        worker.onmessage = (e) => resolve(e.data);
        worker.onerror = (e) => reject(new Error(e.message));
        worker.postMessage({ root: testRoot('measure'), files: FILES, bytes: BYTES, backend: 'opfs' });
      });
      if (!reply.ok) throw new Error(reply.error);
      log('worker', reply.result!);
      expect(reply.result!.files).to.equal(FILES);
    } finally {
      worker.terminate();
    }
  });

  it('on the main thread over OPFS (createWritable)', async () => {
    const { clearPersistence } = await import('../../../src/fs/persistence/index.js');
    const root = testRoot('measure-main');
    try {
      const t = await measurePersistence({ root, files: FILES, bytes: BYTES, backend: 'opfs' });
      log('main', t);
    } finally {
      await clearPersistence('measure', { root, backend: 'opfs' }).catch(() => {});
    }
  });
});
