/**
 * `<verklet-files>`: a file tree of a runtime's filesystem with a plain
 * editor pane. It talks only to `runtime.fs` (readdir, readFile, writeFile,
 * mkdir, rename, rm, watch) and follows the WAI-ARIA tree view pattern
 * (https://www.w3.org/WAI/ARIA/apg/patterns/treeview/) for roles and keys.
 */
import { html, nothing, svg, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import type { Runtime } from '../../runtime/runtime.js';
import type { RuntimeFS } from '../../runtime/types.js';
import { VerkletFileOpenEvent } from '../../events/verklet-file-open-event.js';
import { VerkletFileSaveEvent } from '../../events/verklet-file-save-event.js';
import { baseStyles } from '../base/base.styles.js';
import { messageOf } from '../base/base-element.js';
import { RuntimeConsumerElement, type Cleanup } from '../base/runtime-consumer.js';
import { filesStyles } from './files.styles.js';

/** One entry of a directory listing. */
interface Entry {
  name: string;
  path: string;
  dir: boolean;
}

/** One visible row of the tree, in display order. */
interface Row extends Entry {
  level: number;
  parent: string;
}

type Editing = { kind: 'rename'; path: string } | { kind: 'file' | 'folder'; dir: string } | null;

const REFRESH_DEBOUNCE_MS = 40;

// Drawn, not emoji: emoji fonts are missing on many systems.
const FOLDER_ICON = svg`<svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true"><path fill="currentColor" d="M1.5 3A1.5 1.5 0 0 1 3 1.5h3.2l1.6 1.6H13A1.5 1.5 0 0 1 14.5 4.6v7.9A1.5 1.5 0 0 1 13 14H3a1.5 1.5 0 0 1-1.5-1.5z"/></svg>`;
const FILE_ICON = svg`<svg viewBox="0 0 16 16" width="1em" height="1em" aria-hidden="true"><path fill="none" stroke="currentColor" stroke-width="1.2" d="M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3"/></svg>`;
const TWISTY = svg`<svg viewBox="0 0 16 16" width="0.75em" height="0.75em" aria-hidden="true"><path fill="currentColor" d="M5 3l6 5-6 5z"/></svg>`;

function join(dir: string, name: string): string {
  return dir.endsWith('/') ? `${dir}${name}` : `${dir}/${name}`;
}
function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}
function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
function checkName(name: string): string | null {
  if (!name) return 'A name is needed.';
  if (name.includes('/')) return 'A name may not contain "/".';
  if (name === '.' || name === '..') return `"${name}" is not a file name.`;
  return null;
}

/**
 * A file tree with an editor pane for a Verklet runtime's filesystem.
 *
 * Directories expand and collapse; a file opens in the editor (a textarea;
 * **Save** or Ctrl/⌘+S writes it through `runtime.fs.writeFile`). The toolbar
 * creates files and folders, renames and deletes. The tree follows changes
 * made by processes (`runtime.fs.watch`).
 *
 * Keys in the tree: ↑/↓ move, → expands (or enters) a folder, ← collapses (or
 * goes to the parent), Home/End jump to the first/last row, Enter opens a
 * file or toggles a folder, F2 renames, Delete asks to delete.
 *
 * @summary A file tree and simple editor over `runtime.fs`.
 * @tagname verklet-files
 *
 * @event {VerkletFileOpenEvent} verklet-file-open - A file was opened in the editor (`event.path`).
 * @event {VerkletFileSaveEvent} verklet-file-save - The editor's text was written to the file (`event.path`).
 * @event {VerkletErrorEvent} verklet-error - No runtime or filesystem, or a file operation failed; also shown in place.
 *
 * @csspart toolbar - The row of New file / New folder / Rename / Delete buttons.
 * @csspart tree - The tree pane.
 * @csspart item - Each tree row.
 * @csspart confirm - The delete confirmation bar.
 * @csspart editor - The editor pane.
 * @csspart textarea - The editor's textarea.
 * @csspart save - The Save button.
 * @csspart error - The in-place error message.
 *
 * @cssproperty --verklet-files-height - Height of the element. Default 20rem.
 * @cssproperty --verklet-files-tree-width - Width of the tree pane. Default 16rem.
 * @cssproperty --verklet-files-folder-color - Colour of folder icons.
 * @cssproperty --verklet-editor-background - Editor background.
 * @cssproperty --verklet-editor-font-size - Editor font size. Default 13px.
 * @cssproperty --verklet-selection-background - Background of the selected row.
 * @cssproperty --verklet-background - Element background.
 * @cssproperty --verklet-foreground - Text colour.
 * @cssproperty --verklet-surface - Toolbar and hover background.
 * @cssproperty --verklet-border-color - Border colour.
 * @cssproperty --verklet-accent - Focus ring colour.
 * @cssproperty --verklet-font-family-mono - Font of file names and the editor.
 */
