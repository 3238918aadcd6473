/**
 * `package-lock.json` version 3 (https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json):
 * `packages` keyed by folder path, with npm's fields and key order (npm
 * writes it with json-stringify-nice: scalars before objects, each group
 * sorted, `name`/`version`/`lockfileVersion`/`resolved`/`integrity`/
 * `requires`/`packages`/`dependencies` first). Reads versions 2 and 3.
 */
import { NpmError } from './npm-error.js';
import type { Manifest } from './registry-client.js';
import { newNode, walk, type Node } from './tree.js';

export interface Lockfile {
  name?: string;
  version?: string;
  lockfileVersion: number;
  requires?: boolean;
  packages: Record<string, LockEntry>;
}

export type LockEntry = Record<string, unknown> & {
  name?: string;
  version?: string;
  resolved?: string;
  integrity?: string;
  link?: boolean;
};

const PREFERRED = ['name', 'version', 'lockfileVersion', 'resolved', 'integrity', 'requires', 'packages', 'dependencies'];
const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

function compare(a: string, b: string): number {
  const pa = PREFERRED.indexOf(a);
  const pb = PREFERRED.indexOf(b);
  if (pa >= 0 && pb < 0) return -1;
  if (pb >= 0 && pa < 0) return 1;
  if (pa >= 0 && pb >= 0) return pa - pb;
  return a.localeCompare(b, 'en');
}

function nice(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(nice);
  if (!isObj(v)) return v;
  const entries = Object.entries(v).filter(([, x]) => x !== undefined);
  const vals = entries.filter(([, x]) => !isObj(x)).sort(([a], [b]) => compare(a, b));
  const objs = entries.filter(([, x]) => isObj(x)).sort(([a], [b]) => compare(a, b));
  return Object.fromEntries([...vals, ...objs].map(([k, x]) => [k, nice(x)]));
}

/** JSON text the way npm writes it (json-stringify-nice, 2 spaces, final newline). */
export function stringifyLock(doc: unknown, indent: string | number = 2): string {
  return `${JSON.stringify(nice(doc), null, indent)}\n`;
}

const nameFromPath = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/** Builds a tree from a lockfile (its `packages` section). */
export function treeFromLock(lock: Lockfile, root: Node): Node {
  if (!lock.packages || (lock.lockfileVersion ?? 1) < 2) {
    throw new NpmError('ELOCKVERSION', `package-lock.json lockfileVersion ${lock.lockfileVersion ?? 1} is not supported: delete it and run npm install to write a new one.`);
  }
  const byPath = new Map<string, Node>([['', root]]);
  const paths = Object.keys(lock.packages).filter((p) => p !== '').sort((a, b) => a.length - b.length || a.localeCompare(b));
  // Workspace folders (paths without node_modules) first, so links can point at them.
  const ordered = [...paths.filter((p) => !p.includes('node_modules/')), ...paths.filter((p) => p.includes('node_modules/'))];
  for (const path of ordered) {
    const e = lock.packages[path]!;
    const isModule = path.includes('node_modules/');
    const name = isModule ? nameFromPath(path) : String(e.name ?? path.split('/').pop());
    const manifest = manifestFromLock(e, e.name ?? name);
    const node = newNode({ name, packageName: e.name ?? name, version: e.version ?? '', location: path, manifest, meta: e });
    if (e.resolved) node.resolved = e.resolved;
    if (e.integrity) node.integrity = e.integrity;
    if (!isModule) {
      node.isWorkspace = true;
      node.parent = root;
      byPath.set(path, node);
      continue;
    }
    const parentPath = path.slice(0, path.lastIndexOf('/node_modules/') < 0 ? 0 : path.lastIndexOf('/node_modules/'));
    const parent = byPath.get(parentPath);
    if (!parent) continue; // orphan entry: npm ignores it too
    if (e.link) {
      const target = byPath.get(String(e.resolved ?? ''));
      if (!target) continue;
      node.link = target;
      node.packageName = target.packageName;
      node.version = target.version;
      node.manifest = target.manifest;
    }
    node.parent = parent;
    parent.children.set(name, node);
    byPath.set(path, node);
  }
  return root;
}

