/**
 * Recursive-descent parser for the POSIX shell grammar (XCU 2.10), producing
 * the tree of ast.ts. Like dash it parses one complete command (up to a
 * newline) at a time, so `sh -c 'echo a
 * done'` prints `a` before the syntax error. Error wording follows dash's
 * parser.c (`"done" unexpected`, `end of file unexpected (expecting "fi")`).
 */
import type { Assign, Node, Redir, Word } from './ast.js';
import { Lexer, ShellSyntaxError, type Token } from './lexer.js';

const RESERVED = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', 'in']);
const TERMINATORS = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const REDIR_OPS = new Set(['<', '>', '>>', '>|', '<>', '<&', '>&', '<<', '<<-', '&>']);

/** The text of a word when it is a single unquoted literal (reserved-word check). */
export function plainWord(w: Word): string | null {
  const p = w.parts;
  if (p.length === 1 && p[0]!.t === 'lit' && !p[0]!.q) return p[0]!.v;
  return null;
}

function isWord(t: Token, v: string): boolean {
  return t.k === 'word' && plainWord(t.w) === v;
}

/** The parser over one source text. */
export class Parser {
  readonly lx: Lexer;
  private la: Token | null = null;

  /** Alias table (dash expands aliases in command position while parsing). */
  aliases: Map<string, string> | null = null;
  private aliasGuard: { name: string; until: number }[] = [];
  /** The last alias expanded ended in a blank: the next word is checked too. */
  private aliasNextFrom: number | null = null;

  constructor(src: string, startPos = 0, startLine = 1) {
    this.lx = new Lexer(src, subParse);
    this.lx.pos = startPos;
    this.lx.line = startLine;
  }

  /** The line of the next token (for error messages outside the parser). */
  get line(): number {
    return this.la ? this.la.line : this.lx.line;
  }

  private peek(): Token {
    if (!this.la) this.la = this.lx.next();
    return this.la;
  }

  private next(): Token {
    const t = this.peek();
    this.la = null;
    return t;
  }

  /** Parses `$( ... )` contents starting after `$(`; consumes the `)`. */
  parseSubst(): Node | null {
    const node = this.compoundList(true);
    const t = this.next();
    if (!(t.k === 'op' && t.v === ')')) this.unexpected(t, ')');
    return node;
  }

  private unexpected(t: Token, expecting?: string): never {
    let what: string;
    if (t.k === 'eof') what = 'end of file';
    else if (t.k === 'nl') what = 'newline';
    else if (t.k === 'op') what = `"${t.v}"`;
    else if (t.k === 'io') what = 'redirection';
    else {
      const pw = plainWord(t.w);
      what = pw !== null && RESERVED.has(pw) ? `"${pw}"` : 'word';
    }
    throw new ShellSyntaxError(`${what} unexpected${expecting ? ` (expecting "${expecting}")` : ''}`, t.line);
  }

  private expectWord(v: string): void {
    const t = this.next();
    if (!isWord(t, v)) this.unexpected(t, v);
  }

  private linebreak(): void {
    while (this.peek().k === 'nl') this.next();
  }

  /**
   * Parses the next complete command. Returns `undefined` at end of input and
   * `null` for an empty line.
   */
  parseNext(): Node | null | undefined {
    const t = this.peek();
    if (t.k === 'eof') return undefined;
    if (t.k === 'nl') {
      this.next();
      return null;
    }
    const node = this.list();
    const e = this.peek();
    if (e.k === 'nl') this.next();
    else if (e.k !== 'eof') this.unexpected(e);
    return node;
  }

  /** A `list` on one line: and_or ((; | &) and_or)*. */
  private list(): Node {
    const items: { node: Node; bg: boolean; text?: string }[] = [];
    for (;;) {
      const start = this.peek().pos ?? 0;
      const node = this.andOr();
      const t = this.peek();
      let bg = false;
      if (t.k === 'op' && (t.v === ';' || t.v === '&')) {
        this.next();
        bg = t.v === '&';
        items.push(bg ? { node, bg, text: this.lx.src.slice(start, t.pos).trim() } : { node, bg });
        const n = this.peek();
        if (n.k === 'nl' || n.k === 'eof') break;
        continue;
      }
      items.push({ node, bg });
      break;
    }
    return items.length === 1 && !items[0]!.bg ? items[0]!.node : { type: 'list', items };
  }

  private canStartCommand(t: Token): boolean {
    if (t.k === 'eof' || t.k === 'nl') return false;
    if (t.k === 'op') return t.v === '(' || REDIR_OPS.has(t.v);
    if (t.k === 'word') {
      const pw = plainWord(t.w);
      return pw === null || !TERMINATORS.has(pw);
    }
    return true;
  }

