/**
 * Makes node_modules match the ideal tree, the way npm's reify does, in
 * phases so that a failure leaves node_modules as it was:
 *   1. diff against what is on disk (each folder's package.json);
 *   2. fetch every tarball to add (cache first, by integrity), checking SRI;
 *   3. gunzip and unpack each into a staging folder (path checks, 500 MB cap);
 *   4. only then remove, move into place and link (workspaces, `.bin`);
 *   5. run lifecycle scripts (preinstall, install, postinstall) through the
 *      runtime; packages that need a native build get a diagnostic instead.
 */
import { linkBins, normalizeBin } from './bin-links.js';
import { gunzip as defaultGunzip, isGzip, MAX_UNPACKED } from './gunzip.js';
import type { InstallerHost } from './host.js';
import { checkIntegrity, digest, strongest } from './integrity.js';
import { NpmError } from './npm-error.js';
import { registryFor, type NpmConfig } from './npmrc.js';
import { extractPackage } from './package-extract.js';
import { tarballUrl, type RegistryClient } from './registry-client.js';
import { bundled, reachable, walk, type Node } from './tree.js';

export interface ReifyOptions {
  host: InstallerHost;
  config: NpmConfig;
  client: RegistryClient;
  /** Tarballs already fetched while resolving URL specs. */
  remoteBytes: Map<string, Uint8Array>;
  ignoreScripts: boolean;
  omit: Set<string>;
  warn(message: string): void;
}

export interface NativeBuild {
  name: string;
  version: string;
  path: string;
  reason: string;
}

export interface ReifyResult {
  added: number;
  removed: number;
  changed: number;
  /** Packages installed in node_modules. */
  installed: number;
  nativeBuilds: NativeBuild[];
}

interface OnDisk {
  name: string;
  version: string;
  link: boolean;
}

/** Reads what is installed: location → name/version (links included). */
export function scanInstalled(host: InstallerHost, rootDir: string): Map<string, OnDisk> {
  const fs = host.fs;
  const out = new Map<string, OnDisk>();
  const visitNm = (nmLoc: string) => {
    let names: string[];
    try { names = fs.readdirSync(`${rootDir}/${nmLoc}`); } catch { return; }
    for (const n of names) {
      if (n.startsWith('.')) continue;
      if (n.startsWith('@')) {
        let scoped: string[] = [];
        try { scoped = fs.readdirSync(`${rootDir}/${nmLoc}/${n}`); } catch { /* not a folder */ }
        for (const s of scoped) visitPkg(`${nmLoc}/${n}/${s}`);
      } else visitPkg(`${nmLoc}/${n}`);
    }
  };
  const visitPkg = (loc: string) => {
    const abs = `${rootDir}/${loc}`;
    let link = false;
    try { link = fs.lstatSync(abs).isSymbolicLink(); } catch { return; }
    let name = '';
    let version = '';
    try {
      const pkg = JSON.parse(fs.readFileSync(`${abs}/package.json`, 'utf8')) as { name?: string; version?: string };
      name = pkg.name ?? '';
      version = pkg.version ?? '';
    } catch { /* a broken folder: replaced */ }
    out.set(loc, { name, version, link });
    if (!link) visitNm(`${loc}/node_modules`);
  };
  visitNm('node_modules');
  return out;
}

const PLATFORM_FIELDS = [['os', 'platform'], ['cpu', 'arch']] as const;

/** npm's checkPlatform: `os`/`cpu` lists with `!negations`. */
export function platformOk(manifest: { os?: unknown; cpu?: unknown }, host: InstallerHost): boolean {
  const current = { os: host.platform ?? 'linux', cpu: host.arch ?? 'x64' };
  for (const [field] of PLATFORM_FIELDS) {
    const list = manifest[field];
    if (!Array.isArray(list) || !list.length) continue;
    const value = current[field];
    const neg = list.filter((x) => String(x).startsWith('!')).map((x) => String(x).slice(1));
    const pos = list.filter((x) => !String(x).startsWith('!'));
    if (neg.includes(value)) return false;
    if (pos.length && !pos.includes(value) && !pos.includes('any')) return false;
  }
  return true;
}

const NATIVE_TOOLS = /\b(node-gyp|prebuild-install|node-pre-gyp|cmake-js|node-gyp-build-optional|napi-rs build)\b/;

