/**
 * Entry of a process worker. It announces itself ready as soon as it is
 * evaluated (the pool keeps it warm), then waits for exactly one `start`:
 * one worker, one process, one crash boundary.
 */
import { ProcessContext } from './process-context.js';
import { findCommand, preloadCommon } from './commands/registry.js';
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
  const name = p.argv[0] ?? '';
  const load = findCommand(name);
  if (!load) {
    p.writeStderr(new TextEncoder().encode(`${name}: command not found\n`));
    p.exit(127);
    return;
  }
  try {
    const run = await load();
    await run(p);
  } catch (err) {
    p.writeStderr(new TextEncoder().encode(`verklet: ${name}: ${(err as Error)?.stack ?? String(err)}\n`));
    p.exit(1);
  }
}

preloadCommon();
control({ type: 'ready' });
