/**
 * Module aliases every bundle that includes the Node host must apply, so npm
 * polyfills share the host's implementations: readable-stream's `process/`
 * must be the host's tick queue and its `events` Node 24's EventEmitter.
 * Paths are relative to the repository root.
 */
export const NODE_HOST_ALIASES: Record<string, string> = {
  process: 'src/node/internal/process-shim.ts',
  'process/': 'src/node/internal/process-shim.ts',
  events: 'src/node/events.ts',
};
