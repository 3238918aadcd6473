/**
 * npm's commands as functions over an InstallerHost. Each takes the
 * command's arguments (specs and `--flags`, as typed after `npm <cmd>`),
 * prints what npm prints, and resolves to the exit code; errors are printed
 * in npm's format (`npm error code E404` …).
 */
import type { InstallerHost } from './host.js';
import { install, readPackageJson, writeJson, type InstallOptions, type InstallResult, type SaveType } from './install.js';
import { formatNpmError, NpmError } from './npm-error.js';
import { runLifecycle } from './reify.js';
import type { Manifest } from './registry-client.js';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
  /** Arguments after `--`. */
  rest: string[];
}

const SHORT: Record<string, string> = { D: 'save-dev', O: 'save-optional', E: 'save-exact', P: 'save-prod', g: 'global', y: 'yes', S: 'save', s: 'silent', f: 'force', w: 'workspace' };
const TAKES_VALUE = new Set(['registry', 'omit', 'include', 'prefix', 'tag', 'workspace', 'cache', 'userconfig', 'depth']);

/** Parses `--flag`, `--flag=value`, `--no-flag`, `-D`-style arguments. */
export function parseArgs(args: readonly string[]): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  let rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') { rest = args.slice(i + 1); break; }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq < 0 ? a.slice(2) : a.slice(2, eq);
      if (eq >= 0) flags.set(key, a.slice(eq + 1));
      else if (key.startsWith('no-')) flags.set(key.slice(3), 'false');
      else if (TAKES_VALUE.has(key) && i + 1 < args.length && !args[i + 1]!.startsWith('-')) flags.set(key, args[++i]!);
      else flags.set(key, true);
    } else if (/^-[A-Za-z]+$/.test(a)) {
      for (const c of a.slice(1)) flags.set(SHORT[c] ?? c, true);
    } else positionals.push(a);
  }
  return { positionals, flags, rest };
}

const on = (p: ParsedArgs, k: string) => p.flags.has(k) && p.flags.get(k) !== 'false';

/** `ms`-style duration: `523ms`, `2s`, `1m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))}ms`;
  if (ms < 60_000) return `${Math.round(ms / 1000)}s`;
  return `${Math.round(ms / 60_000)}m`;
}

const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;

/** npm's closing line (`added 57 packages in 1s`, `up to date in 300ms`). */
export function summaryLine(r: Pick<InstallResult, 'added' | 'removed' | 'changed'>, ms: number): string {
  const msg: string[] = [];
  if (!r.added && !r.removed && !r.changed) msg.push('up to date');
  else {
    if (r.added) msg.push(`added ${plural(r.added, 'package')}`);
    if (r.removed) {
      if (r.added) msg.push(', ');
      if (r.added && !r.changed) msg.push('and ');
      msg.push(`removed ${plural(r.removed, 'package')}`);
    }
    if (r.changed) {
      if (r.added || r.removed) msg.push(', ');
      if (r.added || r.removed) msg.push('and ');
      msg.push(`changed ${plural(r.changed, 'package')}`);
    }
  }
  msg.push(` in ${formatDuration(ms)}`);
  return msg.join('');
}

/** Install options from parsed flags. */
export function installOptions(p: ParsedArgs): InstallOptions {
  const saveType: SaveType = on(p, 'save-dev') ? 'devDependencies' : on(p, 'save-optional') ? 'optionalDependencies' : on(p, 'save-peer') ? 'peerDependencies' : 'dependencies';
  const omit: string[] = [];
  const o = p.flags.get('omit');
  if (typeof o === 'string') omit.push(...o.split(','));
  if (on(p, 'production') || p.flags.get('only') === 'production') omit.push('dev');
  const flags: Record<string, string> = {};
  for (const k of ['registry', 'fetch-retries']) {
    const v = p.flags.get(k);
    if (typeof v === 'string') flags[k] = v;
  }
  if (on(p, 'global')) throw new NpmError('EUSAGE', 'Global installs are not supported in the browser runtime: install into the project instead.');
  return {
    saveType,
    saveExact: on(p, 'save-exact'),
    save: p.flags.get('save') !== 'false',
    ignoreScripts: on(p, 'ignore-scripts'),
    lockOnly: on(p, 'package-lock-only'),
    omit,
    flags,
  };
}

async function guarded(host: InstallerHost, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    host.stderr(formatNpmError(err));
    return err instanceof NpmError ? err.exitCode : 1;
  }
}

const clock = (host: InstallerHost) => host.now?.() ?? Date.now();

