/**
 * Shared helpers for the element tests: the built elements (dist/, what users
 * load), fixtures, event waits, and a fake runtime with an in-memory
 * filesystem so files/preview behaviour is testable before the real fs and
 * previews land (the real ones are tested too, behind capability checks).
 */
import '../../dist/elements.js';
export { Runtime } from '../../dist/index.js';
export type { Runtime as RuntimeType } from '../../dist/index.js';
import type { RuntimeDirent, RuntimeEvents, RuntimeFS, RuntimeProcess, RuntimeStats } from '../../dist/types/index.js';

export const MODE: 'isolated' | 'plain' = (globalThis as { VERKLET_TEST_MODE?: 'isolated' | 'plain' }).VERKLET_TEST_MODE ?? 'plain';

const mounted: Element[] = [];

/** Parses `markup` into a container attached to the body; removed by `cleanup()`. */
export function fixture<T extends Element = HTMLElement>(markup: string): T {
  const host = document.createElement('div');
  host.innerHTML = markup;
  document.body.append(host);
  mounted.push(host);
  return host.firstElementChild as T;
}

/** Removes every fixture (runtimes inside are torn down by their elements). */
export async function cleanup(): Promise<void> {
  for (const el of mounted.splice(0)) el.remove();
  await new Promise((r) => setTimeout(r, 10));
}

