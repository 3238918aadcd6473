/** `du [-s] [-h] [-a] [-c] [FILE...]` (GNU coreutils). Sizes are estimated as 4 KiB blocks (the VFS has no st_blocks). */
import { strerror } from '../errors.js';
import { resolve } from '../path.js';
import { human } from './ls.js';
import { abs, err, getopt, out, q } from './common.js';
import type { Utility } from './types.js';

export const du: Utility = async (ctx) => {
  const o = await getopt(ctx, 'shacbkd:', { summarize: 's', 'human-readable': 'h', all: 'a', total: 'c', 'max-depth:': 'd' });
  if (!o) return 1;
  const maxDepth = o.has('s') ? 0 : o.has('d') ? Number(o.get('d')) : Infinity;
  let res = '';
  let st = 0;
  let total = 0;
  const fmt = (kb: number) => (o.has('h') ? human(kb * 1024) : String(o.has('b') ? kb * 1024 : kb));
  const walk = (p: string, label: string, depth: number): number => {
    const s = ctx.fs.lstatSync(p);
    let kb = s.isDirectory() ? 4 : Math.ceil(s.size / 4096) * 4;
    if (s.isDirectory()) {
      for (const d of ctx.fs.readdirSync(p, { withFileTypes: true })) kb += walk(resolve(p, d.name), `${label.replace(/\/$/, '')}/${d.name}`, depth + 1);
    }
    if (depth <= maxDepth && (s.isDirectory() || o.has('a') || depth === 0)) res += `${fmt(kb)}\t${label}\n`;
    return kb;
  };
  for (const f of o.args.length ? o.args : ['.']) {
    try {
      total += walk(abs(ctx, f), f, 0);
    } catch (e) {
      await err(ctx, `cannot access ${q(f)}: ${strerror(e)}`);
      st = 1;
    }
  }
  if (o.has('c')) res += `${fmt(total)}\ttotal\n`;
  await out(ctx, res);
  return st;
};
