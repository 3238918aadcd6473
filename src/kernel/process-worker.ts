/**
 * Entry of a process worker. It announces itself ready as soon as it is
 * evaluated (the pool keeps it warm), then waits for exactly one `start`:
 * one worker, one process, one crash boundary.
 */
import { ProcessContext } from './process-context.js';
import { findCommand, preloadCommon } from './commands/registry.js';
import { resolveCommand } from './commands/resolve-command.js';
import { hostCommandRunner } from './commands/host-command.js';
import type { ControlToKernel, ControlToProcess } from './protocol.js';

const scope = self as unknown as DedicatedWorkerGlobalScope;
let proc: ProcessContext | undefined;

function control(msg: ControlToKernel, transfer: Transferable[] = []): void {
  scope.postMessage(msg, transfer);
}

scope.onmessage = (e: MessageEvent<ControlToProcess>) => {
  const msg = e.data;
  if (msg.type === 'start') {
    if (proc) return;
    proc = new ProcessContext(msg, control);
    void start(proc);
  } else proc?.onControl(msg);
};

async function start(p: ProcessContext): Promise<void> {
  const resolved = resolveCommand(p.argv, { cwd: p.cwd, env: p.env, vfs: p.fs?.vfs, isProgram: (name) => isProgram(name, p) });
  if (resolved.kind !== 'program') {
    const text = resolved.kind === 'not-found' ? `${resolved.name}: command not found\n` : `${resolved.path}: Permission denied\n`;
    p.writeStderr(new TextEncoder().encode(text));
    p.exit(resolved.kind === 'not-found' ? 127 : 126);
    return;
  }
  const name = resolved.name;
  p.argv.splice(0, p.argv.length, ...resolved.argv);
  try {
    const load = p.hostCommands.has(name) ? hostCommandRunner : findCommand(name);
    const run = await load!();
    await run(p);
  } catch (err) {
    p.writeStderr(new TextEncoder().encode(`verklet: ${name}: ${(err as Error)?.stack ?? String(err)}\n`));
    p.exit(1);
  }
}

function isProgram(name: string, p: ProcessContext): boolean {
  return !!findCommand(name) || p.hostCommands.has(name);
}

preloadCommon();
control({ type: 'ready' });
