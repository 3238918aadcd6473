/** `cut -b|-c|-f LIST [-d DELIM] [-s] [FILE...]` (GNU coreutils). */
import { strerror } from '../errors.js';
import { splitLines } from '../io.js';
import { err, getopt, out, readText } from './common.js';
import type { Utility } from './types.js';

function parseList(s: string): ((n: number) => boolean) | null {
  const parts = s.split(',').map((p) => {
    const m = /^([0-9]*)(-?)([0-9]*)$/.exec(p);
    if (!m || (!m[1] && !m[3])) return null;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : Infinity) : a;
    return [a, b] as const;
  });
  if (parts.some((p) => p === null || p[0] === 0)) return null;
  return (n) => parts.some((p) => n >= p![0] && n <= p![1]);
}

export const cut: Utility = async (ctx) => {
  const o = await getopt(ctx, 'b:c:f:d:sn', { 'bytes:': 'b', 'characters:': 'c', 'fields:': 'f', 'delimiter:': 'd', 'only-delimited': 's', 'output-delimiter:': 'O' });
  if (!o) return 1;
  const mode = o.has('f') ? 'f' : o.has('c') ? 'c' : o.has('b') ? 'b' : null;
  if (!mode) {
    await err(ctx, "you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.");
    return 1;
  }
  const list = parseList(o.get(mode)!);
  if (!list) {
    await err(ctx, `invalid field value '${o.get(mode)}'\nTry 'cut --help' for more information.`);
    return 1;
  }
  const delim = o.get('d') ?? '\t';
  if (delim.length !== 1) {
    await err(ctx, "the delimiter must be a single character\nTry 'cut --help' for more information.");
    return 1;
  }
  const od = o.get('O') ?? delim;
  let st = 0;
  let res = '';
  for (const f of o.args.length ? o.args : ['-']) {
    let text: string;
    try {
      text = await readText(ctx, f);
    } catch (e) {
      await err(ctx, `${f}: ${strerror(e)}`);
      st = 1;
      continue;
    }
    for (const line of splitLines(text)) {
      if (mode === 'f') {
        if (!line.includes(delim)) {
          if (!o.has('s')) res += line + '\n';
          continue;
        }
        res += line.split(delim).filter((_, i) => list(i + 1)).join(od) + '\n';
      } else res += [...line].filter((_, i) => list(i + 1)).join('') + '\n';
    }
  }
  await out(ctx, res);
  return st;
};
