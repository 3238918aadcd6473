/**
 * Prompt strings: `PS1`/`PS2` with bash's backslash escapes (`\w` `\W` `\u`
 * `\h` `\$` `\n` `\e` `\[` `\]` …) and `$VAR` / `${VAR}` expansion.
 */

/** The default PS1: the working directory relative to HOME, in colour, then `$ `. */
export const DEFAULT_PS1 = '\\[\\e[1;34m\\]\\w\\[\\e[0m\\] \\$ ';

export interface PromptVars {
  get(name: string): string | undefined;
  cwd: string;
}

function tildePath(cwd: string, home: string | undefined): string {
  if (home && home !== '/' && (cwd === home || cwd.startsWith(home.endsWith('/') ? home : home + '/'))) return '~' + cwd.slice(home.replace(/\/$/, '').length);
  return cwd;
}

export function expandPrompt(ps: string, vars: PromptVars): string {
  const home = vars.get('HOME');
  let out = '';
  for (let i = 0; i < ps.length; i++) {
    const c = ps[i]!;
    if (c === '\\' && i + 1 < ps.length) {
      const n = ps[++i]!;
      switch (n) {
        case 'w':
          out += tildePath(vars.cwd, home);
          break;
        case 'W': {
          const t = tildePath(vars.cwd, home);
          out += t === '~' || t === '/' ? t : t.slice(t.lastIndexOf('/') + 1);
          break;
        }
        case 'u':
          out += vars.get('USER') ?? 'user';
          break;
        case 'h':
        case 'H':
          out += vars.get('HOSTNAME') ?? 'verklet';
          break;
        case 's':
          out += 'sh';
          break;
        case '$':
          out += '$';
          break;
        case 'n':
          out += '\n';
          break;
        case 'e':
          out += '\x1b';
          break;
        case 'a':
          out += '\x07';
          break;
        case '[':
        case ']':
          break;
        case '\\':
          out += '\\';
          break;
        default:
          out += '\\' + n;
      }
      continue;
    }
    if (c === '$') {
      const m = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*|[?$#0]))/.exec(ps.slice(i));
      if (m) {
        out += vars.get(m[1] ?? m[2]!) ?? '';
        i += m[0].length - 1;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Display width of a string: escape sequences take none, control characters none. */
export function displayWidth(s: string): number {
  const plain = s.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b./g, '');
  let w = 0;
  for (const ch of plain) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 || c === 0x7f) continue;
    w += isWide(c) ? 2 : 1;
  }
  return w;
}

/** East Asian wide and emoji ranges (approximate, as wcwidth). */
export function isWide(c: number): boolean {
  return (
    (c >= 0x1100 && c <= 0x115f) ||
    (c >= 0x2e80 && c <= 0xa4cf && c !== 0x303f) ||
    (c >= 0xac00 && c <= 0xd7a3) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    (c >= 0x1f300 && c <= 0x1faff) ||
    (c >= 0x20000 && c <= 0x3fffd)
  );
}
