/**
 * The package tree: one node per folder of `node_modules` (plus the root,
 * workspace folders and links), with the dependency edges npm derives from
 * each package.json (https://docs.npmjs.com/cli/v10/configuring-npm/package-json#dependencies),
 * and Node's lookup rule: a package sees its own `node_modules`, then each
 * ancestor's.
 */
import semver from 'semver';
import type { Manifest } from './registry-client.js';
import { parseDependency, type Spec } from './package-spec.js';
import { matchOverride, type OverrideRule } from './overrides.js';

export type EdgeType = 'prod' | 'dev' | 'optional' | 'peer' | 'peerOptional' | 'workspace';

export interface Edge {
  name: string;
  spec: string;
  type: EdgeType;
}

export interface Node {
  /** Folder name (the alias, for aliased packages). */
  name: string;
  /** The package's own name. */
  packageName: string;
  version: string;
  /** Path from the project root: '' (root), 'node_modules/a', 'node_modules/a/node_modules/b', 'packages/x'. */
  location: string;
  /** The node whose node_modules holds this one (root's children, workspace folders: root). */
  parent: Node | null;
  children: Map<string, Node>;
  manifest: Manifest;
  resolved?: string;
  integrity?: string;
  isRoot?: boolean;
  /** A symlink (workspace) to `target`. */
  link?: Node;
  isWorkspace?: boolean;
  dev: boolean;
  optional: boolean;
  devOptional: boolean;
  peer: boolean;
  /** The `overrides` rules active for this node's edges. */
  overrideRules?: OverrideRule[];
  /** The nearest node above reached through an optional edge (its failure removes it). */
  optionalRoot?: Node;
  /** Lock metadata kept from a lockfile or the unpacked package.json. */
  meta?: Record<string, unknown>;
}

export function newNode(init: Partial<Node> & Pick<Node, 'name' | 'packageName' | 'version' | 'location' | 'manifest'>): Node {
  return { parent: null, children: new Map(), dev: false, optional: false, devOptional: false, peer: false, ...init };
}

/** The location of a child named `name` under `parent`. */
export function childLocation(parent: Node, name: string): string {
  return parent.location ? `${parent.location}/node_modules/${name}` : `node_modules/${name}`;
}

/** The dependency edges of a node (the root and workspaces also get dev edges). */
export function edgesOf(node: Node): Edge[] {
  const m = node.manifest;
  const out = new Map<string, Edge>();
  const add = (deps: Record<string, string> | undefined, type: EdgeType) => {
    for (const [name, spec] of Object.entries(deps ?? {})) out.set(name, { name, spec: String(spec), type });
  };
  const meta = m.peerDependenciesMeta ?? {};
  for (const [name, spec] of Object.entries(m.peerDependencies ?? {})) {
    out.set(name, { name, spec: String(spec), type: meta[name]?.optional ? 'peerOptional' : 'peer' });
  }
  if (node.isRoot || node.isWorkspace) add(m.devDependencies, 'dev');
  add(m.dependencies, 'prod');
  add(m.optionalDependencies, 'optional');
  if (!node.isRoot && !node.isWorkspace) for (const name of bundled(m)) out.delete(name);
  if (node.overrideRules?.length && !node.isRoot) {
    for (const e of out.values()) {
      const rule = matchOverride(node.overrideRules, e.name, e.spec);
      if (rule?.value) e.spec = rule.value;
    }
  }
  return [...out.values()].sort((a, b) => a.name.localeCompare(b.name, 'en'));
}

/** Finds what `name` resolves to from `from` (Node's node_modules lookup). Peer edges look from the parent. */
export function lookup(from: Node, name: string, peer = false): Node | undefined {
  let cur: Node | null = peer && from.parent ? from.parent : from;
  while (cur) {
    const c = cur.children.get(name);
    if (c) return c;
    cur = cur.parent;
  }
  return undefined;
}

