/**
 * Unpacks a package tarball into a folder, as pacote does: the first path
 * component (`package/`) is dropped, and every path is checked. An entry
 * with `..` or an absolute path, or a link whose target leaves the package,
 * rejects the whole tarball (`EBADTAR`): the caller unpacks into a staging
 * folder and deletes it on error, so nothing half-written is left.
 */
import type { InstallerFs } from './host.js';
import { NpmError } from './npm-error.js';
import { readTar } from './tar-reader.js';

function unsafe(what: string, path: string, why: string): NpmError {
  return new NpmError('EBADTAR', `${what}: refusing to unpack '${path}': ${why}`, { detail: ['The tarball is unsafe; nothing of it was installed.'] });
}

/** Splits and checks an archive path; returns the components below the package root. */
function components(raw: string, what: string): string[] {
  const p = raw.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[a-zA-Z]:/.test(p)) throw unsafe(what, raw, 'absolute path');
  const parts = p.split('/').filter((c) => c && c !== '.');
  if (parts.includes('..')) throw unsafe(what, raw, 'path contains ..');
  return parts.slice(1); // drop "package/"
}

/** Resolves a link target against the link's folder; undefined when it leaves the package. */
function inside(dir: string[], target: string): string[] | undefined {
  if (target.startsWith('/') || /^[a-zA-Z]:/.test(target)) return undefined;
  const out = [...dir];
  for (const c of target.replace(/\\/g, '/').split('/')) {
    if (!c || c === '.') continue;
    if (c === '..') {
      if (!out.length) return undefined;
      out.pop();
    } else out.push(c);
  }
  return out;
}

export interface ExtractResult {
  files: number;
  /** The parsed package.json of the tarball, when it has one. */
  manifest?: Record<string, unknown>;
}

/**
 * Writes the entries of `tar` (uncompressed) under `dest`. All entries are
 * checked before anything is written.
 */
export function extractPackage(fs: InstallerFs, tar: Uint8Array, dest: string, what: string): ExtractResult {
  const plan: Array<{ parts: string[]; type: string; data?: Uint8Array; mode: number; link?: string }> = [];
  for (const e of readTar(tar)) {
    if (e.type === 'other') continue;
    const parts = components(e.path, what);
    if (!parts.length) continue;
    if (e.type === 'symlink') {
      if (!inside(parts.slice(0, -1), e.linkname)) throw unsafe(what, e.path, `symlink to '${e.linkname}' leaves the package`);
      plan.push({ parts, type: 'symlink', mode: 0, link: e.linkname });
    } else if (e.type === 'hardlink') {
      const target = components(e.linkname, what);
      if (!target.length) throw unsafe(what, e.path, `hard link to '${e.linkname}' leaves the package`);
      plan.push({ parts, type: 'hardlink', mode: e.mode, link: target.join('/') });
    } else {
      plan.push({ parts, type: e.type, data: e.data, mode: e.mode });
    }
  }
  fs.mkdirSync(dest, { recursive: true });
  const made = new Set<string>([dest]);
  const mkdir = (dir: string) => {
    if (made.has(dir)) return;
    fs.mkdirSync(dir, { recursive: true });
    made.add(dir);
  };
  const written = new Map<string, Uint8Array>();
  let files = 0;
  let manifest: Record<string, unknown> | undefined;
  for (const e of plan) {
    const path = `${dest}/${e.parts.join('/')}`;
    const parent = e.parts.length > 1 ? `${dest}/${e.parts.slice(0, -1).join('/')}` : dest;
    if (e.type === 'directory') { mkdir(path); continue; }
    mkdir(parent);
    if (e.type === 'symlink') {
      fs.rmSync(path, { force: true });
      fs.symlinkSync(e.link!, path);
      continue;
    }
    const data = e.type === 'hardlink' ? written.get(e.link!) ?? new Uint8Array(0) : e.data!;
    const mode = e.mode & 0o111 ? 0o755 : 0o644;
    fs.writeFileSync(path, data, { mode });
    if (e.mode & 0o111) fs.chmodSync(path, mode);
    written.set(e.parts.join('/'), data);
    files++;
    if (e.parts.length === 1 && e.parts[0] === 'package.json') {
      try { manifest = JSON.parse(new TextDecoder().decode(data)) as Record<string, unknown>; } catch { /* npm tolerates it */ }
    }
  }
  return manifest ? { files, manifest } : { files };
}

/** Reads `package/package.json` from a tar without writing anything. */
export function readManifestFromTar(tar: Uint8Array): Record<string, unknown> | undefined {
  for (const e of readTar(tar)) {
    const parts = e.path.split('/').filter((c) => c && c !== '.');
    if (e.type === 'file' && parts.length === 2 && parts[1] === 'package.json') {
      return JSON.parse(new TextDecoder().decode(e.data)) as Record<string, unknown>;
    }
  }
  return undefined;
}
