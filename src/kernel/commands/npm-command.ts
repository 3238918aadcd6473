/**
 * `npm`, `npx`, `pnpm` and `yarn` as processes: the installer library
 * (src/npm) over an InstallerHost made of this process — node:fs over the
 * process's VFS, the worker's `fetch`, the OPFS tarball cache, stdio, cwd and
 * env — with lifecycle and `npm run` scripts run as `sh -c` child processes
 * through the kernel. `npx`/`npm exec` run a bin from node_modules/.bin, or
 * install the package into `$HOME/.npm/_npx/<hash>` first.
 *
 * The registry is the project's `.npmrc`, else `npm_config_registry` (which
 * the runtime sets from its `registry` boot option; here it ranks below
 * .npmrc files so a project can name its own), else `--registry`.
 */
import { createFs } from '../../node/fs.js';
import { runNpmCli, runPnpmCli, runYarnCli } from '../../npm/cli.js';
import { install } from '../../npm/install.js';
import { formatNpmError, NpmError } from '../../npm/npm-error.js';
import { browserTarballCache } from '../../npm/browser-cache.js';
import type { InstallerFs, InstallerHost, ScriptRequest } from '../../npm/host.js';
import type { ProcessContext } from '../process-context.js';
import type { IoFromProcess, IoToProcess } from '../protocol.js';

const encoder = new TextEncoder();

interface Child {
  pid: number;
  port: MessagePort;
}

/** The process side shared by every tool: stdio, children, signals. */
class ProcessIo {
  #child: Child | undefined;
  #stdinEnded = false;
  #signalled: string | undefined;

