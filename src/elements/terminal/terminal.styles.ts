/** Styles of `<verklet-terminal>`: a sized box the xterm screen fits itself into. */
import { css } from 'lit';

export const terminalStyles = css`
  :host {
    display: block;
    position: relative;
    height: var(--verklet-terminal-height, 18rem);
    min-height: 6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--verklet-terminal-background, #ffffff);
    overflow: hidden;
  }
  @media (prefers-color-scheme: dark) {
    :host {
      background: var(--verklet-terminal-background, #0d1117);
    }
  }
  @media (max-width: 40rem) {
    :host {
      height: var(--verklet-terminal-height-narrow, var(--verklet-terminal-height, 14rem));
    }
  }
  .terminal {
    position: absolute;
    inset: var(--verklet-terminal-padding, 0.5rem);
  }
  .status {
    position: absolute;
    inset: 0;
    display: flex;
    align-items: center;
    justify-content: center;
    color: var(--_muted);
    font-family: var(--_mono);
  }
  .error {
    position: absolute;
    inset-inline: 0.5rem;
    top: 0.5rem;
    z-index: 2;
  }
  .probe {
    display: none;
  }
  .xterm .xterm-viewport {
    scrollbar-width: thin;
  }
`;
