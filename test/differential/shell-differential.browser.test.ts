/**
 * The shell table (test/shell/cases.mjs) in the browser: each command line ran
 * under Debian's dash with GNU tools in a fixture folder
 * (scripts/differential-expectations.mjs); here the same fixture is mounted at
 * the same path inside Verklet and `sh -c` must print the same stdout and
 * stderr and exit with the same status.
 */
import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, finish } from '../helpers/runtime.js';
import { encodeSnapshot, type SnapshotEntry } from '../../src/fs/snapshot-format.js';

interface FixtureEntry {
  kind: 'dir' | 'file' | 'symlink';
  path: string;
  mode: number;
  mtimeMs: number;
  text?: string;
  target?: string;
}
interface Case {
  name: string;
  dir: string;
  cmd: string;
  stdin: string;
  env: Record<string, string>;
  expected: { stdout: string; stderr: string; code: number };
}

const response = await fetch('/test-results/differential/shell.json');
if (!response.ok) throw new Error('missing test-results/differential/shell.json: run node scripts/differential-expectations.mjs');
const { fixture, cases } = (await response.json()) as { fixture: FixtureEntry[]; cases: Case[] };
const encoder = new TextEncoder();

/** The fixture inside a folder named like the case's, so the case folder's own time matches too. */
function snapshotFor(dir: string): Uint8Array {
  const name = dir.slice(dir.lastIndexOf('/') + 1);
  const time = fixture[0]?.mtimeMs ?? 0;
  return encodeSnapshot([
    { kind: 'dir', path: name, mode: 0o40755, mtimeMs: time },
    ...fixture.map((e): SnapshotEntry => {
      const path = `${name}/${e.path}`;
      return e.kind === 'file'
        ? { kind: 'file', path, mode: e.mode, mtimeMs: e.mtimeMs, data: encoder.encode(e.text ?? '') }
        : e.kind === 'symlink'
          ? { kind: 'symlink', path, mode: e.mode, mtimeMs: e.mtimeMs, target: e.target! }
          : { kind: 'dir', path, mode: e.mode, mtimeMs: e.mtimeMs };
    }),
  ]);
}

describe(`differential: sh vs dash (${MODE})`, () => {
  let rt: Runtime;
  before(async () => {
    rt = await Runtime.boot();
  });
  after(async () => {
    await rt.teardown();
  });

  for (const c of cases) {
    it(c.name, async () => {
      await rt.mount(snapshotFor(c.dir), { mountPoint: c.dir.slice(0, c.dir.lastIndexOf('/')) });
      const proc = await rt.spawn('sh', ['-c', c.cmd], { cwd: c.dir, env: c.env });
      const w = proc.input.getWriter();
      if (c.stdin) await w.write(c.stdin);
      await w.close().catch(() => {});
      const r = await Promise.race([
        finish(proc),
        new Promise<never>((_, reject) => setTimeout(() => (proc.kill('SIGKILL'), reject(new Error('timed out after 20 s'))), 20_000)),
      ]);
      expect({ stdout: r.stdout, stderr: r.stderr, code: r.code }).to.deep.equal(c.expected);
    });
  }
});
