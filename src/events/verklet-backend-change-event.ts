/**
 * `verklet-backend-change`: the runtime's `backend-change` event re-fired on
 * the `<verklet-runtime>` element (after a promotion, `browser` → `server`).
 */

/** Fired by `<verklet-runtime>` when the runtime now runs on another backend. */
export class VerkletBackendChangeEvent extends Event {
  static readonly type = 'verklet-backend-change';
  readonly backend: 'browser' | 'server';
  constructor(backend: 'browser' | 'server') {
    super(VerkletBackendChangeEvent.type, { bubbles: true, composed: true });
    this.backend = backend;
  }
}

declare global {
  interface HTMLElementEventMap {
    'verklet-backend-change': VerkletBackendChangeEvent;
  }
}
