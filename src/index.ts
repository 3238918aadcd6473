/**
 * `@verklet/sdk`: the public contract of API.md, by name. Internals are never
 * re-exported from here.
 */
export { Runtime } from './runtime/runtime.js';
export type {
  Backend,
  BootOptions,
  Capabilities,
  CommandHandler,
  Diagnostic,
  FileSystemTree,
  RuntimeDirent,
  RuntimeEvents,
  RuntimeFS,
  RuntimeProcess,
  RuntimeStats,
  ServerRuntimeGrant,
  ServerRuntimeGrantRequest,
  Signal,
  SpawnOptions,
} from './runtime/types.js';
