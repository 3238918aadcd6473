/**
 * Which program runs for a command name. Each entry loads its implementation
 * lazily, so a process worker only evaluates the code its command needs.
 */
import type { ProcessContext } from '../process-context.js';
import { UTILITY_NAMES } from '../../shell/utilities/names.js';

export type CommandRunner = (proc: ProcessContext) => void | Promise<void>;

const shell = () => import('./shell-command.js').then((m) => m.runShellCommand);

const loaders: Record<string, () => Promise<CommandRunner>> = {
  node: () => import('./node-command.js').then((m) => m.runNodeCommand),
  sh: shell,
  bash: shell,
  dash: shell,
  npm: () => import('./npm-command.js').then((m) => m.runNpmCommand),
  npx: () => import('./npm-command.js').then((m) => m.runNpmCommand),
  pnpm: () => import('./npm-command.js').then((m) => m.runNpmCommand),
  yarn: () => import('./npm-command.js').then((m) => m.runNpmCommand),
};

/** The shell's utilities also run by name (`spawn('ls', ['-l'])`), through the shell. */
for (const name of UTILITY_NAMES) loaders[name] = shell;

/** Preloads the code of the commands every session uses, in an idle pooled worker. */
export function preloadCommon(): void {
  void loaders.node?.().catch(() => {});
  void loaders.sh?.().catch(() => {});
}

export function findCommand(name: string): (() => Promise<CommandRunner>) | undefined {
  return Object.hasOwn(loaders, name) ? loaders[name] : undefined;
}

export function commandNames(): string[] {
  return Object.keys(loaders);
}
