/**
 * Tab completion: command names in command position (builtins, functions,
 * aliases, the shell's utilities, executables on PATH — node_modules/.bin
 * included — and the commands the host runs), file paths elsewhere.
 */
import type { ShellFs } from '../shell-system.js';
import { resolve } from '../path.js';

export interface CompletionSource {
  fs: ShellFs;
  cwd: string;
  home: string | undefined;
  path: string;
  /** Names known without looking at PATH. */
  names(): Iterable<string>;
}

export interface Completion {
  /** Where the completed word starts in the line. */
  start: number;
  /** The word being completed as typed. */
  word: string;
  /** Full replacement words (escaped). A directory ends in `/`. */
  matches: string[];
  /** What to list for each match (names without their directory). */
  display: string[];
}

const BREAK = new Set([' ', '\t', ';', '|', '&', '(', ')', '<', '>', '`']);
const KEYWORDS = new Set(['then', 'do', 'else', 'elif', 'if', 'while', 'until', '!', 'time', 'exec', 'command', 'sudo', 'nohup', 'env']);

function escapeWord(s: string): string {
  return s.replace(/([ \t\\'"$`!&;|()<>*?[\]{}#~])/g, (_m, c, i) => (c === '~' && i > 0 ? c : '\\' + c));
}

function unescapeWord(s: string): string {
  return s.replace(/\\(.)/g, '$1').replace(/^['"]|['"]$/g, '');
}

export function complete(line: string, cursor: number, src: CompletionSource): Completion {
  let start = cursor;
  while (start > 0 && !(BREAK.has(line[start - 1]!) && line[start - 2] !== '\\')) start--;
  const word = line.slice(start, cursor);
  const before = line.slice(0, start).trimEnd();
  const prevWord = before.split(/[\s;|&()]+/).pop() ?? '';
  const commandPos = before === '' || /[;|&(`]$/.test(before) || KEYWORDS.has(prevWord) && /\s$/.test(line.slice(0, start));
  const raw = unescapeWord(word);
  if (commandPos && !raw.includes('/') && !raw.startsWith('~') && !raw.startsWith('.')) {
    const set = new Set<string>();
    for (const n of src.names()) if (n.startsWith(raw)) set.add(n);
    for (const dir of src.path.split(':')) {
      if (!dir) continue;
      try {
        for (const e of src.fs.readdirSync(resolve(src.cwd, dir), { withFileTypes: true })) {
          if (!e.name.startsWith(raw) || set.has(e.name)) continue;
          try {
            const st = src.fs.statSync(resolve(src.cwd, dir + '/' + e.name));
            if (st.isFile() && st.mode & 0o111) set.add(e.name);
          } catch {
            // dangling link
          }
        }
      } catch {
        // no such directory
      }
    }
    const names = [...set].sort();
    return { start, word, matches: names.map(escapeWord), display: names };
  }
  // A path.
  const slash = raw.lastIndexOf('/');
  const dirPart = slash >= 0 ? raw.slice(0, slash + 1) : '';
  const base = slash >= 0 ? raw.slice(slash + 1) : raw;
  let dirAbs: string;
  if (dirPart.startsWith('~/') || dirPart === '~/') dirAbs = resolve(src.home ?? '/', dirPart.slice(2) || '.');
  else dirAbs = resolve(src.cwd, dirPart || '.');
  const matches: string[] = [];
  const display: string[] = [];
  if (raw === '~' && src.home) return { start, word, matches: ['~/'], display: ['~/'] };
  try {
    const entries = src.fs.readdirSync(dirAbs, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (!e.name.startsWith(base)) continue;
      if (e.name.startsWith('.') && !base.startsWith('.')) continue;
      let isDir = e.isDirectory();
      if (e.isSymbolicLink()) {
        try {
          isDir = src.fs.statSync(resolve(dirAbs, e.name)).isDirectory();
        } catch {
          isDir = false;
        }
      }
      const keepTilde = dirPart.startsWith('~') ? '~' + escapeWord(dirPart.slice(1)) : escapeWord(dirPart);
      matches.push(keepTilde + escapeWord(e.name) + (isDir ? '/' : ''));
      display.push(e.name + (isDir ? '/' : ''));
    }
  } catch {
    // not a directory
  }
  return { start, word, matches, display };
}

/** The longest common prefix of some strings. */
export function commonPrefix(words: string[]): string {
  if (!words.length) return '';
  let p = words[0]!;
  for (const w of words) {
    let i = 0;
    while (i < p.length && i < w.length && p[i] === w[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

/** Lays names out in columns for a terminal `cols` wide. */
export function columns(names: string[], cols: number): string {
  if (!names.length) return '';
  const width = Math.max(...names.map((n) => n.length)) + 2;
  const perRow = Math.max(1, Math.floor(cols / width));
  const rows = Math.ceil(names.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < perRow; c++) {
      const n = names[c * rows + r];
      if (n === undefined) continue;
      line += c === perRow - 1 || names[(c + 1) * rows + r] === undefined ? n : n.padEnd(width);
    }
    out += line + '\r\n';
  }
  return out;
}
