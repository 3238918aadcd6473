/**
 * Registers `<verklet-terminal>` once (a second call or import is harmless).
 * `src/elements.ts` calls it: a bare side-effect import alone could be
 * tree-shaken where the package declares its modules side-effect free.
 */
import { VerkletTerminalElement } from './terminal.element.js';

/** Defines `<verklet-terminal>` unless the page already has it. */
export function defineVerkletTerminal(): void {
  if (!customElements.get('verklet-terminal')) customElements.define('verklet-terminal', VerkletTerminalElement);
}

defineVerkletTerminal();

declare global {
  interface HTMLElementTagNameMap {
    'verklet-terminal': VerkletTerminalElement;
  }
}
