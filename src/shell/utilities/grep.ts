/**
 * `grep [-EFinvclLqwxorRhHs] [-e PAT]... PATTERN [FILE...]` (GNU grep).
 * Exit 0 on a match, 1 on none, 2 on error (even with matches, unless -q matched).
 */
import { strerror } from '../errors.js';
import { decode, TextWriter } from '../io.js';
import { posixToJs } from '../posix-regex.js';
import { resolve } from '../path.js';
import { escapeRe } from '../pattern.js';
import { abs, err, getopt } from './common.js';
import type { Utility } from './types.js';

export const grep: Utility = async (ctx) => {
  const o = await getopt(ctx, 'EFGinvclLqswxorRhHe:f:A:B:C:Z', {
    'extended-regexp': 'E', 'fixed-strings': 'F', 'ignore-case': 'i', 'line-number': 'n', 'invert-match': 'v', count: 'c',
    'files-with-matches': 'l', 'files-without-match': 'L', quiet: 'q', silent: 'q', 'no-messages': 's', 'word-regexp': 'w',
    'line-regexp': 'x', 'only-matching': 'o', recursive: 'r', 'dereference-recursive': 'R', 'no-filename': 'h', 'with-filename': 'H',
    'regexp:': 'e', 'file:': 'f', 'include:': 'I', 'exclude:': 'X', color: 'K', 'colour': 'K',
  });
  if (!o) return 2;
  const args = [...o.args];
  let pats: string[] = [];
  if (o.has('e')) for (const e of o.opts.get('e')!) pats.push(...e.split('\n'));
  if (o.has('f')) {
    try {
      pats.push(...decode(ctx.fs.readFileSync(abs(ctx, o.get('f')!))).split('\n').filter((x, i, a) => i < a.length - 1 || x !== ''));
    } catch (e) {
      await err(ctx, `${o.get('f')}: ${strerror(e)}`);
      return 2;
    }
  }
  if (!o.has('e') && !o.has('f')) {
    if (!args.length) {
      await ctx.stderr.write(new TextEncoder().encode("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"));
      return 2;
    }
    pats = args.shift()!.split('\n');
  }
  const ere = o.has('E');
  let src: string;
  try {
    src = pats.map((p) => (o.has('F') ? escapeRe(p) : posixToJs(p, ere))).map((s) => `(?:${s})`).join('|');
    if (o.has('w')) src = `(?<![A-Za-z0-9_])(?:${src})(?![A-Za-z0-9_])`;
    if (o.has('x')) src = `^(?:${src})$`;
    new RegExp(src);
  } catch (e) {
    await err(ctx, (e as Error).message.replace(/^Invalid regular expression: /, ''));
    return 2;
  }
  const re = new RegExp(src, o.has('i') ? 'i' : '');
  const reG = new RegExp(src, o.has('i') ? 'gi' : 'g');
  const rec = o.has('r') || o.has('R');
  let files = args;
  const noArgs = !files.length;
  if (noArgs) files = rec ? ['.'] : ['-'];
  const showName = o.has('H') || (!o.has('h') && (files.length > 1 || rec));
  const w = new TextWriter(ctx.stdout);
  let matchedAny = false;
  let error = false;

  const searchText = async (text: string, name: string): Promise<void> => {
    const lines = text.split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    let count = 0;
    const prefix = showName ? name + ':' : '';
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const hit = re.test(line) !== o.has('v');
      if (!hit) continue;
      count++;
      matchedAny = true;
      if (o.has('q')) return;
      if (o.has('l') || o.has('L')) break;
      if (o.has('c')) continue;
      const ln = o.has('n') ? `${i + 1}:` : '';
      if (o.has('o') && !o.has('v')) {
        reG.lastIndex = 0;
        let m;
        while ((m = reG.exec(line))) {
          if (m[0] === '') {
            reG.lastIndex++;
            continue;
          }
          await w.write(`${prefix}${ln}${m[0]}\n`);
        }
      } else await w.write(`${prefix}${ln}${line}\n`);
    }
    if (o.has('c')) await w.write(`${prefix}${count}\n`);
    if (o.has('l') && count) await w.write(name + '\n');
    if (o.has('L') && !count) await w.write(name + '\n');
  };

  const searchPath = async (f: string, top: boolean): Promise<void> => {
    if (o.has('q') && matchedAny) return;
    if (f === '-') {
      const chunks: Uint8Array[] = [];
      for (;;) {
        const c = await ctx.stdin.read();
        if (c === null) break;
        chunks.push(c);
      }
      const text = chunks.map((c) => decode(c)).join('');
      await searchText(text, '(standard input)');
      return;
    }
    const p = abs(ctx, f);
    try {
      const st = top || o.has('R') ? ctx.fs.statSync(p) : ctx.fs.lstatSync(p);
      if (st.isSymbolicLink()) return;
      if (st.isDirectory()) {
        if (!rec) {
          await w.flush();
          if (!o.has('s')) await err(ctx, `${f}: Is a directory`);
          error = true;
          return;
        }
        for (const d of ctx.fs.readdirSync(p, { withFileTypes: true })) {
          const child = f === '.' && noArgs ? d.name : `${f.replace(/\/$/, '')}/${d.name}`;
          await searchPath(child, false);
        }
        return;
      }
      const data = ctx.fs.readFileSync(resolve(ctx.cwd, f));
      if (data.includes(0)) {
        const text = decode(data);
        if (re.test(text) !== o.has('v')) {
          matchedAny = true;
          if (!o.has('q') && !o.has('c') && !o.has('l')) await w.write(`Binary file ${f} matches\n`);
          else await searchText(text, f);
        }
        return;
      }
      await searchText(decode(data), f);
    } catch (e) {
      await w.flush();
      if (!o.has('s')) await err(ctx, `${f}: ${strerror(e)}`);
      error = true;
    }
  };
  for (const f of files) await searchPath(f, true);
  await w.flush();
  if (o.has('q') && matchedAny) return 0;
  return error ? 2 : matchedAny ? 0 : 1;
};
