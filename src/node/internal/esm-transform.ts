/**
 * ES module → register form. Without a service worker to serve module URLs,
 * each ES module is parsed with acorn and rewritten (in place, so line numbers
 * do not move) into a generator function that the linker (esm-linker.ts) runs
 * in two steps: the first `next()` hoists function declarations and
 * registers export getters (live bindings, TDZ for let/const for free); the
 * second runs the body (an async generator when the module has top-level
 * await). Imported bindings are rewritten to property reads on the
 * dependency's namespace object, which keeps them live.
 *
 *   (function* (__vk) {"use strict";__vk.e({ x: () => x });yield;  …body…
 *   })
 */
/* eslint-disable @typescript-eslint/no-explicit-any */
import { Parser } from 'acorn';
import { tlaMarkerEdits } from './esm-tla-markers.js';

export interface ModuleRecordSource {
  /** The generator source to evaluate (add a sourceURL comment). */
  code: string;
  /** Requested specifiers, index = dependency slot in __vk.n. */
  requests: { specifier: string; attributes: Record<string, string> }[];
  /** Names imported from each request (for link-time checks): [slot, name, line, column]. */
  importedNames: { slot: number; name: string; line: number; col: number; width: number; braces: string }[];
  /** Slots re-exported with `export *`. */
  starExports: number[];
  /** Exported names in this module (own and indirect). */
  exportNames: string[];
  hasTLA: boolean;
  /** Where the top-level awaits are (for Node's "unsettled top-level await" warning). */
  tlaSites: { line: number; col: number }[];
  /** Column shift of line 1 caused by the header. */
  headerLength: number;
}

type Node = any;

function walk(node: Node, visit: (n: Node, parent: Node | null) => boolean | void, parent: Node | null = null): void {
  if (!node || typeof node.type !== 'string') return;
  if (visit(node, parent) === false) return;
  for (const key of Object.keys(node)) {
    if (key === 'type' || key === 'start' || key === 'end' || key === 'loc') continue;
    const v = node[key];
    if (Array.isArray(v)) {
      for (const c of v) if (c && typeof c.type === 'string') walk(c, visit, node);
    } else if (v && typeof v.type === 'string') walk(v, visit, node);
  }
}

function patternNames(p: Node, out: string[] = []): string[] {
  if (!p) return out;
  switch (p.type) {
    case 'Identifier': out.push(p.name); break;
    case 'ObjectPattern': for (const prop of p.properties) patternNames(prop.type === 'RestElement' ? prop.argument : prop.value, out); break;
    case 'ArrayPattern': for (const e of p.elements) patternNames(e, out); break;
    case 'RestElement': patternNames(p.argument, out); break;
    case 'AssignmentPattern': patternNames(p.left, out); break;
  }
  return out;
}

function isFunction(n: Node): boolean {
  return n.type === 'FunctionDeclaration' || n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression';
}

/** var-declared names and nested function declarations of a function body (not entering nested functions). */
function varNames(body: Node, out: Set<string>): void {
  walk(body, (n) => {
    if (n !== body && isFunction(n)) {
      if (n.type === 'FunctionDeclaration' && n.id) out.add(n.id.name);
      return false;
    }
    if (n.type === 'VariableDeclaration' && n.kind === 'var') for (const d of n.declarations) for (const nm of patternNames(d.id)) out.add(nm);
    return undefined;
  });
}

function lexicalNames(stmts: Node[], out: Set<string>): void {
  for (const s of stmts) {
    const d = s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' ? s.declaration : s;
    if (!d) continue;
    if (d.type === 'VariableDeclaration' && d.kind !== 'var') for (const x of d.declarations) for (const nm of patternNames(x.id)) out.add(nm);
    if ((d.type === 'ClassDeclaration' || d.type === 'FunctionDeclaration') && d.id) out.add(d.id.name);
  }
}

function addAll(set: Set<string>, arr: string[]): void {
  for (const x of arr) set.add(x);
}

function lineCol(src: string, pos: number): { line: number; col: number } {
  let line = 1;
  let last = 0;
  for (let i = 0; i < pos; i++) if (src.charCodeAt(i) === 10) {
    line++;
    last = i + 1;
  }
  return { line, col: pos - last };
}

