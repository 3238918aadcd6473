/** Styles of `<verklet-files>`: a toolbar over a tree pane and an editor pane, stacked when narrow. */
import { css } from 'lit';

export const filesStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    height: var(--verklet-files-height, 20rem);
    min-height: 10rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    overflow: hidden;
  }
  .layout {
    display: flex;
    flex-direction: column;
    height: 100%;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35em;
    padding: 0.35em 0.5em;
    background: var(--_surface);
    border-bottom: 1px solid var(--_border);
  }
  .toolbar button {
    font-size: 0.85em;
  }
  .panes {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(9rem, var(--verklet-files-tree-width, 16rem)) 1fr;
  }
  @container (max-width: 32rem) {
    .panes {
      grid-template-columns: 1fr;
      grid-template-rows: minmax(6rem, 40%) 1fr;
    }
    .tree-pane {
      border-inline-end: 0 !important;
      border-bottom: 1px solid var(--_border);
    }
  }
  .tree-pane {
    overflow: auto;
    border-inline-end: 1px solid var(--_border);
    padding: 0.25em 0;
  }
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  [role='treeitem'] {
    outline: none;
  }
  .row {
    display: flex;
    align-items: center;
    gap: 0.35em;
    padding: 0.15em 0.5em 0.15em calc(0.5em + (var(--level) - 1) * 1em);
    white-space: nowrap;
    cursor: pointer;
    user-select: none;
    font-family: var(--_mono);
    font-size: 0.92em;
  }
  .row:hover {
    background: var(--_surface);
  }
  [aria-selected='true'] > .row {
    background: var(--_selected);
  }
  [role='treeitem']:focus-visible > .row {
    outline: 2px solid var(--_accent);
    outline-offset: -2px;
  }
  .twisty {
    display: inline-flex;
    justify-content: center;
    width: 0.9em;
    flex: none;
    color: var(--_muted);
    transition: transform 0.1s;
  }
  [aria-expanded='true'] > .row .twisty {
    transform: rotate(90deg);
  }
  .icon {
    display: inline-flex;
    flex: none;
    color: var(--_muted);
  }
  .icon.folder {
    color: var(--verklet-files-folder-color, #c69026);
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .row input,
  .new input {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_accent);
    border-radius: 3px;
    padding: 0 0.25em;
    min-width: 6em;
    width: 100%;
  }
  .empty {
    padding: 0.5em 0.75em;
    color: var(--_muted);
  }
  .confirm {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em;
    padding: 0.4em 0.6em;
    color: var(--_error);
    background: var(--_error-bg);
    border-bottom: 1px solid var(--_error);
  }
  .editor {
    display: flex;
    flex-direction: column;
    min-width: 0;
    min-height: 0;
  }
  .editor header {
    display: flex;
    align-items: center;
    gap: 0.5em;
    padding: 0.3em 0.5em;
    border-bottom: 1px solid var(--_border);
    font-family: var(--_mono);
    font-size: 0.88em;
  }
  .editor header .path {
    flex: 1;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .saved {
    color: var(--_muted);
  }
  textarea {
    flex: 1;
    width: 100%;
    min-height: 0;
    resize: none;
    border: 0;
    padding: 0.5em 0.75em;
    font: var(--verklet-editor-font-size, 13px) / 1.5 var(--_mono);
    color: var(--_fg);
    background: var(--verklet-editor-background, var(--_bg));
    tab-size: 2;
  }
  .placeholder {
    margin: auto;
    padding: 1em;
    color: var(--_muted);
    text-align: center;
  }
  .error {
    margin: 0.5em;
  }
`;
