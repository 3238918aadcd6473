/**
 * The seam between the shell and whatever hosts it. The shell runs inside a
 * Verklet process (a Web Worker), so it never touches `node:` modules or Node
 * globals: every file, process and clock it needs arrives through a
 * {@link ShellSystem}. Tests supply one backed by real `node:fs`; the kernel
 * supplies one backed by the VFS.
 */

/** The subset of `fs.Stats` the shell and its utilities read. */
export interface ShellStats {
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
  size: number;
  /** Full st_mode (type bits and permission bits). */
  mode: number;
  mtimeMs: number;
  nlink?: number;
  uid?: number;
  gid?: number;
  ino?: number;
}

/** An entry of `readdirSync(p, { withFileTypes: true })`. */
export interface ShellDirent {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

/**
 * A subset of Node's synchronous fs API with the same names and semantics.
 * Failures throw an Error whose `.code` is the errno name ('ENOENT', 'EEXIST',
 * 'ENOTDIR', 'EISDIR', 'ENOTEMPTY', 'EACCES', ...). Paths are absolute.
 */
export interface ShellFs {
  statSync(p: string): ShellStats;
  lstatSync(p: string): ShellStats;
  readFileSync(p: string): Uint8Array;
  writeFileSync(p: string, data: Uint8Array | string, opts?: { flag?: string }): void;
  appendFileSync(p: string, data: Uint8Array | string): void;
  readdirSync(p: string, opts: { withFileTypes: true }): ShellDirent[];
  mkdirSync(p: string, opts?: { recursive?: boolean }): unknown;
  rmSync(p: string, opts?: { recursive?: boolean; force?: boolean }): void;
  rmdirSync(p: string): void;
  unlinkSync(p: string): void;
  renameSync(from: string, to: string): void;
  copyFileSync(from: string, to: string): void;
  symlinkSync(target: string, p: string): void;
  readlinkSync(p: string): string;
  existsSync(p: string): boolean;
  chmodSync(p: string, mode: number): void;
  utimesSync(p: string, atime: Date | number, mtime: Date | number): void;
  realpathSync(p: string): string;
}

/** A byte source. `read()` resolves to `null` at end of input. */
export interface ShellStream {
  read(): Promise<Uint8Array | null>;
  /** True when this is a terminal (e.g. `read` prompts, `ls` columns). */
  isTTY?: boolean;
  /** Byte size when the stream reads a regular file (`< file`); `wc` sizes its columns by it. */
  size?: number;
}

/** A byte sink. The promise returned by `write` is the backpressure. */
export interface ShellSink {
  write(chunk: Uint8Array): Promise<void>;
  /** True when this is a terminal: `ls` then prints columns. */
  isTTY?: boolean;
  /** Terminal width when `isTTY`. */
  columns?: number;
}

/** What the shell hands to `spawn` for an external command. */
export interface ShellSpawnOptions {
  cwd: string;
  env: Record<string, string>;
  stdin: ShellStream;
  stdout: ShellSink;
  stderr: ShellSink;
  signal: AbortSignal;
}

/** A process as `ps` lists it. */
export interface ShellProcessInfo {
  pid: number;
  command: string;
}

/** Everything the shell needs from its host. */
export interface ShellSystem {
  fs: ShellFs;
  /**
   * Runs a command the shell doesn't implement itself (node, npm, python, …).
   * Resolves to the exit status; 127 when the command is unknown (the shell
   * prints the `not found` message only when `hasCommand` said no).
   */
  spawn(argv: string[], opts: ShellSpawnOptions): Promise<number>;
  /** Whether `spawn` knows a command name (for `which`, `command -v`, PATH lookup). */
  hasCommand(name: string): boolean;
  /** Milliseconds since the epoch; defaults to `Date.now()`. */
  now?(): number;
  /** The shell's own process id (`$$`); defaults to 1. */
  pid?: number;
  /** Optional hook for `kill PID`: returns false when no such process. */
  kill?(pid: number, signal: string): boolean;
  /** Optional hook for `ps`. */
  ps?(): ShellProcessInfo[];
  /** Optional hook for `history`: the lines entered so far, oldest first. */
  history?(): string[];
}

/** The arguments of {@link runShell}. */
export interface ShellContext {
  system: ShellSystem;
  cwd: string;
  env: Record<string, string>;
  stdin: ShellStream;
  stdout: ShellSink;
  stderr: ShellSink;
  /** Aborting it stops the shell (exit status 130). */
  signal?: AbortSignal;
}