export class VerkletFilesElement extends RuntimeConsumerElement {
  static override styles = [baseStyles, filesStyles];

  static override properties: PropertyDeclarations = {
    root: {},
    file: {},
    selectedPath: { attribute: false },
    openPath: { attribute: false },
    listings: { state: true },
    expanded: { state: true },
    editing: { state: true },
    confirming: { state: true },
    draft: { state: true },
    savedText: { state: true },
    status: { state: true },
  };

  /** The directory shown at the top of the tree (default: the runtime's workdir). */
  declare root: string | null;
  /** A file (relative to `root`, or absolute) to open in the editor when the tree first loads. */
  declare file: string | null;
  /** The selected (and focusable) row's path. */
  declare selectedPath: string | null;
  /** The path of the file open in the editor. */
  declare openPath: string | null;
  declare protected listings: Map<string, Entry[]>;
  declare protected expanded: Set<string>;
  declare protected editing: Editing;
  declare protected confirming: string | null;
  declare protected draft: string;
  declare protected savedText: string;
  declare protected status: string;

  #fs: RuntimeFS | undefined;
  #rootPath = '/';
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #focusAfterRender = false;
  #loaded!: Promise<void>;
  #markLoaded!: () => void;

  constructor() {
    super();
    this.root = null;
    this.file = null;
    this.selectedPath = null;
    this.openPath = null;
    this.listings = new Map();
    this.expanded = new Set();
    this.editing = null;
    this.confirming = null;
    this.draft = '';
    this.savedText = '';
    this.status = '';
    this.#loaded = new Promise((resolve) => (this.#markLoaded = resolve));
  }

  /** Resolves once the top of the tree has been listed. */
  get loaded(): Promise<void> {
    return this.#loaded;
  }

  /** True when the editor holds changes not yet saved. */
  get dirty(): boolean {
    return this.openPath !== null && this.draft !== this.savedText;
  }

