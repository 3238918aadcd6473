/**
 * `@verklet/sdk/elements`: side effect only — defines every custom element.
 * Each element's `define.ts` registers it once (a second import is harmless).
 */
export {};
