/**
 * Command history of the interactive shell: kept in memory and appended to
 * `$HOME/.sh_history` (one entry a line), so it is saved with the workspace's
 * files and loaded by the next shell.
 */
import type { ShellFs } from '../shell-system.js';

const MAX = 1000;

export class History {
  entries: string[] = [];

  constructor(
    private readonly fs: ShellFs,
    readonly file: string | null,
  ) {}

  load(): void {
    if (!this.file) return;
    try {
      const text = new TextDecoder().decode(this.fs.readFileSync(this.file));
      this.entries = text.split('\n').filter((l) => l !== '').slice(-MAX);
    } catch {
      // No history yet.
    }
  }

  /** Records an entered line (not blank, not a repeat of the last one). */
  add(line: string): void {
    if (!line.trim() || line === this.entries[this.entries.length - 1]) return;
    this.entries.push(line);
    if (this.entries.length > MAX) this.entries.splice(0, this.entries.length - MAX);
    if (!this.file) return;
    try {
      this.fs.appendFileSync(this.file, line + '\n');
    } catch {
      // Read-only or missing HOME: keep it in memory only.
    }
  }
}
