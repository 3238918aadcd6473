/**
 * The CommonJS loader: Node's Module class, `require`, the module wrapper and
 * require.cache, over the process's fs (lib/internal/modules/cjs/loader.js).
 * Code is compiled with indirect eval and a sourceURL so stack traces name the
 * user's files; the wrapper sits on line 1, so line numbers are unchanged.
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Parser } from 'acorn';
import { inspect } from './inspect-format.js';
import * as path from '../path.js';
import { arrowAt, registerSource, setArrow } from './errors.js';
import { cjsResolve, codeError, formatOf, getFs, hasExplicitType, nodeModulePaths, packageScope } from './resolve.js';

export interface BuiltinAccess {
  has(id: string): boolean;
  load(id: string): unknown;
  list(): string[];
}

let builtins: BuiltinAccess = { has: () => false, load: () => undefined, list: () => [] };
export function setBuiltins(b: BuiltinAccess): void {
  builtins = b;
}

interface EsmHooks {
  /** require() of an ES module file: returns its namespace. */
  requireEsm(file: string, parent: Module | null): unknown;
  /** import() from CommonJS code. */
  importDynamic(specifier: string, referrer: string): Promise<unknown>;
  looksLikeModule(source: string): boolean;
}
let esm: EsmHooks;
export function setEsmHooks(h: EsmHooks): void {
  esm = h;
}

/**
 * `import()` in eval'd code would resolve against the host bundle's URL, so
 * CommonJS sources have it rewritten (same line) to the loader's import.
 */
export function rewriteDynamicImport(source: string, filename: string): string {
  if (!/\bimport\s*\(/.test(source)) return source;
  let ast: any;
  try {
    ast = Parser.parse(source, { ecmaVersion: 'latest', sourceType: 'script', allowHashBang: true, allowReturnOutsideFunction: true });
  } catch {
    return source;
  }
  const starts: [number, number][] = [];
  const walk = (n: any) => {
    if (!n || typeof n.type !== 'string') return;
    if (n.type === 'ImportExpression') starts.push([n.start, source.indexOf('(', n.start + 6)]);
    for (const k of Object.keys(n)) {
      const v = n[k];
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v.type === 'string') walk(v);
    }
  };
  walk(ast);
  let out = source;
  for (const [start, paren] of starts.sort((a, b) => b[0] - a[0])) {
    out = out.slice(0, start) + `__verklet_import(${JSON.stringify(filename)}, ` + out.slice(paren + 1);
  }
  return out;
}

const WRAPPER = ['(function (exports, require, module, __filename, __dirname) { ', '\n})'];

function stripBOM(s: string): string {
  return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s;
}

/** Find where a SyntaxError is (V8's eval errors carry no position) and attach Node's arrow. */
export function decorateSyntaxError(err: any, source: string, url: string, module: boolean): void {
  try {
    Parser.parse(source, {
      ecmaVersion: 'latest', sourceType: module ? 'module' : 'script', allowHashBang: true,
      allowReturnOutsideFunction: !module, allowAwaitOutsideFunction: module,
    });
  } catch (e: any) {
    if (e?.loc) setArrow(err, arrowAt(url, source, e.loc.line, e.loc.column));
  }
}

export class Module {
  id: string;
  path: string;
  exports: any = {};
  filename: string | null = null;
  loaded = false;
  children: Module[] = [];
  paths: string[] = [];
  parent?: Module | null;
  [key: string]: any;

  constructor(id = '', parent?: Module | null) {
    this.id = id;
    this.path = path.dirname(id);
    Object.defineProperty(this, 'parent', { value: parent, writable: true, enumerable: false });
    if (parent) parent.children.push(this);
  }

