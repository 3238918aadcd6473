/**
 * Which program runs for a command name. Each entry loads its implementation
 * lazily, so a process worker only evaluates the code its command needs.
 */
import type { ProcessContext } from '../process-context.js';

export type CommandRunner = (proc: ProcessContext) => void | Promise<void>;

const loaders: Record<string, () => Promise<CommandRunner>> = {
  node: () => import('./node-command.js').then((m) => m.runNodeCommand),
};

/** Preloads the code of the commands every session uses, in an idle pooled worker. */
export function preloadCommon(): void {
  void loaders.node?.().catch(() => {});
}

export function findCommand(name: string): (() => Promise<CommandRunner>) | undefined {
  return Object.hasOwn(loaders, name) ? loaders[name] : undefined;
}

export function commandNames(): string[] {
  return Object.keys(loaders);
}