  /** A compound_list: commands separated by ; & or newlines, stopping at a terminator. */
  compoundList(allowEmpty = false): Node | null {
    const items: { node: Node; bg: boolean; text?: string }[] = [];
    this.linebreak();
    while (this.canStartCommand(this.peek())) {
      if (this.peek().k === 'op' && (this.peek() as { v: string }).v === ')' ) break;
      const start = this.peek().pos ?? 0;
      const node = this.andOr();
      const t = this.peek();
      let bg = false;
      if (t.k === 'op' && (t.v === ';' || t.v === '&')) {
        this.next();
        bg = t.v === '&';
      } else if (t.k === 'nl') {
        // separator
      } else {
        items.push({ node, bg });
        break;
      }
      items.push(bg ? { node, bg, text: this.lx.src.slice(start, t.pos).trim() } : { node, bg });
      this.linebreak();
    }
    if (!items.length) {
      if (allowEmpty) return null;
      this.unexpected(this.peek());
    }
    return items.length === 1 && !items[0]!.bg ? items[0]!.node : { type: 'list', items };
  }

  private andOr(): Node {
    let left = this.pipeline();
    for (;;) {
      const t = this.peek();
      if (t.k === 'op' && (t.v === '&&' || t.v === '||')) {
        this.next();
        this.linebreak();
        const right = this.pipeline();
        left = { type: 'andor', op: t.v as '&&' | '||', left, right };
      } else return left;
    }
  }

  private pipeline(): Node {
    let bang = false;
    if (isWord(this.peek(), '!')) {
      this.next();
      bang = true;
    }
    const cmds = [this.command()];
    while (this.peek().k === 'op' && (this.peek() as { v: string }).v === '|') {
      this.next();
      this.linebreak();
      cmds.push(this.command());
    }
    return cmds.length === 1 && !bang ? cmds[0]! : { type: 'pipeline', bang, cmds };
  }

  private redirsAfter(): Redir[] {
    const out: Redir[] = [];
    for (;;) {
      const r = this.tryRedir();
      if (!r) return out;
      out.push(r);
    }
  }

