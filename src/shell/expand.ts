/**
 * Word expansion (XCU 2.6): tilde, parameter, command substitution,
 * arithmetic, then field splitting on IFS, pathname expansion and quote
 * removal. Quoted text is tracked per character so that only unquoted
 * expansion results are split and only unquoted glob characters glob.
 */
import type { Word, WordPart, Node } from './ast.js';
import { evalArith, ArithError } from './arith.js';
import { ShellError } from './errors.js';
import { hasGlob, matchPattern, patternSource, quotePattern, unescapePattern, bracket } from './pattern.js';
import { heredocWord } from './lexer.js';
import { subParse } from './parser.js';
import { resolve } from './path.js';
import type { ShellFs } from './shell-system.js';

/** What expansion needs from the shell. */
export interface ExpandHost {
  getVar(name: string): string | undefined;
  setVar(name: string, value: string): void;
  /** `$?`, `$#`, `$$`, `$!`, `$-`, `$0`, `$1`… (not `@`/`*`). */
  special(name: string): string | undefined;
  positional(): string[];
  readonly nounset: boolean;
  readonly noglob: boolean;
  commandSubst(part: { node: Node | null; src: string }): Promise<string>;
  readonly fs: ShellFs;
  readonly cwd: string;
}

/** A run of expanded text: `q` = quoted, `split` = unquoted expansion result (IFS applies). */
type Piece = { s: string; q: boolean; split: boolean } | { brk: true };

/** Parses text such as a `$(( ))` body or here-document into a word. */
export function textWord(text: string): Word {
  return heredocWord(text, subParse);
}

/** The expander, bound to a shell. */
export class Expander {
  constructor(private readonly h: ExpandHost) {}

  private ifs(): string {
    const v = this.h.getVar('IFS');
    return v === undefined ? ' \t\n' : v;
  }

  private param(name: string): string | undefined {
    if (/^[A-Za-z_]/.test(name)) return this.h.getVar(name);
    if (name === '@' || name === '*') {
      const p = this.h.positional();
      return p.length ? p.join(' ') : undefined;
    }
    return this.h.special(name);
  }

  private async pieces(parts: WordPart[], out: Piece[], patternCtx = false): Promise<void> {
    for (let idx = 0; idx < parts.length; idx++) {
      const p = parts[idx]!;
      switch (p.t) {
        case 'lit': {
          let v = p.v;
          if (idx === 0 && !p.q && !patternCtx && v.startsWith('~')) {
            const m = /^~([^/]*)/.exec(v)!;
            if (m[1] === '') {
              const home = this.h.getVar('HOME') ?? '';
              out.push({ s: home, q: true, split: false });
              v = v.slice(1);
            }
          }
          out.push({ s: v, q: p.q, split: false });
          break;
        }
        case 'cmd': {
          const s = await this.h.commandSubst(p);
          out.push({ s: s.replace(/\n+$/, ''), q: p.q, split: !p.q });
          break;
        }
        case 'arith': {
          const src = await this.expandString(textWord(p.src));
          let v: number;
          try {
            v = evalArith(src, { get: (n) => this.h.getVar(n), set: (n, val) => this.h.setVar(n, val) });
          } catch (e) {
            if (e instanceof ArithError) throw new ShellError(e.message);
            throw e;
          }
          out.push({ s: String(v), q: p.q, split: !p.q });
          break;
        }
        case 'param':
          await this.paramPieces(p, out);
          break;
      }
    }
  }

  private async paramPieces(p: Extract<WordPart, { t: 'param' }>, out: Piece[]): Promise<void> {
    const { name, op, q } = p;
    if ((name === '@' || name === '*') && op === '') {
      const args = this.h.positional();
      if (q && name === '@') {
        args.forEach((a, i) => {
          if (i) out.push({ brk: true });
          out.push({ s: a, q: true, split: false });
        });
      } else if (q) {
        out.push({ s: args.join(this.ifs().slice(0, 1)), q: true, split: false });
      } else {
        args.forEach((a, i) => {
          if (i) out.push({ brk: true });
          out.push({ s: a, q: false, split: true });
        });
      }
      return;
    }
    let val = this.param(name);
    const unsetErr = () => {
      if (val === undefined && this.h.nounset && name !== '@' && name !== '*') throw new ShellError(`${name}: parameter not set`);
    };
    if (op === '' || op === 'len') {
      unsetErr();
      if (op === 'len') val = String((val ?? '').length);
      out.push({ s: val ?? '', q, split: !q });
      return;
    }
    const colon = op.startsWith(':');
    const base = colon ? op.slice(1) : op;
    const isNull = val === undefined || (colon && val === '');
    const argPieces = async () => {
      const ps: Piece[] = [];
      if (p.arg) await this.pieces(p.arg.parts, ps);
      return ps;
    };
    switch (base) {
      case '-':
        if (isNull) out.push(...(await argPieces()));
        else out.push({ s: val!, q, split: !q });
        return;
      case '+':
        if (!isNull) out.push(...(await argPieces()));
        return;
      case '=':
        if (isNull) {
          if (!/^[A-Za-z_]/.test(name)) throw new ShellError(`${name}: bad variable name`);
          const s = await this.expandString(p.arg ?? { parts: [], raw: '' });
          this.h.setVar(name, s);
          val = s;
        }
        out.push({ s: val!, q, split: !q });
        return;
      case '?':
        if (isNull) {
          const msg = p.arg && p.arg.parts.length ? await this.expandString(p.arg) : 'parameter not set';
          throw new ShellError(`${name}: ${msg}`);
        }
        out.push({ s: val!, q, split: !q });
        return;
    }
    // Pattern removal: % %% # ##
    unsetErr();
    const v = val ?? '';
    const pat = p.arg ? await this.expandPattern(p.arg) : '';
    const re = new RegExp('^(?:' + patternSource(pat) + ')$');
    let res = v;
    if (base === '#' || base === '##') {
      const lens = [...Array(v.length + 1).keys()];
      if (base === '##') lens.reverse();
      for (const n of lens) if (re.test(v.slice(0, n))) { res = v.slice(n); break; }
    } else {
      const starts = [...Array(v.length + 1).keys()];
      if (base === '%') starts.reverse();
      for (const n of starts) if (re.test(v.slice(n))) { res = v.slice(0, n); break; }
    }
    out.push({ s: res, q, split: !q });
  }

