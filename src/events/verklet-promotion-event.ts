/**
 * `verklet-promotion`: the runtime's `promotion` event (a session moving to the
 * server backend) re-fired on the `<verklet-runtime>` element.
 */

/** Fired by `<verklet-runtime>` for each phase of a promotion to the server backend. */
export class VerkletPromotionEvent extends Event {
  static readonly type = 'verklet-promotion';
  readonly phase: 'start' | 'done' | 'failed';
  /** Why the runtime is moving (e.g. the command that needs a server). */
  readonly reason: string;
  readonly command: string[] | undefined;
  readonly error: string | undefined;
  constructor(p: { phase: 'start' | 'done' | 'failed'; reason: string; command?: string[]; error?: string }) {
    super(VerkletPromotionEvent.type, { bubbles: true, composed: true });
    this.phase = p.phase;
    this.reason = p.reason;
    this.command = p.command;
    this.error = p.error;
  }
}

declare global {
  interface HTMLElementEventMap {
    'verklet-promotion': VerkletPromotionEvent;
  }
}
