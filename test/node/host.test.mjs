// Differential tests: each program in test/node/cases runs under real Node
// 24.12.0 and under the Verklet Node host; stdout, stderr and exit code must match.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { loadCaseFiles, normalize, runHost, runReal, runRealWithSignal, writeCase } from './helpers/run.mjs';

const only = process.env.CASE;
const cases = loadCaseFiles().filter((c) => !only || c.name.includes(only) || c.group === only);

for (const c of cases) {
  test(`${c.group}: ${c.name}`, { skip: c.browserOnly ? `browser only: ${c.browserOnly}` : false }, async () => {
    const dir = writeCase(c);
    try {
      const real = c.signal ? await runRealWithSignal(dir, c.args, c.signal) : runReal(dir, c.args, c.stdin);
      const host = await runHost(dir, c.args, c.stdin, 20000, c.signal ?? null);
      assert.equal(normalize(host.stdout), normalize(real.stdout), 'stdout');
      assert.equal(normalize(host.stderr), normalize(real.stderr), 'stderr');
      assert.equal(host.code, real.code, 'exit code');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