async function runRootScripts(host: InstallerHost, events: string[], ignore: boolean): Promise<void> {
  if (ignore) return;
  const pkg = readPackageJson(host, host.cwd)?.pkg;
  for (const ev of events) {
    const cmd = pkg?.scripts?.[ev];
    if (!cmd) continue;
    const code = await runLifecycle(host, host.cwd, host.cwd, pkg, ev, cmd, 'install', (m) => host.stderr(`npm warn ${m}\n`), true);
    if (code !== 0) throw new NpmError('ELIFECYCLE', `command failed\ncommand sh -c ${cmd}`, { detail: [`path ${host.cwd}`], exitCode: code });
  }
}

/** `npm install [spec…]`: with no specs, installs package.json (and the lockfile); with specs, adds and saves them. */
export async function npmInstall(host: InstallerHost, args: readonly string[] = [], extra: Partial<InstallOptions> = {}): Promise<number> {
  return guarded(host, async () => {
    const t0 = clock(host);
    const p = parseArgs(args);
    const opts = { ...installOptions(p), ...extra, add: p.positionals };
    const res = await install(host, opts);
    if (!p.positionals.length) await runRootScripts(host, ['preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare'], !!opts.ignoreScripts);
    if (!on(p, 'silent')) host.stdout(`\n${summaryLine(res, clock(host) - t0)}\n`);
    return 0;
  });
}

/** `npm ci`: a clean install of exactly the lockfile. */
export async function npmCi(host: InstallerHost, args: readonly string[] = [], extra: Partial<InstallOptions> = {}): Promise<number> {
  return guarded(host, async () => {
    const t0 = clock(host);
    const p = parseArgs(args);
    const opts = { ...installOptions(p), ...extra, ci: true };
    const res = await install(host, opts);
    await runRootScripts(host, ['preinstall', 'install', 'postinstall', 'preprepare', 'prepare', 'postprepare'], !!opts.ignoreScripts);
    if (!on(p, 'silent')) host.stdout(`\n${summaryLine(res, clock(host) - t0)}\n`);
    return 0;
  });
}

/** `npm uninstall <name…>`: removes from package.json and node_modules. */
export async function npmUninstall(host: InstallerHost, args: readonly string[] = [], extra: Partial<InstallOptions> = {}): Promise<number> {
  return guarded(host, async () => {
    const t0 = clock(host);
    const p = parseArgs(args);
    if (!p.positionals.length) throw new NpmError('EUSAGE', 'Must provide a package name to remove', { detail: ['Usage: npm uninstall <pkg>…'] });
    const res = await install(host, { ...installOptions(p), ...extra, remove: p.positionals.map((s) => s.replace(/(.)@.*$/, '$1')) });
    host.stdout(`\n${summaryLine(res, clock(host) - t0)}\n`);
    return 0;
  });
}

function quote(a: string): string {
  return /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`;
}

/** `npm run <script> [-- args]` (pre/post scripts, npm_* env, node_modules/.bin on PATH); with no script, lists them. */
export async function npmRun(host: InstallerHost, args: readonly string[] = []): Promise<number> {
  return guarded(host, async () => {
    const p = parseArgs(args);
    const read = readPackageJson(host, host.cwd);
    if (!read) throw new NpmError('ENOENT', `Could not read package.json: Error: ENOENT: no such file or directory, open '${host.cwd}/package.json'`);
    const pkg = read.pkg;
    const scripts = pkg.scripts ?? {};
    const [name, ...more] = p.positionals;
    if (!name) {
      const names = Object.keys(scripts);
      if (!names.length) return 0;
      const lines = [`Scripts available in ${pkg.name ?? ''}${pkg.version ? `@${pkg.version}` : ''} via \`npm run-script\`:`];
      for (const n of names) lines.push(`  ${n}`, `    ${scripts[n]}`);
      host.stdout(`${lines.join('\n')}\n`);
      return 0;
    }
    let command = scripts[name];
    if (command === undefined && name === 'start' && host.fs.existsSync(`${host.cwd}/server.js`)) command = 'node server.js';
    if (command === undefined) {
      throw new NpmError('EMISSINGSCRIPT', `Missing script: "${name}"`, { detail: ['', 'To see a list of scripts, run:', '  npm run'] });
    }
    const extraArgs = [...more, ...p.rest];
    const warn = (m: string) => host.stderr(`npm warn ${m}\n`);
    for (const [ev, cmd] of [[`pre${name}`, scripts[`pre${name}`]], [name, command + (extraArgs.length ? ` ${extraArgs.map(quote).join(' ')}` : '')], [`post${name}`, scripts[`post${name}`]]] as const) {
      if (cmd === undefined) continue;
      const code = await runLifecycle(host, host.cwd, host.cwd, pkg, ev, cmd, 'run-script', warn, true);
      if (code !== 0) {
        host.stderr(`npm error Lifecycle script \`${ev}\` failed with error:\nnpm error code ${code}\nnpm error path ${host.cwd}\nnpm error command failed\nnpm error command sh -c ${cmd}\n`);
        return code;
      }
    }
    return 0;
  });
}