/** Does `node` satisfy the dependency `name@spec`? */
export function satisfies(node: Node, name: string, specText: string): boolean {
  let spec: Spec;
  try { spec = parseDependency(name, specText); } catch { return false; }
  const target = node.link ?? node;
  switch (spec.type) {
    case 'registry':
      return target.packageName === name && rangeOk(target.version, spec.range);
    case 'tag':
      return target.packageName === name;
    case 'alias':
      return target.packageName === spec.target.name && (spec.target.type === 'tag' || rangeOk(target.version, spec.target.range));
    case 'remote':
      return target.resolved === spec.url;
    case 'directory':
      return !!node.link || target.isWorkspace === true;
  }
}

/** Arborist's depValid: `*` and `` accept any version (prereleases too); otherwise semver, loose. */
function rangeOk(version: string, range: string): boolean {
  if (range === '*' || range === '' || range === 'x') return true;
  return semver.satisfies(version, range, { loose: true });
}

/** Names a package bundles in its own tarball (`bundleDependencies`): not resolved, not pruned. */
export function bundled(m: Manifest): Set<string> {
  const b = m.bundleDependencies ?? m.bundledDependencies;
  if (b === true) return new Set(Object.keys(m.dependencies ?? {}));
  return new Set(Array.isArray(b) ? b : []);
}

/** All nodes below `root` (children first-level, then theirs), excluding root. */
export function* walk(root: Node): Generator<Node> {
  const stack = [...root.children.values()].reverse();
  while (stack.length) {
    const n = stack.pop()!;
    yield n;
    stack.push(...[...n.children.values()].reverse());
  }
}

/** `npm`'s dev/optional/devOptional/peer flags (arborist calc-dep-flags): set unless some path from the root clears them. */
export function calcDepFlags(root: Node, all: Node[]): void {
  for (const n of all) { n.dev = n.optional = n.devOptional = n.peer = true; }
  root.dev = root.optional = root.devOptional = root.peer = false;
  const queue: Node[] = [root];
  const seen = new Set<Node>();
  const unset = (to: Node, flag: 'dev' | 'optional' | 'devOptional' | 'peer') => {
    if (to[flag]) { to[flag] = false; queue.push(to); if (to.link) { to.link[flag] = false; queue.push(to.link); } }
  };
  while (queue.length) {
    const node = queue.shift()!;
    if (!seen.has(node)) seen.add(node);
    const from = node.link ?? node;
    if (node.link) { from.dev = node.dev; from.optional = node.optional; from.devOptional = node.devOptional; from.peer = node.peer; }
    for (const e of edgesOf(from)) {
      const to = lookup(from, e.name, e.type === 'peer' || e.type === 'peerOptional');
      if (!to) continue;
      const dev = e.type === 'dev';
      const optional = e.type === 'optional' || e.type === 'peerOptional';
      const peer = e.type === 'peer' || e.type === 'peerOptional';
      const unsetDevOpt = !from.devOptional && !from.dev && !from.optional && !dev && !optional;
      const unsetDev = unsetDevOpt || (!from.dev && !dev);
      const unsetOpt = unsetDevOpt || (!from.optional && !optional);
      if (!from.peer && !peer) unset(to, 'peer');
      if (unsetDevOpt) unset(to, 'devOptional');
      if (unsetDev) unset(to, 'dev');
      if (unsetOpt) unset(to, 'optional');
    }
  }
}

/** Nodes reachable from the root through dependency edges (the rest is extraneous). */
export function reachable(root: Node, skip: Set<Node> = new Set()): Set<Node> {
  const seen = new Set<Node>([root]);
  const queue: Node[] = [root];
  while (queue.length) {
    const n = queue.shift()!;
    const from = n.link ?? n;
    if (n.link && !seen.has(n.link)) { seen.add(n.link); queue.push(n.link); }
    for (const e of edgesOf(from)) {
      const to = lookup(from, e.name, e.type === 'peer' || e.type === 'peerOptional');
      if (!to || seen.has(to) || skip.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}
