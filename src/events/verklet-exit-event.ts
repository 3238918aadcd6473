/**
 * `verklet-exit`: the process a `<verklet-terminal>` runs has ended.
 */

/** Fired by `<verklet-terminal>` when its process exits. */
export class VerkletExitEvent extends Event {
  static readonly type = 'verklet-exit';
  /** The exit code; 128 + signal number when killed, 127 for an unknown command. */
  readonly code: number;
  constructor(code: number) {
    super(VerkletExitEvent.type, { bubbles: true, composed: true });
    this.code = code;
  }
}

declare global {
  interface HTMLElementEventMap {
    'verklet-exit': VerkletExitEvent;
  }
}
