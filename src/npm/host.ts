/**
 * What the installer needs from the process it runs in. In the browser a
 * Verklet process worker provides it (the synchronous VFS, `fetch`, OPFS for
 * the tarball cache, the runtime for lifecycle scripts); in Node tests it is
 * made of `node:fs`, the global `fetch` and a cache folder. The installer
 * imports no `node:` module: everything outside pure computation goes through
 * this interface.
 */

/** A `Stats`-like object: only what the installer reads. */
export interface InstallerStats {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  mode: number;
}

/**
 * The subset of Node's synchronous fs API the installer uses. Errors must
 * carry Node's `code` (`ENOENT`, `EEXIST`, `ENOTDIR`, …).
 */
export interface InstallerFs {
  readFileSync(path: string): Uint8Array;
  readFileSync(path: string, encoding: 'utf8'): string;
  writeFileSync(path: string, data: string | Uint8Array, options?: { mode?: number }): void;
  mkdirSync(path: string, options?: { recursive?: boolean }): unknown;
  rmSync(path: string, options?: { recursive?: boolean; force?: boolean }): void;
  renameSync(from: string, to: string): void;
  symlinkSync(target: string, path: string): void;
  readdirSync(path: string): string[];
  statSync(path: string): InstallerStats;
  lstatSync(path: string): InstallerStats;
  existsSync(path: string): boolean;
  chmodSync(path: string, mode: number): void;
  readlinkSync(path: string): string;
}

/** A content-addressed tarball store keyed by SRI integrity (`sha512-…`). */
export interface TarballCache {
  get(integrity: string): Promise<Uint8Array | undefined>;
  put(integrity: string, bytes: Uint8Array): Promise<void>;
}

/** A lifecycle or `npm run` script to run. */
export interface ScriptRequest {
  /** Directory the script runs in (the package's folder). */
  cwd: string;
  /** The shell command line from package.json `scripts`. */
  command: string;
  /** The lifecycle event (`postinstall`, `test`, …). */
  event: string;
  /** The full environment for the script (host env + npm_* + PATH). */
  env: Record<string, string>;
}

export interface InstallerHost {
  fs: InstallerFs;
  fetch: typeof fetch;
  cache: TarballCache;
  /** Runs a script with the runtime's shell; resolves to its exit code. Without it, scripts are skipped with a warning. */
  runScript?(request: ScriptRequest): Promise<number>;
  /**
   * Decompresses gzip, throwing once more than `limit` bytes come out.
   * Defaults to `DecompressionStream('gzip')`.
   */
  gunzip?(bytes: Uint8Array, limit: number): Promise<Uint8Array>;
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string>;
  /** Absolute path of the project (where package.json is). */
  cwd: string;
  /** The runtime's `registry` option (or `<verklet-runtime registry>`), used when no .npmrc names one. */
  registry?: string;
  /** `process.platform` / `process.arch` the packages will run under, for `os`/`cpu` filters. Default 'linux' / 'x64'. */
  platform?: string;
  arch?: string;
  /** Milliseconds clock for the "in 1s" summaries. Default `Date.now`. */
  now?(): number;
}