function manifestFromLock(e: LockEntry, name: string): Manifest {
  const m: Manifest = { name, version: String(e.version ?? '') };
  for (const k of ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'devDependencies', 'bin', 'engines', 'os', 'cpu', 'libc', 'license', 'funding', 'deprecated', 'hasInstallScript'] as const) {
    if (e[k] !== undefined) (m as Record<string, unknown>)[k] = e[k];
  }
  return m;
}

const META_FROM_PKG = ['license', 'engines', 'funding', 'bin', 'os', 'cpu', 'libc', 'deprecated'] as const;

/** The lock entry npm would write for a node. */
export function lockEntry(node: Node): LockEntry {
  const e: LockEntry = {};
  const m = node.manifest;
  const meta = { ...(node.meta ?? {}) } as Record<string, unknown>;
  if (node.link) {
    e.resolved = node.link.location;
    e.link = true;
    return flags(e, node);
  }
  if (node.isWorkspace ? node.packageName !== node.location.split('/').pop() : node.packageName !== node.name) e.name = node.packageName;
  if (node.version) e.version = node.version;
  if (!node.isWorkspace) {
    if (node.resolved) e.resolved = node.resolved;
    if (node.integrity) e.integrity = node.integrity;
  }
  flags(e, node);
  if (meta.hasInstallScript || m.hasInstallScript) e.hasInstallScript = true;
  for (const k of META_FROM_PKG) {
    const v = meta[k] !== undefined ? meta[k] : (m as Record<string, unknown>)[k];
    if (v !== undefined && v !== null && !(k === 'bin' && isObj(v) && !Object.keys(v).length)) e[k] = v;
  }
  if (typeof e.license !== 'string') delete e.license;
  if (e.funding !== undefined) e.funding = normalizeFunding(e.funding);
  for (const k of ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta'] as const) {
    const v = m[k];
    if (v && Object.keys(v).length) e[k] = v;
  }
  if (node.isWorkspace && m.devDependencies && Object.keys(m.devDependencies).length) e.devDependencies = m.devDependencies;
  return e;
}

/** npm records `funding: "url"` as `{ url }` (also inside arrays). */
export function normalizeFunding(f: unknown): unknown {
  if (typeof f === 'string') return { url: f };
  if (Array.isArray(f)) return f.map((x) => (typeof x === 'string' ? { url: x } : x));
  return f;
}

function flags(e: LockEntry, node: Node): LockEntry {
  if (node.dev) e.dev = true;
  if (node.optional) e.optional = true;
  if (node.devOptional && !node.dev && !node.optional) e.devOptional = true;
  if (node.peer) e.peer = true;
  return e;
}

/** The root entry: the project's own package.json fields. */
export function rootEntry(pkg: Manifest): LockEntry {
  const e: LockEntry = {};
  for (const k of ['name', 'version', 'license', 'dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines', 'funding', 'workspaces', 'hasInstallScript'] as const) {
    const v = (pkg as Record<string, unknown>)[k];
    if (v === undefined || (isObj(v) && !Object.keys(v).length)) continue;
    (e as Record<string, unknown>)[k] = v;
  }
  if (isObj(pkg.workspaces)) (e as Record<string, unknown>).workspaces = (pkg.workspaces as { packages?: string[] }).packages;
  return e;
}

/** Serialises a tree as a lockfile (version 3); optional packages for other platforms are kept, as npm does. */
export function lockFromTree(root: Node, pkg: Manifest): Lockfile {
  const packages: Record<string, LockEntry> = { '': rootEntry(pkg) };
  const all: Node[] = [...walk(root)];
  for (const c of root.children.values()) if (c.link && !all.includes(c.link)) all.push(c.link, ...walk(c.link));
  for (const n of all) packages[n.location] = lockEntry(n);
  const lock: Lockfile = { lockfileVersion: 3, requires: true, packages };
  if (pkg.name) lock.name = pkg.name;
  if (pkg.version) lock.version = pkg.version;
  return lock;
}
