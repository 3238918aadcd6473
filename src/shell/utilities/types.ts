/**
 * The contract between the shell and an in-process utility (ls, cat, …):
 * an async function over the injected fs and the command's streams.
 */
import type { ShellFs, ShellSink, ShellStream, ShellSystem } from '../shell-system.js';

/** What a utility is given. */
export interface UtilityContext {
  /** argv[0] is the utility's name. */
  argv: string[];
  system: ShellSystem;
  fs: ShellFs;
  /** Absolute working directory. */
  cwd: string;
  env: Record<string, string>;
  stdin: ShellStream;
  stdout: ShellSink;
  stderr: ShellSink;
  signal: AbortSignal;
  /** Runs another command (for xargs, env, find -exec); builtins and utilities included. */
  exec(argv: string[], opts?: { stdin?: ShellStream; stdout?: ShellSink; env?: Record<string, string>; silentNotFound?: boolean }): Promise<number>;
}

/** A utility: resolves to its exit status. */
export type Utility = (ctx: UtilityContext) => Promise<number>;
