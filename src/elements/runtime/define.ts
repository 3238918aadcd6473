/**
 * Registers `<verklet-runtime>` once (a second call or import is harmless).
 * `src/elements.ts` calls it: a bare side-effect import alone could be
 * tree-shaken where the package declares its modules side-effect free.
 */
import { VerkletRuntimeElement } from './runtime.element.js';

/** Defines `<verklet-runtime>` unless the page already has it. */
export function defineVerkletRuntime(): void {
  if (!customElements.get('verklet-runtime')) customElements.define('verklet-runtime', VerkletRuntimeElement);
}

defineVerkletRuntime();

declare global {
  interface HTMLElementTagNameMap {
    'verklet-runtime': VerkletRuntimeElement;
  }
}