/** `npm init [-y]`: writes npm's default package.json (always the `-y` answers: there is no prompt). */
export async function npmInit(host: InstallerHost, args: readonly string[] = []): Promise<number> {
  return guarded(host, async () => {
    void args;
    const path = `${host.cwd}/package.json`;
    const existing: Partial<Manifest> = readPackageJson(host, host.cwd)?.pkg ?? {};
    const base = host.cwd.split('/').filter(Boolean).pop() ?? 'project';
    const name = base.toLowerCase().replace(/^[._]+/, '').replace(/[^a-z0-9._~-]+/g, '-') || 'project';
    const main = host.fs.existsSync(`${host.cwd}/index.js`) || !existing.main ? 'index.js' : String(existing.main);
    const pkg: Record<string, unknown> = {
      name,
      version: '1.0.0',
      description: '',
      main,
      scripts: { test: 'echo "Error: no test specified" && exit 1' },
      keywords: [],
      author: '',
      license: 'ISC',
      type: 'commonjs',
      ...existing,
    };
    writeJson(host, path, pkg);
    host.stdout(`Wrote to ${path}:\n\n${JSON.stringify(pkg, null, 2)}\n\n\n`);
    return 0;
  });
}

/** `npm ls [--all]`: the installed tree, npm's drawing. */
export async function npmLs(host: InstallerHost, args: readonly string[] = []): Promise<number> {
  return guarded(host, async () => {
    const p = parseArgs(args);
    const all = on(p, 'all') || p.flags.get('depth') === 'Infinity';
    const fs = host.fs;
    const root = readPackageJson(host, host.cwd)?.pkg ?? ({} as Manifest);
    const readAt = (dir: string) => readPackageJson(host, dir)?.pkg;
    const resolveFrom = (dir: string, name: string): string | undefined => {
      let d = dir;
      for (;;) {
        const cand = `${d}/node_modules/${name}`;
        if (fs.existsSync(`${cand}/package.json`)) return cand;
        if (d === host.cwd || !d.includes('/node_modules/')) return d === host.cwd ? undefined : resolveFrom(host.cwd, name);
        d = d.slice(0, d.lastIndexOf('/node_modules/'));
      }
    };
    // npm draws with archy: `├── leaf`, `├─┬ parent` then `│ └── child`.
    interface Item { label: string; children: Item[] }
    let problems = 0;
    const seen = new Set<string>();
    const build = (dir: string, pkg: Manifest, top: boolean): Item[] => {
      const deps = { ...(top ? pkg.devDependencies : {}), ...(pkg.optionalDependencies ?? {}), ...(pkg.dependencies ?? {}), ...(top ? pkg.peerDependencies : {}) };
      const items: Item[] = [];
      for (const name of Object.keys(deps).sort((a, b) => a.localeCompare(b, 'en'))) {
        const at = resolveFrom(dir, name);
        const dep = at ? readAt(at) : undefined;
        if (!dep) {
          if (pkg.optionalDependencies?.[name] || pkg.peerDependencies?.[name]) continue;
          problems++;
          items.push({ label: `UNMET DEPENDENCY ${name}@${deps[name]}`, children: [] });
          continue;
        }
        const label = dep.name !== name ? `${name}@npm:${dep.name}@${dep.version}` : `${name}@${dep.version}`;
        if (all && seen.has(at!)) { items.push({ label: `${label} deduped`, children: [] }); continue; }
        seen.add(at!);
        items.push({ label, children: all ? build(at!, dep, false) : [] });
      }
      return items;
    };
    const lines: string[] = [`${root.name ?? ''}${root.version ? `@${root.version}` : ''} ${host.cwd}`];
    const draw = (items: Item[], prefix: string) => {
      items.forEach((it, i) => {
        const last = i === items.length - 1;
        lines.push(`${prefix}${last ? '└─' : '├─'}${it.children.length ? '┬' : '─'} ${it.label}`);
        draw(it.children, `${prefix}${last ? '  ' : '│ '}`);
      });
    };
    draw(build(host.cwd, root, true), '');
    if (lines.length === 1) lines.push('└── (empty)');
    host.stdout(`${lines.join('\n')}\n\n`);
    return problems ? 1 : 0;
  });
}
