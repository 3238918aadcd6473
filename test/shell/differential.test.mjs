// Differential tests: every command line in cases.mjs runs under Debian's
// dash (with GNU coreutils natively) and under runShell over real node:fs,
// each in its own fresh copy of the same fixture; outputs must be identical.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { CASES, FIXTURE } from './cases.mjs';
import { makeFixture, runDash, runOurs } from './harness.mjs';

const only = process.env.SHELL_CASE;
// The reference is Debian's dash with GNU coreutils/grep/sed/diff; without it the table is skipped.
const haveDash = fs.existsSync('/usr/bin/dash');

function envFor(dir) {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LC_ALL: 'C', LANG: 'C' };
}

function normalize(s, dir) {
  return s.split(dir).join('<TMP>');
}

CASES.forEach((c, i) => {
  const { cmd, stdin = '' } = typeof c === 'string' ? { cmd: c } : c;
  if (only !== undefined) {
    const [from, to = from] = only.split('-').map(Number);
    if (i < from || i > to) return;
  }
  test(`#${i} ${cmd.replace(/\n/g, "\\n").slice(0, 80)}`, { timeout: 20000, skip: !haveDash && 'needs /usr/bin/dash' }, async () => {
    const d1 = makeFixture(FIXTURE);
    const d2 = makeFixture(FIXTURE);
    try {
      const want = await runDash(cmd, { cwd: d1, env: envFor(d1), stdin });
      const got = await runOurs(cmd, { cwd: d2, env: envFor(d2), stdin });
      assert.deepEqual(
        { stdout: normalize(got.stdout, d2), stderr: normalize(got.stderr, d2), status: got.status },
        { stdout: normalize(want.stdout, d1), stderr: normalize(want.stderr, d1), status: want.status },
      );
    } finally {
      fs.rmSync(d1, { recursive: true, force: true });
      fs.rmSync(d2, { recursive: true, force: true });
    }
  });
});
