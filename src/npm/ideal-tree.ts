/**
 * Builds the ideal tree: every dependency edge resolved to a version
 * (npm-pick-manifest's rule: the `latest` tag if it satisfies, else the
 * highest satisfying, non-deprecated first) and placed in npm's hoisted
 * layout: as high as possible without conflicting with or shadowing another
 * version, nested under the dependent otherwise. Peer dependencies are
 * installed as npm 7+ does: beside the package that wants them. Starts from
 * whatever tree it is given (a lockfile's), so only edges that are not
 * satisfied cost a registry request.
 */
import semver from 'semver';
import type { InstallerHost } from './host.js';
import { NpmError } from './npm-error.js';
import { matchOverride, type OverrideRule } from './overrides.js';
import { parseDependency, type Spec } from './package-spec.js';
import { strongest } from './integrity.js';
import { registryFor } from './npmrc.js';
import { tarballUrl, type Manifest, type Packument, type RegistryClient } from './registry-client.js';
import { childLocation, edgesOf, lookup, newNode, satisfies, walk, type Edge, type Node } from './tree.js';

export interface ResolvedPackage {
  packageName: string;
  version: string;
  manifest: Manifest;
  resolved?: string;
  integrity?: string;
}

export interface BuildOptions {
  client: RegistryClient;
  host: InstallerHost;
  /** Fetches a tarball URL dependency (bytes kept for reify), returning its manifest and integrity. */
  fetchRemote(url: string, spec: string): Promise<{ manifest: Manifest; integrity: string }>;
  /** Versions a yarn.lock / pnpm-lock.yaml pinned (name → versions), preferred when they satisfy. */
  preferred?: Map<string, string[]>;
  /** The root `overrides` rules. */
  overrides?: OverrideRule[];
  warn(message: string): void;
}

const depth = (n: Node) => (n.location ? n.location.split('/node_modules/').length + (n.location.startsWith('node_modules/') ? 0 : 1) : 0);

/** npm-pick-manifest's choice of a version for a spec. */
export function pickVersion(doc: Packument, spec: Spec & { type: 'registry' | 'tag' }, preferred?: string[]): string {
  const versions = Object.keys(doc.versions);
  if (spec.type === 'tag') {
    const v = doc['dist-tags'][spec.tag];
    if (v && doc.versions[v]) return v;
    throw noMatch(spec.name, spec.tag, doc);
  }
  const range = spec.range;
  const ok = (v: string) => range === '*' || range === '' ? !semver.prerelease(v) || versions.length === 1 : semver.satisfies(v, range, { loose: true });
  if (preferred) {
    const locked = preferred.filter((v) => doc.versions[v] && ok(v)).sort(semver.rcompare);
    if (locked[0]) return locked[0];
  }
  const latest = doc['dist-tags'].latest;
  if (latest && doc.versions[latest] && ok(latest)) return latest;
  const sat = versions.filter(ok).sort(semver.rcompare);
  const live = sat.filter((v) => !doc.versions[v]!.deprecated);
  const pick = live[0] ?? sat[0];
  if (pick) return pick;
  if (range === '*' && versions.length) return versions.sort(semver.rcompare)[0]!;
  throw noMatch(spec.name, range, doc);
}

function noMatch(name: string, want: string, doc: Packument): NpmError {
  return new NpmError('ETARGET', `No matching version found for ${name}@${want}.`, {
    detail: [
      'In most cases you or one of your dependencies are requesting',
      "a package version that doesn't exist.",
      ...(Object.keys(doc.versions).length ? [] : [`The registry has no versions of ${name}.`]),
    ],
  });
}

export class TreeBuilder {
  private readonly queue: Node[] = [];
  private readonly queued = new Set<Node>();
  /** Optional subtrees that failed to resolve; removed from the tree at the end. */
  readonly failedOptional = new Set<Node>();

  constructor(private readonly root: Node, private readonly opts: BuildOptions) {}