/** Why a package needs a native build, if it does. */
export function nativeBuildReason(host: InstallerHost, dir: string, scripts: Record<string, string>): string | undefined {
  for (const ev of ['preinstall', 'install', 'postinstall']) {
    const m = NATIVE_TOOLS.exec(scripts[ev] ?? '');
    if (m) return `${ev} runs ${m[1]}`;
  }
  if (!scripts.install && !scripts.preinstall && host.fs.existsSync(`${dir}/binding.gyp`)) return 'binding.gyp (node-gyp rebuild)';
  return undefined;
}

/** The npm_* environment and PATH for a script in `dir`. */
export function scriptEnv(host: InstallerHost, rootDir: string, dir: string, pkg: { name?: string; version?: string }, event: string, command: string, npmCommand: string): Record<string, string> {
  const bins: string[] = [];
  let d = dir;
  for (;;) {
    bins.push(`${d}/node_modules/.bin`);
    const i = d.lastIndexOf('/node_modules/');
    if (d === rootDir || i < 0) break;
    d = d.slice(0, i);
  }
  if (!bins.includes(`${rootDir}/node_modules/.bin`)) bins.push(`${rootDir}/node_modules/.bin`);
  const path = [...bins, host.env.PATH].filter(Boolean).join(':');
  return {
    ...host.env,
    PATH: path,
    INIT_CWD: host.cwd,
    npm_lifecycle_event: event,
    npm_lifecycle_script: command,
    npm_command: npmCommand,
    npm_package_json: `${dir}/package.json`,
    ...(pkg.name ? { npm_package_name: pkg.name } : {}),
    ...(pkg.version ? { npm_package_version: pkg.version } : {}),
    npm_config_user_agent: `npm/10.9.0 verklet`,
    npm_config_local_prefix: rootDir,
  };
}

async function pool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let i = 0;
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, async () => {
    while (i < items.length) await fn(items[i++]!);
  }));
}

const parentDir = (p: string) => p.slice(0, p.lastIndexOf('/'));

