/**
 * `verklet-ready`: a `<verklet-runtime>` has booted its runtime and mounted its
 * files. Bubbles and crosses shadow roots so a page can listen on `document`.
 */
import type { Runtime } from '../runtime/runtime.js';

/** Fired by `<verklet-runtime>` when `runtime` is booted and its files are mounted. */
export class VerkletReadyEvent extends Event {
  static readonly type = 'verklet-ready';
  /** The booted runtime. */
  readonly runtime: Runtime;
  constructor(runtime: Runtime) {
    super(VerkletReadyEvent.type, { bubbles: true, composed: true });
    this.runtime = runtime;
  }
}

declare global {
  interface HTMLElementEventMap {
    'verklet-ready': VerkletReadyEvent;
  }
}
