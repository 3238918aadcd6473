/**
 * Translates POSIX basic and extended regular expressions (with the GNU
 * extensions grep and sed accept: `\+ \? \| \< \> \w \s`) into JavaScript
 * RegExp source, so grep and sed match as GNU's do on ordinary patterns.
 */

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

/** Reads a bracket expression at `i` (`[`); returns JS class source and end index. */
function bracketExpr(re: string, i: number): { src: string; end: number } {
  let j = i + 1;
  let out = '[';
  if (re[j] === '^') {
    out += '^';
    j++;
  }
  let first = true;
  for (; j < re.length; j++) {
    const c = re[j]!;
    if (c === ']' && !first) return { src: out + ']', end: j };
    first = false;
    if (c === '[' && (re[j + 1] === ':' || re[j + 1] === '=' || re[j + 1] === '.')) {
      const close = re.indexOf(re[j + 1]! + ']', j + 2);
      if (close > 0) {
        const name = re.slice(j + 2, close);
        out += re[j + 1] === ':' ? CLASSES[name] ?? '' : name.replace(/[\]\\^-]/g, '\\$&');
        j = close + 1;
        continue;
      }
    }
    if (c === '\\' || c === '[' || (c === ']')) out += '\\' + c;
    else if (c === '^') out += '\\^';
    else out += c;
  }
  throw new SyntaxError('Unmatched [, [^, [:, [., or [=');
}

/** Converts a POSIX regex to JS source. `ere` selects extended syntax. */
export function posixToJs(re: string, ere: boolean): string {
  let out = '';
  let atStart = true;
  for (let i = 0; i < re.length; i++) {
    const c = re[i]!;
    const wasStart = atStart;
    atStart = false;
    if (c === '[') {
      const b = bracketExpr(re, i);
      out += b.src;
      i = b.end;
      continue;
    }
    if (c === '\\') {
      const n = re[++i];
      if (n === undefined) throw new SyntaxError('Trailing backslash');
      if (!ere && n === '(') {
        out += '(';
        atStart = true;
      } else if (!ere && n === ')') {
        out += ')';
      } else if (!ere && n === '|') {
        out += '|';
        atStart = true;
      } else if (!ere && (n === '{' || n === '}')) out += n;
      else if (!ere && (n === '+' || n === '?')) out += n;
      else if (n === '<' ) out += '\\b(?=\\w)';
      else if (n === '>') out += '\\b(?<=\\w)';
      else if (/[1-9]/.test(n)) out += '\\' + n;
      else if ('wWsSbB'.includes(n)) out += '\\' + n;
      else if (n === 'n') out += '\\n';
      else if (n === 't') out += '\\t';
      else out += n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      continue;
    }
    if (c === '*') {
      out += wasStart ? '\\*' : '*';
      continue;
    }
    if (c === '^') {
      if (ere || wasStart) {
        out += '^';
        atStart = true;
      } else out += '\\^';
      continue;
    }
    if (c === '$') {
      const rest = re.slice(i + 1);
      if (ere || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|')) out += '$';
      else out += '\\$';
      continue;
    }
    if (ere) {
      if (c === '(') {
        atStart = true;
        out += '(';
        continue;
      }
      if (c === '|') {
        atStart = true;
        out += '|';
        continue;
      }
      if (c === '{' && !/^\{[0-9]*(,[0-9]*)?\}/.test(re.slice(i))) {
        out += '\\{';
        continue;
      }
      if ((c === '+' || c === '?') && wasStart) {
        out += '\\' + c;
        continue;
      }
      out += c === '/' ? '\\/' : c;
      continue;
    }
    out += /[+?(){}|/]/.test(c) ? '\\' + c : c;
  }
  return out;
}

/** Compiles a POSIX regex; throws SyntaxError with a GNU-like message. */
export function compilePosix(re: string, ere: boolean, flags = ''): RegExp {
  return new RegExp(posixToJs(re, ere), flags);
}
