/**
 * `verklet-preview-load`: `<verklet-preview>` finished loading a page from a
 * port in its frame.
 */

/** Fired by `<verklet-preview>` when its frame has loaded. */
export class VerkletPreviewLoadEvent extends Event {
  static readonly type = 'verklet-preview-load';
  readonly port: number;
  readonly path: string;
  constructor(port: number, path: string) {
    super(VerkletPreviewLoadEvent.type, { bubbles: true, composed: true });
    this.port = port;
    this.path = path;
  }
}

declare global {
  interface HTMLElementEventMap {
    'verklet-preview-load': VerkletPreviewLoadEvent;
  }
}
