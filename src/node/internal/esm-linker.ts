/**
 * The ES module linker: loads a module graph from the fs (transformed by
 * esm-transform.ts), links namespaces (named-import checks, `export *`),
 * and evaluates in post-order, synchronously until a module with top-level
 * await forces the rest onto promises. CommonJS, JSON and built-in modules
 * take part through namespace objects, as in Node
 * (https://nodejs.org/api/esm.html#interoperability-with-commonjs).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { parse as lexCjs } from 'cjs-module-lexer';
import * as path from '../path.js';
import { Module, loadModule, decorateSyntaxError, setEsmHooks } from './cjs-loader.js';
import type { BuiltinAccess } from './cjs-loader.js';
import { installFunctionImport } from './function-import.js';
import { arrowAt, registerSource, setArrow } from './errors.js';
import { looksLikeModule, transformModule } from './esm-transform.js';
import type { ModuleRecordSource } from './esm-transform.js';
import { cjsResolve, codeError, esmResolve, formatOf, getFs } from './resolve.js';

type Status = 'new' | 'linked' | 'evaluating' | 'evaluated' | 'errored';

interface Rec {
  key: string;
  file: string;
  url: string;
  kind: 'esm' | 'cjs' | 'json' | 'builtin';
  ns: any;
  status: Status;
  deps: Rec[];
  src?: ModuleRecordSource;
  source?: string;
  gen?: any;
  promise?: Promise<void>;
  error?: unknown;
  cjsNames?: string[];
  hasTLA: boolean;
}

const records = new Map<string, Rec>();
let builtins: BuiltinAccess;
export function setEsmBuiltins(b: BuiltinAccess): void {
  builtins = b;
}

function newNamespace(): any {
  const ns = Object.create(null);
  Object.defineProperty(ns, Symbol.toStringTag, { value: 'Module' });
  return ns;
}

function defineExport(ns: any, name: string, get: () => unknown): void {
  if (Object.prototype.hasOwnProperty.call(ns, name)) return;
  Object.defineProperty(ns, name, { get, enumerable: true, configurable: true });
}

/**
 * Turn a bag of export getters into a module namespace object: null
 * prototype, sorted keys, non-extensible, data-property descriptors that read
 * the live binding (so util.inspect shows values, as for a real namespace).
 */