  /** Resolves every unmet edge in the tree, adding and placing nodes. */
  async build(): Promise<void> {
    this.root.overrideRules ??= this.opts.overrides ?? [];
    this.enqueue(this.root);
    for (const n of walk(this.root)) this.enqueue(n);
    for (const ws of this.workspaces()) this.enqueue(ws);
    while (this.queue.length) {
      this.queue.sort((a, b) => depth(a) - depth(b) || a.location.localeCompare(b.location, 'en'));
      const node = this.queue.shift()!;
      this.queued.delete(node);
      if (!this.attached(node)) continue;
      await this.visit(node);
    }
    for (const n of this.failedOptional) this.detach(n);
  }

  private workspaces(): Node[] {
    return [...this.root.children.values()].filter((c) => c.link).map((c) => c.link!);
  }

  private attached(node: Node): boolean {
    if (node === this.root) return true;
    if (node.isWorkspace) return true;
    let cur: Node | null = node;
    while (cur && cur !== this.root) {
      const p: Node | null = cur.parent;
      if (!p || p.children.get(cur.name) !== cur) return false;
      if (p.isWorkspace) return true;
      cur = p;
    }
    return cur === this.root;
  }

  private detach(node: Node): void {
    if (node.parent?.children.get(node.name) === node) node.parent.children.delete(node.name);
  }

  private enqueue(node: Node): void {
    if (this.queued.has(node)) return;
    this.queued.add(node);
    this.queue.push(node);
    // Warm the packument cache for edges that will need a request.
    for (const e of edgesOf(node.link ?? node)) {
      const found = lookup(node, e.name, e.type === 'peer' || e.type === 'peerOptional');
      if (found && satisfies(found, e.name, e.spec)) continue;
      if (e.type === 'peerOptional') continue;
      try {
        const spec = parseDependency(e.name, e.spec);
        if (spec.type === 'registry' || spec.type === 'tag') this.opts.client.packument(spec.name).catch(() => {});
        else if (spec.type === 'alias') this.opts.client.packument(spec.target.name).catch(() => {});
      } catch { /* reported when visited */ }
    }
  }

  private async visit(node: Node): Promise<void> {
    const from = node.link ?? node;
    for (const edge of edgesOf(from)) {
      const peer = edge.type === 'peer' || edge.type === 'peerOptional';
      const existing = lookup(from, edge.name, peer);
      if (existing) {
        existing.overrideRules ??= this.inherit(from, edge);
        if (satisfies(existing, edge.name, edge.spec)) continue;
      }
      if (edge.type === 'peerOptional') {
        if (existing) this.opts.warn(`ERESOLVE overriding peer dependency: ${from.packageName}@${from.version} wants ${edge.name}@${edge.spec}, found ${existing.version}`);
        continue;
      }
      let pkg: ResolvedPackage;
      try {
        pkg = await this.resolve(edge);
      } catch (err) {
        if (edge.type === 'optional') {
          this.opts.warn(`skipping optional dependency ${edge.name}@${edge.spec}: ${(err as Error).message}`);
          continue;
        }
        if (from.optionalRoot) {
          this.opts.warn(`skipping optional dependency ${from.optionalRoot.packageName}: ${(err as Error).message}`);
          this.failedOptional.add(from.optionalRoot);
          return;
        }
        throw err;
      }
      const dep = newNode({
        name: edge.name,
        packageName: pkg.packageName,
        version: pkg.version,
        location: '',
        manifest: pkg.manifest,
        ...(pkg.resolved ? { resolved: pkg.resolved } : {}),
        ...(pkg.integrity ? { integrity: pkg.integrity } : {}),
        overrideRules: this.inherit(from, edge),
      });
      if (edge.type === 'optional') dep.optionalRoot = dep;
      else if (from.optionalRoot) dep.optionalRoot = from.optionalRoot;
      this.place(dep, from, edge);
      this.enqueue(dep);
    }
  }

