// Helpers to compare an install with real npm's: the set of installed
// name@version (with nesting), the .bin links, the lockfile entries.
import { execFile } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Sorted `a>b@1.0.0` lines for every package folder under node_modules. */
export function inventory(dir) {
  const out = [];
  const walk = (nm, prefix) => {
    if (!existsSync(nm)) return;
    for (const n of readdirSync(nm)) {
      if (n.startsWith('.')) continue;
      const names = n.startsWith('@') ? readdirSync(join(nm, n)).map((s) => `${n}/${s}`) : [n];
      for (const name of names) {
        const p = join(nm, name);
        const pkg = JSON.parse(readFileSync(join(p, 'package.json'), 'utf8'));
        out.push(`${prefix}${name}@${pkg.version}`);
        if (!lstatSync(p).isSymbolicLink()) walk(join(p, 'node_modules'), `${prefix}${name}>`);
      }
    }
  };
  walk(join(dir, 'node_modules'), '');
  return out.sort();
}

/** `name -> target` of node_modules/.bin (and nested .bin folders). */
export function binLinks(dir) {
  const out = {};
  const walk = (nm, prefix) => {
    if (!existsSync(nm)) return;
    const bin = join(nm, '.bin');
    if (existsSync(bin)) for (const b of readdirSync(bin)) out[`${prefix}${b}`] = readlinkSync(join(bin, b));
    for (const n of readdirSync(nm)) {
      if (n.startsWith('.')) continue;
      const names = n.startsWith('@') ? readdirSync(join(nm, n)).map((s) => `${n}/${s}`) : [n];
      for (const name of names) if (!lstatSync(join(nm, name)).isSymbolicLink()) walk(join(nm, name, 'node_modules'), `${prefix}${name}>`);
    }
  };
  walk(join(dir, 'node_modules'), '');
  return out;
}

/** The lockfile's packages, reduced to the fields both installers must agree on. */
export function lockShape(dir) {
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  const out = {};
  for (const [k, v] of Object.entries(lock.packages)) {
    if (!k) continue;
    const { version, resolved, integrity, dev, optional, devOptional, peer, link, name, dependencies, optionalDependencies, peerDependencies, bin, os, cpu, engines } = v;
    out[k] = JSON.stringify({ name, version, resolved, integrity, dev, optional, devOptional, peer, link, dependencies, optionalDependencies, peerDependencies, bin, os, cpu, engines });
  }
  return out;
}

/** Runs real npm in `cwd` against the registry at `url` (an isolated user config). */
export async function realNpm(cwd, url, args, extraRc = '') {
  const rc = join(cwd, '..', `npmrc-${Math.random().toString(36).slice(2)}`);
  writeFileSync(rc, `registry=${url}\nfund=false\naudit=false\nupdate-notifier=false\n${extraRc}`);
  const npmCache = join(cwd, '..', 'npm-cache');
  return run('npm', [...args, '--userconfig', rc, '--cache', npmCache, '--no-audit', '--no-fund'], { cwd, maxBuffer: 64 << 20, env: { ...process.env, npm_config_registry: url } });
}