function sortNamespace(bag: any): any {
  const getters = new Map<string, () => unknown>();
  for (const k of Object.keys(bag).sort()) getters.set(k, Object.getOwnPropertyDescriptor(bag, k)!.get as () => unknown);
  const target = Object.create(null);
  for (const k of getters.keys()) Object.defineProperty(target, k, { value: undefined, writable: true, enumerable: true, configurable: false });
  Object.defineProperty(target, Symbol.toStringTag, { value: 'Module' });
  Object.preventExtensions(target);
  return new Proxy(target, {
    get(t, k) {
      const g = typeof k === 'string' ? getters.get(k) : undefined;
      return g ? g() : Reflect.get(t, k);
    },
    getOwnPropertyDescriptor(t, k) {
      const d = Reflect.getOwnPropertyDescriptor(t, k);
      const g = typeof k === 'string' ? getters.get(k) : undefined;
      if (d && g) {
        try {
          d.value = g();
        } catch {
          d.value = undefined;
        }
      }
      return d;
    },
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}

const KEYWORDS = new Set(('break case catch class const continue debugger default delete do else export extends false finally for ' +
  'function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static ' +
  'enum await implements package protected interface private public').split(' '));

/** Acorn says "Unexpected token (l:c)"; V8 names the token. Rebuild V8's wording from the source. */
function v8SyntaxMessage(acornMessage: string, source: string, pos: number | undefined): string {
  const msg = acornMessage.replace(/ \(\d+:\d+\)$/, '');
  if (msg !== 'Unexpected token' || pos === undefined) return msg;
  const rest = source.slice(pos);
  if (/^\s*$/.test(rest)) return 'Unexpected end of input';
  const id = /^[A-Za-z_$][\w$]*/.exec(rest);
  if (id) return KEYWORDS.has(id[0]) ? `Unexpected token '${id[0]}'` : `Unexpected identifier '${id[0]}'`;
  if (/^\d/.test(rest)) return 'Unexpected number';
  if (/^['"]/.test(rest)) return 'Unexpected string';
  if (rest.startsWith('`')) return 'Unexpected template string';
  const punct = /^(>>>=|\.\.\.|===|!==|\*\*=|<<=|>>=|>>>|=>|==|!=|<=|>=|&&|\|\||\?\?|\?\.|\+\+|--|\+=|-=|\*=|\/=|%=|&=|\|=|\^=|\*\*|<<|>>|[{}()[\];,<>+\-*/%&|^!~?:=.@#])/.exec(rest);
  return `Unexpected token '${punct ? punct[0] : rest[0]}'`;
}

function fileUrl(file: string): string {
  return 'file://' + encodeURI(file).replace(/\?/g, '%3F').replace(/#/g, '%23');
}

function importMeta(file: string): any {
  const meta = Object.create(null);
  meta.dirname = path.dirname(file);
  meta.filename = file;
  meta.main = false;
  meta.resolve = function resolve(spec: string) {
    if (builtins.has(spec)) return spec.startsWith('node:') ? spec : 'node:' + spec;
    return fileUrl(esmResolve(spec, file));
  };
  meta.url = fileUrl(file);
  return meta;
}

/** Resolve a specifier from an ES module to a record key. */
function resolveKey(specifier: string, parentFile: string): string {
  if (specifier.startsWith('node:')) {
    if (!builtins.has(specifier)) throw codeError(Error, 'ERR_UNKNOWN_BUILTIN_MODULE', `No such built-in module: ${specifier}`);
    return specifier;
  }
  if (builtins.has(specifier)) return 'node:' + specifier;
  return esmResolve(specifier, parentFile);
}

function createRecord(key: string, attributes: Record<string, string>, parentFile: string): Rec {
  const existing = records.get(key);
  if (existing) {
    checkAttributes(existing, attributes);
    return existing;
  }
  let rec: Rec;
  if (key.startsWith('node:')) {
    const exportsObj: any = builtins.load(key);
    const ns = newNamespace();
    defineExport(ns, 'default', () => exportsObj);
    if (exportsObj && (typeof exportsObj === 'object' || typeof exportsObj === 'function')) {
      const skip = typeof exportsObj === 'function' ? ['length', 'name', 'prototype', 'caller', 'arguments'] : [];
      for (const k of Object.getOwnPropertyNames(exportsObj)) {
        if (k !== 'default' && !skip.includes(k) && !k.startsWith('_')) defineExport(ns, k, () => exportsObj[k]);
      }
    }
    rec = { key, file: key, url: key, kind: 'builtin', ns: sortNamespace(ns), status: 'evaluated', deps: [], hasTLA: false };
  } else {
    const fmt = formatOf(key);
    const url = fileUrl(key);
    const kind = fmt === 'module' ? 'esm' : fmt === 'json' ? 'json' : fmt === 'addon' ? 'cjs' : 'cjs';
    const ext = path.extname(key);
    if (!['.js', '.mjs', '.cjs', '.json', '.node', ''].includes(ext)) {
      throw codeError(TypeError, 'ERR_UNKNOWN_FILE_EXTENSION', `Unknown file extension "${ext}" for ${key}`);
    }
    rec = { key, file: key, url, kind, ns: newNamespace(), status: 'new', deps: [], hasTLA: false };
    if (kind === 'esm' || kind === 'cjs') {
      const source = String(getFs().readFileSync(key, 'utf8'));
      rec.source = source;
      if (kind === 'cjs' && key.endsWith('.js') && looksLikeModule(source) && !hasTypeCommonjs(key)) {
        // Node's syntax detection: a .js file without "type" that uses ESM syntax.
        try {
          (0, eval)('(function(){' + source.replace(/^#!/, '//') + '\n})');
        } catch {
          rec.kind = 'esm';
        }
      }
    }
  }
  records.set(key, rec);
  if (rec.kind === 'json') checkAttributes(rec, attributes);
  if (rec.kind === 'esm') instantiateEsm(rec, parentFile);
  else if (rec.kind === 'cjs') prepareCjs(rec);
  else if (rec.kind === 'json') {
    const text = String(getFs().readFileSync(rec.file, 'utf8'));
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e: any) {
      e.message = `${rec.file}: ${e.message}`;
      records.delete(key);
      throw e;
    }
    defineExport(rec.ns, 'default', () => value);
    rec.ns = sortNamespace(rec.ns);
    rec.status = 'evaluated';
  }
  return rec;
}

function hasTypeCommonjs(file: string): boolean {
  const scope = getFs() && formatOf(file);
  return scope === 'commonjs' && (() => {
    let dir = path.dirname(file);
    for (;;) {
      try {
        const pj = JSON.parse(String(getFs().readFileSync(path.join(dir, 'package.json'), 'utf8')));
        return pj.type === 'commonjs';
      } catch {
        const parent = path.dirname(dir);
        if (parent === dir) return false;
        dir = parent;
      }
    }
  })();
}

function checkAttributes(rec: Rec, attributes: Record<string, string>): void {
  if (rec.kind === 'json' && attributes.type !== 'json') {
    throw codeError(TypeError, 'ERR_IMPORT_ATTRIBUTE_MISSING', `Module "${rec.url}" needs an import attribute of "type: json"`);
  }
  if (rec.kind !== 'json' && attributes.type !== undefined) {
    throw codeError(TypeError, 'ERR_IMPORT_ATTRIBUTE_TYPE_INCOMPATIBLE', `Module "${rec.url}" is not of type "${attributes.type}"`);
  }
}

function prepareCjs(rec: Rec): void {
  let names: string[] = [];
  try {
    const seen = new Set<string>();
    const collect = (file: string, src: string, depth: number) => {
      const { exports, reexports } = lexCjs(src);
      for (const n of exports) seen.add(n);
      if (depth > 8) return;
      for (const r of reexports) {
        try {
          const f = cjsResolve(r, file, []);
          if (f.endsWith('.js') || f.endsWith('.cjs')) collect(f, String(getFs().readFileSync(f, 'utf8')), depth + 1);
        } catch {
          // unresolvable re-exports contribute nothing
        }
      }
    };
    if (rec.source !== undefined) collect(rec.file, rec.source, 0);
    names = [...seen].filter((n) => n !== 'default');
  } catch {
    names = [];
  }
  rec.cjsNames = names;
  const state: { exports: any } = { exports: undefined };
  (rec as any).cjsState = state;
  defineExport(rec.ns, 'default', () => state.exports);
  defineExport(rec.ns, 'module.exports', () => state.exports);
  for (const n of names) defineExport(rec.ns, n, () => state.exports?.[n]);
  rec.ns = sortNamespace(rec.ns);
  rec.status = 'linked';
}

function instantiateEsm(rec: Rec, _parentFile: string): void {
  let src: ModuleRecordSource;
  try {
    src = transformModule(rec.source!);
  } catch (e: any) {
    records.delete(rec.key);
    const err = new SyntaxError(v8SyntaxMessage(String(e.message), rec.source!, e.pos));
    if (e?.loc) setArrow(err, arrowAt(rec.url, rec.source!, e.loc.line, e.loc.column));
    else decorateSyntaxError(err, rec.source!, rec.url, true);
    throw err;
  }
  rec.src = src;
  rec.hasTLA = src.hasTLA;
  let factory: any;
  try {
    factory = (0, eval)(src.code + `\n//# sourceURL=${rec.url}`);
  } catch (e) {
    records.delete(rec.key);
    throw e;
  }
  registerSource(rec.url, rec.source!, src.headerLength, true);
  const vk = {
    n: [] as any[],
    meta: importMeta(rec.file),
    import: (spec: string, opts?: any) => dynamicImport(spec, rec.file, opts),
    e: (getters: Record<string, () => unknown>) => {
      for (const [name, get] of Object.entries(getters)) defineExport(rec.ns, name, get);
    },
  };
  (rec as any).vk = vk;
  rec.gen = factory(vk);
  rec.gen.next(); // hoist declarations, register export getters
  // Load dependencies.
  for (const req of src.requests) {
    let key: string;
    try {
      key = resolveKey(req.specifier, rec.file);
    } catch (e: any) {
      records.delete(rec.key);
      throw e;
    }
    const dep = createRecord(key, req.attributes, rec.file);
    rec.deps.push(dep);
  }
}

function linkGraph(root: Rec): void {
  const visiting = new Set<Rec>();
  const visit = (rec: Rec) => {
    if (rec.status !== 'new' || visiting.has(rec)) return;
    visiting.add(rec);
    for (const d of rec.deps) visit(d);
    if (rec.kind === 'esm') {
      const vk = (rec as any).vk;
      vk.n = rec.deps.map((d) => d.ns);
      for (const slot of rec.src!.starExports) {
        const dep = rec.deps[slot]!;
        for (const name of Object.keys(dep.ns)) {
          if (name === 'default' || name === 'module.exports') continue;
          defineExport(rec.ns, name, () => dep.ns[name]);
        }
      }
      for (const imp of rec.src!.importedNames) {
        const dep = rec.deps[imp.slot]!;
        if (imp.name in dep.ns) continue;
        if (dep.kind === 'esm' && visiting.has(dep) && dep.status === 'new') {
          // Cycle: its star exports may not be in yet; skip the check.
          continue;
        }
        const spec = rec.src!.requests[imp.slot]!.specifier;
        let msg: string;
        if (dep.kind === 'cjs') {
          msg = `Named export '${imp.name}' not found. The requested module '${spec}' is a CommonJS module, which may not support all module.exports as named exports.\n` +
            'CommonJS modules can always be imported via the default export, for example using:\n\n' +
            `import pkg from '${spec}';\nconst ${imp.braces || `{${imp.name}}`} = pkg;\n`;
        } else {
          msg = `The requested module '${spec}' does not provide an export named '${imp.name}'`;
        }
        const err = new SyntaxError(msg);
        setArrow(err, arrowAt(rec.url, rec.source!, imp.line, imp.col, imp.width).replace(/\n$/, '\n\u0000'));
        records.delete(rec.key);
        throw err;
      }
      rec.ns = sortNamespace(rec.ns);
      vk.selfNs = rec.ns;
    }
    rec.status = 'linked';
  };
  visit(root);
  // Re-point namespaces after sorting (dependents captured the old objects in vk.n).
  const fix = (rec: Rec, seen: Set<Rec>) => {
    if (seen.has(rec)) return;
    seen.add(rec);
    if (rec.kind === 'esm') (rec as any).vk.n = rec.deps.map((d) => d.ns);
    for (const d of rec.deps) fix(d, seen);
  };
  fix(root, new Set());
}

function runSeq(steps: (() => unknown)[], i = 0): Promise<void> | undefined {
  for (; i < steps.length; i++) {
    const r: any = steps[i]!();
    if (r && typeof r.then === 'function') {
      const next = i + 1;
      return r.then(() => runSeq(steps, next));
    }
  }
  return undefined;
}

function evaluate(rec: Rec, parentModule: Module | null): Promise<void> | undefined {
  if (rec.status === 'evaluated') return rec.promise;
  if (rec.status === 'errored') throw rec.error;
  if (rec.status === 'evaluating') return undefined;
  rec.status = 'evaluating';
  const fail = (e: unknown) => {
    rec.status = 'errored';
    rec.error = e;
    throw e;
  };
  const steps: (() => unknown)[] = rec.deps.map((d) => () => evaluate(d, parentModule));
  steps.push(() => {
    if (rec.kind === 'esm') {
      const r = rec.gen.next();
      if (r && typeof r.then === 'function') return r;
      return undefined;
    }
    if (rec.kind === 'cjs') {
      (rec as any).cjsState.exports = loadModule(rec.file, parentModule, false);
    }
    return undefined;
  });
  let result: Promise<void> | undefined;
  try {
    result = runSeq(steps);
  } catch (e) {
    fail(e);
  }
  if (result) {
    asyncEvaluating.push(rec);
    rec.promise = result.then(() => {
      rec.status = 'evaluated';
    }, (e) => fail(e));
    return rec.promise;
  }
  rec.status = 'evaluated';
  return undefined;
}

const asyncEvaluating: Rec[] = [];

/** The top-level await still pending in the deepest module, as Node reports it (or null). */
export function unsettledTopLevelAwait(): string | null {
  for (let i = asyncEvaluating.length - 1; i >= 0; i--) {
    const rec = asyncEvaluating[i]!;
    if (rec.status !== 'evaluating' || rec.kind !== 'esm' || !rec.src?.tlaSites.length) continue;
    // The marker the module last passed (esm-tla-markers.ts): the statement it is waiting in.
    const site = rec.src.tlaSites[(rec as any).vk?.a ?? 0] ?? rec.src.tlaSites[0]!;
    const line = rec.source!.split('\n')[site.line - 1] ?? '';
    return `Warning: Detected unsettled top-level await at ${rec.url}:${site.line}\n${line}\n${' '.repeat(site.col)}^\n\n\n\n`;
  }
  return null;
}

function graphHasTLA(rec: Rec, seen = new Set<Rec>()): Rec | null {
  if (seen.has(rec) || rec.status === 'evaluated') return null;
  seen.add(rec);
  if (rec.hasTLA) return rec;
  for (const d of rec.deps) {
    const r = graphHasTLA(d, seen);
    if (r) return r;
  }
  return null;
}

/** Load, link and evaluate a module graph; returns its namespace (or a promise of it). */
export function loadEsmGraph(key: string, parentFile: string, attributes: Record<string, string> = {}): { ns: any; done: Promise<void> | undefined; rec: Rec } {
  const rec = createRecord(key, attributes, parentFile);
  linkGraph(rec);
  const done = evaluate(rec, null);
  return { ns: rec.ns, done, rec };
}

/** import(): resolve against a parent file. */
export function dynamicImport(specifier: unknown, parentFile: string, opts?: any): Promise<any> {
  return new Promise((resolve, reject) => {
    try {
      const spec = String(specifier);
      const key = resolveKey(spec, parentFile);
      const attributes = opts?.with ?? opts?.assert ?? {};
      const { ns, done } = loadEsmGraph(key, parentFile, attributes);
      // Node's loader takes a few ticks to link and evaluate; failures surface sooner.
      const settle = () => Promise.resolve().then(() => undefined).then(() => resolve(ns));
      if (done) done.then(settle, reject);
      else settle();
    } catch (e) {
      reject(e);
    }
  });
}

/** Run the main entry as an ES module. */
export function runMainEsm(file: string): Promise<void> | undefined {
  const rec = createRecord(file, {}, file);
  if (rec.kind === 'esm') (rec as any).vk.meta.main = true;
  linkGraph(rec);
  return evaluate(rec, null);
}

function requireEsm(file: string, parent: Module | null): unknown {
  const existing = records.get(file);
  const rec = existing ?? createRecord(file, {}, parent?.filename ?? file);
  if (rec.kind !== 'esm') return loadModule(file, parent, false);
  linkGraph(rec);
  const tla = graphHasTLA(rec);
  if (tla) {
    throw codeError(Error, 'ERR_REQUIRE_ASYNC_MODULE',
      `require() cannot be used on an ESM graph with top-level await. Use import() instead. To see where the top-level await comes from, use --experimental-print-required-tla.\n  From ${parent?.filename ?? file} \n  Requiring ${rec.file} `);
  }
  evaluate(rec, parent);
  const ns = rec.ns;
  if (Object.prototype.hasOwnProperty.call(ns, 'module.exports')) return ns['module.exports'];
  if ('default' in ns && !('__esModule' in ns)) {
    const wrapped = newNamespace();
    Object.defineProperty(wrapped, '__esModule', { value: true, enumerable: true });
    for (const k of Object.keys(ns)) Object.defineProperty(wrapped, k, Object.getOwnPropertyDescriptor(ns, k)!);
    return wrapped;
  }
  return ns;
}

Object.defineProperty(globalThis, '__verklet_import', {
  value: (referrer: string, specifier: unknown, opts?: any) => dynamicImport(specifier, referrer, opts),
  enumerable: false,
  configurable: true,
});
installFunctionImport();

setEsmHooks({
  requireEsm,
  importDynamic: (specifier, referrer) => dynamicImport(specifier, referrer),
  looksLikeModule,
});

export { records as moduleRecords };