export async function reify(root: Node, rootDir: string, opts: ReifyOptions): Promise<ReifyResult> {
  const { host } = opts;
  const fs = host.fs;
  // 1. What should be on disk.
  const skip = new Set<Node>();
  const all = [...walk(root)];
  for (const c of root.children.values()) if (c.link) all.push(...walk(c.link));
  for (const n of all) {
    if (n.link) continue;
    if ((opts.omit.has('dev') && n.dev) || (opts.omit.has('optional') && n.optional) || (opts.omit.has('peer') && n.peer)) { skip.add(n); continue; }
    if (!platformOk(n.manifest, host)) {
      if (n.optional) { skip.add(n); continue; }
      throw new NpmError('EBADPLATFORM', `Unsupported platform for ${n.packageName}@${n.version}: wanted ${JSON.stringify({ os: n.manifest.os, cpu: n.manifest.cpu })} (current: ${JSON.stringify({ os: host.platform ?? 'linux', cpu: host.arch ?? 'x64' })})`);
    }
  }
  const live = reachable(root, skip);
  const wanted = all.filter((n) => live.has(n) && !n.isWorkspace && !n.link && !skipUnder(n, skip));
  const links = all.filter((n) => n.link && live.has(n));
  const onDisk = scanInstalled(host, rootDir);
  const wantedAt = new Map(wanted.map((n) => [n.location, n]));
  for (const l of links) wantedAt.set(l.location, l);

  const rewrite = new Set<string>();
  const toAdd: Node[] = [];
  let added = 0;
  let changed = 0;
  for (const n of [...wanted].sort((a, b) => a.location.length - b.location.length)) {
    const have = onDisk.get(n.location);
    const underRewrite = [...rewrite].some((r) => n.location.startsWith(`${r}/node_modules/`));
    if (have && !have.link && have.name === n.packageName && have.version === n.version && !underRewrite) continue;
    rewrite.add(n.location);
    toAdd.push(n);
    if (!have) added++;
    else if (have.name !== n.packageName || have.version !== n.version) changed++;
  }
  // Packages a tarball brings along (bundleDependencies) stay as unpacked.
  const bundlers = wanted.filter((n) => bundled(n.manifest).size).map((n) => `${n.location}/node_modules/`);
  const toRemove = [...onDisk.keys()].filter((loc) => !wantedAt.has(loc) && !bundlers.some((b) => loc.startsWith(b)));
  const removed = toRemove.filter((loc) => !onDisk.get(loc)!.link).length;

  // 2. Fetch (or take from the cache) and check every tarball before touching node_modules.
  const bytesOf = new Map<Node, Uint8Array>();
  const failed = new Set<Node>();
  await Promise.all(toAdd.map(async (n) => {
    try {
      bytesOf.set(n, await tarballFor(n, opts));
    } catch (err) {
      if (n.optional) { opts.warn(`skipping optional dependency ${n.packageName}@${n.version}: ${(err as Error).message}`); failed.add(n); return; }
      throw err;
    }
  }));
  const adds = toAdd.filter((n) => !failed.has(n) && !skipUnder(n, failed));
  for (const n of adds) {
    if (n.manifest.deprecated) host.stderr(`npm warn deprecated ${n.packageName}@${n.version}: ${n.manifest.deprecated}\n`);
  }

  // 3. Unpack into staging.
  const nm = `${rootDir}/node_modules`;
  const staging = `${nm}/.verklet-staging-${Math.random().toString(36).slice(2, 10)}`;
  const stagedAt = new Map<Node, string>();
  const unpacked = new Map<Node, Record<string, unknown>>();
  try {
    if (adds.length) fs.mkdirSync(staging, { recursive: true });
    let idx = 0;
    await pool(adds, 4, async (n) => {
      const bytes = bytesOf.get(n)!;
      bytesOf.delete(n);
      const what = `${n.packageName}@${n.version}`;
      const tar = isGzip(bytes) ? await (host.gunzip ?? ((b, l) => defaultGunzip(b, l, what)))(bytes, MAX_UNPACKED) : bytes;
      const dir = `${staging}/${idx++}`;
      const res = extractPackage(fs, tar, dir, what);
      stagedAt.set(n, dir);
      if (res.manifest) unpacked.set(n, res.manifest);
    });
  } catch (err) {
    fs.rmSync(staging, { recursive: true, force: true });
    if (fs.existsSync(nm) && !fs.readdirSync(nm).length) fs.rmSync(nm, { recursive: true, force: true });
    throw err;
  }

  // 4. Commit: remove, move into place, link. npm's hidden lockfile would now
  // be stale, so it goes.
  if (adds.length || toRemove.length) fs.rmSync(`${nm}/.package-lock.json`, { force: true });
  for (const loc of toRemove.sort((a, b) => b.length - a.length)) fs.rmSync(`${rootDir}/${loc}`, { recursive: true, force: true });
  for (const n of adds.sort((a, b) => a.location.length - b.location.length)) {
    const dest = `${rootDir}/${n.location}`;
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(parentDir(dest), { recursive: true });
    fs.renameSync(stagedAt.get(n)!, dest);
    const pkg = unpacked.get(n);
    if (pkg) updateMeta(n, pkg, host, dest);
  }
  if (adds.length) fs.rmSync(staging, { recursive: true, force: true });
  for (const l of links) {
    const dest = `${rootDir}/${l.location}`;
    const rel = `${'../'.repeat(l.location.split('/').length - 1)}${l.link!.location}`;
    let ok = false;
    try { ok = fs.readlinkSync(dest) === rel; } catch { /* missing */ }
    if (ok) continue;
    fs.rmSync(dest, { recursive: true, force: true });
    fs.mkdirSync(parentDir(dest), { recursive: true });
    fs.symlinkSync(rel, dest);
  }

  // .bin links for every node_modules folder.
  const installed = [...wanted.filter((n) => !failed.has(n) && !skipUnder(n, failed)), ...links];
  const byFolder = new Map<string, Array<[string, Record<string, string>]>>();
  for (const n of installed.sort((a, b) => a.location.localeCompare(b.location, 'en'))) {
    const folder = `${rootDir}/${n.location.slice(0, n.location.length - n.name.length - 1)}`;
    const dir = `${rootDir}/${n.location}`;
    let bins: Record<string, string> = {};
    const pkg = unpacked.get(n) ?? readJson(host, `${dir}/package.json`);
    if (pkg) bins = normalizeBin(pkg as { name?: string }, fs, dir);
    if (!byFolder.has(folder)) byFolder.set(folder, []);
    if (Object.keys(bins).length) byFolder.get(folder)!.push([n.name, bins]);
  }
  for (const [folder, pkgs] of byFolder) {
    if (pkgs.length) linkBins(fs, folder, pkgs);
    else fs.rmSync(`${folder}/.bin`, { recursive: true, force: true });
  }

  // 5. Lifecycle scripts, dependencies before dependents (deepest first).
  const nativeBuilds: NativeBuild[] = [];
  const withScripts = adds.filter((n) => unpacked.has(n)).sort((a, b) => b.location.split('/').length - a.location.split('/').length);
  for (const n of withScripts) {
    const pkg = unpacked.get(n)! as { name?: string; version?: string; scripts?: Record<string, string> };
    const dir = `${rootDir}/${n.location}`;
    const scripts = pkg.scripts ?? {};
    const native = nativeBuildReason(host, dir, scripts);
    if (native) {
      nativeBuilds.push({ name: n.packageName, version: n.version, path: dir, reason: native });
      host.stderr(`npm warn native ${n.packageName}@${n.version} needs a native build (${native}); it cannot be built in the browser, so its install scripts were skipped. Run the project on a server to build it.\n`);
      continue;
    }
    if (opts.ignoreScripts) continue;
    for (const event of ['preinstall', 'install', 'postinstall']) {
      const command = scripts[event];
      if (!command) continue;
      const code = await runLifecycle(host, rootDir, dir, pkg, event, command, 'install', opts.warn);
      if (code !== 0) {
        if (n.optional) {
          opts.warn(`optional dependency ${n.packageName}@${n.version} failed its ${event} script (exit ${code}); removed`);
          fs.rmSync(dir, { recursive: true, force: true });
          break;
        }
        throw new NpmError('ELIFECYCLE', `${n.packageName}@${n.version} ${event}: \`${command}\`\nExit status ${code}`, {
          detail: [`path ${dir}`, `command failed`, `command sh -c ${command}`],
          exitCode: code || 1,
        });
      }
    }
  }
  const count = installed.filter((n) => !n.link).length;
  return { added, removed, changed, installed: count, nativeBuilds };
}

