/**
 * How util.inspect writes strings, keys and numbers: quote choice and
 * escapes, numeric separators, terminal column widths and ANSI stripping,
 * matching Node 24's output byte for byte.
 */

export type Stylize = (text: string, style: string) => string;

export const stylizeNoColor: Stylize = (text) => text;

/** '\x1B', '\n', '\\' … for the characters Node escapes (C0, quote, backslash, DEL, C1). */
const meta: string[] = [];
for (let code = 0; code < 0xa0; code++) {
  if (code >= 0x20 && code < 0x7f) meta.push('');
  else meta.push(`\\x${code.toString(16).toUpperCase().padStart(2, '0')}`);
}
meta[8] = '\\b';
meta[9] = '\\t';
meta[10] = '\\n';
meta[12] = '\\f';
meta[13] = '\\r';
meta[0x27] = "\\'";
meta[0x5c] = '\\\\';

const lone = '[\\ud800-\\udbff](?![\\udc00-\\udfff])|(?<![\\ud800-\\udbff])[\\udc00-\\udfff]';
const needsEscape = new RegExp(`[\\x00-\\x1f\\x27\\x5c\\x7f-\\x9f]|${lone}`);
const needsEscapeNoQuote = new RegExp(`[\\x00-\\x1f\\x5c\\x7f-\\x9f]|${lone}`);
const escapeAll = new RegExp(`[\\x00-\\x1f\\x27\\x5c\\x7f-\\x9f]|${lone}`, 'g');
const escapeAllNoQuote = new RegExp(`[\\x00-\\x1f\\x5c\\x7f-\\x9f]|${lone}`, 'g');

function escapeChar(ch: string): string {
  const code = ch.charCodeAt(0);
  return code < meta.length ? meta[code]! : `\\u${code.toString(16)}`;
}

/**
 * A string literal as Node prints it: single quotes, or double quotes when
 * the text has a single quote, or backticks when it has both (and no `${`);
 * control characters, backslashes, the quote and lone surrogates escaped.
 */
export function strEscape(str: string): string {
  let quote = "'";
  if (str.includes("'")) {
    if (!str.includes('"')) quote = '"';
    else if (!str.includes('`') && !str.includes('${')) quote = '`';
  }
  const single = quote === "'";
  if (!(single ? needsEscape : needsEscapeNoQuote).test(str)) return `${quote}${str}${quote}`;
  return `${quote}${str.replace(single ? escapeAll : escapeAllNoQuote, escapeChar)}${quote}`;
}

/** Escapes for a non-enumerable key or a symbol's description (no quotes added). */
const keyEscapes = /[\x00-\x1f\x27\x5c\x7f-\x9f]/g;
export function escapeKey(str: string): string {
  return str.replace(keyEscapes, escapeChar);
}

function addNumericSeparator(integer: string): string {
  let result = '';
  let i = integer.length;
  const start = integer.startsWith('-') ? 1 : 0;
  for (; i >= start + 4; i -= 3) result = `_${integer.slice(i - 3, i)}${result}`;
  return i === integer.length ? integer : `${integer.slice(0, i)}${result}`;
}

function addNumericSeparatorEnd(fraction: string): string {
  let result = '';
  let i = 0;
  for (; i < fraction.length - 3; i += 3) result += `${fraction.slice(i, i + 3)}_`;
  return i === 0 ? fraction : `${result}${fraction.slice(i)}`;
}

export function formatNumber(fn: Stylize, n: number, numericSeparator: boolean): string {
  if (!numericSeparator) {
    if (Object.is(n, -0)) return fn('-0', 'number');
    return fn(`${n}`, 'number');
  }
  const text = String(n);
  if (Math.trunc(n) === n) {
    if (!Number.isFinite(n) || text.includes('e')) return fn(text, 'number');
    return fn(addNumericSeparator(text), 'number');
  }
  if (Number.isNaN(n)) return fn(text, 'number');
  // Split at the decimal point of the printed number; Node does this even
  // for exponent forms, printing 1e-7 as "1e-.1e-_7".
  const dot = text.indexOf('.');
  return fn(`${addNumericSeparator(text.slice(0, dot))}.${addNumericSeparatorEnd(text.slice(dot + 1))}`, 'number');
}

export function formatBigInt(fn: Stylize, n: bigint, numericSeparator: boolean): string {
  const text = String(n);
  return fn(numericSeparator ? `${addNumericSeparator(text)}n` : `${text}n`, 'bigint');
}

const ansi = new RegExp(
  '[\\u001B\\u009B][[\\]()#;?]*' +
    '(?:(?:(?:(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]+)*|[a-zA-Z\\d]+(?:;[-a-zA-Z\\d\\/\\#&.:=?%@~_]*)*)?' +
    '(?:\\u0007|\\u001B\\u005C|\\u009C))' +
    '|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PR-TZcf-nq-uy=><~]))',
  'g',
);

