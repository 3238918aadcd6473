/**
 * The npm registry client: abbreviated packuments
 * (`application/vnd.npm.install-v1+json`, https://github.com/npm/registry/blob/main/docs/responses/package-metadata.md)
 * and tarballs, through `host.fetch`, with bounded parallelism, retries on
 * dropped connections and 5xx/429, per-scope registries and bearer tokens
 * from the config, and npm's error messages (`404 Not Found - GET <url> - …`).
 */
import type { InstallerHost } from './host.js';
import { Limiter } from './limiter.js';
import { NpmError } from './npm-error.js';
import { authFor, registryFor, type NpmConfig } from './npmrc.js';

/** One version in a packument (the abbreviated fields npm installs from). */
export interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  bundleDependencies?: string[] | boolean;
  bundledDependencies?: string[] | boolean;
  bin?: string | Record<string, string>;
  directories?: { bin?: string };
  engines?: Record<string, string>;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  license?: string;
  funding?: unknown;
  deprecated?: string;
  hasInstallScript?: boolean;
  scripts?: Record<string, string>;
  workspaces?: string[] | { packages?: string[] };
  overrides?: Record<string, unknown>;
  dist?: { tarball?: string; integrity?: string; shasum?: string };
  [key: string]: unknown;
}

export interface Packument {
  name: string;
  'dist-tags': Record<string, string>;
  versions: Record<string, Manifest>;
}

export interface RegistryClientOptions {
  /** Parallel requests (default 16). */
  concurrency?: number;
  /** Retries after the first attempt (default 2, npm's `fetch-retries`). */
  retries?: number;
  /** First backoff in ms, doubled per retry (default 200). */
  backoff?: number;
  /** Per-request timeout in ms (default npm's `fetch-timeout`, 5 minutes). */
  timeout?: number;
}

/** Percent-escapes a package name for a registry URL (`@scope%2fname`). */
export function escapeName(name: string): string {
  return name.startsWith('@') ? `@${encodeURIComponent(name.slice(1))}` : encodeURIComponent(name);
}

/** The default tarball URL of name@version on a registry (when a lockfile omits `resolved`). */
export function tarballUrl(registry: string, name: string, version: string): string {
  const base = name.startsWith('@') ? name.slice(name.indexOf('/') + 1) : name;
  return `${registry}${name}/-/${base}-${version}.tgz`;
}

export class RegistryClient {
  readonly limiter: Limiter;
  /** Requests made (tests count them to prove the cache works). */
  requests = 0;
  private readonly packuments = new Map<string, Promise<Packument>>();
  private readonly retries: number;
  private readonly backoff: number;
  private readonly timeout: number;

  constructor(private readonly host: InstallerHost, readonly config: NpmConfig, opts: RegistryClientOptions = {}) {
    this.limiter = new Limiter(opts.concurrency ?? 16);
    const r = Number(config.values.get('fetch-retries'));
    this.retries = opts.retries ?? (Number.isFinite(r) && config.values.has('fetch-retries') ? r : 2);
    this.backoff = opts.backoff ?? 200;
    const t = Number(config.values.get('fetch-timeout'));
    this.timeout = opts.timeout ?? (t > 0 ? t : 300_000);
  }

  /** The abbreviated packument of `name`, fetched once per client. */
  packument(name: string): Promise<Packument> {
    let p = this.packuments.get(name);
    if (!p) {
      const url = `${registryFor(this.config, name)}${escapeName(name)}`;
      p = this.get(url, 'application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*', `${name}@*`).then((bytes) => {
        const doc = JSON.parse(new TextDecoder().decode(bytes)) as Packument;
        if (!doc.versions) doc.versions = {};
        if (!doc['dist-tags']) doc['dist-tags'] = {};
        return doc;
      });
      this.packuments.set(name, p);
    }
    return p;
  }

  /** A tarball's bytes. `spec` names the package in error messages. */
  tarball(url: string, spec: string): Promise<Uint8Array> {
    return this.get(url, '*/*', spec);
  }

  private async get(url: string, accept: string, spec: string): Promise<Uint8Array> {
    // Only CORS-safelisted headers (plus authorization when configured), so
    // a browser sends no preflight to a public registry.
    const headers: Record<string, string> = { accept };
    const auth = authFor(this.config, url);
    if (auth) headers.authorization = auth;
    let lastError: unknown;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (attempt) await new Promise((r) => setTimeout(r, this.backoff * 2 ** (attempt - 1)));
      try {
        return await this.limiter.run(async () => {
          this.requests++;
          const signal = AbortSignal.timeout(this.timeout);
          const res = await this.host.fetch(url, { headers, signal });
          if (res.ok) return new Uint8Array(await res.arrayBuffer());
          const text = await res.text().catch(() => '');
          throw httpError(res.status, res.statusText, url, text, spec);
        });
      } catch (err) {
        lastError = err;
        if (err instanceof NpmError && !err.code.startsWith('E5') && err.code !== 'E429') throw err;
      }
    }
    if (lastError instanceof NpmError) throw lastError;
    const cause = (lastError as { cause?: { code?: string } })?.cause;
    const code = cause?.code ?? (lastError as { code?: string })?.code ?? 'ECONNRESET';
    throw new NpmError(code, `request to ${url} failed, reason: ${(lastError as Error)?.message ?? lastError}${cause?.code ? ` (${cause.code})` : ''}`, {
      detail: [`Tried ${this.retries + 1} times. Check the registry is reachable, or raise fetch-retries in .npmrc.`],
      cause: lastError,
    });
  }
}

function httpError(status: number, statusText: string, url: string, body: string, spec: string): NpmError {
  let reason = '';
  try {
    const j = JSON.parse(body) as { error?: string; message?: string };
    reason = j.error ?? j.message ?? '';
  } catch { reason = ''; }
  const text = statusText || STATUS_TEXT[status] || '';
  const message = `${status} ${text} - GET ${url}${reason ? ` - ${reason}` : ''}`;
  if (status === 404) {
    return new NpmError('E404', message, {
      detail: ['404', `404  '${spec}' is not in this registry.`, '404', '404 Note that you can also install from a', '404 tarball, folder, http url, or git url.'],
    });
  }
  if (status === 401 || status === 403) {
    return new NpmError(`E${status}`, message, {
      detail: [`The registry refused access to '${spec}'. Add a token for it to .npmrc: //<registry host>/:_authToken=<token>`],
    });
  }
  return new NpmError(`E${status}`, message);
}

const STATUS_TEXT: Record<number, string> = { 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 429: 'Too Many Requests', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Unavailable' };
