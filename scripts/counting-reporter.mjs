// A Web Test Runner reporter that counts passed and failed tests (a file that
// fails to load counts as a failure) and writes the counts for scripts/test.mjs.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

function countSuite(suite, counts, prefix) {
  if (!suite) return;
  for (const test of suite.tests ?? []) {
    if (test.skipped) counts.skipped++;
    else if (test.passed) counts.passed++;
    else {
      counts.failed++;
      counts.failures.push(`${prefix}${test.name}`);
    }
  }
  for (const child of suite.suites ?? []) countSuite(child, counts, `${prefix}${child.name} > `);
}

export function countingReporter(outFile, label) {
  return {
    onTestRunFinished({ sessions }) {
      const counts = { label, passed: 0, failed: 0, skipped: 0, failures: [] };
      for (const session of sessions) {
        const before = counts.passed + counts.failed;
        countSuite(session.testResults, counts, `[${label}] ${session.testFile}: `);
        if (session.errors?.length || (!session.passed && counts.passed + counts.failed === before)) {
          counts.failed++;
          counts.failures.push(`[${label}] ${session.testFile}: ${session.errors?.map((e) => e.message).join('; ') || 'file failed'}`);
        }
      }
      mkdirSync(dirname(outFile), { recursive: true });
      writeFileSync(outFile, JSON.stringify(counts, null, 2));
    },
  };
}