/** util.stripVTControlCharacters */
export function stripVTControlCharacters(str: string): string {
  if (typeof str !== 'string') {
    const e = new TypeError(`The "str" argument must be of type string. Received ${describeReceived(str)}`) as TypeError & { code: string };
    e.code = 'ERR_INVALID_ARG_TYPE';
    throw e;
  }
  return str.replace(ansi, '');
}

function describeReceived(v: unknown): string {
  if (v == null) return String(v);
  if (typeof v === 'function') return `function ${(v as { name?: string }).name}`;
  if (typeof v === 'object') return `an instance of ${(v as { constructor?: { name?: string } }).constructor?.name ?? 'Object'}`;
  let shown = typeof v === 'bigint' ? `${v}n` : typeof v === 'string' ? `'${v}'` : String(v);
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof v} (${shown})`;
}

const colorCodes = /\u001b\[\d\d?m/g;

/** The text without the SGR codes util.inspect adds. */
export function removeColors(str: string): string {
  return str.replace(colorCodes, '');
}

/** East Asian wide and full-width ranges (what ICU reports as W or F), coarsely. */
function isFullWidth(code: number): boolean {
  return code >= 0x1100 && (
    code <= 0x115f || code === 0x2329 || code === 0x232a ||
    (code >= 0x231a && code <= 0x231b) || (code >= 0x23e9 && code <= 0x23ec) || code === 0x23f0 || code === 0x23f3 ||
    (code >= 0x25fd && code <= 0x25fe) || (code >= 0x2614 && code <= 0x2615) || (code >= 0x2648 && code <= 0x2653) ||
    code === 0x267f || code === 0x2693 || code === 0x26a1 || (code >= 0x26aa && code <= 0x26ab) ||
    (code >= 0x26bd && code <= 0x26be) || (code >= 0x26c4 && code <= 0x26c5) || code === 0x26ce || code === 0x26d4 ||
    code === 0x26ea || (code >= 0x26f2 && code <= 0x26f3) || code === 0x26f5 || code === 0x26fa || code === 0x26fd ||
    code === 0x2705 || (code >= 0x270a && code <= 0x270b) || code === 0x2728 || code === 0x274c || code === 0x274e ||
    (code >= 0x2753 && code <= 0x2755) || code === 0x2757 || (code >= 0x2795 && code <= 0x2797) || code === 0x27b0 ||
    code === 0x27bf || (code >= 0x2b1b && code <= 0x2b1c) || code === 0x2b50 || code === 0x2b55 ||
    (code >= 0x2e80 && code <= 0x303e) || (code >= 0x3041 && code <= 0x3247) || (code >= 0x3250 && code <= 0x4dbf) ||
    (code >= 0x4e00 && code <= 0xa4c6) || (code >= 0xa960 && code <= 0xa97c) || (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe10 && code <= 0xfe19) || (code >= 0xfe30 && code <= 0xfe6b) ||
    (code >= 0xff01 && code <= 0xff60) || (code >= 0xffe0 && code <= 0xffe6) || (code >= 0x16fe0 && code <= 0x18cd5) ||
    (code >= 0x1b000 && code <= 0x1b2fb) || code === 0x1f004 || code === 0x1f0cf || code === 0x1f18e ||
    (code >= 0x1f191 && code <= 0x1f19a) || (code >= 0x1f200 && code <= 0x1f251) || (code >= 0x1f300 && code <= 0x1f64f) ||
    (code >= 0x1f680 && code <= 0x1f6ff) || (code >= 0x1f7e0 && code <= 0x1f7eb) || (code >= 0x1f90c && code <= 0x1f9ff) ||
    (code >= 0x1fa70 && code <= 0x1faff) || (code >= 0x20000 && code <= 0x3fffd)
  );
}

const emojiPresentation = /\p{Emoji_Presentation}/u;
const zeroWidth = /[\p{Mn}\p{Me}\p{Cc}\p{Cf}\p{Emoji_Modifier}]/u;

/** Terminal columns of one code point (Node's ICU-based GetColumnWidth). */
function columnWidth(ch: string, code: number): number {
  if (isFullWidth(code)) return 2;
  if (code >= 0x80 && emojiPresentation.test(ch)) return 2;
  if (code !== 0xad && zeroWidth.test(ch)) return 0;
  return 1;
}

/** The number of terminal columns `str` takes (util's internal getStringWidth). */
export function getStringWidth(str: string, removeControlChars = true): number {
  if (removeControlChars) str = stripVTControlCharacters(str);
  let width = 0;
  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code >= 127) {
      for (const ch of str.slice(i).normalize('NFC')) width += columnWidth(ch, ch.codePointAt(0)!);
      break;
    }
    width += code >= 32 ? 1 : 0;
  }
  return width;
}
