/**
 * `.bin` links for packages' `bin` fields (https://docs.npmjs.com/cli/v10/configuring-npm/package-json#bin):
 * a relative symlink `node_modules/.bin/<name>` → `../<pkg>/<file>` in the
 * node_modules folder holding the package, its target made executable (755).
 */
import type { InstallerFs } from './host.js';

/** npm's normalised bin map: a string bin is named after the package (without scope); paths lose `./`. */
export function normalizeBin(pkg: { name?: string; bin?: unknown; directories?: { bin?: string } }, fs?: InstallerFs, dir?: string): Record<string, string> {
  const out: Record<string, string> = {};
  const clean = (p: string) => p.replace(/\\/g, '/').replace(/^(\.\/)+/, '').replace(/\/+/g, '/');
  if (typeof pkg.bin === 'string') {
    const name = String(pkg.name ?? '').replace(/^@[^/]+\//, '');
    if (name) out[name] = clean(pkg.bin);
  } else if (pkg.bin && typeof pkg.bin === 'object') {
    for (const [k, v] of Object.entries(pkg.bin as Record<string, unknown>)) {
      const name = k.replace(/^@[^/]+\//, '').replace(/[/\\:*?"<>|]/g, '');
      if (name && typeof v === 'string' && !name.startsWith('.')) out[name] = clean(v);
    }
  } else if (pkg.directories?.bin && fs && dir) {
    const binDir = clean(pkg.directories.bin);
    try {
      for (const f of fs.readdirSync(`${dir}/${binDir}`)) if (!f.startsWith('.')) out[f] = `${binDir}/${f}`;
    } catch { /* no such folder */ }
  }
  return out;
}

/**
 * Links the bins of the packages in one node_modules folder. `packages` maps
 * folder names (`foo`, `@s/bar`) to their bin maps. Returns the links made.
 */
export function linkBins(fs: InstallerFs, nodeModules: string, packages: Array<[string, Record<string, string>]>): string[] {
  const binDir = `${nodeModules}/.bin`;
  fs.rmSync(binDir, { recursive: true, force: true });
  const made: string[] = [];
  for (const [pkg, bins] of packages) {
    for (const [name, file] of Object.entries(bins)) {
      if (made.includes(name)) continue;
      const target = `${nodeModules}/${pkg}/${file}`;
      if (!fs.existsSync(target)) continue;
      if (!made.length) fs.mkdirSync(binDir, { recursive: true });
      const rel = `../${pkg}/${file}`;
      try {
        fs.symlinkSync(rel, `${binDir}/${name}`);
      } catch (err) {
        if ((err as { code?: string }).code !== 'EEXIST') throw err;
        continue;
      }
      try { fs.chmodSync(target, 0o755); } catch { /* read-only target */ }
      made.push(name);
    }
  }
  return made;
}
