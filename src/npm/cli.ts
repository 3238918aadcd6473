/**
 * Command-line dispatchers: `npm …`, `pnpm …` and `yarn …` argv (without
 * the program name) to the command functions, with the output each tool's
 * users know. pnpm and yarn install through the same installer, honouring
 * the versions in pnpm-lock.yaml / yarn.lock (read, not written) and
 * laying out a hoisted node_modules (pnpm's `node-linker=hoisted`).
 */
import type { InstallerHost } from './host.js';
import { install, readPackageJson, type InstallResult } from './install.js';
import { formatNpmError, NpmError } from './npm-error.js';
import { installOptions, npmCi, npmInit, npmInstall, npmLs, npmRun, npmUninstall, parseArgs } from './npm-commands.js';

/** The npm version this installer answers to `npm --version`. */
export const NPM_VERSION = '10.9.0';

const USAGE = `npm <command>

Usage:

npm install        install all the dependencies in your project
npm install <foo>  add the <foo> dependency to your project
npm ci             clean install from package-lock.json
npm uninstall <foo>
npm run <script>   run the script named <script>
npm test           run this project's tests
npm init -y        create a package.json
npm ls             list installed packages
`;

/** Runs `npm <argv…>`; resolves to the exit code. */
export async function runNpmCli(argv: readonly string[], host: InstallerHost): Promise<number> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'install': case 'i': case 'in': case 'ins': case 'inst': case 'insta': case 'instal': case 'isnt': case 'isnta': case 'isntal': case 'isntall': case 'add':
      return npmInstall(host, args);
    case 'ci': case 'clean-install': case 'ic': case 'install-clean': case 'isntall-clean':
      return npmCi(host, args);
    case 'uninstall': case 'unlink': case 'remove': case 'rm': case 'r': case 'un':
      return npmUninstall(host, args);
    case 'run': case 'run-script': case 'rum': case 'urn':
      return npmRun(host, args);
    case 'test': case 't': case 'tst':
      return npmRun(host, ['test', ...args]);
    case 'start': case 'stop': case 'restart':
      return npmRun(host, [cmd, ...args]);
    case 'init': case 'create': case 'innit':
      return npmInit(host, args);
    case 'ls': case 'list': case 'la': case 'll':
      return npmLs(host, cmd === 'la' || cmd === 'll' ? ['--all', ...args] : args);
    case '-v': case '--version': case 'version':
      host.stdout(`${NPM_VERSION}\n`);
      return 0;
    case undefined: case 'help': case '-h': case '--help':
      host.stdout(USAGE);
      return cmd === undefined ? 1 : 0;
    default:
      host.stderr(`Unknown command: "${cmd}"\n\nTo see a list of supported npm commands, run:\n  npm help\n`);
      return 1;
  }
}

async function guarded(host: InstallerHost, prefix: string, fn: () => Promise<number>): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    if (prefix === 'npm error') host.stderr(formatNpmError(err));
    else host.stderr(`${prefix} ${err instanceof NpmError ? `${err.code}: ` : ''}${(err as Error).message}\n`);
    return err instanceof NpmError ? err.exitCode : 1;
  }
}

const now = (host: InstallerHost) => host.now?.() ?? Date.now();

function pnpmSummary(res: InstallResult, saveTypeFromPkg: (name: string) => string | undefined): string {
  const lines: string[] = [];
  if (res.added || res.removed) {
    lines.push(`Packages: ${[res.added ? `+${res.added}` : '', res.removed ? `-${res.removed}` : ''].filter(Boolean).join(' ')}`);
    lines.push(`${'+'.repeat(Math.min(res.added, 60))}${'-'.repeat(Math.min(res.removed, 60))}`);
  }
  const downloaded = res.requests ? res.added + res.changed : 0;
  lines.push(`Progress: resolved ${res.installed}, reused ${res.installed - downloaded}, downloaded ${downloaded}, added ${res.added + res.changed}, done`);
  const groups = new Map<string, string[]>();
  for (const d of res.direct) {
    const g = saveTypeFromPkg(d.name) ?? d.type;
    if (!groups.has(g)) groups.set(g, []);
    groups.get(g)!.push(`+ ${d.name} ${d.version}`);
  }
  for (const [g, items] of groups) lines.push('', `${g}:`, ...items);
  return lines.join('\n');
}

