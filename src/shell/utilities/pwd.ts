/** `pwd` as a utility (the builtin is what the shell runs; this serves xargs/env). */
import { out } from './common.js';
import type { Utility } from './types.js';

export const pwd: Utility = async (ctx) => {
  await out(ctx, ctx.cwd + '\n');
  return 0;
};
