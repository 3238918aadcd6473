/**
 * npm configuration from `.npmrc` files (ini: `key=value`, `;`/`#` comments,
 * `${VAR}` expansion) and the runtime's `registry` option: the default
 * registry, `@scope:registry=` per scope, and `//host/path/:_authToken=`
 * credentials keyed by "nerf darts" as npm does
 * (https://docs.npmjs.com/cli/v10/configuring-npm/npmrc#auth-related-configuration).
 * No registry is built in: with none configured the installer says how to set one.
 */
import type { InstallerFs } from './host.js';
import { NpmError } from './npm-error.js';

export interface NpmConfig {
  /** Raw keys, later sources winning. */
  values: Map<string, string>;
}

/** Parses .npmrc text into key/value pairs (`${VAR}` expanded from env). */
export function parseNpmrc(text: string, env: Record<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith(';') || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = expand(line.slice(0, eq).trim(), env);
    let value = line.slice(eq + 1).trim();
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
    out.set(key, expand(value, env));
  }
  return out;
}

function expand(s: string, env: Record<string, string>): string {
  return s.replace(/(\\*)\$\{([^}]+)\}/g, (m, esc: string, name: string) => (esc.length % 2 ? m.slice(1) : esc + (env[name] ?? '')));
}

/**
 * Loads config: the runtime's `registry` option, then the user's
 * `~/.npmrc`, then the project's `.npmrc`, then `npm_config_*` env vars, then
 * command-line `--key=value` flags (later wins).
 */
export function loadConfig(fs: InstallerFs, opts: { cwd: string; env: Record<string, string>; registry?: string; flags?: Record<string, string> }): NpmConfig {
  const values = new Map<string, string>();
  if (opts.registry) values.set('registry', opts.registry);
  const read = (path: string) => {
    try {
      for (const [k, v] of parseNpmrc(fs.readFileSync(path, 'utf8'), opts.env)) values.set(k, v);
    } catch { /* missing file */ }
  };
  const home = opts.env.HOME;
  if (home && home !== opts.cwd) read(`${home.replace(/\/$/, '')}/.npmrc`);
  read(`${opts.cwd.replace(/\/$/, '')}/.npmrc`);
  for (const [k, v] of Object.entries(opts.env)) {
    const m = /^npm_config_(.+)$/i.exec(k);
    if (m && v !== '') values.set(m[1]!.toLowerCase().replace(/_/g, '-'), v);
  }
  for (const [k, v] of Object.entries(opts.flags ?? {})) values.set(k, v);
  return { values };
}

const withSlash = (u: string) => (u.endsWith('/') ? u : `${u}/`);

/** The registry URL for a package name (its scope's registry, else the default). */
export function registryFor(config: NpmConfig, name: string): string {
  if (name.startsWith('@')) {
    const scope = name.slice(0, name.indexOf('/'));
    const r = config.values.get(`${scope}:registry`);
    if (r) return withSlash(r);
  }
  const r = config.values.get('registry');
  if (!r) {
    throw new NpmError('ENOREGISTRY', 'No npm registry is configured.', {
      detail: [
        'Set one with the `registry` option of the runtime (or the `registry` attribute of <verklet-runtime>),',
        'or add a line `registry=<url>` to the project\'s .npmrc (and `@scope:registry=<url>` for a scope).',
      ],
    });
  }
  return withSlash(r);
}

/** "Nerf dart" of a URL: `//host:port/path/` (npm's key for credentials). */
export function nerfDart(url: string): string {
  const u = new URL(url);
  const path = u.pathname.endsWith('/') ? u.pathname : u.pathname.replace(/[^/]*$/, '');
  return `//${u.host}${path}`;
}

/**
 * The Authorization header for a request URL: the credentials whose nerf
 * dart is the longest prefix of the URL (so a registry's token is sent to its
 * tarballs and nowhere else).
 */
export function authFor(config: NpmConfig, url: string): string | undefined {
  let u: URL;
  try { u = new URL(url); } catch { return undefined; }
  let path = `//${u.host}${u.pathname}`;
  for (;;) {
    const dart = path.endsWith('/') ? path : path.replace(/[^/]*$/, '');
    const token = config.values.get(`${dart}:_authToken`);
    if (token) return `Bearer ${token}`;
    const basic = config.values.get(`${dart}:_auth`);
    if (basic) return `Basic ${basic}`;
    const user = config.values.get(`${dart}:username`);
    const pass = config.values.get(`${dart}:_password`);
    if (user && pass) return `Basic ${btoa(`${user}:${atob(pass)}`)}`;
    if (dart === `//${u.host}/`) return undefined;
    path = dart.slice(0, dart.slice(0, -1).lastIndexOf('/') + 1);
    if (path.length < `//${u.host}/`.length) return undefined;
  }
}

/** A boolean config key (`true`/`false`), with a default. */
export function configFlag(config: NpmConfig, key: string, dflt: boolean): boolean {
  const v = config.values.get(key);
  if (v === undefined) return dflt;
  return v !== 'false' && v !== '0' && v !== '';
}