/** Runs `pnpm <argv…>`: install/add/remove through the npm installer, run/test/exec-less scripts. */
export async function runPnpmCli(argv: readonly string[], host: InstallerHost): Promise<number> {
  const [cmd, ...args] = argv;
  switch (cmd) {
    case 'install': case 'i': case 'add': case 'remove': case 'rm': case 'uninstall': case 'un':
      return guarded(host, ' ERR_PNPM', async () => {
        const t0 = now(host);
        const p = parseArgs(args);
        const opts = installOptions(p);
        const removing = cmd === 'remove' || cmd === 'rm' || cmd === 'uninstall' || cmd === 'un';
        if (cmd === 'add' && !p.positionals.length) throw new NpmError('MISSING_PACKAGE_NAME', '`pnpm add` requires the package name');
        const res = await install(host, { ...opts, tool: 'pnpm', ...(removing ? { remove: p.positionals } : { add: p.positionals }) });
        const pkg = readPackageJson(host, host.cwd)?.pkg;
        if (!res.added && !res.removed && !res.changed) host.stdout('Already up to date\n');
        else host.stdout(`${pnpmSummary(res, (n) => (['dependencies', 'devDependencies', 'optionalDependencies'] as const).find((t) => pkg?.[t]?.[n]))}\n`);
        host.stdout(`\nDone in ${(Math.max(0, now(host) - t0) / 1000).toFixed(1)}s\n`);
        return 0;
      });
    case 'run': case 'run-script':
      return npmRun(host, args);
    case 'test': case 't': case 'start':
      return npmRun(host, [cmd === 't' ? 'test' : cmd, ...args]);
    case 'init':
      return npmInit(host, ['-y']);
    case 'ls': case 'list':
      return npmLs(host, args);
    case '-v': case '--version':
      host.stdout('9.15.0\n');
      return 0;
    default: {
      const pkg = readPackageJson(host, host.cwd)?.pkg;
      if (cmd && pkg?.scripts?.[cmd] !== undefined) return npmRun(host, [cmd, ...args]);
      host.stderr(` ERR_PNPM_RECURSIVE_EXEC_FIRST_FAIL  Command "${cmd ?? ''}" not found\n`);
      return 1;
    }
  }
}

/** Runs `yarn <argv…>` (classic yarn's output): install/add/remove, run, scripts by name. */
export async function runYarnCli(argv: readonly string[], host: InstallerHost): Promise<number> {
  const [cmd0, ...args0] = argv;
  const cmd = cmd0 === undefined || cmd0.startsWith('-') ? 'install' : cmd0;
  const args = cmd0 === undefined || cmd0.startsWith('-') ? argv.slice() : args0;
  switch (cmd) {
    case 'install': case 'add': case 'remove':
      return guarded(host, 'error', async () => {
        const t0 = now(host);
        const p = parseArgs(args.map((a) => (a === '--dev' ? '--save-dev' : a === '--optional' ? '--save-optional' : a === '--exact' ? '--save-exact' : a)));
        host.stdout(`yarn ${cmd} v1.22.22\n`);
        const hasLock = host.fs.existsSync(`${host.cwd}/yarn.lock`);
        if (!hasLock && cmd === 'install') host.stdout('info No lockfile found.\n');
        host.stdout('[1/4] Resolving packages...\n');
        const res = await install(host, { ...installOptions(p), tool: 'yarn', ...(cmd === 'remove' ? { remove: p.positionals } : cmd === 'add' ? { add: p.positionals } : {}) });
        if (!res.added && !res.removed && !res.changed && cmd === 'install') {
          host.stdout('success Already up-to-date.\n');
        } else {
          host.stdout('[2/4] Fetching packages...\n[3/4] Linking dependencies...\n[4/4] Building fresh packages...\n');
          if (res.direct.length) {
            host.stdout(`success Saved ${res.direct.length} new ${res.direct.length === 1 ? 'dependency' : 'dependencies'}.\ninfo Direct dependencies\n`);
            for (const d of res.direct) host.stdout(`└─ ${d.name}@${d.version}\n`);
          }
        }
        host.stdout(`Done in ${(Math.max(0, now(host) - t0) / 1000).toFixed(2)}s.\n`);
        return 0;
      });
    case 'run':
      return npmRun(host, args);
    case 'test': case 'start':
      return npmRun(host, [cmd, ...args]);
    case 'init':
      return npmInit(host, ['-y']);
    case 'list': case 'ls':
      return npmLs(host, args);
    case '--version': case '-v':
      host.stdout('1.22.22\n');
      return 0;
    default: {
      const pkg = readPackageJson(host, host.cwd)?.pkg;
      if (pkg?.scripts?.[cmd] !== undefined) return npmRun(host, [cmd, ...args]);
      host.stderr(`error Command "${cmd}" not found.\n`);
      return 1;
    }
  }
}
