/**
 * The interactive shell's line editor (emacs-style keys, as bash/readline):
 * runs while the TTY is in raw mode, echoes and redraws the line itself.
 *
 * Keys: printable text inserts; Backspace/Ctrl+H, Delete (`\e[3~`), Ctrl+D on
 * a non-empty line; Left/Right (and Ctrl+B/F), Ctrl+Left/Right and Alt+B/F by
 * word; Home/End (`\e[H` `\eOH` `\e[1~` `\e[7~`, `\e[F` `\eOF` `\e[4~`
 * `\e[8~`, Ctrl+A/E); Ctrl+K/U/W kill (Ctrl+Y yanks back); Up/Down (and
 * Ctrl+P/N) walk the history; Tab completes (a second Tab lists); Ctrl+L
 * clears the screen; Ctrl+C abandons the line; Ctrl+D on an empty line is
 * end-of-file; Enter accepts.
 */
import type { Tty } from './tty.js';
import { displayWidth, isWide } from './prompt.js';
import { columns, commonPrefix, type Completion } from './complete.js';

export type ReadResult = { kind: 'line'; line: string } | { kind: 'interrupt' } | { kind: 'eof' };

export interface EditorHooks {
  history: () => string[];
  complete: (line: string, cursor: number) => Completion;
}

function charWidth(ch: string): number {
  const c = ch.codePointAt(0)!;
  if (c < 0x20 || c === 0x7f) return 2; // shown as ^X
  return isWide(c) ? 2 : 1;
}

function showChar(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c < 0x20) return '^' + String.fromCharCode(c + 64);
  if (c === 0x7f) return '^?';
  return ch;
}

/** Splits raw input into keys: one character, or a whole escape sequence. */
export function splitKeys(s: string): string[] {
  const keys: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s[i] === '\x1b' && i + 1 < s.length) {
      const n = s[i + 1]!;
      if (n === '[') {
        let j = i + 2;
        while (j < s.length && !/[@-~]/.test(s[j]!)) j++;
        keys.push(s.slice(i, Math.min(j + 1, s.length)));
        i = j + 1;
        continue;
      }
      if (n === 'O' && i + 2 < s.length) {
        keys.push(s.slice(i, i + 3));
        i += 3;
        continue;
      }
      keys.push(s.slice(i, i + 2));
      i += 2;
      continue;
    }
    const cp = s.codePointAt(i)!;
    const len = cp > 0xffff ? 2 : 1;
    keys.push(s.slice(i, i + len));
    i += len;
  }
  return keys;
}

export class LineEditor {
  #buf: string[] = [];
  #cursor = 0;
  #prompt = '';
  #promptWidth = 0;
  /** Row of the cursor, relative to the prompt's row, after the last draw. */
  #cursorRow = 0;
  #yank = '';
  #lastKey = '';

  constructor(
    private readonly tty: Tty,
    private readonly hooks: EditorHooks,
  ) {}

