/** GNU `echo [-neE] [STRING...]`, for commands run outside the shell (xargs, find -exec, env). */
import { echoEscapes } from '../builtins/echo.js';
import { encode } from '../io.js';
import type { Utility } from './types.js';

export const echo: Utility = async (ctx) => {
  let args = ctx.argv.slice(1);
  let nl = true;
  let esc = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    for (const c of args[0].slice(1)) {
      if (c === 'n') nl = false;
      else if (c === 'e') esc = true;
      else esc = false;
    }
    args = args.slice(1);
  }
  let s = args.join(' ');
  if (esc) {
    const r = echoEscapes(s);
    s = r.text;
    if (r.stop) nl = false;
  }
  await ctx.stdout.write(encode(s + (nl ? '\n' : '')));
  return 0;
};
