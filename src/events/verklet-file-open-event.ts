/**
 * `verklet-file-open`: `<verklet-files>` opened a file in its editor pane.
 */

/** Fired by `<verklet-files>` when a file is opened in the editor. */
export class VerkletFileOpenEvent extends Event {
  static readonly type = 'verklet-file-open';
  /** Absolute path of the file. */
  readonly path: string;
  constructor(path: string) {
    super(VerkletFileOpenEvent.type, { bubbles: true, composed: true });
    this.path = path;
  }
}

declare global {
  interface HTMLElementEventMap {
    'verklet-file-open': VerkletFileOpenEvent;
  }
}
