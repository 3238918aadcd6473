/**
 * Differential suite, in the browser: each program was run by the reference
 * Node 24.12.0 (scripts/differential-expectations.mjs); here it runs inside
 * Verklet at the same absolute path with the same environment, and must print
 * the same stdout and stderr and exit with the same code.
 */
import { expect } from '@esm-bundle/chai';
import { Runtime, MODE, finish } from '../helpers/runtime.js';

interface Case {
  suite: string;
  name: string;
  dir: string;
  files: Record<string, string>;
  args: string[];
  stdin: string;
  expected: { stdout: string; stderr: string; code: number };
}

const response = await fetch('/test-results/differential/expected.json');
if (!response.ok) throw new Error('missing test-results/differential/expected.json: run node scripts/differential-expectations.mjs');
const { env, cases } = (await response.json()) as { env: Record<string, string>; cases: Case[] };

/** Stack frames of Node's internals cannot match; the user's frames and messages must. */
function normalize(s: string): string {
  return s
    .split('\n')
    .map((l) => (/^\s+at .* \{$/.test(l) ? '    at <frames> {' : l))
    .filter((l) => !/^\s+at (?!<frames>)/.test(l))
    .join('\n')
    .replace(/\(node:\d+\)/g, '(node:PID)')
    .replace(/\.\.\. \d+ lines matching cause stack trace \.\.\./g, '... N lines matching cause stack trace ...');
}

function tree(files: Record<string, string>) {
  const root: Record<string, unknown> = {};
  for (const [path, contents] of Object.entries(files)) {
    const parts = path.split('/');
    let node = root;
    for (const dir of parts.slice(0, -1)) node = ((node[dir] ??= { directory: {} }) as { directory: Record<string, unknown> }).directory;
    node[parts[parts.length - 1]!] = { file: { contents } };
  }
  return root;
}

describe(`differential: Verklet vs Node 24.12.0 (${MODE})`, () => {
  let rt: Runtime;
  before(async () => {
    rt = await Runtime.boot();
  });
  after(async () => {
    await rt.teardown();
  });

  for (const c of cases) {
    it(`${c.suite}: ${c.name}`, async () => {
      await rt.mount(tree(c.files) as never, { mountPoint: c.dir });
      const proc = await rt.spawn('node', c.args, { cwd: c.dir, env });
      const w = proc.input.getWriter();
      if (c.stdin) await w.write(c.stdin);
      await w.close().catch(() => {});
      const r = await Promise.race([
        finish(proc),
        new Promise<never>((_, reject) => setTimeout(() => (proc.kill('SIGKILL'), reject(new Error('timed out after 20 s'))), 20_000)),
      ]);
      expect(normalize(r.stdout), 'stdout').to.equal(normalize(c.expected.stdout));
      expect(normalize(r.stderr), 'stderr').to.equal(normalize(c.expected.stderr));
      expect(r.code, 'exit code').to.equal(c.expected.code);
    });
  }
});
