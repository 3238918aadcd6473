/**
 * A command the host page registered with `runtime.registerCommand`: this
 * process hands its stdio to the page, where the handler runs, and exits with
 * the handler's code.
 */
import type { CommandRunner } from './registry.js';
import type { ProcessContext } from '../process-context.js';
import type { IoFromProcess } from '../protocol.js';

export const hostCommandRunner = async (): Promise<CommandRunner> => (proc: ProcessContext) =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (e: MessageEvent<IoFromProcess>) => {
      const m = e.data;
      if (m.type === 'stdout') proc.writeStdout(m.data);
      else if (m.type === 'stderr') proc.writeStderr(m.data);
      else if (m.type === 'exit') {
        channel.port1.close();
        proc.exit(m.code);
        resolve();
      }
    };
    proc.readStdin((chunk) => channel.port1.postMessage(chunk ? { type: 'stdin', data: chunk } : { type: 'stdin-end' }));
    const name = proc.argv[0]!.slice(proc.argv[0]!.lastIndexOf('/') + 1); // run as /usr/bin/NAME too
    proc.hostCommand(name, proc.argv.slice(1), proc.cwd, proc.env, channel.port2);
  });