  /** Re-lists every loaded directory (also done on `fs.watch` events). */
  async refresh(): Promise<void> {
    const fs = this.#fs;
    if (!fs) return;
    const dirs = [this.#rootPath, ...[...this.expanded].filter((d) => this.listings.has(d) || d !== this.#rootPath)];
    const next = new Map<string, Entry[]>();
    for (const dir of new Set(dirs)) {
      try {
        next.set(dir, await this.#list(fs, dir));
      } catch (err) {
        if (dir === this.#rootPath) {
          this.fail(`Could not list ${dir}: ${messageOf(err)}`, 'fs', err);
          return;
        }
        this.expanded.delete(dir);
      }
    }
    this.listings = next;
    if (this.openPath && !this.dirty) {
      try {
        const text = await fs.readFile(this.openPath, 'utf8');
        if (!this.dirty) this.draft = this.savedText = text;
      } catch {
        this.openPath = null;
        this.draft = this.savedText = '';
      }
    }
    if (this.selectedPath && !this.#rows().some((r) => r.path === this.selectedPath)) this.selectedPath = this.#rows()[0]?.path ?? null;
  }

  /** Expands a folder (listing it on first use). */
  async expand(path: string): Promise<void> {
    const fs = this.#fs;
    if (!fs) return;
    if (!this.listings.has(path)) {
      try {
        this.listings = new Map(this.listings).set(path, await this.#list(fs, path));
      } catch (err) {
        this.fail(`Could not open folder ${path}: ${messageOf(err)}`, 'fs', err);
        return;
      }
    }
    this.expanded = new Set(this.expanded).add(path);
  }

  /** Collapses a folder. */
  collapse(path: string): void {
    const next = new Set(this.expanded);
    next.delete(path);
    this.expanded = next;
  }

  /** Opens a file in the editor. */
  async open(path: string): Promise<void> {
    const fs = this.#fs;
    if (!fs) return;
    try {
      const text = await fs.readFile(path, 'utf8');
      this.openPath = path;
      this.draft = this.savedText = text;
      this.status = '';
      this.selectedPath = path;
      this.dispatchEvent(new VerkletFileOpenEvent(path));
    } catch (err) {
      this.fail(`Could not open ${path}: ${messageOf(err)}`, 'fs', err);
    }
  }

  /** Writes the editor's text to the open file. */
  async save(): Promise<void> {
    const fs = this.#fs;
    const path = this.openPath;
    if (!fs || !path) return;
    const text = this.draft;
    try {
      await fs.writeFile(path, text);
      this.savedText = text;
      this.status = 'Saved';
      this.dispatchEvent(new VerkletFileSaveEvent(path));
    } catch (err) {
      this.fail(`Could not save ${path}: ${messageOf(err)}`, 'fs', err);
    }
  }

  /** Starts creating a file or folder in `dir` (default: the selected folder, or the root). */
  startCreate(kind: 'file' | 'folder', dir = this.#targetDir()): void {
    this.confirming = null;
    this.editing = { kind, dir };
    if (dir !== this.#rootPath) void this.expand(dir);
  }

  /** Starts renaming `path` in place (default: the selected row). */
  startRename(path = this.selectedPath): void {
    if (!path) return;
    this.confirming = null;
    this.editing = { kind: 'rename', path };
  }

  /** Asks to delete `path` (default: the selected row); the confirmation bar does it. */
  startDelete(path = this.selectedPath): void {
    if (!path) return;
    this.editing = null;
    this.confirming = path;
  }

  /** Deletes `path` (recursively for folders). */
  async delete(path: string): Promise<void> {
    const fs = this.#fs;
    if (!fs) return;
    const rows = this.#rows();
    const index = rows.findIndex((r) => r.path === path);
    try {
      await fs.rm(path, { recursive: true, force: false });
    } catch (err) {
      this.fail(`Could not delete ${path}: ${messageOf(err)}`, 'fs', err);
      return;
    }
    this.confirming = null;
    if (this.openPath === path || this.openPath?.startsWith(`${path}/`)) {
      this.openPath = null;
      this.draft = this.savedText = '';
    }
    await this.refresh();
    const after = this.#rows();
    this.selectedPath = after[Math.min(Math.max(index, 0), after.length - 1)]?.path ?? null;
    this.#focusSelected();
  }

  override render() {
    return html`
      <div class="layout">
        <div class="toolbar" part="toolbar" role="toolbar" aria-label="File actions" @keydown=${this.#onToolbarKey}>
          <button type="button" @click=${() => this.startCreate('file')} ?disabled=${!this.#fs}>New file</button>
          <button type="button" @click=${() => this.startCreate('folder')} ?disabled=${!this.#fs}>New folder</button>
          <button type="button" @click=${() => this.startRename()} ?disabled=${!this.selectedPath}>Rename</button>
          <button type="button" @click=${() => this.startDelete()} ?disabled=${!this.selectedPath}>Delete</button>
        </div>
        ${this.renderError()} ${this.#renderConfirm()}
        <div class="panes">
          <div class="tree-pane" part="tree">${this.#renderTree()}</div>
          ${this.#renderEditor()}
        </div>
      </div>
    `;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (changed.has('root') && changed.get('root') !== undefined && this.#fs) void this.#loadRoot();
    if (this.#focusAfterRender) {
      this.#focusAfterRender = false;
      this.#itemElement(this.selectedPath)?.focus();
    }
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[data-editing]');
    if (input && this.renderRoot instanceof ShadowRoot && this.renderRoot.activeElement !== input) {
      input.focus();
      input.select();
    }
    if (changed.has('confirming') && this.confirming) this.renderRoot.querySelector<HTMLButtonElement>('.confirm button')?.focus();
  }

  protected override async attachRuntime(rt: Runtime): Promise<Cleanup[]> {
    let fs: RuntimeFS;
    try {
      fs = rt.fs;
    } catch (err) {
      this.fail(`The file tree needs runtime.fs: ${messageOf(err)}`, 'fs', err);
      this.#markLoaded();
      return [];
    }
    this.#fs = fs;
    this.#rootPath = this.#resolveRoot(rt);
    let unwatch: (() => void) | undefined;
    try {
      unwatch = fs.watch(this.#rootPath, { recursive: true }, () => this.#scheduleRefresh());
    } catch {
      // No watch support: the tree still updates after its own changes.
    }
    await this.#loadRoot();
    if (this.file) {
      const path = this.file.startsWith('/') ? this.file : join(this.#rootPath, this.file);
      for (let dir = dirname(path); dir.startsWith(`${this.#rootPath}/`); dir = dirname(dir)) await this.expand(dir);
      await this.open(path);
    }
    this.#markLoaded();
    return [
      () => {
        unwatch?.();
        clearTimeout(this.#refreshTimer);
        this.#fs = undefined;
        this.listings = new Map();
      },
    ];
  }

  #resolveRoot(rt: Runtime): string {
    const root = this.root?.trim();
    if (!root) return rt.workdir;
    return root.startsWith('/') ? root.replace(/(.)\/+$/, '$1') : join(rt.workdir, root);
  }

  async #loadRoot(): Promise<void> {
    this.expanded = new Set();
    this.listings = new Map();
    await this.refresh();
    if (!this.selectedPath) this.selectedPath = this.#rows()[0]?.path ?? null;
  }

  async #list(fs: RuntimeFS, dir: string): Promise<Entry[]> {
    const dirents = await fs.readdir(dir, { withFileTypes: true });
    return dirents
      .map((d) => ({ name: d.name, path: join(dir, d.name), dir: d.isDirectory() }))
      .sort((a, b) => (a.dir === b.dir ? a.name.localeCompare(b.name) : a.dir ? -1 : 1));
  }

  #scheduleRefresh(): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DEBOUNCE_MS);
  }

  /** The visible rows, in display order. */
  #rows(): Row[] {
    const rows: Row[] = [];
    const walk = (dir: string, level: number): void => {
      for (const e of this.listings.get(dir) ?? []) {
        rows.push({ ...e, level, parent: dir });
        if (e.dir && this.expanded.has(e.path)) walk(e.path, level + 1);
      }
    };
    walk(this.#rootPath, 1);
    return rows;
  }

  #targetDir(): string {
    const sel = this.selectedPath;
    if (!sel) return this.#rootPath;
    const row = this.#rows().find((r) => r.path === sel);
    if (!row) return this.#rootPath;
    return row.dir ? row.path : row.parent;
  }

  #itemElement(path: string | null): HTMLElement | null {
    if (!path) return null;
    return this.renderRoot.querySelector<HTMLElement>(`[role="treeitem"][data-path="${CSS.escape(path)}"]`);
  }

  #focusSelected(): void {
    this.#focusAfterRender = true;
    this.requestUpdate();
  }

  #select(path: string | undefined, focus = true): void {
    if (!path) return;
    this.selectedPath = path;
    if (focus) this.#focusSelected();
  }

  #renderTree(): TemplateResult {
    if (!this.#fs) return html`<p class="empty">${this.error ? '' : 'Loading…'}</p>`;
    const top = this.listings.get(this.#rootPath);
    const focusable = this.selectedPath ?? this.#rows()[0]?.path ?? null;
    return html`
      <ul role="tree" aria-label=${`Files in ${this.#rootPath}`} @keydown=${this.#onTreeKey} @focusin=${this.#onTreeFocus}>
        ${this.#renderNew(this.#rootPath, 1)} ${(top ?? []).map((e) => this.#renderItem(e, 1, focusable))}
      </ul>
      ${top && top.length === 0 && !this.editing ? html`<p class="empty">No files yet.</p>` : nothing}
    `;
  }

  #renderItem(e: Entry, level: number, focusable: string | null): TemplateResult {
    const expanded = e.dir && this.expanded.has(e.path);
    const selected = this.selectedPath === e.path;
    const renaming = this.editing?.kind === 'rename' && this.editing.path === e.path;
    return html`
      <li
        role="treeitem"
        part="item"
        data-path=${e.path}
        aria-level=${level}
        aria-selected=${selected ? 'true' : 'false'}
        aria-expanded=${e.dir ? (expanded ? 'true' : 'false') : nothing}
        tabindex=${e.path === focusable ? 0 : -1}
        @click=${(ev: Event) => this.#onItemClick(ev, e)}
      >
        <span class="row" style=${`--level:${level}`}>
          <span class="twisty" aria-hidden="true">${e.dir ? TWISTY : ''}</span>
          <span class="icon ${e.dir ? 'folder' : 'file'}" aria-hidden="true">${e.dir ? FOLDER_ICON : FILE_ICON}</span>
          ${renaming
            ? html`<input
                data-editing
                aria-label=${`New name for ${e.name}`}
                .value=${e.name}
                @keydown=${(ev: KeyboardEvent) => this.#onEditKey(ev)}
                @blur=${(ev: FocusEvent) => void this.#commit(ev.target as HTMLInputElement)}
                @click=${(ev: Event) => ev.stopPropagation()}
              />`
            : html`<span class="name">${e.name}</span>`}
        </span>
        ${expanded
          ? html`<ul role="group">
              ${this.#renderNew(e.path, level + 1)} ${(this.listings.get(e.path) ?? []).map((c) => this.#renderItem(c, level + 1, focusable))}
            </ul>`
          : nothing}
      </li>
    `;
  }

  #renderNew(dir: string, level: number): TemplateResult | typeof nothing {
    const editing = this.editing;
    if (!editing || editing.kind === 'rename' || editing.dir !== dir) return nothing;
    return html`<li class="new" role="none">
      <span class="row" style=${`--level:${level}`}>
        <span class="twisty" aria-hidden="true"></span>
        <span class="icon ${editing.kind}" aria-hidden="true">${editing.kind === 'folder' ? FOLDER_ICON : FILE_ICON}</span>
        <input
          data-editing
          aria-label=${editing.kind === 'folder' ? 'New folder name' : 'New file name'}
          @keydown=${(ev: KeyboardEvent) => this.#onEditKey(ev)}
          @blur=${(ev: FocusEvent) => void this.#commit(ev.target as HTMLInputElement)}
        />
      </span>
    </li>`;
  }

  #renderConfirm(): TemplateResult | typeof nothing {
    const path = this.confirming;
    if (!path) return nothing;
    return html`<div class="confirm" part="confirm" role="group" aria-label="Confirm delete" @keydown=${this.#onConfirmKey}>
      <span>Delete <strong>${basename(path)}</strong>${this.listings.has(path) || this.expanded.has(path) ? ' and everything in it' : ''}?</span>
      <button type="button" @click=${() => void this.delete(path)}>Delete</button>
      <button type="button" @click=${this.#cancelDelete}>Cancel</button>
    </div>`;
  }

  #renderEditor(): TemplateResult {
    const path = this.openPath;
    if (!path) return html`<section class="editor" part="editor" aria-label="Editor"><p class="placeholder">Select a file to edit it.</p></section>`;
    return html`<section class="editor" part="editor" aria-label=${`Editor: ${path}`}>
      <header>
        <span class="path" title=${path}>${path.startsWith(`${this.#rootPath}/`) ? path.slice(this.#rootPath.length + 1) : path}${this.dirty ? ' •' : ''}</span>
        <span class="saved" role="status">${this.dirty ? '' : this.status}</span>
        <button type="button" part="save" @click=${() => void this.save()} ?disabled=${!this.dirty}>Save</button>
      </header>
      <textarea
        part="textarea"
        aria-label=${`Contents of ${basename(path)}`}
        spellcheck="false"
        autocapitalize="off"
        wrap="off"
        .value=${this.draft}
        @input=${(ev: Event) => {
          this.draft = (ev.target as HTMLTextAreaElement).value;
          this.status = '';
        }}
        @keydown=${this.#onEditorKey}
      ></textarea>
    </section>`;
  }

  #onItemClick(ev: Event, e: Entry): void {
    ev.stopPropagation();
    this.#select(e.path);
    if (e.dir) void (this.expanded.has(e.path) ? this.collapse(e.path) : this.expand(e.path));
    else void this.open(e.path);
  }

  #onTreeKey = (ev: KeyboardEvent): void => {
    if ((ev.target as Element).localName === 'input') return;
    const rows = this.#rows();
    if (!rows.length) return;
    const index = Math.max(0, rows.findIndex((r) => r.path === this.selectedPath));
    const row = rows[index]!;
    let handled = true;
    switch (ev.key) {
      case 'ArrowDown':
        this.#select(rows[Math.min(index + 1, rows.length - 1)]?.path);
        break;
      case 'ArrowUp':
        this.#select(rows[Math.max(index - 1, 0)]?.path);
        break;
      case 'Home':
        this.#select(rows[0]?.path);
        break;
      case 'End':
        this.#select(rows[rows.length - 1]?.path);
        break;
      case 'ArrowRight':
        if (row.dir && !this.expanded.has(row.path)) void this.expand(row.path);
        else if (row.dir) this.#select(rows[index + 1]?.level === row.level + 1 ? rows[index + 1]!.path : undefined);
        break;
      case 'ArrowLeft':
        if (row.dir && this.expanded.has(row.path)) this.collapse(row.path);
        else if (row.parent !== this.#rootPath) this.#select(row.parent);
        break;
      case 'Enter':
      case ' ':
        if (row.dir) void (this.expanded.has(row.path) ? this.collapse(row.path) : this.expand(row.path));
        else void this.open(row.path);
        break;
      case 'F2':
        this.startRename(row.path);
        break;
      case 'Delete':
        this.startDelete(row.path);
        break;
      default:
        handled = false;
    }
    if (handled) ev.preventDefault();
  };

  #onTreeFocus = (ev: FocusEvent): void => {
    const item = (ev.target as Element).closest?.('[role="treeitem"]') as HTMLElement | null;
    const path = item?.dataset.path;
    if (path && path !== this.selectedPath && (ev.target as Element).localName !== 'input') this.selectedPath = path;
  };

  #onToolbarKey = (ev: KeyboardEvent): void => {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    const buttons = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.toolbar button:not([disabled])')];
    const i = buttons.indexOf(ev.target as HTMLButtonElement);
    buttons[(i + (ev.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length]?.focus();
  };

  #onEditKey(ev: KeyboardEvent): void {
    ev.stopPropagation();
    if (ev.key === 'Enter') {
      ev.preventDefault();
      void this.#commit(ev.target as HTMLInputElement);
    } else if (ev.key === 'Escape') {
      ev.preventDefault();
      this.editing = null;
      this.#focusSelected();
    }
  }

  #onConfirmKey = (ev: KeyboardEvent): void => {
    if (ev.key === 'Escape') {
      ev.preventDefault();
      this.#cancelDelete();
    }
  };

  #cancelDelete = (): void => {
    this.confirming = null;
    this.#focusSelected();
  };

  #onEditorKey = (ev: KeyboardEvent): void => {
    if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 's') {
      ev.preventDefault();
      void this.save();
    }
  };

  async #commit(input: HTMLInputElement): Promise<void> {
    const editing = this.editing;
    const fs = this.#fs;
    if (!editing || !fs) return;
    this.editing = null;
    const name = input.value.trim();
    if (editing.kind === 'rename' && name === basename(editing.path)) {
      this.#focusSelected();
      return;
    }
    if (editing.kind !== 'rename' && name === '') {
      this.#focusSelected();
      return;
    }
    const problem = checkName(name);
    if (problem) {
      this.fail(problem, 'fs');
      return;
    }
    this.clearError();
    try {
      if (editing.kind === 'rename') {
        const to = join(dirname(editing.path), name);
        await fs.rename(editing.path, to);
        if (this.openPath === editing.path) this.openPath = to;
        else if (this.openPath?.startsWith(`${editing.path}/`)) this.openPath = to + this.openPath.slice(editing.path.length);
        if (this.expanded.has(editing.path)) {
          this.collapse(editing.path);
          this.expanded = new Set(this.expanded).add(to);
        }
        await this.refresh();
        this.#select(to);
      } else {
        const path = join(editing.dir, name);
        const exists = await fs.stat(path).then(
          () => true,
          () => false,
        );
        if (exists) {
          this.fail(`${path} already exists.`, 'fs');
          return;
        }
        if (editing.kind === 'folder') await fs.mkdir(path, { recursive: true });
        else await fs.writeFile(path, '');
        await this.refresh();
        if (editing.dir !== this.#rootPath) await this.expand(editing.dir);
        this.#select(path);
        if (editing.kind === 'file') await this.open(path);
      }
    } catch (err) {
      this.fail(`Could not ${editing.kind === 'rename' ? 'rename' : 'create'} ${name}: ${messageOf(err)}`, 'fs', err);
    }
  }
}
