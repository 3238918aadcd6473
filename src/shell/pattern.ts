/**
 * Shell pattern matching (XCU 2.13): `*`, `?`, bracket expressions with `!`
 * negation and character classes. Used by globbing, `case`, `${x%pat}` and
 * `find -name`. A pattern string marks quoted (literal) characters with a
 * preceding backslash, which is how expansion hands quoted text over.
 */

/** Converts a shell pattern to a JS RegExp source (no anchors). */
export function patternSource(pat: string): string {
  let out = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '\\') {
      i++;
      if (i < pat.length) out += escapeRe(pat[i]!);
      else out += '\\\\';
    } else if (c === '*') out += '[^]*';
    else if (c === '?') out += '[^]';
    else if (c === '[') {
      const r = bracket(pat, i);
      if (r) {
        out += r.src;
        i = r.end;
      } else out += '\\[';
    } else out += escapeRe(c);
  }
  return out;
}

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z',
  space: ' \\t\\n\\r\\f\\v', blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f',
  cntrl: '\\x00-\\x1f\\x7f', print: '\\x20-\\x7e', graph: '\\x21-\\x7e',
};

/** Parses a bracket expression at `i` (pointing at `[`); null when unterminated. */
export function bracket(pat: string, i: number): { src: string; end: number } | null {
  let j = i + 1;
  let neg = false;
  if (pat[j] === '!' || pat[j] === '^') {
    neg = true;
    j++;
  }
  let body = '';
  let first = true;
  for (; j < pat.length; j++) {
    const c = pat[j]!;
    if (c === ']' && !first) return { src: `[${neg ? '^' : ''}${body}]`, end: j };
    first = false;
    if (c === '[' && pat[j + 1] === ':') {
      const e = pat.indexOf(':]', j + 2);
      if (e > 0) {
        body += CLASSES[pat.slice(j + 2, e)] ?? '';
        j = e + 1;
        continue;
      }
    }
    if (c === '\\' && j + 1 < pat.length) {
      j++;
      body += escapeClass(pat[j]!);
      continue;
    }
    if (c === '-' && body && pat[j + 1] !== ']' && pat[j + 1] !== undefined) {
      body += '-';
      continue;
    }
    body += escapeClass(c);
  }
  return null;
}

function escapeClass(c: string): string {
  return /[\]\\^\-[]/.test(c) ? '\\' + c : c;
}

/** Escapes a character for use in a RegExp. */
export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Whole-string match of a shell pattern. */
export function matchPattern(pat: string, s: string): boolean {
  return new RegExp('^(?:' + patternSource(pat) + ')$').test(s);
}

/** Whether a pattern has unquoted glob characters. */
export function hasGlob(pat: string): boolean {
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && bracket(pat, i)) return true;
  }
  return false;
}

/** Removes the quoting backslashes of a pattern string. */
export function unescapePattern(pat: string): string {
  return pat.replace(/\\([^])/g, '$1');
}

/** Escapes every pattern-special character (quoted text). */
export function quotePattern(s: string): string {
  return s.replace(/[\\*?[\]]/g, '\\$&');
}