function skipUnder(n: Node, set: Set<Node>): boolean {
  for (let p = n.parent; p; p = p.parent) if (set.has(p)) return true;
  return false;
}

function readJson(host: InstallerHost, path: string): Record<string, unknown> | undefined {
  try { return JSON.parse(host.fs.readFileSync(path, 'utf8')) as Record<string, unknown>; } catch { return undefined; }
}

/** Lock metadata from the unpacked package.json (npm records these fields). */
function updateMeta(n: Node, pkg: Record<string, unknown>, host: InstallerHost, dir: string): void {
  const meta: Record<string, unknown> = { ...(n.meta ?? {}) };
  for (const k of ['license', 'engines', 'funding', 'os', 'cpu', 'libc']) {
    if (pkg[k] !== undefined) meta[k] = pkg[k];
  }
  if (typeof pkg.license !== 'string' && pkg.license && typeof pkg.license === 'object' && typeof (pkg.license as { type?: unknown }).type === 'string') meta.license = (pkg.license as { type: string }).type;
  const bins = normalizeBin(pkg as { name?: string }, host.fs, dir);
  if (Object.keys(bins).length) meta.bin = bins;
  const scripts = (pkg.scripts ?? {}) as Record<string, string>;
  if (scripts.preinstall || scripts.install || scripts.postinstall || host.fs.existsSync(`${dir}/binding.gyp`)) meta.hasInstallScript = true;
  if (n.manifest.deprecated) meta.deprecated = n.manifest.deprecated;
  n.meta = meta;
}

/** Runs one script through the host; prints npm's `> name@version event` banner. */
export async function runLifecycle(host: InstallerHost, rootDir: string, dir: string, pkg: { name?: string; version?: string }, event: string, command: string, npmCommand: string, warn: (m: string) => void, banner = false): Promise<number> {
  if (!host.runScript) {
    warn(`cannot run ${event} script of ${pkg.name ?? dir} (this runtime has no script runner)`);
    return 0;
  }
  if (banner) host.stdout(`\n> ${pkg.name ?? ''}${pkg.version ? `@${pkg.version}` : ''} ${event}\n> ${command}\n\n`);
  return host.runScript({ cwd: dir, command, event, env: scriptEnv(host, rootDir, dir, pkg, event, command, npmCommand) });
}

async function tarballFor(n: Node, opts: ReifyOptions): Promise<Uint8Array> {
  const { host } = opts;
  const what = `${n.packageName}@${n.version}`;
  const expected = strongest(n.integrity);
  if (expected) {
    const cached = await host.cache.get(expected);
    if (cached) {
      await checkIntegrity(cached, expected, `${what} (cached tarball)`);
      return cached;
    }
  }
  const url = n.resolved && /^https?:/.test(n.resolved) ? n.resolved : tarballUrl(registryFor(opts.config, n.packageName), n.packageName, n.version);
  const bytes = opts.remoteBytes.get(url) ?? await opts.client.tarball(url, what);
  if (expected) await checkIntegrity(bytes, expected, what);
  const key = expected ?? await digest(bytes, 'sha512');
  if (!n.integrity) n.integrity = key;
  if (!n.resolved) n.resolved = url;
  await host.cache.put(key, bytes);
  return bytes;
}
