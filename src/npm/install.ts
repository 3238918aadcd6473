/**
 * The install pipeline shared by `npm install`, `npm ci`, `npm uninstall`,
 * `pnpm install` and `yarn install`: read package.json and the lockfile,
 * build the ideal tree, reify it, save package.json and package-lock.json.
 */
import semver from 'semver';
import { readPnpmLock, readYarnLock } from './foreign-lockfiles.js';
import type { InstallerHost } from './host.js';
import { TreeBuilder, integrityOf, pickVersion } from './ideal-tree.js';
import { digest } from './integrity.js';
import { lockFromTree, stringifyLock, treeFromLock, type Lockfile } from './lockfile.js';
import { NpmError } from './npm-error.js';
import { loadConfig, registryFor, type NpmConfig } from './npmrc.js';
import { parseOverrides } from './overrides.js';
import { parseArg, type Spec } from './package-spec.js';
import { gunzip as defaultGunzip, isGzip, MAX_UNPACKED } from './gunzip.js';
import { readManifestFromTar } from './package-extract.js';
import { reify, type NativeBuild } from './reify.js';
import { RegistryClient, tarballUrl, type Manifest } from './registry-client.js';
import { calcDepFlags, edgesOf, lookup, newNode, reachable, satisfies, walk, type Node } from './tree.js';

export type SaveType = 'dependencies' | 'devDependencies' | 'optionalDependencies' | 'peerDependencies';

export interface InstallOptions {
  /** Specs to add (`npm install <spec>…`). */
  add?: string[];
  /** Names to remove (`npm uninstall <name>…`). */
  remove?: string[];
  saveType?: SaveType;
  saveExact?: boolean;
  /** false: leave package.json and the lockfile alone (`--no-save`). */
  save?: boolean;
  /** `npm ci`: install exactly the lockfile, after deleting node_modules. */
  ci?: boolean;
  /** Write the lockfile only (`--package-lock-only`). */
  lockOnly?: boolean;
  ignoreScripts?: boolean;
  omit?: string[];
  /** Which tool's lockfile to honour: npm (package-lock.json), pnpm or yarn (read-only). */
  tool?: 'npm' | 'pnpm' | 'yarn';
  /** `--key=value` config flags (`registry`, …). */
  flags?: Record<string, string>;
  /** Retry settings for the registry client (tests shorten them). */
  retries?: number;
  backoff?: number;
  concurrency?: number;
}

export interface InstallResult {
  added: number;
  removed: number;
  changed: number;
  /** Packages in node_modules afterwards. */
  installed: number;
  /** Registry requests made (0 when everything came from the lockfile and cache). */
  requests: number;
  /** Top-level packages that were added, for the summaries pnpm and yarn print. */
  direct: Array<{ name: string; version: string; type: SaveType }>;
  nativeBuilds: NativeBuild[];
  warnings: string[];
}

const DEP_TYPES: SaveType[] = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/** Reads package.json with its formatting (indent, newline) so saving keeps it. */
export function readPackageJson(host: InstallerHost, dir: string): { pkg: Manifest; indent: string; newline: string } | undefined {
  let text: string;
  try { text = host.fs.readFileSync(`${dir}/package.json`, 'utf8'); } catch { return undefined; }
  let pkg: Manifest;
  try { pkg = JSON.parse(text) as Manifest; } catch (err) {
    throw new NpmError('EJSONPARSE', `Invalid package.json: ${(err as Error).message}`, { detail: [`path ${dir}/package.json`] });
  }
  const indent = /^[{[]\r?\n([ \t]+)/.exec(text)?.[1] ?? '  ';
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  return { pkg, indent, newline };
}

export function writeJson(host: InstallerHost, path: string, value: unknown, indent = '  ', newline = '\n'): void {
  host.fs.writeFileSync(path, `${JSON.stringify(value, null, indent)}\n`.replace(/\n/g, newline));
}

function sortObject(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b, 'en')));
}

