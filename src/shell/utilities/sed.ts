/**
 * `sed [-n] [-E|-r] [-i[SUF]] [-e SCRIPT]... [SCRIPT] [FILE...]` (GNU sed):
 * commands s y p P d D q Q = a i c n N h H g G x l b t T : { } with line,
 * `$`, `/re/`, `first~step` and range addresses and `!`.
 */
import { strerror } from '../errors.js';
import { LineReader, decode, encode } from '../io.js';
import { posixToJs } from '../posix-regex.js';
import { abs, err, getopt, readInput } from './common.js';
import type { Utility } from './types.js';

type Addr = { k: 'plus'; n: number } | { k: 'line'; n: number } | { k: 'last' } | { k: 're'; re: RegExp | null } | { k: 'step'; first: number; step: number };

interface Cmd {
  a1?: Addr;
  a2?: Addr;
  neg: boolean;
  name: string;
  re?: RegExp | null;
  repl?: string;
  flags?: { g: boolean; p: boolean; n: number; w?: string };
  text?: string;
  label?: string;
  block?: Cmd[];
  y?: [string, string];
  inRange?: boolean;
  rangeEnd?: number;
}

class SedError extends Error {
  constructor(message: string, readonly char = 0) {
    super(message);
  }
}

function parseScript(src: string, ere: boolean): Cmd[] {
  let i = 0;
  const ws = () => {
    while (i < src.length && /[ \t]/.test(src[i]!)) i++;
  };
  const readDelim = (d: string): string => {
    let s = '';
    while (i < src.length && src[i] !== d) {
      if (src[i] === '\\' && i + 1 < src.length) {
        if (src[i + 1] === d) s += d === '/' ? '\\/' : d;
        else if (src[i + 1] === 'n') s += '\\n';
        else s += src[i]! + src[i + 1]!;
        i += 2;
        continue;
      }
      if (src[i] === '\n') throw new SedError(`unterminated \`s' command`, i);
      s += src[i++];
    }
    if (i >= src.length) throw new SedError(`unterminated \`s' command`);
    i++;
    return s;
  };
  const regex = (s: string, flags: string): RegExp | null => (s === '' ? null : new RegExp(posixToJs(s, ere), flags));
  const addr = (): Addr | undefined => {
    if (src[i] === '+' && /[0-9]/.test(src[i + 1] ?? '')) {
      const m = /^\+([0-9]+)/.exec(src.slice(i))!;
      i += m[0].length;
      return { k: 'plus', n: Number(m[1]) };
    }
    if (/[0-9]/.test(src[i] ?? '')) {
      const m = /^([0-9]+)(?:~([0-9]+))?/.exec(src.slice(i))!;
      i += m[0].length;
      if (m[2] !== undefined) return { k: 'step', first: Number(m[1]), step: Number(m[2]) };
      return { k: 'line', n: Number(m[1]) };
    }
    if (src[i] === '$') {
      i++;
      return { k: 'last' };
    }
    if (src[i] === '/' || src[i] === '\\') {
      let d = '/';
      if (src[i] === '\\') d = src[++i]!;
      i++;
      const r = readDelim(d);
      let flags = '';
      while (src[i] === 'I') {
        flags += 'i';
        i++;
      }
      return { k: 're', re: regex(r, flags) };
    }
    return undefined;
  };
  const parseList = (inBlock: boolean): Cmd[] => {
    const cmds: Cmd[] = [];
    for (;;) {
      while (i < src.length && /[ \t\n;]/.test(src[i]!)) i++;
      if (i >= src.length) {
        if (inBlock) throw new SedError('unmatched `{\'');
        return cmds;
      }
      if (src[i] === '}') {
        if (!inBlock) throw new SedError("unexpected `}'");
        i++;
        return cmds;
      }
      if (src[i] === '#') {
        while (i < src.length && src[i] !== '\n') i++;
        continue;
      }
      const c: Cmd = { neg: false, name: '' };
      c.a1 = addr();
      if (c.a1 && src[i] === ',') {
        i++;
        c.a2 = addr();
        if (!c.a2) throw new SedError('unexpected `,\'');
      }
      ws();
      while (src[i] === '!') {
        c.neg = true;
        i++;
        ws();
      }
      const name = src[i++];
      if (name === undefined) throw new SedError('missing command', i);
      c.name = name;
      switch (name) {
        case '{':
          c.block = parseList(true);
          break;
        case 's': {
          const d = src[i++]!;
          const pat = readDelim(d);
          let repl = '';
          while (i < src.length && src[i] !== d) {
            if (src[i] === '\\' && i + 1 < src.length) {
              repl += src[i + 1] === d ? d : src[i]! + src[i + 1]!;
              i += 2;
              continue;
            }
            repl += src[i++];
          }
          if (i >= src.length) throw new SedError(`unterminated \`s' command`);
          i++;
          const flags = { g: false, p: false, n: 1, w: undefined as string | undefined };
          let rf = '';
          for (;;) {
            const f = src[i];
            if (f === 'g') flags.g = true;
            else if (f === 'p') flags.p = true;
            else if (f === 'i' || f === 'I') rf += 'i';
            else if (f !== undefined && /[0-9]/.test(f)) {
              const m = /^[0-9]+/.exec(src.slice(i))![0];
              flags.n = Number(m);
              i += m.length - 1;
            } else if (f === 'w') {
              i++;
              ws();
              const e = src.indexOf('\n', i);
              flags.w = src.slice(i, e < 0 ? undefined : e);
              i = e < 0 ? src.length : e;
              break;
            } else break;
            i++;
          }
          c.re = pat === '' ? null : new RegExp(posixToJs(pat, ere), rf + 'g');
          c.repl = repl;
          c.flags = flags;
          break;
        }
        case 'y': {
          const d = src[i++]!;
          const a = readDelim(d).replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
          const b = readDelim(d).replace(/\\n/g, '\n').replace(/\\\\/g, '\\');
          if ([...a].length !== [...b].length) throw new SedError("strings for `y' command are different lengths");
          c.y = [a, b];
          break;
        }
        case 'a':
        case 'i':
        case 'c': {
          ws();
          if (src[i] === '\\') {
            i++;
            if (src[i] === '\n') i++;
          }
          ws();
          let t = '';
          while (i < src.length && src[i] !== '\n') {
            if (src[i] === '\\' && i + 1 < src.length) {
              t += src[i + 1] === '\n' ? '\n' : src[i + 1];
              i += 2;
              continue;
            }
            t += src[i++];
          }
          c.text = t;
          break;
        }
        case 'b':
        case 't':
        case 'T':
        case ':': {
          ws();
          const m = /^[^;\n}]*/.exec(src.slice(i))![0];
          i += m.length;
          c.label = m.trim();
          if (name === ':' && !c.label) throw new SedError('":" lacks a label');
          break;
        }
        case 'q':
        case 'Q':
        case 'l':
        case 'L': {
          ws();
          const m = /^[0-9]*/.exec(src.slice(i))![0];
          i += m.length;
          c.text = m;
          break;
        }
        case 'w':
        case 'r': {
          ws();
          const e = src.indexOf('\n', i);
          c.text = src.slice(i, e < 0 ? undefined : e);
          i = e < 0 ? src.length : e;
          break;
        }
        case 'p': case 'P': case 'd': case 'D': case '=': case 'n': case 'N': case 'h': case 'H': case 'g': case 'G': case 'x': case 'z':
          break;
        default:
          throw new SedError(`unknown command: \`${name}'`, i);
      }
      if ('pPdDnNhHgGxz=qQlL'.includes(name)) {
        ws();
        if (i < src.length && !/[;\n}#]/.test(src[i]!)) throw new SedError('extra characters after command', i + 1);
      }
      cmds.push(c);
    }
  };
  return parseList(false);
}

