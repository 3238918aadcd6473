/**
 * The public types of the SDK, exactly as written in API.md (the contract users
 * and demo pages program against). Only optional, compatible additions here.
 */

export type Backend = 'auto' | 'browser' | 'server';

export interface ServerRuntimeGrantRequest {
  action: 'create_session' | 'delete_persistence';
  projectId: string;
  runtimeId?: string;
  workspaceKey: string;
  persistenceKey?: string;
  browserInstallationId: string;
}

export interface ServerRuntimeGrant {
  brokerToken: string;
  brokerUrl?: string;
  expiresAt?: string;
}

export type GrantSource =
  | ServerRuntimeGrant
  | string
  | ((req: ServerRuntimeGrantRequest) => Promise<ServerRuntimeGrant>);

export interface BootOptions {
  projectId?: string;
  backend?: Backend;
  persistenceKey?: string;
  persistence?: { onConflict?: 'inherit' | 'fork' | 'readonly' };
  workdir?: string;
  env?: Record<string, string>;
  registry?: string;
  serviceWorker?: boolean | { url?: string; scope?: string };
  previewOrigin?: string;
  /** Preview behaviour (a Verklet addition to API.md): how long to wait for a response head. */
  preview?: { timeoutMs?: number };
  python?: { indexURL?: string; packageBaseURL?: string; pipIndexURL?: string };
  /** The in-memory filesystem (a Verklet addition to API.md): `quota` is the bytes it may hold before writes fail with ENOSPC (default 1 GiB). */
  fs?: { quota?: number };
  server?: {
    grant?: GrantSource;
    brokerUrl?: string;
    prepare?: string[][];
    replayInstalls?: boolean;
    workspaceKey?: string;
  };
}

export interface SpawnOptions {
  cwd?: string;
  env?: Record<string, string>;
  terminal?: { cols: number; rows: number };
}

export type Signal = 'SIGINT' | 'SIGTERM' | 'SIGKILL';

export interface RuntimeProcess {
  readonly pid: number;
  readonly output: ReadableStream<string>;
  readonly stdout: ReadableStream<string>;
  readonly stderr: ReadableStream<string>;
  readonly input: WritableStream<string>;
  readonly exit: Promise<number>;
  kill(signal?: Signal): void;
  resize(size: { cols: number; rows: number }): void;
}

export type FileSystemTree = {
  [name: string]:
    | { file: { contents: string | Uint8Array } }
    | { file: { symlink: string } }
    | { directory: FileSystemTree };
};

export interface RuntimeDirent {
  name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface RuntimeStats {
  size: number;
  mtimeMs: number;
  mode: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface RuntimeFS {
  readFile(path: string): Promise<Uint8Array>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  readdir(path: string): Promise<string[]>;
  readdir(path: string, options: { withFileTypes: true }): Promise<RuntimeDirent[]>;
  stat(path: string): Promise<RuntimeStats>;
  mkdir(path: string, options?: { recursive?: boolean }): Promise<void>;
  rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  watch(
    path: string,
    options: { recursive?: boolean },
    listener: (event: 'rename' | 'change', filename: string) => void,
  ): () => void;
}

export interface Capabilities {
  backend: 'browser' | 'server';
  python: 'pyodide' | 'system' | false;
  opfs: boolean;
  sharedMemory: boolean;
  serviceWorker: boolean;
  linux: boolean;
  nativePackages: boolean;
  checkpoints: boolean;
  persistentFilesystem: 'opfs' | 'indexeddb' | 'memory' | 'server';
}

export interface Diagnostic {
  level: 'info' | 'warn' | 'error';
  code: string;
  message: string;
  detail?: unknown;
}

export interface RuntimeEvents {
  'server-ready': (port: number, url: string) => void;
  port: (port: number, type: 'open' | 'close', url: string) => void;
  diagnostic: (d: Diagnostic) => void;
  promotion: (p: { phase: 'start' | 'done' | 'failed'; reason: string; command?: string[]; error?: string }) => void;
  'backend-change': (backend: 'browser' | 'server') => void;
  'preview-message': (m: { port: number; type: 'console' | 'error'; level?: string; message: string }) => void;
  error: (e: { message: string }) => void;
}

export type CommandHandler = (ctx: {
  args: string[];
  cwd: string;
  env: Record<string, string>;
  stdin: ReadableStream<string>;
  stdout: WritableStream<string>;
  stderr: WritableStream<string>;
  fs: RuntimeFS;
  signal: AbortSignal;
}) => Promise<number>;
