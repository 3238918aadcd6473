/**
 * Tokenizer for the POSIX shell language (XCU 2.3), dash flavoured. It reads
 * words with their quoting structure intact, operators, newlines and
 * here-document bodies (read at the newline that follows their `<<`).
 * `$( ... )` is handed back to the parser through a callback, so nested
 * commands get real parsing (and dash's error messages) rather than paren
 * counting.
 */
import type { Node, Redir, Word, WordPart } from './ast.js';

/** A syntax error; the shell prints `sh: LINE: Syntax error: MESSAGE` and exits 2. */
export class ShellSyntaxError extends Error {
  constructor(message: string, readonly line: number, readonly bare = false) {
    super(message);
  }
}

/** A token for the parser. */
export type Token = (
  | { k: 'word'; w: Word; line: number }
  | { k: 'op'; v: string; line: number }
  | { k: 'io'; fd: number; line: number }
  | { k: 'nl'; line: number }
  | { k: 'eof'; line: number }
) & { /** Offset of the token in the source. */ pos?: number };

const OPS = ['&&', '||', ';;', '<<-', '<<', '>>', '<&', '>&', '<>', '>|', '&>', '&', '|', ';', '<', '>', '(', ')'];
const SPECIAL_PARAMS = '@*#?-$!0123456789';

/** Callback used for `$(...)`: parse a command list at `pos`, return it and where the `)` ended. */
export type SubParse = (src: string, pos: number, line: number) => { node: Node | null; end: number; line: number };

/** Whether a character ends an unquoted word. */
function isMeta(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\t' || c === '\n' || c === ';' || c === '&' || c === '|' || c === '<' || c === '>' || c === '(' || c === ')';
}

/** The tokenizer. The parser pulls tokens with `next()`. */
export class Lexer {
  pos = 0;
  line = 1;
  private pending: Redir[] = [];
  /** When true, `&>` is the bash redirection (off for strict dash). */
  bashRedir = true;

  constructor(public src: string, private readonly subParse: SubParse) {}

  /** Registers a here-document whose body starts after the next newline. */
  addHeredoc(r: Redir): void {
    this.pending.push(r);
  }