/** Resolves with the next `type` event on `target`, or rejects after `ms`. */
export function nextEvent<E extends Event = Event>(target: EventTarget, type: string, ms = 20_000): Promise<E> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within ${ms} ms`)), ms);
    target.addEventListener(
      type,
      (e) => {
        clearTimeout(timer);
        resolve(e as E);
      },
      { once: true },
    );
  });
}

/** Polls `fn` until it returns a truthy value. */
export async function until<T>(fn: () => T | Promise<T>, what = 'condition', ms = 10_000): Promise<NonNullable<T>> {
  const end = performance.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v as NonNullable<T>;
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The shadow root of an element. */
export function shadow(el: Element): ShadowRoot {
  return el.shadowRoot!;
}

/** Dispatches a keydown like a user's key press on `target`. */
export function key(target: Element, k: string, init: KeyboardEventInit = {}): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true, ...init }));
}

/** Whether the real runtime has a filesystem yet (it throws "not available yet" until it lands). */
export function hasFs(rt: { fs: RuntimeFS }): boolean {
  try {
    return !!rt.fs;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// An in-memory RuntimeFS (enough of Node's semantics for the element).

type Node = { kind: 'file'; data: string; mtimeMs: number } | { kind: 'dir'; children: Map<string, Node>; mtimeMs: number };

function errno(code: string, syscall: string, path: string): Error {
  const e = new Error(`${code}: ${syscall} '${path}'`) as Error & { code: string; syscall: string; path: string };
  e.code = code;
  e.syscall = syscall;
  e.path = path;
  return e;
}

export class MemoryFS implements RuntimeFS {
  root: Node = { kind: 'dir', children: new Map(), mtimeMs: Date.now() };
  readonly calls: string[] = [];
  #watchers = new Set<{ path: string; fn: (e: 'rename' | 'change', f: string) => void }>();

  constructor(files: Record<string, string> = {}) {
    for (const [p, c] of Object.entries(files)) this.put(p, c);
  }

  put(path: string, contents: string): void {
    const parts = path.split('/').filter(Boolean);
    let dir = this.root as Extract<Node, { kind: 'dir' }>;
    for (const name of parts.slice(0, -1)) {
      let next = dir.children.get(name);
      if (!next) dir.children.set(name, (next = { kind: 'dir', children: new Map(), mtimeMs: Date.now() }));
      dir = next as Extract<Node, { kind: 'dir' }>;
    }
    const last = parts[parts.length - 1]!;
    if (path.endsWith('/')) dir.children.set(last, dir.children.get(last) ?? { kind: 'dir', children: new Map(), mtimeMs: Date.now() });
    else dir.children.set(last, { kind: 'file', data: contents, mtimeMs: Date.now() });
  }

  #get(path: string): Node | undefined {
    let node: Node | undefined = this.root;
    for (const name of path.split('/').filter(Boolean)) {
      if (!node || node.kind !== 'dir') return undefined;
      node = node.children.get(name);
    }
    return node;
  }

  #parent(path: string, syscall: string): [Extract<Node, { kind: 'dir' }>, string] {
    const i = path.lastIndexOf('/');
    const dir = this.#get(path.slice(0, i) || '/');
    if (!dir || dir.kind !== 'dir') throw errno('ENOENT', syscall, path);
    return [dir, path.slice(i + 1)];
  }

  #notify(event: 'rename' | 'change', path: string): void {
    for (const w of this.#watchers) if (path.startsWith(`${w.path}/`)) queueMicrotask(() => w.fn(event, path.slice(w.path.length + 1)));
  }

  readFile(path: string): Promise<Uint8Array>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  async readFile(path: string, encoding?: 'utf8'): Promise<string | Uint8Array> {
    this.calls.push(`readFile ${path}`);
    const n = this.#get(path);
    if (!n) throw errno('ENOENT', 'open', path);
    if (n.kind === 'dir') throw errno('EISDIR', 'read', path);
    return encoding ? n.data : new TextEncoder().encode(n.data);
  }
  async writeFile(path: string, data: string | Uint8Array): Promise<void> {
    this.calls.push(`writeFile ${path}`);
    const [dir, name] = this.#parent(path, 'open');
    const existed = dir.children.has(name);
    dir.children.set(name, { kind: 'file', data: typeof data === 'string' ? data : new TextDecoder().decode(data), mtimeMs: Date.now() });
    this.#notify(existed ? 'change' : 'rename', path);
  }
  readdir(path: string): Promise<string[]>;
  readdir(path: string, options: { withFileTypes: true }): Promise<RuntimeDirent[]>;
  async readdir(path: string, options?: { withFileTypes: true }): Promise<string[] | RuntimeDirent[]> {
    this.calls.push(`readdir ${path}`);
    const n = this.#get(path);
    if (!n) throw errno('ENOENT', 'scandir', path);
    if (n.kind !== 'dir') throw errno('ENOTDIR', 'scandir', path);
    const names = [...n.children.keys()].sort();
    if (!options?.withFileTypes) return names;
    return names.map((name) => {
      const c = n.children.get(name)!;
      return { name, isFile: () => c.kind === 'file', isDirectory: () => c.kind === 'dir', isSymbolicLink: () => false };
    });
  }
  async stat(path: string): Promise<RuntimeStats> {
    const n = this.#get(path);
    if (!n) throw errno('ENOENT', 'stat', path);
    return {
      size: n.kind === 'file' ? n.data.length : 0,
      mtimeMs: n.mtimeMs,
      mode: n.kind === 'file' ? 0o100644 : 0o40755,
      isFile: () => n.kind === 'file',
      isDirectory: () => n.kind === 'dir',
      isSymbolicLink: () => false,
    };
  }
  async mkdir(path: string, options?: { recursive?: boolean }): Promise<void> {
    this.calls.push(`mkdir ${path}`);
    if (options?.recursive) {
      this.put(`${path}/`, '');
    } else {
      const [dir, name] = this.#parent(path, 'mkdir');
      if (dir.children.has(name)) throw errno('EEXIST', 'mkdir', path);
      dir.children.set(name, { kind: 'dir', children: new Map(), mtimeMs: Date.now() });
    }
    this.#notify('rename', path);
  }
  async rm(path: string, options?: { recursive?: boolean; force?: boolean }): Promise<void> {
    this.calls.push(`rm ${path}`);
    const [dir, name] = this.#parent(path, 'rm');
    const n = dir.children.get(name);
    if (!n) {
      if (options?.force) return;
      throw errno('ENOENT', 'rm', path);
    }
    if (n.kind === 'dir' && n.children.size && !options?.recursive) throw errno('ENOTEMPTY', 'rm', path);
    dir.children.delete(name);
    this.#notify('rename', path);
  }
  async rename(from: string, to: string): Promise<void> {
    this.calls.push(`rename ${from} ${to}`);
    const [a, an] = this.#parent(from, 'rename');
    const n = a.children.get(an);
    if (!n) throw errno('ENOENT', 'rename', from);
    const [b, bn] = this.#parent(to, 'rename');
    a.children.delete(an);
    b.children.set(bn, n);
    this.#notify('rename', from);
    this.#notify('rename', to);
  }
  watch(path: string, _options: { recursive?: boolean }, listener: (event: 'rename' | 'change', filename: string) => void): () => void {
    const w = { path, fn: listener };
    this.#watchers.add(w);
    return () => this.#watchers.delete(w);
  }
  get watcherCount(): number {
    return this.#watchers.size;
  }
}

/** A process double that records what the element sends it. */
export class FakeProcess implements RuntimeProcess {
  pid = 42;
  readonly inputs: string[] = [];
  readonly resizes: { cols: number; rows: number }[] = [];
  readonly signals: string[] = [];
  readonly output: ReadableStream<string>;
  readonly stdout = new ReadableStream<string>();
  readonly stderr = new ReadableStream<string>();
  readonly input: WritableStream<string>;
  readonly exit: Promise<number>;
  #out!: ReadableStreamDefaultController<string>;
  #exit!: (code: number) => void;
  constructor(readonly argv: string[], readonly options: unknown) {
    this.output = new ReadableStream({ start: (c) => void (this.#out = c) });
    this.input = new WritableStream({ write: (chunk) => void this.inputs.push(chunk) });
    this.exit = new Promise((r) => (this.#exit = r));
  }
  write(text: string): void {
    this.#out.enqueue(text);
  }
  end(code: number): void {
    this.#out.close();
    this.#exit(code);
  }
  kill(signal = 'SIGTERM'): void {
    this.signals.push(signal);
  }
  resize(size: { cols: number; rows: number }): void {
    this.resizes.push(size);
  }
}

type Listener = (...args: never[]) => void;

/** A stand-in Runtime for elements: in-memory fs, recorded spawns, emit-able events, scripted previews. */
export class FakeRuntime {
  readonly id = `rt_fake_${Math.random().toString(36).slice(2, 7)}`;
  readonly backend = 'browser';
  readonly workdir = '/home/project';
  readonly capabilities: { serviceWorker: boolean; backend: 'browser' };
  readonly processes: FakeProcess[] = [];
  readonly fetches: string[] = [];
  pages = new Map<string, string>();
  openPorts = new Set<number>();
  #listeners = new Map<string, Set<Listener>>();
  constructor(
    readonly memfs: MemoryFS | null = new MemoryFS(),
    options: { serviceWorker?: boolean } = {},
  ) {
    this.capabilities = { serviceWorker: options.serviceWorker ?? false, backend: 'browser' };
  }
  get fs(): RuntimeFS {
    if (!this.memfs) throw new Error('runtime.fs: the filesystem is not available yet in this build');
    return this.memfs;
  }
  async spawn(command: string, args: string[] = [], options?: unknown): Promise<RuntimeProcess> {
    const p = new FakeProcess([command, ...args], options);
    this.processes.push(p);
    return p;
  }
  on<E extends keyof RuntimeEvents>(event: E, listener: RuntimeEvents[E]): () => void {
    let set = this.#listeners.get(event);
    if (!set) this.#listeners.set(event, (set = new Set()));
    set.add(listener as Listener);
    return () => set.delete(listener as Listener);
  }
  emit(event: keyof RuntimeEvents, ...args: unknown[]): void {
    for (const l of this.#listeners.get(event) ?? []) (l as (...a: unknown[]) => void)(...args);
  }
  listenerCount(event: string): number {
    return this.#listeners.get(event)?.size ?? 0;
  }
  readonly mounts: unknown[] = [];
  tornDown = false;
  async mount(tree: unknown): Promise<void> {
    this.mounts.push(tree);
  }
  async teardown(): Promise<void> {
    this.tornDown = true;
  }
  previewUrl(port: number, path = '/'): string {
    return new URL(`/__verklet__/${this.id}/${port}${path}`, location.href).href;
  }
  async fetchPreview(port: number, path = '/', init?: RequestInit): Promise<Response> {
    this.fetches.push(`${init?.method ?? 'GET'} ${port}${path}`);
    // As the real runtime does: 502 when nothing listens.
    if (!this.openPorts.has(port)) return new Response('Nothing is listening', { status: 502, statusText: 'Bad Gateway', headers: { 'content-type': 'text/html' } });
    const body = this.pages.get(path);
    if (body === undefined) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    return new Response(init?.method === 'HEAD' ? null : body, { headers: { 'content-type': 'text/html' } });
  }
}
