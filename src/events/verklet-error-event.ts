/**
 * `verklet-error`: something an element was asked to do failed (bad attribute,
 * malformed files, boot or filesystem failure). The element also shows the
 * message in place; this event lets a page log or react to it.
 */

/** Where the failure happened, for pages that react differently to each. */
export type VerkletErrorPhase = 'config' | 'files' | 'boot' | 'mount' | 'runtime' | 'fs' | 'process' | 'preview';

/** Fired by every Verklet element when it shows an error in place. */
export class VerkletErrorEvent extends Event {
  static readonly type = 'verklet-error';
  /** A message that says what went wrong and what to do. */
  readonly message: string;
  /** Which step failed. */
  readonly phase: VerkletErrorPhase;
  /** The underlying error, when there is one. */
  readonly error: unknown;
  /** For a bad attribute value: the values that would have been accepted. */
  readonly validValues: readonly string[] | undefined;
  constructor(message: string, init: { phase: VerkletErrorPhase; error?: unknown; validValues?: readonly string[] }) {
    super(VerkletErrorEvent.type, { bubbles: true, composed: true });
    this.message = message;
    this.phase = init.phase;
    this.error = init.error;
    this.validValues = init.validValues;
  }
}

declare global {
  interface HTMLElementEventMap {
    'verklet-error': VerkletErrorEvent;
  }
}
