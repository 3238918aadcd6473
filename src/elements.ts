/**
 * `@verklet/sdk/elements`: side effect only — defines every custom element.
 * Each element's `define.ts` registers it once (a second import is harmless).
 */
import { defineVerkletRuntime } from './elements/runtime/define.js';
import { defineVerkletFiles } from './elements/files/define.js';
import { defineVerkletTerminal } from './elements/terminal/define.js';
import { defineVerkletPreview } from './elements/preview/define.js';

// <verklet-runtime> first: the others look for it with customElements.whenDefined.
defineVerkletRuntime();
defineVerkletFiles();
defineVerkletTerminal();
defineVerkletPreview();

export type { VerkletRuntimeElement } from './elements/runtime/runtime.element.js';
export type { VerkletFilesElement } from './elements/files/files.element.js';
export type { VerkletTerminalElement } from './elements/terminal/terminal.element.js';
export type { VerkletPreviewElement } from './elements/preview/preview.element.js';
export { VerkletReadyEvent } from './events/verklet-ready-event.js';
export { VerkletErrorEvent } from './events/verklet-error-event.js';
export type { VerkletErrorPhase } from './events/verklet-error-event.js';
export { VerkletPromotionEvent } from './events/verklet-promotion-event.js';
export { VerkletBackendChangeEvent } from './events/verklet-backend-change-event.js';
export { VerkletExitEvent } from './events/verklet-exit-event.js';
export { VerkletFileOpenEvent } from './events/verklet-file-open-event.js';
export { VerkletFileSaveEvent } from './events/verklet-file-save-event.js';
export { VerkletPreviewLoadEvent } from './events/verklet-preview-load-event.js';