  private tryRedir(): Redir | null {
    const t = this.peek();
    let fd: number | null = null;
    if (t.k === 'io') {
      this.next();
      fd = t.fd;
    } else if (!(t.k === 'op' && REDIR_OPS.has(t.v))) return null;
    const o = this.next();
    if (o.k !== 'op' || !REDIR_OPS.has(o.v)) this.unexpected(o);
    const op = o.v as Redir['op'];
    const w = this.next();
    if (w.k !== 'word') this.unexpected(w);
    const defFd = op.startsWith('<') ? 0 : 1;
    const r: Redir = { fd: fd ?? defFd, op, target: w.w };
    if (op === '<<' || op === '<<-') {
      const quoted = /['"\\]/.test(w.w.raw);
      const delim = w.w.parts.map((p) => (p.t === 'lit' ? p.v : p.t === 'param' ? '$' + p.name : '')).join('');
      r.heredoc = { body: { parts: [], raw: '' }, quoted, delim };
      this.lx.addHeredoc(r);
    }
    return r;
  }

  private command(): Node {
    if (this.expandAlias(this.peek())) return this.command();
    const t = this.peek();
    if (t.k === 'op' && t.v === '(') {
      this.next();
      const body = this.compoundList()!;
      const e = this.next();
      if (!(e.k === 'op' && e.v === ')')) this.unexpected(e, ')');
      return { type: 'subshell', body, redirs: this.redirsAfter() };
    }
    if (t.k === 'word') {
      const pw = plainWord(t.w);
      switch (pw) {
        case '{': {
          this.next();
          const body = this.compoundList()!;
          this.expectWord('}');
          return { type: 'group', body, redirs: this.redirsAfter() };
        }
        case 'if':
          return this.ifClause();
        case 'while':
        case 'until': {
          this.next();
          const cond = this.compoundList()!;
          this.expectWord('do');
          const body = this.compoundList()!;
          this.expectWord('done');
          return { type: 'while', until: pw === 'until', cond, body, redirs: this.redirsAfter() };
        }
        case 'for':
          return this.forClause();
        case 'case':
          return this.caseClause();
        default:
          if (pw !== null && (TERMINATORS.has(pw) || pw === 'in')) this.unexpected(t);
      }
    }
    return this.simple();
  }

  /** Replaces an alias name in command position by its text; true when it did. */
  private expandAlias(t: Token): boolean {
    if (!this.aliases || t.k !== 'word' || t.pos === undefined) return false;
    const name = plainWord(t.w);
    if (name === null) return false;
    const value = this.aliases.get(name);
    if (value === undefined) return false;
    const lx = this.lx;
    this.aliasGuard = this.aliasGuard.filter((g) => g.until > t.pos!);
    if (this.aliasGuard.some((g) => g.name === name)) return false;
    const end = t.pos + name.length;
    lx.src = lx.src.slice(0, t.pos) + value + lx.src.slice(end);
    lx.pos = t.pos;
    this.la = null;
    this.aliasGuard.push({ name, until: t.pos + value.length });
    this.aliasNextFrom = /[ \t]$/.test(value) ? t.pos + value.length : null;
    return true;
  }

  private ifClause(): Node {
    this.next();
    const clauses: { cond: Node; body: Node }[] = [];
    let els: Node | null = null;
    for (;;) {
      const cond = this.compoundList()!;
      this.expectWord('then');
      const body = this.compoundList()!;
      clauses.push({ cond, body });
      const t = this.next();
      if (isWord(t, 'elif')) continue;
      if (isWord(t, 'else')) {
        els = this.compoundList()!;
        this.expectWord('fi');
        break;
      }
      if (isWord(t, 'fi')) break;
      this.unexpected(t, 'fi');
    }
    return { type: 'if', clauses, else: els, redirs: this.redirsAfter() };
  }

  private forClause(): Node {
    this.next();
    const n = this.next();
    const name = n.k === 'word' ? plainWord(n.w) : null;
    if (name === null || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      if (n.k === 'word') throw new ShellSyntaxError(`Bad for loop variable`, n.line);
      this.unexpected(n);
    }
    let words: Word[] | null = null;
    this.linebreak();
    if (isWord(this.peek(), 'in')) {
      this.next();
      words = [];
      for (;;) {
        const t = this.peek();
        if (t.k === 'word') {
          words.push(t.w);
          this.next();
        } else break;
      }
      const sep = this.next();
      if (!(sep.k === 'nl' || (sep.k === 'op' && sep.v === ';'))) this.unexpected(sep, 'do');
      this.linebreak();
    } else if (this.peek().k === 'op' && (this.peek() as { v: string }).v === ';') {
      this.next();
      this.linebreak();
    }
    this.expectWord('do');
    const body = this.compoundList()!;
    this.expectWord('done');
    return { type: 'for', name, words, body, redirs: this.redirsAfter() };
  }

  private caseClause(): Node {
    this.next();
    const w = this.next();
    if (w.k !== 'word') this.unexpected(w);
    this.linebreak();
    this.expectWord('in');
    const items: { patterns: Word[]; body: Node | null }[] = [];
    for (;;) {
      this.linebreak();
      let t = this.peek();
      if (isWord(t, 'esac')) {
        this.next();
        break;
      }
      if (t.k === 'op' && t.v === '(') {
        this.next();
        t = this.peek();
      }
      const patterns: Word[] = [];
      for (;;) {
        const p = this.next();
        if (p.k !== 'word') this.unexpected(p, ')');
        patterns.push(p.w);
        const s = this.next();
        if (s.k === 'op' && s.v === '|') continue;
        if (s.k === 'op' && s.v === ')') break;
        this.unexpected(s, ')');
      }
      const body = this.compoundList(true);
      const e = this.peek();
      items.push({ patterns, body });
      if (e.k === 'op' && e.v === ';;') {
        this.next();
        continue;
      }
      this.linebreak();
      this.expectWord('esac');
      break;
    }
    return { type: 'case', word: w.w, items, redirs: this.redirsAfter() };
  }

  private simple(): Node {
    const line = this.peek().line;
    const assigns: Assign[] = [];
    const words: Word[] = [];
    const redirs: Redir[] = [];
    for (;;) {
      const r = this.tryRedir();
      if (r) {
        redirs.push(r);
        continue;
      }
      const t = this.peek();
      if (t.k !== 'word') break;
      const afterBlankAlias = this.aliasNextFrom !== null && (t.pos ?? 0) >= this.aliasNextFrom;
      if ((!words.length || afterBlankAlias) && this.expandAlias(t)) continue;
      if (afterBlankAlias) this.aliasNextFrom = null;
      if (!words.length) {
        const a = asAssign(t.w);
        if (a) {
          this.next();
          assigns.push(a);
          continue;
        }
      }
      this.next();
      words.push(t.w);
      if (words.length === 1 && !assigns.length && !redirs.length) {
        const p = this.peek();
        if (p.k === 'op' && p.v === '(') {
          const name = plainWord(t.w);
          this.next();
          const c = this.next();
          if (!(c.k === 'op' && c.v === ')')) this.unexpected(c, ')');
          if (name === null || !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) throw new ShellSyntaxError('Bad function name', t.line);
          this.linebreak();
          const body = this.command();
          return { type: 'func', name, body };
        }
      }
    }
    if (!assigns.length && !words.length && !redirs.length) this.unexpected(this.peek());
    return { type: 'simple', assigns, words, redirs, line };
  }
}

/** The lexer's callback for `$(`: a nested parser over the same text. */
export function subParse(src: string, pos: number, line: number): { node: Node | null; end: number; line: number } {
  const p = new Parser(src, pos, line);
  const node = p.parseSubst();
  return { node, end: p.lx.pos, line: p.lx.line };
}

/** Splits `NAME=value` into an assignment when the name part is unquoted. */
function asAssign(w: Word): Assign | null {
  const first = w.parts[0];
  if (!first || first.t !== 'lit' || first.q) return null;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.v);
  if (!m) return null;
  const rest = first.v.slice(m[0].length);
  const parts = [...(rest ? [{ t: 'lit' as const, v: rest, q: false }] : []), ...w.parts.slice(1)];
  return { name: m[1]!, value: { parts, raw: w.raw.slice(m[0].length) } };
}

/** Parses a whole source text (tests, `eval` of small strings). Throws ShellSyntaxError. */
export function parseAll(src: string): Node[] {
  const p = new Parser(src);
  const out: Node[] = [];
  for (;;) {
    const n = p.parseNext();
    if (n === undefined) return out;
    if (n) out.push(n);
  }
}