  static _cache: Record<string, Module> = Object.create(null);
  static _pathCache: Record<string, string> = Object.create(null);
  static _extensions: Record<string, (m: Module, filename: string) => void> = Object.create(null);
  static globalPaths: string[] = [];
  static wrapper = WRAPPER;
  static Module = Module;
  static _load(request: string, parent: Module | null, isMain = false): unknown {
    return loadModule(request, parent, isMain);
  }
  static _resolveFilename(request: string, parent: Module | null, _isMain?: boolean, options?: { paths?: string[] }): string {
    return resolveFilename(request, parent, options);
  }
  static _nodeModulePaths(from: string): string[] {
    return nodeModulePaths(from);
  }
  /** Re-reads NODE_PATH and HOME into the global lookup paths (Module.globalPaths). */
  static _initPaths(): void {
    initPaths();
  }
  /** Where a request is looked up: null for a built-in, ['.'] or the parent's folder for a relative one. */
  static _resolveLookupPaths(request: string, parent?: Module | null): string[] | null {
    if (builtins.has(request)) return null;
    if (!isRelativeRequest(request)) {
      const paths = parent?.paths?.length ? [...parent.paths, ...globalModulePaths()] : [...globalModulePaths()];
      return paths.length ? paths : null;
    }
    if (!parent || !parent.id || !parent.filename) return ['.'];
    return [path.dirname(parent.filename)];
  }
  static wrap(script: string): string {
    return WRAPPER[0] + script + WRAPPER[1];
  }
  static isBuiltin(id: string): boolean {
    return builtins.has(id);
  }
  static get builtinModules(): string[] {
    return builtins.list();
  }
  static createRequire(filename: string | URL): any {
    const invalid = () => codeError(TypeError, 'ERR_INVALID_ARG_VALUE',
      `The argument 'filename' must be a file URL object, file URL string, or absolute path string. Received ${inspect(filename)}`);
    let f: string;
    if (filename instanceof URL || (typeof filename === 'string' && !path.isAbsolute(filename))) {
      const href = String(filename);
      if (!href.startsWith('file:')) throw invalid();
      try {
        f = decodeURIComponent(new URL(href).pathname);
      } catch {
        throw invalid();
      }
    } else if (typeof filename !== 'string') throw invalid();
    else f = filename;
    if (!path.isAbsolute(f)) throw invalid();
    const m = new Module(f, null);
    m.filename = f.endsWith('/') ? path.join(f, 'noop.js') : f;
    m.paths = nodeModulePaths(path.dirname(m.filename));
    return makeRequire(m);
  }
  static syncBuiltinESMExports(): void {}
  static register(): void {}
  static findSourceMap(): undefined {
    return undefined;
  }
  static runMain(): void {}
  static enableCompileCache(): { status: number } {
    return { status: 3 };
  }
  static getCompileCacheDir(): undefined {
    return undefined;
  }
  static findPackageJSON(specifier: string, base?: string): string | undefined {
    const file = specifier.startsWith('file://') ? decodeURIComponent(new URL(specifier).pathname) : path.resolve(base ? path.dirname(base.replace(/^file:\/\//, '')) : '/', specifier);
    return packageScope(file)?.path;
  }
  static stripTypeScriptTypes(): never {
    throw new Error('module.stripTypeScriptTypes is not supported in the browser');
  }
  static constants = { compileCacheStatus: { FAILED: 0, ENABLED: 1, ALREADY_ENABLED: 2, DISABLED: 3 } };

  require(id: string): unknown {
    if (typeof id !== 'string') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "id" argument must be of type string. Received ${describe(id)}`);
    }
    if (id === '') throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'id' must be a non-empty string. Received ''");
    return loadModule(id, this, false);
  }

  _compile(content: string, filename: string): unknown {
    const source = stripBOM(content).replace(/^#!/, '//');
    const code = WRAPPER[0] + rewriteDynamicImport(source, filename) + WRAPPER[1] + `\n//# sourceURL=${filename}`;
    let fn: any;
    try {
      fn = (0, eval)(code);
    } catch (e: any) {
      if (e instanceof SyntaxError) {
        if (!hasExplicitType(filename) && esm.looksLikeModule(source)) {
          throw new RetryAsEsm();
        }
        decorateSyntaxError(e, source, filename, false);
      }
      throw e;
    }
    registerSource(filename, source, WRAPPER[0]!.length, false);
    const require = makeRequire(this);
    return fn.call(this.exports, this.exports, require, this, filename, path.dirname(filename));
  }

  load(filename: string): void {
    this.filename = filename;
    this.paths = nodeModulePaths(path.dirname(filename));
    const ext = findLongestExt(filename);
    Module._extensions[ext]!(this, filename);
    this.loaded = true;
  }
}

class RetryAsEsm {}

function describe(v: unknown): string {
  if (v == null) return String(v);
  if (typeof v === 'object') return `an instance of ${(v as object).constructor?.name ?? 'Object'}`;
  return `type ${typeof v} (${String(v)})`;
}

function findLongestExt(filename: string): string {
  const base = path.basename(filename);
  let idx = 0;
  while ((idx = base.indexOf('.', idx + 1)) !== -1) {
    const ext = base.slice(idx);
    if (Module._extensions[ext]) return ext;
  }
  return '.js';
}

Module._extensions['.js'] = (m, filename) => {
  const src = String(getFs().readFileSync(filename, 'utf8'));
  const fmt = formatOf(filename);
  if (fmt === 'module' && filename.endsWith('.js')) {
    m.exports = esm.requireEsm(filename, m);
    return;
  }
  try {
    m._compile(src, filename);
  } catch (e) {
    if (e instanceof RetryAsEsm) {
      m.exports = esm.requireEsm(filename, m);
      return;
    }
    throw e;
  }
};
Module._extensions['.cjs'] = (m, filename) => {
  m._compile(String(getFs().readFileSync(filename, 'utf8')), filename);
};
Module._extensions['.mjs'] = (m, filename) => {
  m.exports = esm.requireEsm(filename, m);
};
Module._extensions['.json'] = (m, filename) => {
  const content = String(getFs().readFileSync(filename, 'utf8'));
  try {
    m.exports = JSON.parse(stripBOM(content));
  } catch (e: any) {
    e.message = filename + ': ' + e.message;
    throw e;
  }
};
Module._extensions['.node'] = (_m, filename) => {
  const parts = filename.split('/node_modules/');
  const last = parts[parts.length - 1] ?? '';
  const pkg = parts.length > 1 ? last.split('/').slice(0, last.startsWith('@') ? 2 : 1).join('/') : path.basename(filename);
  throw codeError(Error, 'ERR_VERKLET_NATIVE_ADDON',
    `Cannot load native addon '${filename}' (package '${pkg}'): native addons need the server backend; they cannot run in the browser.`);
};

function requireStackOf(parent: Module | null): string[] {
  const stack: string[] = [];
  for (let m: Module | null | undefined = parent; m; m = m.parent) if (m.filename || m.id) stack.push(m.filename || m.id);
  return stack;
}


/** Node's test for a request resolved against the parent's folder: '.', '..', './x', '../x'. */
function isRelativeRequest(request: string): boolean {
  return request.charAt(0) === '.' && (request.length === 1 || request[1] === '.' || request[1] === '/');
}

/** Module.globalPaths as _initPaths makes them: NODE_PATH entries, then $HOME's and the prefix's. */
let modulePaths: string[] | undefined;
function globalModulePaths(): string[] {
  if (!modulePaths) initPaths();
  return modulePaths!;
}
function initPaths(): void {
  const env = (globalThis as any).process?.env ?? {};
  const nodePath = env.NODE_PATH;
  const paths = [...homePaths()];
  if (nodePath) paths.unshift(...String(nodePath).split(':').filter(Boolean).map((p) => path.resolve(p)));
  modulePaths = paths;
  Module.globalPaths = [...paths];
}

function resolveFilename(request: string, parent: Module | null, options?: { paths?: string[] }): string {
  if (builtins.has(request)) return request;
  if (options !== null && typeof options === 'object' && options.paths !== undefined && !Array.isArray(options.paths))
    throw codeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'options.paths' is invalid. Received ${inspect(options.paths)}`);
  try {
    return cjsResolve(request, parent?.filename ?? null, requireStackOf(parent), options?.paths);
  } catch (err: any) {
    // Bare requests fall back to the global paths (NODE_PATH, ~/.node_modules…) as in Node.
    if (err?.code !== 'MODULE_NOT_FOUND' || options?.paths || isRelativeRequest(request) || request.startsWith('/') || request.startsWith('#')) throw err;
    for (const dir of globalModulePaths()) {
      try {
        return cjsResolve(`./${request}`, path.join(dir, '[global]'), requireStackOf(parent));
      } catch {
        // not in this one
      }
    }
    throw err;
  }
}

let mainModule: Module | undefined;
export function getMainModule(): Module | undefined {
  return mainModule;
}

/** Module._load */
export function loadModule(request: string, parent: Module | null, isMain: boolean): unknown {
  if (request.startsWith('node:')) {
    if (builtins.has(request)) return builtins.load(request);
    throw codeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${request}`);
  }
  if (builtins.has(request)) {
    // require.cache entries under a built-in's bare name win, as in Node (node:-prefixed ids skip the cache).
    const cached = Module._cache[request];
    if (cached !== undefined) return cached.exports;
    return builtins.load(request);
  }
  const filename = resolveFilename(request, parent);
  const cached = Module._cache[filename];
  if (cached) {
    if (parent && !parent.children.includes(cached)) parent.children.push(cached);
    return cached.exports;
  }
  const module = new Module(filename, parent);
  if (isMain) {
    module.id = '.';
    mainModule = module;
    (globalThis as any).process.mainModule = module;
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) {
      delete Module._cache[filename];
      if (parent) {
        const i = parent.children.indexOf(module);
        if (i >= 0) parent.children.splice(i, 1);
      }
    }
  }
  return module.exports;
}