  /** Expands without field splitting or globbing (assignments, here-docs, case word). */
  async expandString(w: Word): Promise<string> {
    const ps: Piece[] = [];
    await this.pieces(w.parts, ps);
    let s = '';
    for (const p of ps) s += 'brk' in p ? ' ' : p.s;
    return s;
  }

  /** Expands into a pattern string (quoted characters escaped). */
  async expandPattern(w: Word): Promise<string> {
    const ps: Piece[] = [];
    await this.pieces(w.parts, ps, true);
    let s = '';
    for (const p of ps) s += 'brk' in p ? ' ' : p.q ? quotePattern(p.s) : p.s;
    return s;
  }

  /** Full expansion of command arguments into fields. */
  async expandWords(words: Word[]): Promise<string[]> {
    const out: string[] = [];
    // No spread: a word can expand to millions of fields (`$(seq 1 1000000)`).
    for (const w of words) for (const f of await this.expandWord(w)) out.push(f);
    return out;
  }

  async expandWord(w: Word): Promise<string[]> {
    const ps: Piece[] = [];
    await this.pieces(w.parts, ps);
    const ifs = this.ifs();
    const fields: { v: string; pat: string; glob: boolean }[] = [];
    let cur = { v: '', pat: '', glob: false };
    let started = false;
    const push = () => {
      fields.push(cur);
      cur = { v: '', pat: '', glob: false };
      started = false;
    };
    let prevWs = false;
    for (const p of ps) {
      if ('brk' in p) {
        push();
        started = true;
        prevWs = false;
        continue;
      }
      if (!p.split) {
        if (p.q || p.s) started = true;
        cur.v += p.s;
        if (p.q) cur.pat += quotePattern(p.s);
        else {
          cur.pat += p.s;
          cur.glob = true;
        }
        if (p.s) prevWs = false;
        continue;
      }
      for (const c of p.s) {
        if (ifs.includes(c)) {
          if (' \t\n'.includes(c)) {
            if (started) {
              push();
              prevWs = true;
            }
          } else {
            if (started || !prevWs) push();
            started = false;
            prevWs = false;
          }
        } else {
          cur.v += c;
          cur.pat += c === '\\' ? '\\\\' : c;
          cur.glob = true;
          started = true;
          prevWs = false;
        }
      }
    }
    if (started) push();
    const res: string[] = [];
    for (const f of fields) {
      if (f.glob && !this.h.noglob && hasGlob(f.pat)) {
        const g = this.glob(f.pat);
        if (g.length) {
          for (const x of g) res.push(x);
          continue;
        }
      }
      res.push(f.v);
    }
    return res;
  }

  /** Pathname expansion (XCU 2.13.3); results sorted in byte order. */
  glob(pat: string): string[] {
    const abs = pat.startsWith('/');
    const comps = splitPattern(pat).filter((c) => c !== '');
    const dirOnly = pat.endsWith('/');
    let results: string[] = [abs ? '/' : ''];
    for (let i = 0; i < comps.length; i++) {
      const comp = comps[i]!;
      const last = i === comps.length - 1;
      const next: string[] = [];
      for (const base of results) {
        const join = (n: string) => (base === '' ? n : base.endsWith('/') ? base + n : base + '/' + n);
        if (!hasGlob(comp)) {
          const name = join(unescapePattern(comp));
          if (last && !dirOnly ? this.exists(name) : this.isDir(name)) next.push(name);
          continue;
        }
        let names: string[];
        try {
          names = this.h.fs.readdirSync(resolve(this.h.cwd, base || '.'), { withFileTypes: true }).map((d) => d.name);
        } catch {
          continue;
        }
        const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
        const re = new RegExp('^(?:' + patternSource(comp) + ')$');
        if (dotOk) names.push('.', '..');
        for (const n of names.sort(byteCmp)) {
          if (n.startsWith('.') && !dotOk) continue;
          if (!re.test(n)) continue;
          const full = join(n);
          if ((!last || dirOnly) && !this.isDir(full)) continue;
          next.push(full);
        }
      }
      results = next;
      if (!results.length) return [];
    }
    if (pat.endsWith('/')) results = results.map((r) => r + '/');
    return results;
  }

  private exists(p: string): boolean {
    try {
      this.h.fs.lstatSync(resolve(this.h.cwd, p));
      return true;
    } catch {
      return false;
    }
  }

  private isDir(p: string): boolean {
    try {
      return this.h.fs.statSync(resolve(this.h.cwd, p)).isDirectory();
    } catch {
      return false;
    }
  }
}

/** Splits a pattern at unescaped `/` that are not inside a bracket expression. */
function splitPattern(pat: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '\\') {
      cur += c + (pat[i + 1] ?? '');
      i++;
    } else if (c === '[') {
      const b = bracket(pat, i);
      if (b && !pat.slice(i, b.end).includes('/')) {
        cur += pat.slice(i, b.end + 1);
        i = b.end;
      } else cur += c;
    } else if (c === '/') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Byte-order comparison (C locale collation). */
export function byteCmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export { matchPattern };
