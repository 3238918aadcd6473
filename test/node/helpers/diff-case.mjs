// Usage: node test/node/helpers/diff-case.mjs <name-substring>  — prints diffs of host vs real Node.
import { writeFileSync, rmSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { loadCaseFiles, normalize, runHost, runReal, runRealWithSignal, writeCase } from './run.mjs';
for (const c of loadCaseFiles().filter((c) => c.name.includes(process.argv[2]))) {
  const dir = writeCase(c);
  const real = c.signal ? await runRealWithSignal(dir, c.args, c.signal) : runReal(dir, c.args, c.stdin);
  const host = await runHost(dir, c.args, c.stdin, 20000, c.signal ?? null);
  console.log(`##### ${c.name}: exit real=${real.code} host=${host.code}`);
  for (const k of ['stdout', 'stderr']) {
    writeFileSync('/tmp/vk-real', normalize(real[k]));
    writeFileSync('/tmp/vk-host', normalize(host[k]));
    try { execSync('diff /tmp/vk-real /tmp/vk-host', { stdio: 'pipe' }); } catch (e) { console.log(`--- ${k} (< real, > host)\n` + e.stdout.toString()); }
  }
  rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
