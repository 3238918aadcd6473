/**
 * Shared helpers for browser tests: the built SDK (tests exercise dist/, the
 * thing users load) and small stream utilities.
 */
import { Runtime } from '../../dist/index.js';

export { Runtime };
import type { RuntimeProcess } from '../../dist/types/index.js';

/** 'isolated' when the page was served with COOP/COEP, 'plain' otherwise. */
export const MODE: 'isolated' | 'plain' = (globalThis as { VERKLET_TEST_MODE?: 'isolated' | 'plain' }).VERKLET_TEST_MODE ?? 'plain';

export async function readAll(stream: ReadableStream<string>): Promise<string> {
  let text = '';
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text;
    text += value;
  }
}

/** Collects a process's stdout, stderr and exit code. */
export async function finish(proc: RuntimeProcess): Promise<{ stdout: string; stderr: string; code: number }> {
  const [stdout, stderr, code] = await Promise.all([readAll(proc.stdout), readAll(proc.stderr), proc.exit]);
  return { stdout, stderr, code };
}

/** Writes `code` to t.js in the runtime's working folder and runs it with node. */
export async function runNodeFile(rt: Runtime, code: string): Promise<{ stdout: string; stderr: string; code: number }> {
  await rt.fs.writeFile('t.js', code);
  return finish(await rt.spawn('node', ['t.js']));
}

/** Resolves when `stream` has produced text containing `needle`; keeps reading in the background. */
export function waitForText(stream: ReadableStream<string>, needle: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const reader = stream.getReader();
    const pump = (): void => {
      reader.read().then(({ done, value }) => {
        if (done) return reject(new Error(`stream ended before '${needle}'; saw: ${seen}`));
        seen += value;
        if (seen.includes(needle)) resolve(seen);
        pump();
      }, reject);
    };
    pump();
  });
}
