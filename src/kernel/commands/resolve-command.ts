/**
 * What runs for `argv[0]`, as execve plus a shell's PATH search would decide:
 * a built-in program by name (`node`, `sh`, `ls`, a host command), a known
 * binary path (`/usr/local/bin/node`), or a file in the VFS found directly or
 * through PATH (including `node_modules/.bin`) and run by its shebang's
 * interpreter. `#!/usr/bin/env node` scripts are how npm bins arrive.
 */
import type { Vfs } from '../../fs/vfs.js';

export type Resolved =
  | { kind: 'program'; name: string; argv: string[] }
  | { kind: 'not-found'; name: string }
  | { kind: 'not-executable'; path: string };

const BIN_DIRS = ['/usr/local/bin/', '/usr/bin/', '/bin/'];
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

export function resolveCommand(
  argv: string[],
  opts: { cwd: string; env: Record<string, string>; vfs?: Vfs; isProgram: (name: string) => boolean },
): Resolved {
  const name = argv[0] ?? '';
  const rest = argv.slice(1);
  if (!name.includes('/')) {
    if (opts.isProgram(name)) return { kind: 'program', name, argv: [name, ...rest] };
    for (const dir of (opts.env.PATH ?? '').split(':')) {
      if (!dir) continue;
      const candidate = `${dir.startsWith('/') ? dir : `${opts.cwd}/${dir}`}/${name}`;
      const found = fromFile(candidate, rest, opts);
      if (found && found.kind === 'program') return found;
    }
    return { kind: 'not-found', name };
  }
  for (const dir of BIN_DIRS) {
    if (name.startsWith(dir) && !name.slice(dir.length).includes('/') && opts.isProgram(name.slice(dir.length))) {
      // argv[0] stays as given, as execve keeps it: `/bin/sh -c` reports errors as "/bin/sh: 1: …".
      return { kind: 'program', name: name.slice(dir.length), argv: [name, ...rest] };
    }
  }
  const path = name.startsWith('/') ? name : `${opts.cwd}/${name}`;
  return fromFile(path, rest, opts) ?? { kind: 'not-found', name };
}

function fromFile(path: string, rest: string[], opts: { env: Record<string, string>; vfs?: Vfs; isProgram: (name: string) => boolean }): Resolved | undefined {
  const vfs = opts.vfs;
  if (!vfs) return undefined;
  const st = vfs.stat(path, true);
  if (typeof st === 'number' || (st.mode & S_IFMT) !== S_IFREG) return undefined;
  if ((st.mode & 0o111) === 0) return { kind: 'not-executable', path };
  const ino = vfs.open(path, 0, 0);
  if (ino < 0) return undefined;
  const head = new Uint8Array(256);
  const n = vfs.read(ino, head, 0);
  vfs.close(ino);
  const bytes = head.subarray(0, Math.max(0, n));
  if (bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d) return { kind: 'program', name: 'wasi', argv: ['wasi', path, ...rest] };
  const text = new TextDecoder().decode(bytes);
  if (text.startsWith('#!')) {
    const line = text.slice(2).split('\n')[0]!.trim();
    let words = line.split(/\s+/).filter(Boolean);
    if (words[0]?.endsWith('/env')) {
      words = words.slice(1);
      if (words[0] === '-S') words = words.slice(1);
    }
    const interp = words[0] ?? 'sh';
    const base = interp.slice(interp.lastIndexOf('/') + 1);
    const program = base === 'bash' || base === 'dash' ? 'sh' : base.startsWith('python') ? 'python3' : base;
    if (!opts.isProgram(program)) return { kind: 'not-found', name: interp };
    return { kind: 'program', name: program, argv: [program, ...words.slice(1), path, ...rest] };
  }
  // No shebang: execve fails with ENOEXEC and shells run the file as a script.
  return opts.isProgram('sh') ? { kind: 'program', name: 'sh', argv: ['sh', path, ...rest] } : undefined;
}
