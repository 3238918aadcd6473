/**
 * Test-only worker entry for measure.browser.test.ts: runs the persistence
 * timings where the kernel runs them, in a dedicated worker (OPFS sync
 * access handles available). Served and transpiled by the test runner.
 */
import { clearPersistence, type BackendChoice } from '../../../src/fs/persistence/index.js';
import { measurePersistence } from './measure-run.js';

self.onmessage = async (e: MessageEvent<{ root: string; files: number; bytes: number; backend: BackendChoice }>) => {
  try {
    const result = await measurePersistence(e.data);
    self.postMessage({ ok: true, result });
  } catch (err) {
    self.postMessage({ ok: false, error: String((err as Error)?.stack ?? err) });
  } finally {
    await clearPersistence('measure', { root: e.data.root, backend: e.data.backend }).catch(() => {});
  }
};
