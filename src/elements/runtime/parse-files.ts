/**
 * Reads the files a `<verklet-runtime>` declares in its markup into one
 * `FileSystemTree`: `<script type="application/json" data-files>` children
 * (an object mapping paths to string contents, or a FileSystemTree, or a mix)
 * and `<template data-path="...">` children (the template's text, dedented).
 */
import type { FileSystemTree } from '../../runtime/types.js';

type TreeNode = FileSystemTree[string];

/** Thrown for markup that does not describe files; the message says how to fix it. */
export class FilesMarkupError extends Error {
  override name = 'FilesMarkupError';
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&nbsp;': '\u00a0', '&quot;': '"' };

/** Removes a blank first line, a blank last line and the indentation common to all lines. */
export function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[0]!.trim() === '') lines.shift();
  if (lines.length > 1 && lines[lines.length - 1]!.trim() === '') lines.pop();
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return `${lines.map((l) => l.slice(cut)).join('\n')}\n`;
}

/**
 * A template's text. HTML-like files keep their markup; for any other file
 * the serialized markup is unescaped so `a && b` stays `a && b`. Source that
 * contains `<` outside HTML is better put in `data-files` JSON.
 */
function templateText(template: HTMLTemplateElement, path: string): string {
  const markup = template.innerHTML;
  if (/\.(html?|svg|xml|vue|svelte)$/i.test(path)) return dedent(markup);
  return dedent(markup.replace(/&(lt|gt|amp|nbsp|quot);/g, (m) => ENTITIES[m] ?? m));
}

function splitPath(path: string, where: string): string[] {
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  if (!parts.length) throw new FilesMarkupError(`${where}: "${path}" is not a file path`);
  if (parts.includes('..')) throw new FilesMarkupError(`${where}: "${path}" may not contain ".."`);
  return parts;
}

function checkNode(node: unknown, path: string, where: string): TreeNode {
  const bad = (): never => {
    throw new FilesMarkupError(
      `${where}: "${path}" must be a string (the file's contents) or a FileSystemTree entry: { "file": { "contents": "..." } } or { "directory": { ... } }`,
    );
  };
  if (!node || typeof node !== 'object' || Array.isArray(node)) return bad();
  const n = node as Record<string, unknown>;
  if ('directory' in n) {
    const dir = n.directory;
    if (!dir || typeof dir !== 'object' || Array.isArray(dir)) return bad();
    const tree: FileSystemTree = {};
    for (const [name, child] of Object.entries(dir)) tree[name] = checkNode(child, `${path}/${name}`, where);
    return { directory: tree };
  }
  if ('file' in n) {
    const file = n.file as Record<string, unknown> | null;
    if (file && typeof file === 'object') {
      if (typeof file.contents === 'string' || file.contents instanceof Uint8Array) return { file: { contents: file.contents } };
      if (typeof file.symlink === 'string') return { file: { symlink: file.symlink } };
    }
  }
  return bad();
}

function place(tree: FileSystemTree, parts: string[], node: TreeNode, where: string): void {
  let dir = tree;
  for (const [i, name] of parts.entries()) {
    if (i === parts.length - 1) {
      const existing = dir[name];
      if (existing && 'directory' in existing && 'directory' in node) Object.assign(existing.directory, node.directory);
      else dir[name] = node;
      return;
    }
    let next = dir[name];
    if (!next) next = dir[name] = { directory: {} };
    if (!('directory' in next)) throw new FilesMarkupError(`${where}: "${parts.slice(0, i + 1).join('/')}" is both a file and a directory`);
    dir = next.directory;
  }
}

/** Adds the entries of one parsed `data-files` object to `tree`. */
export function addJsonFiles(tree: FileSystemTree, value: unknown, where = 'data-files'): void {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new FilesMarkupError(`${where}: expected a JSON object mapping file paths to contents, e.g. {"index.js": "console.log(1)"}`);
  for (const [path, entry] of Object.entries(value)) {
    const node: TreeNode = typeof entry === 'string' ? { file: { contents: entry } } : checkNode(entry, path, where);
    place(tree, splitPath(path, where), node, where);
  }
}

/** The files declared by `host`'s children, or null when it declares none. */
export function filesFromMarkup(host: Element): FileSystemTree | null {
  const tree: FileSystemTree = {};
  let any = false;
  for (const child of host.children) {
    if (child instanceof HTMLScriptElement && child.hasAttribute('data-files')) {
      any = true;
      let value: unknown;
      try {
        value = JSON.parse(child.textContent ?? '');
      } catch (err) {
        throw new FilesMarkupError(`data-files: the JSON is malformed (${(err as Error).message}). Check for trailing commas and unescaped quotes or newlines.`);
      }
      addJsonFiles(tree, value);
    } else if (child instanceof HTMLTemplateElement && child.hasAttribute('data-path')) {
      any = true;
      const path = child.getAttribute('data-path') ?? '';
      const where = `<template data-path="${path}">`;
      place(tree, splitPath(path, where), { file: { contents: templateText(child, path) } }, where);
    }
  }
  return any ? tree : null;
}
