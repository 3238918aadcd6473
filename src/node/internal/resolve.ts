/**
 * Module resolution as Node 24 does it, over the process's fs: the CommonJS
 * algorithm (https://nodejs.org/api/modules.html#all-together) and the ESM
 * resolver with package.json "exports"/"imports" and conditions
 * (https://nodejs.org/api/esm.html#resolution-algorithm-specification).
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import * as path from '../path.js';

export type Format = 'commonjs' | 'module' | 'json' | 'builtin' | 'addon';

let fs: any;
/** The host gives the resolver its fs. */
export function setFs(f: any): void {
  fs = f;
}
export function getFs(): any {
  return fs;
}

export function codeError(Ctor: ErrorConstructor, code: string, message: string, extra: Record<string, unknown> = {}): Error {
  const e = new Ctor(message) as any;
  if (code.startsWith('ERR_')) {
    // Node's internal errors show their code in the stack header: "Error [ERR_X]: message".
    Object.defineProperty(e, 'name', { value: `${Ctor.name} [${code}]`, configurable: true, writable: true });
    void e.stack;
    delete e.name;
  }
  e.code = code;
  Object.assign(e, extra);
  return e;
}

function stat(p: string): 'file' | 'dir' | null {
  try {
    const s = fs.statSync(p, { throwIfNoEntry: false });
    if (!s) return null;
    return s.isDirectory() ? 'dir' : 'file';
  } catch {
    return null;
  }
}

export function isFile(p: string): boolean {
  return stat(p) === 'file';
}
export function isDir(p: string): boolean {
  return stat(p) === 'dir';
}

export function realpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

const pkgCache = new Map<string, any>();
/** Read and parse a package.json (null when absent). */
export function readPackage(pjsonPath: string): any {
  if (pkgCache.has(pjsonPath)) return pkgCache.get(pjsonPath);
  let data: any = null;
  if (isFile(pjsonPath)) {
    const text = String(fs.readFileSync(pjsonPath, 'utf8'));
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw codeError(Error, 'ERR_INVALID_PACKAGE_CONFIG', `Invalid package config ${pjsonPath}.`);
    }
  }
  pkgCache.set(pjsonPath, data);
  return data;
}

