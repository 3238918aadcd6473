/** Styles of `<verklet-preview>`: an address bar over a frame, with loading and error overlays. */
import { css } from 'lit';

export const previewStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: var(--verklet-preview-height, 20rem);
    min-height: 8rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    overflow: hidden;
  }
  @media (max-width: 40rem) {
    :host {
      height: var(--verklet-preview-height-narrow, var(--verklet-preview-height, 16rem));
    }
  }
  form {
    display: flex;
    gap: 0.4em;
    align-items: center;
    padding: 0.35em 0.5em;
    background: var(--_surface);
    border-bottom: 1px solid var(--_border);
  }
  .origin {
    color: var(--_muted);
    font-family: var(--_mono);
    font-size: 0.9em;
    white-space: nowrap;
  }
  input {
    flex: 1;
    min-width: 4em;
    font: 0.95em var(--_mono);
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.2em 0.45em;
  }
  a[part~='open'],
  button {
    flex: none;
    font-size: 0.9em;
    color: var(--_fg);
    text-decoration: none;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.2em 0.6em;
  }
  button[disabled] {
    opacity: 0.55;
    cursor: not-allowed;
  }
  .body {
    position: relative;
    flex: 1;
    min-height: 0;
  }
  iframe {
    display: block;
    width: 100%;
    height: 100%;
    border: 0;
    background: var(--verklet-preview-frame-background, #ffffff);
  }
  .overlay {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    padding: 1rem;
    text-align: center;
    background: var(--_bg);
    color: var(--_muted);
  }
  .overlay .error {
    max-width: 40rem;
  }
  .notice {
    white-space: normal;
    border-width: 0 0 1px 0;
    border-radius: 0;
    font-size: 0.85em;
  }
  :host([state='loading']) .overlay.loading::before {
    content: '';
    width: 1em;
    height: 1em;
    margin-inline-end: 0.5em;
    border: 2px solid var(--_border);
    border-top-color: var(--_accent);
    border-radius: 50%;
    animation: spin 0.8s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    :host([state='loading']) .overlay.loading::before {
      animation: none;
    }
  }
`;
