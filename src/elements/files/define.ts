/**
 * Registers `<verklet-files>` once (a second call or import is harmless).
 * `src/elements.ts` calls it: a bare side-effect import alone could be
 * tree-shaken where the package declares its modules side-effect free.
 */
import { VerkletFilesElement } from './files.element.js';

/** Defines `<verklet-files>` unless the page already has it. */
export function defineVerkletFiles(): void {
  if (!customElements.get('verklet-files')) customElements.define('verklet-files', VerkletFilesElement);
}

defineVerkletFiles();

declare global {
  interface HTMLElementTagNameMap {
    'verklet-files': VerkletFilesElement;
  }
}
