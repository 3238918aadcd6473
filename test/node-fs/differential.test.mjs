// Differential suite: each program in cases/ runs under real Node 24 (temp dir)
// and under Verklet's fs (cwd inside a fresh VFS); outputs must be identical.
import test from 'node:test';
import assert from 'node:assert/strict';
import { loadCases, runAllNode24, runVerklet } from './harness.mjs';

const cases = loadCases();
const only = process.env.CASE;
const selected = only ? cases.filter((c) => c.name.includes(only)) : cases;
const expected = runAllNode24(selected);

test('at least 60 programs', () => {
  assert.ok(cases.length >= 60, `${cases.length} cases`);
});

for (const c of selected) {
  test(c.name, async () => {
    const got = await runVerklet(c);
    assert.deepEqual(got, expected[c.name]);
  });
}
