/**
 * Styles every element shares: the colour tokens (light, and dark under
 * `prefers-color-scheme`), fonts, and the in-place error and notice boxes.
 * Each token reads a documented `--verklet-*` custom property first, so a
 * design system restyles all elements by setting those on any ancestor.
 */
import { css } from 'lit';

export const baseStyles = css`
  :host {
    --_bg: var(--verklet-background, #ffffff);
    --_fg: var(--verklet-foreground, #1f2328);
    --_muted: var(--verklet-muted, #59636e);
    --_border: var(--verklet-border-color, #d1d9e0);
    --_surface: var(--verklet-surface, #f6f8fa);
    --_accent: var(--verklet-accent, #0969da);
    --_accent-fg: var(--verklet-accent-foreground, #ffffff);
    --_selected: var(--verklet-selection-background, #ddf4ff);
    --_error: var(--verklet-error, #d1242f);
    --_error-bg: var(--verklet-error-background, #ffebe9);
    --_radius: var(--verklet-radius, 6px);
    --_font: var(--verklet-font-family, system-ui, -apple-system, 'Segoe UI', sans-serif);
    --_mono: var(--verklet-font-family-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace);
    --_font-size: var(--verklet-font-size, 14px);
    box-sizing: border-box;
    font-family: var(--_font);
    font-size: var(--_font-size);
    color: var(--_fg);
  }
  @media (prefers-color-scheme: dark) {
    :host {
      --_bg: var(--verklet-background, #0d1117);
      --_fg: var(--verklet-foreground, #e6edf3);
      --_muted: var(--verklet-muted, #9198a1);
      --_border: var(--verklet-border-color, #3d444d);
      --_surface: var(--verklet-surface, #151b23);
      --_accent: var(--verklet-accent, #4493f8);
      --_accent-fg: var(--verklet-accent-foreground, #0d1117);
      --_selected: var(--verklet-selection-background, #1f3a5f);
      --_error: var(--verklet-error, #ff7b72);
      --_error-bg: var(--verklet-error-background, #3c1618);
    }
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  .error,
  .notice {
    margin: 0;
    padding: 0.5em 0.75em;
    border-radius: var(--_radius);
    border: 1px solid;
    font-size: 0.95em;
    line-height: 1.4;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .error {
    color: var(--_error);
    background: var(--_error-bg);
    border-color: var(--_error);
  }
  .notice {
    color: var(--_muted);
    background: var(--_surface);
    border-color: var(--_border);
  }
  .notice code,
  .error code {
    font-family: var(--_mono);
  }
  button {
    font: inherit;
    color: var(--_fg);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.2em 0.6em;
    cursor: pointer;
  }
  button:hover {
    border-color: var(--_accent);
  }
  button:focus-visible,
  input:focus-visible,
  textarea:focus-visible,
  a:focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 1px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
`;
