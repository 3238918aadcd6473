/**
 * `verklet-file-save`: `<verklet-files>` wrote the editor's text to the file
 * through `runtime.fs.writeFile`.
 */

/** Fired by `<verklet-files>` after a save has been written. */
export class VerkletFileSaveEvent extends Event {
  static readonly type = 'verklet-file-save';
  /** Absolute path of the file. */
  readonly path: string;
  constructor(path: string) {
    super(VerkletFileSaveEvent.type, { bubbles: true, composed: true });
    this.path = path;
  }
}

declare global {
  interface HTMLElementEventMap {
    'verklet-file-save': VerkletFileSaveEvent;
  }
}