/** Build a module's `require` function. */
export function makeRequire(mod: Module): any {
  const require: any = function require(id: string) {
    return mod.require(id);
  };
  const resolve: any = (request: string, options?: { paths?: string[] }) => {
    if (typeof request !== 'string') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "request" argument must be of type string. Received ${describe(request)}`);
    }
    if (builtins.has(request)) return request;
    return resolveFilename(request, mod, options);
  };
  resolve.paths = (request: string) => {
    if (typeof request !== 'string') {
      throw codeError(TypeError, 'ERR_INVALID_ARG_TYPE', `The "request" argument must be of type string. Received ${describe(request)}`);
    }
    if (builtins.has(request)) return null;
    if (request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..') return [mod.filename ? path.dirname(mod.filename) : '.'];
    return [...nodeModulePaths(mod.filename ? path.dirname(mod.filename) : '/'), ...globalModulePaths()];
  };
  require.resolve = resolve;
  require.main = mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function homePaths(): string[] {
  const home = (globalThis as any).process?.env?.HOME;
  const out: string[] = [];
  if (home) out.push(path.resolve(home, '.node_modules'), path.resolve(home, '.node_libraries'));
  out.push('/usr/local/lib/node');
  return out;
}

/** Run the main CommonJS entry. */
export function runMainCjs(file: string): void {
  loadModule(file, null, true);
}

/** Run `-e`/`-p` code as Node does ([eval] module in cwd). */
export function evalScript(code: string, cwd: string): unknown {
  const m = new Module('[eval]', null);
  m.filename = path.join(cwd, '[eval]');
  m.paths = nodeModulePaths(cwd);
  const require = makeRequire(m);
  (globalThis as any).module = m;
  (globalThis as any).require = require;
  (globalThis as any).exports = m.exports;
  (globalThis as any).__filename = '[eval]';
  (globalThis as any).__dirname = '.';
  let result: unknown;
  registerSource('[eval]', code, 0, false);
  try {
    result = (0, eval)(rewriteDynamicImport(code, m.filename) + '\n//# sourceURL=[eval]');
  } catch (e) {
    if (e instanceof SyntaxError) decorateSyntaxError(e, code, '[eval]', false);
    throw e;
  }
  return result;
}