  /** Skips blanks, comments and line continuations. */
  private skipSpace(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else break;
    }
  }

  next(): Token {
    this.skipSpace();
    const pos = this.pos;
    const t = this.nextAt();
    t.pos = pos;
    return t;
  }

  private nextAt(): Token {
    const s = this.src;
    const line = this.line;
    if (this.pos >= s.length) {
      if (this.pending.length) this.readHeredocs();
      return { k: 'eof', line };
    }
    const c = s[this.pos]!;
    if (c === '\n') {
      this.pos++;
      this.line++;
      if (this.pending.length) this.readHeredocs();
      return { k: 'nl', line };
    }
    for (const op of OPS) {
      if (s.startsWith(op, this.pos)) {
        if (op === '&>' && !this.bashRedir) continue;
        this.pos += op.length;
        return { k: 'op', v: op, line };
      }
    }
    // IO_NUMBER: digits immediately followed by < or >.
    const m = /^[0-9]+(?=[<>])/.exec(s.slice(this.pos, this.pos + 12));
    if (m) {
      this.pos += m[0].length;
      return { k: 'io', fd: Number(m[0]), line };
    }
    return { k: 'word', w: this.readWord(), line };
  }

  /** Reads one word up to an unquoted metacharacter. */
  private readWord(): Word {
    const start = this.pos;
    const parts: WordPart[] = [];
    const s = this.src;
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit, q: false });
      lit = '';
    };
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (isMeta(c)) break;
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        flush();
        this.pos += 2;
        if (n !== undefined) parts.push({ t: 'lit', v: n, q: true });
        continue;
      }
      if (c === "'") {
        flush();
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError('Unterminated quoted string', this.line);
        const v = s.slice(this.pos + 1, end);
        this.countLines(v);
        parts.push({ t: 'lit', v, q: true });
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        const inner = this.readDquote();
        if (!inner.length) inner.push({ t: 'lit', v: '', q: true });
        parts.push(...inner);
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.readDollarOrBacktick(false);
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      lit += c;
      this.pos++;
    }
    flush();
    return { parts, raw: s.slice(start, this.pos) };
  }

  private countLines(v: string): void {
    for (const ch of v) if (ch === '\n') this.line++;
  }

  /** Inside "...": returns the parts (all quoted); consumes the closing quote. */
  private readDquote(): WordPart[] {
    const s = this.src;
    const parts: WordPart[] = [];
    let lit = '';
    for (;;) {
      if (this.pos >= s.length) throw new ShellSyntaxError('Unterminated quoted string', this.line);
      const c = s[this.pos]!;
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (n === '$' || n === '`' || n === '"' || n === '\\') {
          lit += n;
          this.pos += 2;
          continue;
        }
        lit += c;
        this.pos++;
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.readDollarOrBacktick(true);
        if (p) {
          if (lit) parts.push({ t: 'lit', v: lit, q: true });
          lit = '';
          parts.push(p);
          continue;
        }
      }
      if (c === '\n') this.line++;
      lit += c;
      this.pos++;
    }
    if (lit) parts.push({ t: 'lit', v: lit, q: true });
    return parts;
  }

  /**
   * At `$` or a backquote: reads an expansion and returns it, or returns null
   * (without consuming) when `$` is literal.
   */
  private readDollarOrBacktick(q: boolean): WordPart | null {
    const s = this.src;
    const c = s[this.pos];
    if (c === '`') {
      let body = '';
      let i = this.pos + 1;
      for (;;) {
        if (i >= s.length) throw new ShellSyntaxError('EOF in backquote substitution', this.line);
        const ch = s[i]!;
        if (ch === '`') break;
        if (ch === '\\' && (s[i + 1] === '`' || s[i + 1] === '\\' || s[i + 1] === '$' || (q && s[i + 1] === '"'))) {
          body += s[i + 1];
          i += 2;
          continue;
        }
        if (ch === '\n') this.line++;
        body += ch;
        i++;
      }
      this.pos = i + 1;
      return { t: 'cmd', node: null, src: body, q };
    }
    const n = s[this.pos + 1];
    if (n === '(' && s[this.pos + 2] === '(') {
      // $(( ... )): find the matching "))" counting parentheses.
      let depth = 0;
      let i = this.pos + 3;
      for (;;) {
        if (i >= s.length) throw new ShellSyntaxError("Missing '))'", this.line);
        const ch = s[i]!;
        if (ch === '(') depth++;
        else if (ch === ')') {
          if (depth === 0) {
            if (s[i + 1] !== ')') throw new ShellSyntaxError("Missing '))'", this.line);
            break;
          }
          depth--;
        }
        i++;
      }
      const src = s.slice(this.pos + 3, i);
      this.countLines(src);
      this.pos = i + 2;
      return { t: 'arith', src, q };
    }
    if (n === '(') {
      const r = this.subParse(s, this.pos + 2, this.line);
      const src = s.slice(this.pos + 2, r.end - 1);
      this.pos = r.end;
      this.line = r.line;
      return { t: 'cmd', node: r.node, src, q };
    }
    if (n === '{') return this.readBraceParam(q);
    if (n !== undefined && (SPECIAL_PARAMS.includes(n))) {
      this.pos += 2;
      return { t: 'param', name: n, op: '', arg: null, q };
    }
    const m = n !== undefined ? /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(this.pos + 1, this.pos + 200)) : null;
    if (m) {
      this.pos += 1 + m[0].length;
      return { t: 'param', name: m[0], op: '', arg: null, q };
    }
    return null;
  }

  /** `${...}` forms of XCU 2.6.2. */
  private readBraceParam(q: boolean): WordPart {
    const s = this.src;
    this.pos += 2;
    let len = false;
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}' && s[this.pos + 1] !== undefined) {
      // ${#x} (but ${#} is the count and ${#-...} etc. are rare).
      len = true;
      this.pos++;
    }
    let name = '';
    const m = /^[A-Za-z_][A-Za-z0-9_]*|^[0-9]+/.exec(s.slice(this.pos, this.pos + 200));
    if (m) name = m[0];
    else if (s[this.pos] !== undefined && SPECIAL_PARAMS.includes(s[this.pos]!)) name = s[this.pos]!;
    if (!name) {
      if (this.pos >= s.length) throw new ShellSyntaxError("Missing '}'", this.line);
      throw new ShellSyntaxError('Bad substitution', this.line, true);
    }
    this.pos += name.length;
    if (len) {
      if (s[this.pos] !== '}') throw new ShellSyntaxError('Bad substitution', this.line, true);
      this.pos++;
      return { t: 'param', name, op: 'len', arg: null, q };
    }
    if (s[this.pos] === '}') {
      this.pos++;
      return { t: 'param', name, op: '', arg: null, q };
    }
    const om = /^(:[-=?+]|[-=?+]|%%|%|##|#)/.exec(s.slice(this.pos, this.pos + 2));
    if (!om) {
      if (this.pos >= s.length) throw new ShellSyntaxError("Missing '}'", this.line);
      throw new ShellSyntaxError('Bad substitution', this.line, true);
    }
    this.pos += om[0].length;
    const arg = this.readParamWord(q);
    return { t: 'param', name, op: om[0], arg, q };
  }

  /** The word inside `${x-word}` up to the matching `}`. */
  private readParamWord(q: boolean): Word {
    const s = this.src;
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = () => {
      if (lit) parts.push({ t: 'lit', v: lit, q });
      lit = '';
    };
    for (;;) {
      if (this.pos >= s.length) throw new ShellSyntaxError("Missing '}'", this.line);
      const c = s[this.pos]!;
      if (c === '}') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        flush();
        const n = s[this.pos + 1];
        this.pos += 2;
        if (n !== undefined && n !== '\n') parts.push({ t: 'lit', v: n, q: true });
        continue;
      }
      if (c === "'" && !q) {
        flush();
        const end = s.indexOf("'", this.pos + 1);
        if (end < 0) throw new ShellSyntaxError('Unterminated quoted string', this.line);
        parts.push({ t: 'lit', v: s.slice(this.pos + 1, end), q: true });
        this.pos = end + 1;
        continue;
      }
      if (c === '"') {
        flush();
        this.pos++;
        const inner = this.readDquote();
        if (!inner.length) inner.push({ t: 'lit', v: '', q: true });
        parts.push(...inner);
        continue;
      }
      if (c === '$' || c === '`') {
        const p = this.readDollarOrBacktick(q);
        if (p) {
          flush();
          parts.push(p);
          continue;
        }
      }
      if (c === '\n') this.line++;
      lit += c;
      this.pos++;
    }
    flush();
    return { parts, raw: s.slice(start, this.pos - 1) };
  }

  /** Reads the bodies of the pending here-documents (after a newline). */
  private readHeredocs(): void {
    const s = this.src;
    for (const r of this.pending) {
      const h = r.heredoc!;
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= s.length) break;
        let e = s.indexOf('\n', this.pos);
        if (e < 0) e = s.length;
        let ln = s.slice(this.pos, e);
        this.pos = Math.min(e + 1, s.length);
        this.line++;
        if (r.op === '<<-') ln = ln.replace(/^\t+/, '');
        if (ln === h.delim) break;
        lines.push(ln + '\n');
      }
      const text = lines.join('');
      h.body = h.quoted ? { parts: [{ t: 'lit', v: text, q: true }], raw: text } : heredocWord(text, this.subParse);
    }
    this.pending = [];
  }
}

/**
 * Parses unquoted here-document text: `$` and backquote expansions and the
 * backslash escapes `\$ \` \\ \newline`; everything else is literal.
 */
export function heredocWord(text: string, subParse: SubParse): Word {
  const lx = new Lexer(text, subParse);
  const parts: WordPart[] = [];
  let lit = '';
  const s = text;
  while (lx.pos < s.length) {
    const c = s[lx.pos]!;
    if (c === '\\') {
      const n = s[lx.pos + 1];
      if (n === '\n') {
        lx.pos += 2;
        continue;
      }
      if (n === '$' || n === '`' || n === '\\') {
        lit += n;
        lx.pos += 2;
        continue;
      }
    }
    if (c === '$' || c === '`') {
      const p = (lx as unknown as { readDollarOrBacktick(q: boolean): WordPart | null }).readDollarOrBacktick(true);
      if (p) {
        if (lit) parts.push({ t: 'lit', v: lit, q: true });
        lit = '';
        parts.push(p);
        continue;
      }
    }
    lit += c;
    lx.pos++;
  }
  if (lit) parts.push({ t: 'lit', v: lit, q: true });
  return { parts, raw: text };
}
