/** `xargs [-n N] [-I R] [-0] [-d D] [-r] [-t] [CMD [ARG...]]` (GNU findutils); the default command is echo. */
import { decode, encode, readAll } from '../io.js';
import { err, getopt } from './common.js';
import type { Utility } from './types.js';

/** Splits xargs input: blanks separate, quotes and backslash escape. */
function splitArgs(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      has = true;
    } else if (c === '"' || c === "'") {
      const e = text.indexOf(c, i + 1);
      if (e < 0) throw new Error(`unmatched ${c === '"' ? 'double' : 'single'} quote; by default quotes are special to xargs unless you use the -0 option`);
      cur += text.slice(i + 1, e);
      i = e;
      has = true;
    } else if (/\s/.test(c)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has) out.push(cur);
  return out;
}

export const xargs: Utility = async (ctx) => {
  const o = await getopt(ctx, 'n:I:0d:rtL:P:s:', { 'max-args:': 'n', 'replace:': 'I', null: '0', 'delimiter:': 'd', 'no-run-if-empty': 'r', verbose: 't', 'max-lines:': 'L' }, false);
  if (!o) return 1;
  const cmd = o.args.length ? o.args : ['echo'];
  const text = decode(await readAll(ctx.stdin));
  let items: string[];
  try {
    if (o.has('0')) items = text.split('\0').filter((x, i, a) => x !== '' || i < a.length - 1);
    else if (o.has('d')) {
      const d = o.get('d')!.replace('\\n', '\n').replace('\\t', '\t');
      items = text.split(d);
      if (items[items.length - 1] === '' || items[items.length - 1] === '\n') items.pop();
    } else if (o.has('I') || o.has('L')) items = text.split('\n').map((l) => (o.has('I') ? l.replace(/^\s+/, '') : l)).filter((l) => l.trim() !== '');
    else items = splitArgs(text);
  } catch (e) {
    await err(ctx, (e as Error).message);
    return 1;
  }
  let status = 0;
  const run = async (argv: string[]) => {
    if (o.has('t')) await ctx.stderr.write(encode(argv.join(' ') + '\n'));
    const r = await ctx.exec(argv, { silentNotFound: true });
    if (r === 127) {
      await err(ctx, `${argv[0]}: No such file or directory`);
      status = 127;
      return false;
    }
    if (r === 255) {
      await err(ctx, `${argv[0]}: exited with status 255; aborting`);
      status = 124;
      return false;
    }
    if (r) status = 123;
    return true;
  };
  if (o.has('I')) {
    const rs = o.get('I')!;
    for (const it of items) if (!(await run(cmd.map((a) => a.replaceAll(rs, it))))) break;
    return status;
  }
  if (!items.length) {
    if (!o.has('r')) await run(cmd);
    return status;
  }
  const n = o.has('n') ? Number(o.get('n')) : o.has('L') ? Number(o.get('L')) : Infinity;
  for (let i = 0; i < items.length; i += n === Infinity ? items.length : n) {
    if (!(await run([...cmd, ...items.slice(i, n === Infinity ? undefined : i + n)]))) break;
  }
  return status;
};
