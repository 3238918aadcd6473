/**
 * `alias` and `unalias` (dash): aliases are expanded by the parser for words
 * in command position, from the next line parsed on.
 */
import { encode } from '../io.js';
import { shQuote } from './vars.js';
import type { Builtin } from './types.js';

export const alias: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1);
  let out = '';
  let st = 0;
  if (!args.length) for (const [k, v] of [...sh.aliases].sort()) out += `${k}=${shQuote(v)}\n`;
  for (const a of args) {
    const eq = a.indexOf('=');
    if (eq > 0) sh.aliases.set(a.slice(0, eq), a.slice(eq + 1));
    else if (sh.aliases.has(a)) out += `${a}=${shQuote(sh.aliases.get(a)!)}\n`;
    else {
      await io.stderr.write(encode(`alias: ${a} not found\n`));
      st = 1;
    }
  }
  await io.stdout.write(encode(out));
  return st;
};

export const unalias: Builtin = async (sh, argv, io) => {
  const args = argv.slice(1);
  if (args[0] === '-a') {
    sh.aliases.clear();
    return 0;
  }
  let st = 0;
  for (const a of args) {
    if (!sh.aliases.delete(a)) {
      await sh.errmsg(io, `unalias: ${a} not found`);
      st = 1;
    }
  }
  return st;
};