  constructor(readonly proc: ProcessContext) {
    proc.readStdin((chunk) => {
      if (chunk === null) this.#stdinEnded = true;
      const port = this.#child?.port;
      if (!port) return;
      port.postMessage((chunk ? { type: 'stdin', data: chunk } : { type: 'stdin-end' }) satisfies IoToProcess);
    });
    proc.setSignalListener('SIGINT', true);
    proc.setSignalListener('SIGTERM', true);
    proc.onSignal = (signal) => {
      if (signal === 'SIGWINCH') return;
      this.#signalled = signal;
      if (this.#child) proc.kill(this.#child.pid, signal);
      else proc.exit(128 + (signal === 'SIGINT' ? 2 : 15));
    };
  }

  get signalled(): string | undefined {
    return this.#signalled;
  }

  stdout = (text: string) => {
    if (text) this.proc.writeStdout(encoder.encode(text));
  };

  stderr = (text: string) => {
    if (text) this.proc.writeStderr(encoder.encode(text));
  };

  /** Runs argv as a child process with our stdio; resolves to its exit code (127 when it cannot start). */
  async run(argv: string[], opts: { cwd: string; env: Record<string, string> }): Promise<number> {
    if (this.#signalled) return 128 + (this.#signalled === 'SIGINT' ? 2 : 15);
    const channel = new MessageChannel();
    const port = channel.port1;
    let writes = Promise.resolve();
    const output = new Promise<void>((resolve) => {
      port.onmessage = (e: MessageEvent<IoFromProcess>) => {
        const m = e.data;
        if (m.type === 'stdout' || m.type === 'stderr') {
          const bytes = m.data.length;
          if (m.type === 'stdout') this.proc.writeStdout(m.data);
          else this.proc.writeStderr(m.data);
          writes = writes
            .then(() => this.proc.drained())
            .then(() => port.postMessage({ type: 'ack', bytes } satisfies IoToProcess));
        } else if (m.type === 'exit') resolve();
      };
    });
    let child;
    try {
      child = await this.proc.spawn(argv, { env: opts.env, cwd: opts.cwd, terminal: this.proc.terminal }, channel.port2);
    } catch (err) {
      this.stderr(`${argv[0]}: ${(err as Error).message}\n`);
      port.close();
      return 127;
    }
    this.#child = { pid: child.pid, port };
    if (this.#stdinEnded) port.postMessage({ type: 'stdin-end' } satisfies IoToProcess);
    const { code } = await child.exit;
    // A killed child never sends its own exit on the port.
    await Promise.race([output, new Promise((r) => setTimeout(r, 50))]);
    await writes;
    this.#child = undefined;
    port.close();
    return code;
  }
}

function makeFs(proc: ProcessContext, cwd: string): InstallerFs {
  return createFs({
    vfs: proc.fs!.vfs,
    changed: () => proc.fs!.changed(),
    cwd: () => cwd,
    umask: () => 0o22,
  }) as InstallerFs;
}

/** Native-build warnings from the installer also go out as runtime `diagnostic` events. */
const NATIVE_LINE = /npm warn native (\S+?)@(\S+) needs a native build \(([^)]*)\)/g;

function postDiagnostic(d: { level: 'info' | 'warn' | 'error'; code: string; message: string; detail?: unknown }): void {
  // The control channel to the kernel is this worker's own postMessage; a
  // kernel that knows `diagnostic` forwards it as a runtime event.
  try {
    (self as unknown as { postMessage(m: unknown): void }).postMessage({ type: 'diagnostic', ...d });
  } catch {
    // Not in a worker.
  }
}

function hostFor(proc: ProcessContext, io: ProcessIo, cwd: string): InstallerHost {
  const registry = proc.env.npm_config_registry || undefined;
  // npm_config_registry is the runtime's default: it ranks below .npmrc, so it
  // goes in as `registry`, not through the env the config reads.
  const configEnv = { ...proc.env };
  delete configEnv.npm_config_registry;
  return {
    fs: makeFs(proc, cwd),
    fetch: (input, init) => globalThis.fetch(input, init),
    cache: browserTarballCache(),
    stdout: io.stdout,
    stderr: (text) => {
      io.stderr(text);
      for (const m of text.matchAll(NATIVE_LINE)) {
        postDiagnostic({
          level: 'warn',
          code: 'ENATIVEBUILD',
          message: `${m[1]}@${m[2]} needs a native build (${m[3]}); it cannot be built in the browser, so its install scripts were skipped`,
          detail: { name: m[1], version: m[2], reason: m[3] },
        });
      }
    },
    env: configEnv,
    cwd,
    ...(registry ? { registry } : {}),
    platform: 'linux',
    arch: 'x64',
    runScript: (req: ScriptRequest) => {
      const env = { ...req.env };
      if (registry && env.npm_config_registry === undefined) env.npm_config_registry = registry;
      return io.run(['sh', '-c', req.command], { cwd: req.cwd, env });
    },
  };
}

export async function runNpmCommand(proc: ProcessContext): Promise<void> {
  const io = new ProcessIo(proc);
  const [name = 'npm', ...args] = proc.argv;
  const tool = name.slice(name.lastIndexOf('/') + 1);
  let code: number;
  try {
    if (!proc.fs) throw new Error('this runtime has no filesystem');
    const cwd = proc.cwd.replace(/(.)\/$/, '$1');
    const host = hostFor(proc, io, cwd);
    if (tool === 'npx') code = await npx(proc, io, host, args);
    else if (tool === 'npm' && (args[0] === 'exec' || args[0] === 'x')) code = await npx(proc, io, host, args.slice(1));
    else if (tool === 'pnpm' && args[0] === 'dlx') code = await npx(proc, io, host, ['--yes', ...args.slice(1)]);
    else if (tool === 'pnpm' && args[0] === 'exec') code = await npx(proc, io, host, ['--no-install', ...args.slice(1)]);
    else if (tool === 'yarn' && args[0] === 'dlx') code = await npx(proc, io, host, ['--yes', ...args.slice(1)]);
    else if (tool === 'pnpm') code = await runPnpmCli(args, host);
    else if (tool === 'yarn') code = await runYarnCli(args, host);
    else code = await runNpmCli(args, host);
  } catch (err) {
    io.stderr(formatNpmError(err));
    code = 1;
  }
  if (io.signalled && code === 0) code = 128 + (io.signalled === 'SIGINT' ? 2 : 15);
  await proc.drained();
  proc.exit(code);
}

// ---------------------------------------------------------------- npx

async function shortHash(text: string): Promise<string> {
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-512', encoder.encode(text)));
  return Array.from(hash.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** node_modules/.bin folders from `dir` up to `/`. */
function binDirs(dir: string): string[] {
  const out: string[] = [];
  let d = dir;
  for (;;) {
    out.push(`${d === '/' ? '' : d}/node_modules/.bin`);
    if (d === '/' || !d) break;
    d = d.slice(0, d.lastIndexOf('/')) || '/';
  }
  return out;
}

/** The name in a package spec (`prettier@3`, `@scope/x@^1`, `alias@npm:y`). */
function specName(spec: string): string {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  return at < 0 ? spec : spec.slice(0, at);
}

/** `npx [-y] [-p spec]… [-c cmd] <command> [args…]` (also `npm exec`). */
async function npx(proc: ProcessContext, io: ProcessIo, host: InstallerHost, argv: string[]): Promise<number> {
  const packages: string[] = [];
  let call: string | undefined;
  let noInstall = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') { i++; break; }
    if (a === '-y' || a === '--yes') continue;
    if (a === '--no' || a === '--no-install' || a === '--yes=false') { noInstall = true; continue; }
    if (a === '-q' || a === '--quiet' || a === '--silent') continue;
    if (a === '-p' || a === '--package') { packages.push(argv[++i] ?? ''); continue; }
    if (a.startsWith('--package=')) { packages.push(a.slice(10)); continue; }
    if (a === '-c' || a === '--call') { call = argv[++i] ?? ''; continue; }
    if (a.startsWith('--call=')) { call = a.slice(7); continue; }
    if (a.startsWith('--registry=')) continue;
    if (a === '--registry') { i++; continue; }
    if (!a.startsWith('-')) break;
  }
  const rest = argv.slice(i);
  const cmd = call === undefined ? rest[0] : undefined;
  const cmdArgs = call === undefined ? rest.slice(1) : [];
  if (call === undefined && !cmd) {
    io.stderr('npm error could not determine executable to run\n');
    return 1;
  }
  const fs = host.fs;
  const local = binDirs(host.cwd);
  const env = { ...proc.env };
  const run = (bins: string[]) => {
    const runEnv = { ...env, PATH: [...bins, env.PATH].filter(Boolean).join(':') };
    return call !== undefined ? io.run(['sh', '-c', call], { cwd: host.cwd, env: runEnv }) : io.run([cmd!, ...cmdArgs], { cwd: host.cwd, env: runEnv });
  };
  // A bin of the project (or an ancestor), or a path, runs as is.
  if (!packages.length && cmd && (cmd.startsWith('.') || cmd.startsWith('/'))) return run(local);
  if (!packages.length && cmd && !cmd.includes('@', 1) && local.some((d) => fs.existsSync(`${d}/${cmd}`))) return run(local);
  if (!packages.length && call !== undefined) return run(local);
  const specs = packages.length ? packages : [cmd!];
  if (noInstall) {
    io.stderr(`npm error npx canceled due to missing packages and no YES option: ${JSON.stringify(specs)}\n`);
    return 1;
  }
  const home = (env.HOME || '/tmp').replace(/\/$/, '');
  const dir = `${home}/.npm/_npx/${await shortHash(specs.slice().sort().join('\n'))}`;
  const names = specs.map(specName);
  const installed = names.every((n) => fs.existsSync(`${dir}/node_modules/${n}/package.json`));
  if (!installed) {
    fs.mkdirSync(dir, { recursive: true });
    if (!fs.existsSync(`${dir}/package.json`)) fs.writeFileSync(`${dir}/package.json`, '{}\n');
    // The project's registry settings (scopes, tokens) apply to what npx installs for it.
    try { fs.writeFileSync(`${dir}/.npmrc`, fs.readFileSync(`${host.cwd}/.npmrc`, 'utf8')); } catch { fs.rmSync(`${dir}/.npmrc`, { force: true }); }
    io.stderr(`npm warn exec The following package${specs.length === 1 ? ' was' : 's were'} not found and will be installed: ${specs.join(', ')}\n`);
    const quiet: InstallerHost = { ...host, cwd: dir, stdout: () => {} };
    try {
      await install(quiet, { add: specs, save: true });
    } catch (err) {
      io.stderr(formatNpmError(err));
      return err instanceof NpmError ? err.exitCode : 1;
    }
  }
  let bin = cmd;
  if (!packages.length) {
    // The package's own bin: its only one, else the one named like the package.
    const pkgName = names[0]!;
    let pkg: { name?: string; bin?: string | Record<string, string> } = {};
    try { pkg = JSON.parse(fs.readFileSync(`${dir}/node_modules/${pkgName}/package.json`, 'utf8')); } catch { /* checked below */ }
    const base = pkgName.startsWith('@') ? pkgName.slice(pkgName.indexOf('/') + 1) : pkgName;
    const bins = typeof pkg.bin === 'string' ? [base] : Object.keys(pkg.bin ?? {});
    bin = bins.length === 1 ? bins[0] : bins.includes(base) ? base : undefined;
    if (!bin) {
      io.stderr('npm error could not determine executable to run\n');
      return 1;
    }
  }
  const cacheBins = [`${dir}/node_modules/.bin`, ...local];
  const runEnv = { ...env, PATH: [...cacheBins, env.PATH].filter(Boolean).join(':') };
  if (call !== undefined) return io.run(['sh', '-c', call], { cwd: host.cwd, env: runEnv });
  return io.run([bin!, ...cmdArgs], { cwd: host.cwd, env: runEnv });
}

