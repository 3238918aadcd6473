/**
 * xterm.js and its fit addon, loaded on first use with dynamic `import()` so
 * the drop-in `verklet.js` stays small: pages without a terminal never fetch
 * them. The stylesheet comes along as a string for the shadow root.
 */
import type { Terminal } from '@xterm/xterm';
import type { FitAddon } from '@xterm/addon-fit';

/** What the terminal element needs from the lazily loaded modules. */
export interface Xterm {
  Terminal: typeof Terminal;
  FitAddon: typeof FitAddon;
  css: string;
}

let loading: Promise<Xterm> | undefined;

/** Loads xterm.js once per page. */
export function loadXterm(): Promise<Xterm> {
  loading ??= Promise.all([
    import('@xterm/xterm'),
    import('@xterm/addon-fit'),
    // @ts-ignore -- a Vite `?inline` import: the stylesheet as a string; no type declaration exists for it.
    import('@xterm/xterm/css/xterm.css?inline') as Promise<{ default: string }>,
  ]).then(([xterm, fit, css]) => ({ Terminal: xterm.Terminal, FitAddon: fit.FitAddon, css: css.default }));
  loading.catch(() => (loading = undefined));
  return loading;
}
