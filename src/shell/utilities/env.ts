/** `env [-i] [-u NAME] [NAME=VALUE...] [CMD [ARG...]]` (GNU coreutils). */
import { err, getopt, out } from './common.js';
import type { Utility } from './types.js';

export const env: Utility = async (ctx) => {
  const o = await getopt(ctx, 'iu:0', { 'ignore-environment': 'i', 'unset:': 'u', null: '0' }, false);
  if (!o) return 125;
  const e: Record<string, string> = o.has('i') ? {} : { ...ctx.env };
  for (const u of o.opts.get('u') ?? []) delete e[u];
  let i = 0;
  const args = o.args;
  if (args[0] === '-') {
    for (const k of Object.keys(e)) delete e[k];
    i++;
  }
  for (; i < args.length && /^[^=]+=/.test(args[i]!); i++) {
    const a = args[i]!;
    const k = a.indexOf('=');
    e[a.slice(0, k)] = a.slice(k + 1);
  }
  if (i >= args.length) {
    await out(ctx, Object.entries(e).map(([k, v]) => `${k}=${v}${o.has('0') ? '\0' : '\n'}`).join(''));
    return 0;
  }
  const r = await ctx.exec(args.slice(i), { env: e, silentNotFound: true });
  if (r === 127) {
    await err(ctx, `'${args[i]}': No such file or directory`);
  }
  return r;
};
