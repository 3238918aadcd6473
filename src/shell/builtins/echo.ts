/**
 * dash's `echo`: always interprets backslash escapes (XSI), `-n` is the only
 * option, `\c` stops output. (The `echo` utility, used by xargs, is GNU's.)
 */
import { encode } from '../io.js';
import type { Builtin } from './types.js';

/** Interprets XSI echo escapes; returns the text and whether `\c` was met. */
export function echoEscapes(s: string): { text: string; stop: boolean } {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[++i]!;
    switch (n) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'c': return { text: out, stop: true };
      case 'e': out += '\x1b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '\\': out += '\\'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        // dash: \0nnn and \nnn (up to three octal digits after the optional 0).
        const from = n === '0' ? i + 1 : i;
        const m = /^[0-7]{0,3}/.exec(s.slice(from))![0];
        out += String.fromCharCode(parseInt(m || '0', 8) & 255);
        i = from + m.length - 1;
        break;
      }
      default: out += '\\' + n;
    }
  }
  return { text: out, stop: false };
}

export const echo: Builtin = async (_sh, argv, io) => {
  let args = argv.slice(1);
  let nl = true;
  if (args[0] === '-n') {
    nl = false;
    args = args.slice(1);
  }
  const r = echoEscapes(args.join(' '));
  await io.stdout.write(encode(r.text + (nl && !r.stop ? '\n' : '')));
  return 0;
};