/** Expands `workspaces` patterns (`packages/*`, literal folders) to folders with a package.json. */
export function workspaceFolders(host: InstallerHost, rootDir: string, pkg: Manifest): string[] {
  const pats = Array.isArray(pkg.workspaces) ? pkg.workspaces : pkg.workspaces?.packages ?? [];
  const out: string[] = [];
  for (const pat of pats) {
    let dirs = [''];
    for (const seg of pat.replace(/^\.\//, '').replace(/\/$/, '').split('/')) {
      const next: string[] = [];
      for (const d of dirs) {
        if (seg === '*' || seg === '**') {
          try {
            for (const n of host.fs.readdirSync(`${rootDir}/${d}`.replace(/\/$/, ''))) {
              if (n === 'node_modules' || n.startsWith('.')) continue;
              const p = d ? `${d}/${n}` : n;
              try { if (host.fs.statSync(`${rootDir}/${p}`).isDirectory()) next.push(p); } catch { /* gone */ }
            }
          } catch { /* no folder */ }
        } else next.push(d ? `${d}/${seg}` : seg);
      }
      dirs = next;
    }
    for (const d of dirs) if (host.fs.existsSync(`${rootDir}/${d}/package.json`) && !out.includes(d)) out.push(d);
  }
  return out.sort();
}

/** Runs an install. Throws NpmError on failure; node_modules is left as it was when the failure comes before the commit phase. */
export async function install(host: InstallerHost, opts: InstallOptions = {}): Promise<InstallResult> {
  const rootDir = host.cwd.replace(/\/$/, '') || '/';
  const warnings: string[] = [];
  const warn = (m: string) => { warnings.push(m); host.stderr(`npm warn ${m}\n`); };
  const config: NpmConfig = loadConfig(host.fs, { cwd: rootDir, env: host.env, ...(host.registry ? { registry: host.registry } : {}), flags: opts.flags ?? {} });
  const client = new RegistryClient(host, config, {
    ...(opts.retries !== undefined ? { retries: opts.retries } : {}),
    ...(opts.backoff !== undefined ? { backoff: opts.backoff } : {}),
    ...(opts.concurrency !== undefined ? { concurrency: opts.concurrency } : {}),
  });
  const tool = opts.tool ?? 'npm';
  const read = readPackageJson(host, rootDir);
  if (!read && !opts.add?.length) {
    throw new NpmError('ENOENT', `Could not read package.json: Error: ENOENT: no such file or directory, open '${rootDir}/package.json'`, {
      detail: ['Run `npm init -y` to create one.'],
    });
  }
  const { pkg, indent, newline } = read ?? { pkg: {} as Manifest, indent: '  ', newline: '\n' };
  const origPkgText = JSON.stringify(pkg);
  const save = opts.save !== false && !opts.ci;

  // Remote tarballs fetched while resolving URL specs, reused by reify.
  const remoteBytes = new Map<string, Uint8Array>();
  const fetchRemote = async (url: string, spec: string) => {
    const bytes = remoteBytes.get(url) ?? await client.tarball(url, spec);
    remoteBytes.set(url, bytes);
    const tar = isGzip(bytes) ? await (host.gunzip ?? ((b: Uint8Array, l: number) => defaultGunzip(b, l, spec)))(bytes, MAX_UNPACKED) : bytes;
    const manifest = readManifestFromTar(tar) as Manifest | undefined;
    if (!manifest?.name || !manifest.version) throw new NpmError('ENOTARBALL', `${spec}: the tarball has no package.json with a name and version`);
    return { manifest, integrity: await digest(bytes, 'sha512') };
  };

  // The lockfile (npm's), or the pins of pnpm/yarn lockfiles.
  let lock: Lockfile | undefined;
  let preferred: Map<string, string[]> | undefined;
  if (tool === 'npm') {
    for (const f of ['npm-shrinkwrap.json', 'package-lock.json']) {
      try {
        lock = JSON.parse(host.fs.readFileSync(`${rootDir}/${f}`, 'utf8')) as Lockfile;
        break;
      } catch (err) {
        if ((err as { code?: string }).code !== 'ENOENT' && !(err instanceof SyntaxError)) throw err;
        if (err instanceof SyntaxError) warn(`ignoring ${f}: ${err.message}`);
      }
    }
  } else {
    const file = tool === 'pnpm' ? 'pnpm-lock.yaml' : 'yarn.lock';
    try {
      const text = host.fs.readFileSync(`${rootDir}/${file}`, 'utf8');
      preferred = tool === 'pnpm' ? readPnpmLock(text) : readYarnLock(text);
    } catch { /* no lockfile */ }
  }
  if (opts.ci && !lock) {
    throw new NpmError('EUSAGE', 'The `npm ci` command can only install with an existing package-lock.json or\nnpm-shrinkwrap.json with lockfileVersion >= 1. Run an install with npm@5 or\nlater to generate a package-lock.json file, then try again.');
  }

  // Specs to add: resolve each to the spec saved in package.json.
  const direct: InstallResult['direct'] = [];
  const saveType = opts.saveType ?? 'dependencies';
  const addSpecs: Array<{ name: string; saved: string; node?: Node }> = [];
  for (const arg of opts.add ?? []) {
    const spec: Spec = parseArg(arg);
    let name = spec.name;
    let saved: string;
    let node: Node | undefined;
    if (spec.type === 'remote') {
      const { manifest } = await fetchRemote(spec.url, arg);
      name = manifest.name;
      saved = spec.url;
    } else if (spec.type === 'directory') {
      throw new NpmError('EUNSUPPORTEDPROTOCOL', `${arg}: installing a folder is not supported yet; use workspaces`);
    } else {
      const target = spec.type === 'alias' ? spec.target : spec;
      const doc = await client.packument(target.name);
      const version = pickVersion(doc, target);
      // npm's rule: save `^version` (or the exact version with -E), unless a
      // range was asked for that `^version` would widen.
      const prefixed = opts.saveExact ? version : `^${version}`;
      const isRange = target.type === 'registry' && !semver.valid(target.range);
      const chosen = !isRange || target.range === '*' || semver.subset(prefixed, (target as { range: string }).range, { loose: true }) ? prefixed : (target as { range: string }).range;
      saved = spec.type === 'alias' ? `npm:${target.name}@${chosen}` : chosen;
      // The version asked for is the one installed, even if the saved range allows newer.
      const manifest = doc.versions[version]!;
      const integrity = integrityOf(manifest);
      node = newNode({ name, packageName: target.name, version, location: `node_modules/${name}`, manifest, resolved: manifest.dist?.tarball ?? tarballUrl(registryFor(config, target.name), target.name, version), ...(integrity ? { integrity } : {}) });
    }
    addSpecs.push({ name, saved, ...(node ? { node } : {}) });
  }
  for (const { name, saved } of addSpecs) {
    for (const t of DEP_TYPES) {
      if (t !== saveType && pkg[t]?.[name] !== undefined && !(saveType === 'peerDependencies' && t === 'devDependencies')) delete pkg[t]![name];
    }
    pkg[saveType] = sortObject({ ...(pkg[saveType] ?? {}), [name]: saved });
  }
  for (const name of opts.remove ?? []) {
    for (const t of DEP_TYPES) if (pkg[t]?.[name] !== undefined) delete pkg[t]![name];
  }
  for (const t of DEP_TYPES) if (pkg[t] && !Object.keys(pkg[t]!).length && JSON.stringify(pkg) !== origPkgText) delete pkg[t];

  // The tree: the lockfile's, then workspaces, then resolution of whatever is unmet.
  const root = newNode({ name: pkg.name ?? rootDir.split('/').pop() ?? '', packageName: pkg.name ?? '', version: pkg.version ?? '', location: '', manifest: pkg, isRoot: true });
  if (lock) treeFromLock(lock, root);
  for (const { name, node } of addSpecs) {
    if (!node) continue;
    const old = root.children.get(name);
    if (old && old.packageName === node.packageName && old.version === node.version) continue;
    node.parent = root;
    root.children.set(name, node);
  }
  for (const dir of workspaceFolders(host, rootDir, pkg)) {
    const wsPkg = readPackageJson(host, `${rootDir}/${dir}`)!.pkg;
    if (!wsPkg.name) continue;
    const existing = root.children.get(wsPkg.name);
    const target = existing?.link?.location === dir ? existing.link : newNode({ name: wsPkg.name, packageName: wsPkg.name, version: wsPkg.version ?? '', location: dir, manifest: wsPkg, isWorkspace: true, parent: root });
    target.manifest = wsPkg;
    target.version = wsPkg.version ?? '';
    if (existing?.link !== target) {
      root.children.set(wsPkg.name, newNode({ name: wsPkg.name, packageName: wsPkg.name, version: wsPkg.version ?? '', location: `node_modules/${wsPkg.name}`, manifest: wsPkg, link: target, parent: root, resolved: dir }));
    }
  }
  const wsNames = [...root.children.values()].filter((c) => c.link).map((c) => c.name);
  // The root depends on its workspaces (npm's implicit workspace edges).
  root.manifest = { ...pkg, dependencies: { ...(pkg.dependencies ?? {}), ...Object.fromEntries(wsNames.map((n) => [n, `file:${root.children.get(n)!.link!.location}`])) } };

  if (opts.ci) {
    const missing: string[] = [];
    for (const e of edgesOf(root)) {
      if (e.type === 'peerOptional') continue;
      const found = lookup(root, e.name);
      if (!found || !satisfies(found, e.name, e.spec)) missing.push(found ? `Invalid: lock file's ${e.name}@${found.version} does not satisfy ${e.name}@${e.spec}` : `Missing: ${e.name}@${e.spec} from lock file`);
    }
    if (missing.length) {
      throw new NpmError('EUSAGE', '`npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync. Please update your lock file with `npm install` before continuing.', { detail: ['', ...missing] });
    }
  } else {
    const rootDeps = { ...(pkg.devDependencies ?? {}), ...(pkg.dependencies ?? {}) };
    const builder = new TreeBuilder(root, { client, host, fetchRemote, ...(preferred ? { preferred } : {}), overrides: parseOverrides(pkg.overrides, rootDeps), warn });
    await builder.build();
  }
  // Prune what nothing depends on any more.
  const live = reachable(root);
  for (const n of [...walk(root)]) if (!live.has(n) && n.parent?.children.get(n.name) === n) n.parent.children.delete(n.name);
  const all = [...walk(root)];
  for (const c of root.children.values()) if (c.link) all.push(c.link, ...walk(c.link));
  calcDepFlags(root, all);

  let result = { added: 0, removed: 0, changed: 0, installed: 0, nativeBuilds: [] as NativeBuild[] };
  if (!opts.lockOnly) {
    if (opts.ci) {
      host.fs.rmSync(`${rootDir}/node_modules`, { recursive: true, force: true });
      result = await reify(root, rootDir, { host, config, client, remoteBytes, ignoreScripts: !!opts.ignoreScripts, omit: new Set(opts.omit ?? []), warn });
      result.removed = 0;
      result.changed = 0;
    } else {
      result = await reify(root, rootDir, { host, config, client, remoteBytes, ignoreScripts: !!opts.ignoreScripts, omit: new Set(opts.omit ?? []), warn });
    }
  }
  for (const n of all) {
    if (n.meta && (n.meta.license !== undefined || n.meta.version)) continue;
    const disk = readPackageJson(host, `${rootDir}/${n.location}`)?.pkg;
    if (disk) n.meta = { ...(n.meta ?? {}), ...pick(disk, ['license', 'engines', 'funding', 'os', 'cpu']) };
  }

  for (const { name } of addSpecs) {
    const n = root.children.get(name);
    if (n) direct.push({ name, version: (n.link ?? n).version, type: saveType });
  }
  if (save) {
    if (JSON.stringify(pkg) !== origPkgText || !read) writeJson(host, `${rootDir}/package.json`, pkg, indent, newline);
    if (tool === 'npm' && config.values.get('package-lock') !== 'false') {
      const text = stringifyLock(lockFromTree(root, pkg), indent);
      let old = '';
      try { old = host.fs.readFileSync(`${rootDir}/package-lock.json`, 'utf8'); } catch { /* none */ }
      if (old !== text) host.fs.writeFileSync(`${rootDir}/package-lock.json`, text);
    }
  }
  return { ...result, requests: client.requests, direct, warnings };
}

function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
}
