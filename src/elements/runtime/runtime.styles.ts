/** Styles of `<verklet-runtime>`: a plain block around its children, with the error box on top. */
import { css } from 'lit';

export const runtimeStyles = css`
  :host {
    display: block;
  }
  .error {
    margin-block-end: 0.75em;
  }
`;