/** Parse an ES module (throws acorn's SyntaxError with `pos`/`loc`). */
export function parseModule(source: string): Node {
  return Parser.parse(source, { ecmaVersion: 'latest', sourceType: 'module', allowHashBang: true, allowAwaitOutsideFunction: true });
}

/** Whether source parses as an ES module with import/export syntax (Node's syntax detection). */
export function looksLikeModule(source: string): boolean {
  try {
    const ast = parseModule(source);
    let found = false;
    walk(ast, (n) => {
      if (found) return false;
      if (n.type === 'ImportDeclaration' || n.type.startsWith('Export') || (n.type === 'MetaProperty' && n.meta.name === 'import')) found = true;
      if (n.type === 'AwaitExpression') found = true;
      return undefined;
    });
    return found;
  } catch {
    return false;
  }
}

/** Transform ES module source into the register form. */
export function transformModule(source: string): ModuleRecordSource {
  const ast = parseModule(source);
  const edits: { start: number; end: number; text: string }[] = [];
  const requests: ModuleRecordSource['requests'] = [];
  const reqIndex = new Map<string, number>();
  const imports = new Map<string, { slot: number; name: string }>(); // local -> import
  const importedNames: ModuleRecordSource['importedNames'] = [];
  const exportGetters: [string, string][] = [];
  const starExports: number[] = [];
  let hasTLA = false;
  const tlaSites: { line: number; col: number }[] = [];
  const tlaStarts: number[] = [];

  const slotFor = (n: Node): number => {
    const attributes: Record<string, string> = {};
    for (const a of n.attributes ?? []) attributes[a.key.name ?? a.key.value] = a.value.value;
    const key = n.source.value + '\0' + JSON.stringify(attributes);
    let slot = reqIndex.get(key);
    if (slot === undefined) {
      slot = requests.length;
      requests.push({ specifier: n.source.value, attributes });
      reqIndex.set(key, slot);
    }
    return slot;
  };

  const blank = (start: number, end: number) => {
    edits.push({ start, end, text: source.slice(start, end).replace(/[^\n]/g, '') });
  };

  const localExports: [string, string][] = [];
  for (const node of ast.body) {
    switch (node.type) {
      case 'ImportDeclaration': {
        const slot = slotFor(node);
        const named = node.specifiers.filter((x: Node) => x.type === 'ImportSpecifier');
        let braces = '';
        if (named.length) {
          const open = source.lastIndexOf('{', named[0].start);
          const close = source.indexOf('}', named[named.length - 1].end);
          braces = source.slice(open, close + 1);
        }
        for (const s of node.specifiers) {
          const lc = lineCol(source, s.start);
          const width = s.end - s.start;
          if (s.type === 'ImportNamespaceSpecifier') imports.set(s.local.name, { slot, name: '*' });
          else {
            const name = s.type === 'ImportDefaultSpecifier' ? 'default' : (s.imported.name ?? s.imported.value);
            imports.set(s.local.name, { slot, name });
            importedNames.push({ slot, name, line: lc.line, col: lc.col, width, braces });
          }
        }
        blank(node.start, node.end);
        break;
      }
      case 'ExportNamedDeclaration': {
        if (node.declaration) {
          edits.push({ start: node.start, end: node.declaration.start, text: '' });
          const d = node.declaration;
          if (d.type === 'VariableDeclaration') for (const x of d.declarations) for (const nm of patternNames(x.id)) localExports.push([nm, nm]);
          else localExports.push([d.id.name, d.id.name]);
        } else if (node.source) {
          const slot = slotFor(node);
          for (const s of node.specifiers) {
            const exported = s.exported.name ?? s.exported.value;
            const local = s.local.name ?? s.local.value;
            const lc = lineCol(source, s.start);
            importedNames.push({ slot, name: local, line: lc.line, col: lc.col, width: s.end - s.start, braces: '' });
            exportGetters.push([exported, `__vk.n[${slot}][${JSON.stringify(local)}]`]);
          }
          blank(node.start, node.end);
        } else {
          for (const s of node.specifiers) localExports.push([s.exported.name ?? s.exported.value, s.local.name]);
          blank(node.start, node.end);
        }
        break;
      }
      case 'ExportDefaultDeclaration': {
        const d = node.declaration;
        if ((d.type === 'FunctionDeclaration' || d.type === 'ClassDeclaration') && d.id) {
          edits.push({ start: node.start, end: d.start, text: '' });
          localExports.push(['default', d.id.name]);
        } else if (d.type === 'FunctionDeclaration') {
          // Anonymous default function: keep it hoisted, named "default" via a property.
          edits.push({ start: node.start, end: d.start, text: '' });
          const fnKw = source.slice(d.start, d.body.start);
          const star = fnKw.indexOf('*');
          const insertAt = star >= 0 ? d.start + star + 1 : d.start + fnKw.indexOf('function') + 8;
          edits.push({ start: insertAt, end: insertAt, text: ' __vk_default' });
          edits.push({ start: d.end, end: d.end, text: ';Object.defineProperty(__vk_default,"name",{value:"default"});' });
          localExports.push(['default', '__vk_default']);
        } else {
          edits.push({ start: node.start, end: d.start, text: 'const __vk_default = ({default: (' });
          edits.push({ start: d.end, end: d.end, text: ')}).default' });
          localExports.push(['default', '__vk_default']);
        }
        break;
      }
      case 'ExportAllDeclaration': {
        const slot = slotFor(node);
        if (node.exported) exportGetters.push([node.exported.name ?? node.exported.value, `__vk.n[${slot}]`]);
        else starExports.push(slot);
        blank(node.start, node.end);
        break;
      }
    }
  }

  // Rewrite references to imported bindings, respecting shadowing.
  const scopes: Set<string>[] = [];
  const shadowed = (name: string) => scopes.some((s) => s.has(name));
  const refFor = (name: string): string | null => {
    const imp = imports.get(name);
    if (!imp || shadowed(name)) return null;
    return imp.name === '*' ? `__vk.n[${imp.slot}]` : `__vk.n[${imp.slot}][${JSON.stringify(imp.name)}]`;
  };

  const visit = (n: Node, parent: Node | null, key: string | null, fnDepth: number): void => {
    if (!n || typeof n.type !== 'string') return;
    let pushed = 0;
    const push = (s: Set<string>) => {
      scopes.push(s);
      pushed++;
    };
    switch (n.type) {
      case 'Identifier': {
        if (parent) {
          if ((parent.type === 'MemberExpression' && key === 'property' && !parent.computed) ||
            ((parent.type === 'Property' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && key === 'key' && !parent.computed) ||
            parent.type === 'LabeledStatement' || parent.type === 'BreakStatement' || parent.type === 'ContinueStatement' ||
            parent.type === 'ImportSpecifier' || parent.type === 'ImportDefaultSpecifier' || parent.type === 'ImportNamespaceSpecifier' ||
            parent.type === 'ExportSpecifier' || parent.type === 'MetaProperty') return;
        }
        const r = refFor(n.name);
        if (r) {
          if (parent?.type === 'Property' && parent.shorthand && key === 'value') edits.push({ start: n.start, end: n.end, text: `${n.name}: ${r}` });
          else edits.push({ start: n.start, end: n.end, text: r });
        }
        return;
      }
      case 'ImportDeclaration':
        return;
      case 'ExportNamedDeclaration':
        if (!n.declaration) return;
        break;
      case 'ExportAllDeclaration':
        return;
      case 'MetaProperty':
        if (n.meta.name === 'import') edits.push({ start: n.start, end: n.end, text: '__vk.meta' });
        return;
      case 'ImportExpression':
        edits.push({ start: n.start, end: n.start + 6, text: '__vk.import' });
        break;
      case 'AwaitExpression':
        if (fnDepth === 0) {
          hasTLA = true;
          tlaSites.push(lineCol(source, n.start));
          tlaStarts.push(n.start);
        }
        break;
      case 'FunctionDeclaration':
      case 'FunctionExpression':
      case 'ArrowFunctionExpression': {
        const s = new Set<string>();
        for (const p of n.params) addAll(s, patternNames(p));
        if (n.type === 'FunctionExpression' && n.id) s.add(n.id.name);
        if (n.body.type === 'BlockStatement') {
          varNames(n.body, s);
          lexicalNames(n.body.body, s);
        }
        push(s);
        for (const p of n.params) visitPattern(p, fnDepth + 1);
        visit(n.body, n, 'body', fnDepth + 1);
        scopes.length -= pushed;
        return;
      }
      case 'ClassDeclaration':
      case 'ClassExpression': {
        const s = new Set<string>();
        if (n.id && n.type === 'ClassExpression') s.add(n.id.name);
        push(s);
        if (n.superClass) visit(n.superClass, n, 'superClass', fnDepth);
        visit(n.body, n, 'body', fnDepth);
        scopes.length -= pushed;
        return;
      }
      case 'BlockStatement':
      case 'StaticBlock':
        if (parent && isFunction(parent)) break;
        {
          const s = new Set<string>();
          lexicalNames(n.body, s);
          if (n.type === 'StaticBlock') varNames(n, s);
          push(s);
        }
        break;
      case 'SwitchStatement': {
        const s = new Set<string>();
        for (const c of n.cases) lexicalNames(c.consequent, s);
        push(s);
        break;
      }
      case 'ForStatement':
      case 'ForInStatement':
      case 'ForOfStatement': {
        if (n.type === 'ForOfStatement' && n.await && fnDepth === 0) {
          hasTLA = true;
          tlaSites.push(lineCol(source, n.start));
          tlaStarts.push(n.start);
        }
        const init = n.init ?? n.left;
        if (init?.type === 'VariableDeclaration' && init.kind !== 'var') {
          const s = new Set<string>();
          for (const d of init.declarations) addAll(s, patternNames(d.id));
          push(s);
        }
        break;
      }
      case 'CatchClause': {
        const s = new Set<string>(patternNames(n.param));
        push(s);
        if (n.param) visitPattern(n.param, fnDepth);
        visit(n.body, n, 'body', fnDepth);
        scopes.length -= pushed;
        return;
      }
      case 'VariableDeclarator':
        visitPattern(n.id, fnDepth);
        if (n.init) visit(n.init, n, 'init', fnDepth);
        return;
    }
    for (const k of Object.keys(n)) {
      if (k === 'type' || k === 'start' || k === 'end') continue;
      if ((n.type === 'FunctionDeclaration' || n.type === 'ClassDeclaration') && k === 'id') continue;
      const v = n[k];
      if (Array.isArray(v)) {
        for (const c of v) visit(c, n, k, fnDepth);
      } else if (v && typeof v.type === 'string') visit(v, n, k, fnDepth);
    }
    scopes.length -= pushed;
  };

  const visitPattern = (p: Node, fnDepth: number): void => {
    if (!p) return;
    switch (p.type) {
      case 'Identifier': return;
      case 'ObjectPattern':
        for (const prop of p.properties) {
          if (prop.type === 'RestElement') visitPattern(prop.argument, fnDepth);
          else {
            if (prop.computed) visit(prop.key, prop, 'key', fnDepth);
            visitPattern(prop.value, fnDepth);
          }
        }
        return;
      case 'ArrayPattern': for (const e of p.elements) visitPattern(e, fnDepth); return;
      case 'RestElement': visitPattern(p.argument, fnDepth); return;
      case 'AssignmentPattern':
        visitPattern(p.left, fnDepth);
        visit(p.right, p, 'right', fnDepth);
        return;
      default:
        visit(p, null, null, fnDepth); // member expressions in assignment targets
    }
  };

  for (const node of ast.body) visit(node, ast, 'body', 0);

  for (const [exported, local] of localExports) {
    const imp = imports.get(local);
    if (imp) exportGetters.push([exported, imp.name === '*' ? `__vk.n[${imp.slot}]` : `__vk.n[${imp.slot}][${JSON.stringify(imp.name)}]`]);
    else exportGetters.push([exported, local]);
  }

  edits.push(...tlaMarkerEdits(ast, source, tlaStarts));
  edits.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let pos = 0;
  for (const e of edits) {
    if (e.start < pos) continue;
    out += source.slice(pos, e.start) + e.text;
    pos = e.end;
  }
  out += source.slice(pos);
  if (out.startsWith('#!')) out = '//' + out.slice(2);

  const getters = exportGetters.map(([name, expr]) => `${JSON.stringify(name)}: () => ${expr}`).join(', ');
  const header = `(${hasTLA ? 'async ' : ''}function* (__vk) {"use strict";__vk.e({${getters}});yield;`;
  return {
    code: header + out + '\n})',
    requests,
    importedNames,
    starExports,
    exportNames: exportGetters.map(([n]) => n),
    hasTLA,
    tlaSites,
    headerLength: header.length,
  };
}
