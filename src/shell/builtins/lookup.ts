/**
 * `command` and `type`: how dash reports where a name resolves (keyword,
 * function, builtin, or a path), and `command name` bypassing functions.
 */
import { encode } from '../io.js';
import type { IO, Shell } from '../interpreter.js';
import type { Builtin } from './types.js';

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', '{', '}', '!', 'in']);

/** Resolution of a name as dash's `type` describes it. */
export function describe(sh: Shell, name: string, specials: Set<string>, builtins: Set<string>): { short: string; long: string } | null {
  if (KEYWORDS.has(name)) return { short: name, long: `${name} is a shell keyword` };
  if (sh.funcs.has(name)) return { short: name, long: `${name} is a shell function` };
  if (specials.has(name)) return { short: name, long: `${name} is a special shell builtin` };
  if (builtins.has(name)) return { short: name, long: `${name} is a shell builtin` };
  const f = sh.lookup(name);
  if (!f) return null;
  return { short: f.path, long: `${name} is ${f.path}` };
}

/** Creates `type` and `command` bound to the builtin tables (avoids an import cycle). */
export function makeLookup(specials: Set<string>, builtins: Set<string>): { type: Builtin; command: Builtin } {
  const type: Builtin = async (sh, argv, io) => {
    let st = 0;
    let out = '';
    for (const n of argv.slice(1)) {
      const d = describe(sh, n, specials, builtins);
      if (d) out += d.long + '\n';
      else {
        out += `${n}: not found\n`;
        st = 127;
      }
    }
    await io.stdout.write(encode(out));
    return st;
  };
  const command: Builtin = async (sh: Shell, argv: string[], io: IO) => {
    let args = argv.slice(1);
    let mode = '';
    while (args[0] && /^-[vVp]+$/.test(args[0])) {
      if (args[0].includes('v')) mode = 'v';
      if (args[0].includes('V')) mode = 'V';
      args = args.slice(1);
    }
    if (args[0] === '--') args = args.slice(1);
    if (mode) {
      let st = 0;
      let out = '';
      for (const n of args) {
        const d = describe(sh, n, specials, builtins);
        if (d) out += (mode === 'v' ? d.short : d.long) + '\n';
        else {
          if (mode === 'V') out += `${n}: not found\n`;
          st = 127;
        }
      }
      await io.stdout.write(encode(out));
      return st;
    }
    if (!args.length) return 0;
    const savedFn = sh.funcs.get(args[0]!);
    if (savedFn) sh.funcs.delete(args[0]!);
    try {
      return await sh.runCommand(args, io);
    } finally {
      if (savedFn) sh.funcs.set(args[0]!, savedFn);
    }
  };
  return { type, command };
}