  private inherit(from: Node, edge: Edge): OverrideRule[] {
    const base = from.overrideRules ?? this.root.overrideRules ?? [];
    const rule = matchOverride(base, edge.name, edge.spec);
    return rule?.nested.length ? [...base, ...rule.nested] : base;
  }

  /** Resolves an edge's spec to a package version. */
  async resolve(edge: Edge): Promise<ResolvedPackage> {
    const spec = parseDependency(edge.name, edge.spec);
    if (spec.type === 'remote') {
      const { manifest, integrity } = await this.opts.fetchRemote(spec.url, `${edge.name}@${edge.spec}`);
      return { packageName: manifest.name, version: manifest.version, manifest, resolved: spec.url, integrity };
    }
    if (spec.type === 'directory') {
      throw new NpmError('EUNSUPPORTEDPROTOCOL', `${edge.name}@${edge.spec}: folder dependencies are only supported as workspaces`);
    }
    const target = spec.type === 'alias' ? spec.target : spec;
    const doc = await this.opts.client.packument(target.name);
    const version = pickVersion(doc, target, this.opts.preferred?.get(target.name));
    const manifest = doc.versions[version]!;
    return {
      packageName: target.name,
      version,
      manifest,
      resolved: manifest.dist?.tarball ?? tarballUrl(registryFor(this.opts.client.config, target.name), target.name, version),
      ...(integrityOf(manifest) ? { integrity: integrityOf(manifest)! } : {}),
    };
  }

  /**
   * Places `dep` (needed by `from`) as high as it can go: up from the
   * dependent (from its parent, for a peer) while no folder on the way holds
   * another version of it, and without shadowing a version others rely on.
   */
  private place(dep: Node, from: Node, edge: Edge): void {
    const peer = edge.type === 'peer' || edge.type === 'peerOptional';
    const start = peer && from.parent ? from.parent : from;
    let target: Node | undefined;
    for (let cur: Node | null = start; cur; cur = cur.isWorkspace ? this.root : cur.parent) {
      if (cur.children.has(dep.name)) break;
      if (!this.shadowOk(cur, dep)) break;
      target = cur;
      if (cur === this.root) break;
    }
    if (!target) {
      if (peer) {
        this.opts.warn(`ERESOLVE overriding peer dependency ${edge.name}@${edge.spec} of ${from.packageName}@${from.version}: a conflicting ${edge.name} is already installed; nesting ${dep.version} under it`);
        target = from;
      } else target = start;
      const old = target.children.get(dep.name);
      if (old) {
        this.detach(old);
        // Others may have relied on the replaced version: check everything again.
        for (const n of walk(this.root)) this.enqueue(n);
        this.enqueue(this.root);
      }
    }
    dep.parent = target;
    dep.location = childLocation(target, dep.name);
    target.children.set(dep.name, dep);
  }

  /** False when putting `dep` in `cur` would hide, from a dependent below `cur`, a version above it that the dependent needs. */
  private shadowOk(cur: Node, dep: Node): boolean {
    let above = false;
    for (let a = cur.isWorkspace ? this.root : cur.parent; a; a = a.parent) if (a.children.has(dep.name)) { above = true; break; }
    if (!above) return true;
    const check = (n: Node): boolean => {
      for (const e of edgesOf(n.link ?? n)) {
        if (e.name !== dep.name) continue;
        const r = lookup(n, e.name, e.type === 'peer' || e.type === 'peerOptional');
        if (r && !this.inside(r, cur) && !satisfies(dep, e.name, e.spec)) return false;
      }
      return true;
    };
    if (!check(cur)) return false;
    for (const n of walk(cur)) if (!check(n)) return false;
    return true;
  }

  private inside(n: Node, ancestor: Node): boolean {
    for (let p = n.parent; p; p = p.parent) if (p === ancestor) return true;
    return false;
  }
}

/** The SRI integrity of a packument version (`integrity`, else the sha1 `shasum`). */
export function integrityOf(manifest: Manifest): string | undefined {
  return strongest(manifest.dist?.integrity, manifest.dist?.shasum);
}