/** Expands a replacement: `&`, `\1`..`\9`, `\n`, `\t`, escapes. */
function replacement(repl: string, m: RegExpExecArray): string {
  let s = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i]!;
    if (c === '&') s += m[0];
    else if (c === '\\' && i + 1 < repl.length) {
      const n = repl[++i]!;
      if (/[0-9]/.test(n)) s += m[Number(n)] ?? '';
      else if (n === 'n') s += '\n';
      else if (n === 't') s += '\t';
      else s += n;
    } else s += c;
  }
  return s;
}

export const sed: Utility = async (ctx) => {
  // -i takes an optional attached suffix; -s, -u and -z are accepted.
  const argv = ctx.argv.map((a) => (/^-i.+/.test(a) ? '-i' : a));
  const o = await getopt({ ...ctx, argv }, 'nErie:f:suz', { quiet: 'n', silent: 'n', 'regexp-extended': 'E', 'in-place': 'i', 'expression:': 'e', 'file:': 'f', debug: 'D', posix: 'P', separate: 's' });
  if (!o) return 1;
  const args = [...o.args];
  const pieces: string[] = [];
  for (const [k, v] of o.order) {
    if (k === 'e') pieces.push(v);
    if (k === 'f') pieces.push(decode(ctx.fs.readFileSync(abs(ctx, v))).replace(/\n$/, ''));
  }
  if (!pieces.length) {
    if (!args.length) {
      await ctx.stderr.write(encode('Usage: sed [OPTION]... {script-only-if-no-other-script} [input-file]...\n'));
      return 1;
    }
    pieces.push(args.shift()!);
  }
  const ere = o.has('E') || o.has('r');
  let prog: Cmd[];
  try {
    prog = parseScript(pieces.join('\n'), ere);
  } catch (e) {
    const ch = e instanceof SedError && e.char ? e.char : pieces.join('\n').length;
    await err(ctx, `-e expression #1, char ${ch}: ${(e as Error).message}`);
    return 1;
  }
  const quiet = o.has('n');
  const inPlace = o.has('i');
  const files = args.length ? args : ['-'];
  let status = 0;
  let lastRe: RegExp | null = null;

  const runOn = async (src: LineSrc, emit: (s: string) => Promise<void>): Promise<boolean> => {
    let lineNo = 0;
    let hold = '';
    let quit = false;
    const matchAddr = async (a: Addr, ps: string): Promise<boolean> => {
      switch (a.k) {
        case 'line': return lineNo === a.n;
        case 'plus': return false;
        case 'last': return src.atEnd();
        case 'step': return a.step ? lineNo >= a.first && (lineNo - a.first) % a.step === 0 : lineNo === a.first;
        case 're': {
          const r = a.re ?? lastRe;
          if (!r) return false;
          lastRe = r;
          r.lastIndex = 0;
          return r.test(ps);
        }
      }
    };
    const selected = async (c: Cmd, ps: string): Promise<boolean> => {
      let sel: boolean;
      if (!c.a1) sel = true;
      else if (!c.a2) sel = await matchAddr(c.a1, ps);
      else if (c.inRange) {
        sel = true;
        if (c.a2.k === 'line' || c.a2.k === 'plus') {
          if (lineNo >= c.rangeEnd!) c.inRange = false;
        } else if (await matchAddr(c.a2, ps)) c.inRange = false;
      } else {
        sel = await matchAddr(c.a1, ps);
        if (sel) {
          c.inRange = true;
          c.rangeEnd = c.a2.k === 'plus' ? lineNo + c.a2.n : c.a2.k === 'line' ? c.a2.n : undefined;
          if (c.rangeEnd !== undefined && c.rangeEnd <= lineNo) c.inRange = false;
        }
      }
      return sel !== c.neg;
    };
    while (!quit) {
      const first = await src.get();
      if (first === null) break;
      let ps = first;
      lineNo++;
      let append: string[] = [];
      let deleted = false;
      let subst = false;
      const exec = async (cmds: Cmd[]): Promise<'next' | 'restart' | void> => {
        for (let pc = 0; pc < cmds.length; pc++) {
          const c = cmds[pc]!;
          if (!(await selected(c, ps))) continue;
          switch (c.name) {
            case '{': {
              const r = await exec(c.block!);
              if (r) return r;
              break;
            }
            case 's': {
              const r = c.re ?? lastRe;
              if (!r) break;
              lastRe = r;
              const g = new RegExp(r.source, r.flags.includes('g') ? r.flags : r.flags + 'g');
              let n = 0;
              let out = '';
              let last = 0;
              let m: RegExpExecArray | null;
              let did = false;
              g.lastIndex = 0;
              while ((m = g.exec(ps))) {
                n++;
                if (n >= c.flags!.n && (c.flags!.g || n === c.flags!.n)) {
                  out += ps.slice(last, m.index) + replacement(c.repl!, m);
                  last = m.index + m[0].length;
                  did = true;
                  if (!c.flags!.g) break;
                }
                if (m[0] === '') g.lastIndex++;
              }
              if (did) {
                ps = out + ps.slice(last);
                subst = true;
                if (c.flags!.p) await emit(ps + '\n');
                if (c.flags!.w) ctx.fs.appendFileSync(abs(ctx, c.flags!.w), ps + '\n');
              }
              break;
            }
            case 'y': {
              const [a, b] = c.y!;
              const A = [...a];
              const B = [...b];
              ps = [...ps].map((ch) => {
                const k = A.indexOf(ch);
                return k < 0 ? ch : B[k]!;
              }).join('');
              break;
            }
            case 'p': await emit(ps + '\n'); break;
            case 'P': await emit(ps.split('\n')[0] + '\n'); break;
            case 'd': deleted = true; return 'next';
            case 'D': {
              const k = ps.indexOf('\n');
              if (k < 0) {
                deleted = true;
                return 'next';
              }
              ps = ps.slice(k + 1);
              for (const t of append) await emit(t);
              append = [];
              return 'restart';
            }
            case '=': await emit(`${lineNo}\n`); break;
            case 'a': append.push(c.text + '\n'); break;
            case 'i': await emit(c.text + '\n'); break;
            case 'c':
              if (!c.a2 || !c.inRange) await emit(c.text + '\n');
              deleted = true;
              return 'next';
            case 'n':
              if (!quiet) await emit(ps + '\n');
              for (const t of append) await emit(t);
              append = [];
              if (await src.atEnd()) {
                deleted = true;
                quit = true;
                return 'next';
              }
              ps = (await src.get())!;
              lineNo++;
              break;
            case 'N':
              if (await src.atEnd()) {
                quit = true;
                return 'next';
              }
              ps += '\n' + (await src.get())!;
              lineNo++;
              break;
            case 'h': hold = ps; break;
            case 'H': hold += '\n' + ps; break;
            case 'g': ps = hold; break;
            case 'G': ps += '\n' + hold; break;
            case 'x': [ps, hold] = [hold, ps]; break;
            case 'z': ps = ''; break;
            case 'l': await emit(ps.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n') + '$\n'); break;
            case 'q':
              quit = true;
              status = Number(c.text || 0);
              return 'next';
            case 'Q':
              quit = true;
              deleted = true;
              status = Number(c.text || 0);
              return 'next';
            case 'r':
              try {
                append.push(decode(ctx.fs.readFileSync(abs(ctx, c.text!))));
              } catch {
                // missing file is silently ignored
              }
              break;
            case 'w':
              ctx.fs.appendFileSync(abs(ctx, c.text!), ps + '\n');
              break;
            case ':': break;
            case 'b':
            case 't':
            case 'T': {
              const jump = c.name === 'b' || (c.name === 't' ? subst : !subst);
              if (c.name !== 'b') subst = false;
              if (!jump) break;
              if (!c.label) return 'next-cycle' as 'next';
              const k = prog.findIndex((x) => x.name === ':' && x.label === c.label);
              if (k < 0) throw new SedError(`can't find label for jump to \`${c.label}'`);
              return (await exec(prog.slice(k + 1))) ?? ('next-cycle' as 'next');
            }
          }
        }
      };
      let r = await exec(prog);
      while (r === 'restart') r = await exec(prog);
      if (!deleted && !quiet) await emit(ps + ((await src.atEnd()) && src.noFinalNewline ? '' : '\n'));
      for (const t of append) await emit(t);
    }
    return quit;
  };

  try {
    if (inPlace) {
      for (const f of files) {
        let text: string;
        try {
          text = decode(await readInput(ctx, f));
        } catch (e) {
          await err(ctx, `can't read ${f}: ${strerror(e)}`);
          status = 2;
          continue;
        }
        let outS = '';
        await runOn(LineSrc.ofTexts([text]), async (s) => {
          outS += s;
        });
        ctx.fs.writeFileSync(abs(ctx, f), outS);
      }
      return status;
    }
    // Files are read whole; stdin streams line by line (so `yes | sed 3q` ends).
    const readers: (() => Promise<{ line: string; hadNewline: boolean } | null>)[] = [];
    for (const f of files) {
      if (f === '-') {
        const lr = new LineReader(ctx.stdin);
        readers.push(() => lr.next());
        continue;
      }
      try {
        readers.push(LineSrc.reader(LineSrc.splitText(decode(await readInput(ctx, f)))));
      } catch (e) {
        await err(ctx, `can't read ${f}: ${strerror(e)}`);
        status = 2;
      }
    }
    let buf = '';
    await runOn(new LineSrc(readers), async (s) => {
      buf += s;
      if (buf.length > 16384) {
        await ctx.stdout.write(encode(buf));
        buf = '';
      }
    });
    if (buf) await ctx.stdout.write(encode(buf));
  } catch (e) {
    if (e instanceof SedError) {
      await err(ctx, e.message);
      return 1;
    }
    throw e;
  }
  return status;
};

/** Input lines across files, with one line of lookahead for the `$` address. */
class LineSrc {
  private la: { line: string; hadNewline: boolean } | null | undefined;
  /** Whether the last line read had no trailing newline. */
  noFinalNewline = false;
  constructor(private readonly readers: (() => Promise<{ line: string; hadNewline: boolean } | null>)[]) {}

  static splitText(text: string): { line: string; hadNewline: boolean }[] {
    const ls = text.split('\n');
    const out = ls.map((line) => ({ line, hadNewline: true }));
    if (ls[ls.length - 1] === '') out.pop();
    else out[out.length - 1]!.hadNewline = false;
    return out;
  }

  static ofTexts(texts: string[]): LineSrc {
    return new LineSrc(texts.map((t) => LineSrc.reader(LineSrc.splitText(t))));
  }

  /** A reader over an array (index-based: `shift()` would be quadratic). */
  static reader(ls: { line: string; hadNewline: boolean }[]): () => Promise<{ line: string; hadNewline: boolean } | null> {
    let i = 0;
    return async () => ls[i++] ?? null;
  }

  private async pull(): Promise<{ line: string; hadNewline: boolean } | null> {
    while (this.readers.length) {
      const r = await this.readers[0]!();
      if (r) return r;
      this.readers.shift();
    }
    return null;
  }

  async atEnd(): Promise<boolean> {
    if (this.la === undefined) this.la = await this.pull();
    return this.la === null;
  }

  async get(): Promise<string | null> {
    if (this.la === undefined) this.la = await this.pull();
    const v = this.la;
    this.la = undefined;
    if (v === null) {
      this.la = null;
      return null;
    }
    this.noFinalNewline = !v.hadNewline;
    return v.line;
  }
}