/** The nearest package.json above a file: { path, data } or null. */
export function packageScope(file: string): { path: string; data: any } | null {
  let dir = path.dirname(file);
  for (;;) {
    if (path.basename(dir) === 'node_modules') return null;
    const p = path.join(dir, 'package.json');
    const data = readPackage(p);
    if (data) return { path: p, data };
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Node's module format for a resolved file. */
export function formatOf(file: string): Format {
  if (file.endsWith('.mjs')) return 'module';
  if (file.endsWith('.cjs')) return 'commonjs';
  if (file.endsWith('.json')) return 'json';
  if (file.endsWith('.node')) return 'addon';
  if (file.endsWith('.js') || path.extname(file) === '') {
    const scope = packageScope(file);
    return scope?.data?.type === 'module' ? 'module' : 'commonjs';
  }
  return 'commonjs';
}

/** Whether a .js file's format came from an explicit "type" (so no syntax detection). */
export function hasExplicitType(file: string): boolean {
  if (!file.endsWith('.js')) return true;
  const scope = packageScope(file);
  return scope?.data?.type === 'module' || scope?.data?.type === 'commonjs';
}

// ---------------------------------------------------------------- exports / imports

function patternKeyCompare(a: string, b: string): number {
  const aPat = a.indexOf('*');
  const bPat = b.indexOf('*');
  const baseA = aPat === -1 ? a.length : aPat + 1;
  const baseB = bPat === -1 ? b.length : bPat + 1;
  if (baseA > baseB) return -1;
  if (baseB > baseA) return 1;
  if (aPat === -1) return 1;
  if (bPat === -1) return -1;
  if (a.length > b.length) return -1;
  if (b.length > a.length) return 1;
  return 0;
}

const INVALID = Symbol('invalid');

function resolveTarget(pkgDir: string, target: any, subpath: string, pattern: boolean, internal: boolean, conditions: string[], pjsonPath: string, base: string | undefined): string | null | typeof INVALID {
  if (typeof target === 'string') {
    if (!target.startsWith('./')) {
      if (internal && !target.startsWith('../') && !target.startsWith('/')) {
        // A bare specifier target of "imports": resolve as a package.
        const spec = pattern ? target.replace(/\*/g, subpath) : target + subpath;
        return resolvePackageBare(spec, pkgDir, conditions, base ?? pjsonPath);
      }
      throw codeError(Error, 'ERR_INVALID_PACKAGE_TARGET', `Invalid "${internal ? 'imports' : 'exports'}" target ${JSON.stringify(target)} defined in the package config ${pjsonPath}${base ? ` imported from ${base}` : ''}`);
    }
    const resolved = pattern ? target.replace(/\*/g, subpath) : target + subpath;
    return path.join(pkgDir, resolved);
  }
  if (Array.isArray(target)) {
    if (target.length === 0) return null;
    let lastErr: unknown;
    for (const t of target) {
      try {
        const r = resolveTarget(pkgDir, t, subpath, pattern, internal, conditions, pjsonPath, base);
        if (r === INVALID) continue;
        if (r !== null) return r;
      } catch (e) {
        lastErr = e;
        continue;
      }
    }
    if (lastErr) throw lastErr;
    return null;
  }
  if (target && typeof target === 'object') {
    for (const key of Object.keys(target)) {
      if (key === 'default' || conditions.includes(key)) {
        const r = resolveTarget(pkgDir, target[key], subpath, pattern, internal, conditions, pjsonPath, base);
        if (r === INVALID) continue;
        if (r === null) return null;
        return r;
      }
    }
    return INVALID;
  }
  if (target === null) return null;
  return INVALID;
}

function matchMap(map: any, key: string, pkgDir: string, internal: boolean, conditions: string[], pjsonPath: string, base: string | undefined): string | null | typeof INVALID | undefined {
  if (Object.prototype.hasOwnProperty.call(map, key) && !key.includes('*')) {
    return resolveTarget(pkgDir, map[key], '', false, internal, conditions, pjsonPath, base);
  }
  let bestMatch = '';
  let bestSubpath = '';
  for (const k of Object.keys(map)) {
    const star = k.indexOf('*');
    if (star === -1) continue;
    const prefix = k.slice(0, star);
    const suffix = k.slice(star + 1);
    if (key.startsWith(prefix) && key !== prefix && key.length >= k.length && key.endsWith(suffix)) {
      if (!bestMatch || patternKeyCompare(bestMatch, k) === 1) {
        bestMatch = k;
        bestSubpath = key.slice(prefix.length, key.length - suffix.length);
      }
    }
  }
  if (bestMatch) return resolveTarget(pkgDir, map[bestMatch], bestSubpath, true, internal, conditions, pjsonPath, base);
  return undefined;
}

/** Resolve `subpath` ('.' or './x') through a package's "exports". */
export function resolveExports(pkgDir: string, exportsField: any, subpath: string, conditions: string[], base: string | undefined): string {
  const pjsonPath = path.join(pkgDir, 'package.json');
  let map = exportsField;
  const isConditionalSugar = typeof map === 'string' || Array.isArray(map) ||
    (map && typeof map === 'object' && Object.keys(map).length > 0 && !Object.keys(map)[0]!.startsWith('.'));
  if (isConditionalSugar) map = { '.': map };
  const r = map && typeof map === 'object' ? matchMap(map, subpath, pkgDir, false, conditions, pjsonPath, base) : undefined;
  if (typeof r === 'string') return r;
  const from = base ? ` imported from ${base}` : '';
  if (subpath === '.') {
    throw codeError(Error, 'ERR_PACKAGE_PATH_NOT_EXPORTED', `No "exports" main defined in ${pjsonPath}${from}`);
  }
  throw codeError(Error, 'ERR_PACKAGE_PATH_NOT_EXPORTED', `Package subpath '${subpath}' is not defined by "exports" in ${pjsonPath}${from}`);
}

/** Resolve a '#name' specifier through the nearest package.json "imports". */
export function resolveImports(specifier: string, parentFile: string, conditions: string[], base: string | undefined): string | null {
  const scope = packageScope(parentFile);
  if (scope?.data?.imports && typeof scope.data.imports === 'object') {
    const r = matchMap(scope.data.imports, specifier, path.dirname(scope.path), true, conditions, scope.path, base);
    if (typeof r === 'string') return r;
  }
  if (base === undefined) return null;
  throw codeError(TypeError, 'ERR_PACKAGE_IMPORT_NOT_DEFINED',
    `Package import specifier "${specifier}" is not defined${scope ? ` in package ${scope.path}` : ''} imported from ${base}`);
}

function splitPackageName(specifier: string): [string, string] {
  let sep = specifier.indexOf('/');
  if (specifier.startsWith('@')) sep = specifier.indexOf('/', sep + 1);
  const name = sep === -1 ? specifier : specifier.slice(0, sep);
  return [name, '.' + (sep === -1 ? '' : specifier.slice(sep))];
}

/** Package self-reference: the nearest package.json names itself and has "exports". */
function resolveSelf(specifier: string, parentFile: string, conditions: string[], base: string | undefined): string | null {
  const scope = packageScope(parentFile);
  if (!scope?.data?.exports || !scope.data.name) return null;
  const [name, subpath] = splitPackageName(specifier);
  if (name !== scope.data.name) return null;
  return resolveExports(path.dirname(scope.path), scope.data.exports, subpath, conditions, base);
}

/** ESM bare-specifier resolution (exports, or legacy main). Returns absolute path. */
function resolvePackageBare(specifier: string, parentDir: string, conditions: string[], base: string): string {
  const [name, subpath] = splitPackageName(specifier);
  const self = resolveSelf(specifier, path.join(parentDir, 'x'), conditions, base);
  if (self) return self;
  let dir = parentDir;
  for (;;) {
    const pkgDir = path.join(dir, 'node_modules', name);
    if (isDir(pkgDir)) {
      const pj = readPackage(path.join(pkgDir, 'package.json'));
      if (pj?.exports !== undefined && pj.exports !== null) return resolveExports(pkgDir, pj.exports, subpath, conditions, base);
      if (subpath === '.') return legacyMainResolve(pkgDir, pj, base);
      return path.join(pkgDir, subpath);
    }
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw codeError(Error, 'ERR_MODULE_NOT_FOUND', `Cannot find package '${name}' imported from ${base}`);
}

function legacyMainResolve(pkgDir: string, pj: any, base: string): string {
  const tries: string[] = [];
  if (pj && typeof pj.main === 'string') {
    const m = pj.main;
    tries.push(m, `${m}.js`, `${m}.json`, `${m}.node`, `${m}/index.js`, `${m}/index.json`, `${m}/index.node`);
  }
  tries.push('index.js', 'index.json', 'index.node');
  for (const t of tries) {
    const p = path.join(pkgDir, t);
    if (isFile(p)) return p;
  }
  throw codeError(Error, 'ERR_MODULE_NOT_FOUND', `Cannot find package '${pkgDir}' imported from ${base}`);
}

export const ESM_CONDITIONS = ['node', 'import', 'module-sync', 'node-addons'];
export const CJS_CONDITIONS = ['node', 'require', 'module-sync', 'node-addons'];

/** ESM resolve: specifier (relative/absolute path, file: URL or bare) from a parent file. */
export function esmResolve(specifier: string, parentFile: string): string {
  const base = parentFile;
  let file: string;
  if (specifier.startsWith('file://')) {
    file = decodeURIComponent(new URL(specifier).pathname);
  } else if (specifier.startsWith('/') || specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..') {
    const url = new URL(specifier, 'file://' + encodeURI(parentFile));
    file = decodeURIComponent(url.pathname);
  } else if (specifier.startsWith('#')) {
    file = resolveImports(specifier, parentFile, ESM_CONDITIONS, base)!;
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(specifier)) {
    throw codeError(Error, 'ERR_UNSUPPORTED_ESM_URL_SCHEME', `Only URLs with a scheme in: file, data, and node are supported by the default ESM loader. Received protocol '${new URL(specifier).protocol}'`);
  } else {
    file = resolvePackageBare(specifier, path.dirname(parentFile), ESM_CONDITIONS, base);
  }
  const kind = stat(file);
  if (kind === 'dir') {
    throw codeError(Error, 'ERR_UNSUPPORTED_DIR_IMPORT', `Directory import '${file}' is not supported resolving ES modules imported from ${base}`);
  }
  if (kind === null) {
    throw codeError(Error, 'ERR_MODULE_NOT_FOUND', `Cannot find module '${file}' imported from ${base}`, { url: 'file://' + file });
  }
  return realpath(file);
}

// ---------------------------------------------------------------- CommonJS

const EXTS = ['.js', '.json', '.node'];

function tryFile(p: string): string | null {
  return isFile(p) ? realpath(p) : null;
}

function tryExtensions(p: string): string | null {
  for (const ext of EXTS) {
    const f = tryFile(p + ext);
    if (f) return f;
  }
  return null;
}

function tryPackage(dir: string, request: string, requireStack: string[]): string | null {
  const pj = readPackage(path.join(dir, 'package.json'));
  const main = pj?.main;
  if (typeof main !== 'string' || !main) {
    return tryExtensions(path.join(dir, 'index'));
  }
  const filename = path.resolve(dir, main);
  const found = tryFile(filename) ?? tryExtensions(filename) ?? tryExtensions(path.join(filename, 'index'));
  if (found) return found;
  const indexFallback = tryExtensions(path.join(dir, 'index'));
  if (indexFallback) return indexFallback;
  throw codeError(Error, 'MODULE_NOT_FOUND',
    `Cannot find module '${filename}'. Please verify that the package.json has a valid "main" entry`,
    { path: path.join(dir, 'package.json'), requestPath: request, requireStack });
}

function loadAsFileOrDir(p: string, request: string, requireStack: string[]): string | null {
  const trailingSlash = request.endsWith('/');
  if (!trailingSlash) {
    const f = tryFile(p) ?? tryExtensions(p);
    if (f) return f;
  }
  if (isDir(p)) return tryPackage(p, request, requireStack);
  return null;
}

/** Node's Module._nodeModulePaths. */
export function nodeModulePaths(from: string): string[] {
  from = path.resolve(from);
  if (from === '/') return ['/node_modules'];
  const paths: string[] = [];
  const parts = from.split('/');
  for (let i = parts.length; i > 0; i--) {
    if (parts[i - 1] === 'node_modules') continue;
    const dir = parts.slice(0, i).join('/') || '';
    paths.push(dir + '/node_modules');
  }
  paths.push('/node_modules');
  return paths;
}

function notFound(request: string, requireStack: string[]): Error {
  let msg = `Cannot find module '${request}'`;
  if (requireStack.length) msg += '\nRequire stack:\n- ' + requireStack.join('\n- ');
  return codeError(Error, 'MODULE_NOT_FOUND', msg, { requireStack });
}

/**
 * CommonJS resolve (Module._resolveFilename without built-ins).
 * `paths` overrides the lookup directories (require.resolve's `paths` option).
 */
export function cjsResolve(request: string, parentFile: string | null, requireStack: string[], paths?: string[]): string {
  const parentDir = parentFile ? path.dirname(parentFile) : fsCwd();
  if (request.startsWith('#') && parentFile) {
    const scope = packageScope(parentFile);
    const r = resolveImports(request, parentFile, CJS_CONDITIONS, scope?.data?.imports ? parentFile : undefined);
    if (r) {
      const f = tryFile(r);
      if (f) return f;
    }
    throw notFound(request, requireStack);
  }
  const relative = request.startsWith('./') || request.startsWith('../') || request === '.' || request === '..';
  if (relative || request.startsWith('/')) {
    const bases = relative && paths ? paths : [parentDir];
    for (const b of bases) {
      const f = loadAsFileOrDir(path.resolve(b, request), request, requireStack);
      if (f) return f;
    }
    throw notFound(request, requireStack);
  }
  if (parentFile && !paths) {
    const self = resolveSelf(request, parentFile, CJS_CONDITIONS, undefined);
    if (self) {
      const f = tryFile(self);
      if (f) return f;
      throw notFound(self, requireStack);
    }
  }
  const [name, subpath] = splitPackageName(request);
  const dirs = paths ? paths.flatMap((p) => nodeModulePaths(p)) : nodeModulePaths(parentDir);
  for (const nm of dirs) {
    if (!isDir(nm)) continue;
    const pkgDir = path.join(nm, name);
    const pj = isDir(pkgDir) ? readPackage(path.join(pkgDir, 'package.json')) : null;
    if (pj && pj.exports !== undefined && pj.exports !== null) {
      const r = resolveExports(pkgDir, pj.exports, subpath, CJS_CONDITIONS, undefined);
      const f = tryFile(r);
      if (f) return f;
      throw notFound(r, requireStack);
    }
    const f = loadAsFileOrDir(path.join(nm, request), request, requireStack);
    if (f) return f;
  }
  throw notFound(request, requireStack);
}

let cwdFn: () => string = () => '/';
export function setResolveCwd(fn: () => string): void {
  cwdFn = fn;
}
function fsCwd(): string {
  return cwdFn();
}