  /** Shows `prompt` and reads one line. */
  async readLine(prompt: string): Promise<ReadResult> {
    // A multi-line prompt: print the leading lines once, redraw only the last.
    const nl = prompt.lastIndexOf('\n');
    if (nl >= 0) {
      this.tty.write(prompt.slice(0, nl + 1).replace(/\r?\n/g, '\r\n'));
      prompt = prompt.slice(nl + 1);
    }
    this.#prompt = prompt;
    this.#promptWidth = displayWidth(prompt);
    this.#buf = [];
    this.#cursor = 0;
    this.#cursorRow = 0;
    const hist = this.hooks.history();
    let histIndex = hist.length;
    let saved: string[] = [];
    this.tty.write(prompt);
    const offResize = this.tty.onResize(() => this.#refresh());
    try {
      for (;;) {
        const chunk = await this.tty.readKeys();
        if (chunk === null) {
          if (this.#buf.length) return this.#accept();
          this.tty.write('\r\n');
          return { kind: 'eof' };
        }
        const keys = splitKeys(chunk);
        for (let k = 0; k < keys.length; k++) {
          const key = keys[k]!;
          const last = this.#lastKey;
          this.#lastKey = key;
          switch (key) {
            case '\r':
            case '\n': {
              let rest = keys.slice(k + 1).join('');
              // \r\n from a paste is one Enter.
              if (key === '\r' && rest.startsWith('\n')) rest = rest.slice(1);
              this.tty.unreadKeys(rest);
              return this.#accept();
            }
            case '\x03':
              this.#moveToEnd();
              this.tty.write('^C\r\n');
              this.tty.unreadKeys(keys.slice(k + 1).join(''));
              return { kind: 'interrupt' };
            case '\x04':
              if (!this.#buf.length) {
                this.tty.write('\r\n');
                this.tty.unreadKeys(keys.slice(k + 1).join(''));
                return { kind: 'eof' };
              }
              this.#delete();
              break;
            case '\x7f':
            case '\b':
              if (this.#cursor > 0) {
                this.#buf.splice(--this.#cursor, 1);
                this.#refresh();
              }
              break;
            case '\x1b[3~':
              this.#delete();
              break;
            case '\x1b[D':
            case '\x1bOD':
            case '\x02':
              if (this.#cursor > 0) this.#cursor--, this.#refresh();
              break;
            case '\x1b[C':
            case '\x1bOC':
            case '\x06':
              if (this.#cursor < this.#buf.length) this.#cursor++, this.#refresh();
              break;
            case '\x1b[1;5D':
            case '\x1b[1;3D':
            case '\x1bb':
              this.#cursor = this.#wordLeft();
              this.#refresh();
              break;
            case '\x1b[1;5C':
            case '\x1b[1;3C':
            case '\x1bf':
              this.#cursor = this.#wordRight();
              this.#refresh();
              break;
            case '\x1b[H':
            case '\x1bOH':
            case '\x1b[1~':
            case '\x1b[7~':
            case '\x01':
              this.#cursor = 0;
              this.#refresh();
              break;
            case '\x1b[F':
            case '\x1bOF':
            case '\x1b[4~':
            case '\x1b[8~':
            case '\x05':
              this.#cursor = this.#buf.length;
              this.#refresh();
              break;
            case '\x0b':
              this.#yank = this.#buf.splice(this.#cursor).join('');
              this.#refresh();
              break;
            case '\x15':
              this.#yank = this.#buf.splice(0, this.#cursor).join('');
              this.#cursor = 0;
              this.#refresh();
              break;
            case '\x17': {
              const from = this.#wordLeft(true);
              this.#yank = this.#buf.splice(from, this.#cursor - from).join('');
              this.#cursor = from;
              this.#refresh();
              break;
            }
            case '\x1bd': {
              const to = this.#wordRight();
              this.#yank = this.#buf.splice(this.#cursor, to - this.#cursor).join('');
              this.#refresh();
              break;
            }
            case '\x19':
              this.#insert(this.#yank);
              break;
            case '\x1b[A':
            case '\x1bOA':
            case '\x10':
              if (histIndex > 0) {
                if (histIndex === hist.length) saved = [...this.#buf];
                histIndex--;
                this.#set([...hist[histIndex]!]);
              }
              break;
            case '\x1b[B':
            case '\x1bOB':
            case '\x0e':
              if (histIndex < hist.length) {
                histIndex++;
                this.#set(histIndex === hist.length ? saved : [...hist[histIndex]!]);
              }
              break;
            case '\x0c':
              this.tty.write('\x1b[H\x1b[2J');
              this.#cursorRow = 0;
              this.#refresh(true);
              break;
            case '\t':
              this.#complete(last === '\t');
              break;
            default:
              if (key.startsWith('\x1b') || (key.length === 1 && key.charCodeAt(0) < 0x20)) break; // unbound
              this.#insert(key);
          }
        }
      }
    } finally {
      offResize();
    }
  }

  #accept(): ReadResult {
    this.#moveToEnd();
    this.tty.write('\r\n');
    return { kind: 'line', line: this.#buf.join('') };
  }

  #set(chars: string[]): void {
    this.#buf = chars;
    this.#cursor = chars.length;
    this.#refresh();
  }

  #delete(): void {
    if (this.#cursor < this.#buf.length) {
      this.#buf.splice(this.#cursor, 1);
      this.#refresh();
    }
  }

  #insert(text: string): void {
    if (!text) return;
    const chars = [...text].filter((c) => c !== '\r');
    const atEnd = this.#cursor === this.#buf.length;
    this.#buf.splice(this.#cursor, 0, ...chars);
    this.#cursor += chars.length;
    const end = this.#promptWidth + this.#width(this.#buf.length);
    const wasEnd = end - chars.reduce((n, c) => n + charWidth(c), 0);
    // Typing at the end of a line that does not reach the margin: just echo.
    if (atEnd && Math.floor(wasEnd / this.tty.cols) === Math.floor(end / this.tty.cols) && end % this.tty.cols !== 0) {
      this.tty.write(chars.map(showChar).join(''));
      return;
    }
    this.#refresh();
  }

  #width(upTo: number): number {
    let w = 0;
    for (let i = 0; i < upTo; i++) w += charWidth(this.#buf[i]!);
    return w;
  }

  #wordLeft(spacesOnly = false): number {
    let i = this.#cursor;
    const isWord = (c: string) => (spacesOnly ? !/\s/.test(c) : /[\p{L}\p{N}_]/u.test(c));
    while (i > 0 && !isWord(this.#buf[i - 1]!)) i--;
    while (i > 0 && isWord(this.#buf[i - 1]!)) i--;
    return i;
  }

  #wordRight(): number {
    let i = this.#cursor;
    const isWord = (c: string) => /[\p{L}\p{N}_]/u.test(c);
    while (i < this.#buf.length && !isWord(this.#buf[i]!)) i++;
    while (i < this.#buf.length && isWord(this.#buf[i]!)) i++;
    return i;
  }

  #moveToEnd(): void {
    if (this.#cursor !== this.#buf.length) {
      this.#cursor = this.#buf.length;
      this.#refresh();
    }
  }

  /** Redraws prompt and line (possibly wrapped over several rows) and places the cursor. */
  #refresh(fromTop = false): void {
    const cols = Math.max(1, this.tty.cols);
    let out = '';
    if (!fromTop && this.#cursorRow > 0) out += `\x1b[${this.#cursorRow}A`;
    out += '\r\x1b[J' + this.#prompt + this.#buf.map(showChar).join('');
    const total = this.#promptWidth + this.#width(this.#buf.length);
    // At the right margin the cursor waits to wrap: make it wrap.
    if (total > 0 && total % cols === 0) out += '\r\n';
    const endRow = Math.floor(total / cols);
    const pos = this.#promptWidth + this.#width(this.#cursor);
    const row = Math.floor(pos / cols);
    const col = pos % cols;
    if (endRow > row) out += `\x1b[${endRow - row}A`;
    out += '\r';
    if (col > 0) out += `\x1b[${col}C`;
    this.#cursorRow = row;
    this.tty.write(out);
  }

  #complete(listing: boolean): void {
    const line = this.#buf.join('');
    const cursorOffset = this.#buf.slice(0, this.#cursor).join('').length;
    let c: Completion;
    try {
      c = this.hooks.complete(line, cursorOffset);
    } catch {
      return;
    }
    if (!c.matches.length) {
      this.tty.write('\x07');
      return;
    }
    let replacement: string;
    if (c.matches.length === 1) {
      const m = c.matches[0]!;
      replacement = m.endsWith('/') ? m : m + ' ';
    } else {
      replacement = commonPrefix(c.matches);
      if (replacement.length <= c.word.length) {
        if (listing) {
          this.#moveToEnd();
          this.tty.write('\r\n' + columns(c.display, this.tty.cols));
          this.#cursorRow = 0;
          this.#cursor = [...line.slice(0, cursorOffset)].length;
          this.tty.write(this.#prompt);
          this.#refresh(true);
        } else this.tty.write('\x07');
        this.#lastKey = '\t';
        return;
      }
    }
    const startChars = [...line.slice(0, c.start)].length;
    this.#buf.splice(startChars, this.#cursor - startChars, ...replacement);
    this.#cursor = startChars + [...replacement].length;
    this.#refresh();
    // After a unique completion the next Tab starts afresh; after a common prefix it lists.
    this.#lastKey = c.matches.length === 1 ? '' : '\t';
  }
}
