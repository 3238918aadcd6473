/**
 * `printf` as a builtin: the formatter of utilities/printf.ts with dash's
 * error prefix (`sh: 1: printf: abc: expected numeric value`).
 */
import { formatPrintf } from '../utilities/printf.js';
import { encode } from '../io.js';
import type { Builtin } from './types.js';

export const printfBuiltin: Builtin = async (sh, argv, io) => {
  const errors: string[] = [];
  const r = formatPrintf(argv.slice(1), (m) => errors.push(m), 'dash');
  for (const m of errors) await sh.errmsg(io, `printf: ${m}`);
  await io.stdout.write(encode(r.out));
  if (r.usage) {
    await sh.errmsg(io, 'printf: usage: printf format [arg ...]');
    return 2;
  }
  return errors.length ? 1 : 0;
};
