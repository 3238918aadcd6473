/**
 * Registers `<verklet-preview>` once (a second call or import is harmless).
 * `src/elements.ts` calls it: a bare side-effect import alone could be
 * tree-shaken where the package declares its modules side-effect free.
 */
import { VerkletPreviewElement } from './preview.element.js';

/** Defines `<verklet-preview>` unless the page already has it. */
export function defineVerkletPreview(): void {
  if (!customElements.get('verklet-preview')) customElements.define('verklet-preview', VerkletPreviewElement);
}

defineVerkletPreview();

declare global {
  interface HTMLElementTagNameMap {
    'verklet-preview': VerkletPreviewElement;
  }
}
