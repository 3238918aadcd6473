/** `uniq [-cdui] [INPUT [OUTPUT]]` (GNU coreutils). */
import { strerror } from '../errors.js';
import { splitLines } from '../io.js';
import { abs, err, getopt, out, readText } from './common.js';
import type { Utility } from './types.js';

export const uniq: Utility = async (ctx) => {
  const o = await getopt(ctx, 'cduif:s:', { count: 'c', repeated: 'd', unique: 'u', 'ignore-case': 'i' });
  if (!o) return 1;
  let lines: string[];
  try {
    lines = splitLines(await readText(ctx, o.args[0] ?? '-'));
  } catch (e) {
    await err(ctx, `${o.args[0]}: ${strerror(e)}`);
    return 1;
  }
  const skipF = Number(o.get('f') ?? 0);
  const skipC = Number(o.get('s') ?? 0);
  const key = (l: string) => {
    let s = l;
    for (let i = 0; i < skipF; i++) s = s.replace(/^\s*\S+/, '');
    s = s.slice(skipC);
    return o.has('i') ? s.toLowerCase() : s;
  };
  let res = '';
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && key(lines[j]!) === key(lines[i]!)) j++;
    const n = j - i;
    if ((!o.has('d') || n > 1) && (!o.has('u') || n === 1)) res += (o.has('c') ? String(n).padStart(7) + ' ' : '') + lines[i] + '\n';
    i = j;
  }
  if (o.args[1]) ctx.fs.writeFileSync(abs(ctx, o.args[1]), res);
  else await out(ctx, res);
  return 0;
};
