/**
 * The terminal's colours come from CSS custom properties on the element
 * (`--verklet-terminal-background`, `--verklet-terminal-red`, ...), read from
 * the computed style and normalised to `rgb()` so any CSS colour works; unset
 * ones fall back to a light or dark palette following `prefers-color-scheme`.
 */
import type { ITheme } from '@xterm/xterm';

type ThemeKey = keyof ITheme & string;

/** xterm theme key → the custom property that sets it. */
export const THEME_PROPERTIES: Record<string, ThemeKey> = {
  '--verklet-terminal-background': 'background',
  '--verklet-terminal-foreground': 'foreground',
  '--verklet-terminal-cursor': 'cursor',
  '--verklet-terminal-cursor-accent': 'cursorAccent',
  '--verklet-terminal-selection': 'selectionBackground',
  '--verklet-terminal-black': 'black',
  '--verklet-terminal-red': 'red',
  '--verklet-terminal-green': 'green',
  '--verklet-terminal-yellow': 'yellow',
  '--verklet-terminal-blue': 'blue',
  '--verklet-terminal-magenta': 'magenta',
  '--verklet-terminal-cyan': 'cyan',
  '--verklet-terminal-white': 'white',
  '--verklet-terminal-bright-black': 'brightBlack',
  '--verklet-terminal-bright-red': 'brightRed',
  '--verklet-terminal-bright-green': 'brightGreen',
  '--verklet-terminal-bright-yellow': 'brightYellow',
  '--verklet-terminal-bright-blue': 'brightBlue',
  '--verklet-terminal-bright-magenta': 'brightMagenta',
  '--verklet-terminal-bright-cyan': 'brightCyan',
  '--verklet-terminal-bright-white': 'brightWhite',
};

const LIGHT: ITheme = {
  background: '#ffffff',
  foreground: '#1f2328',
  cursor: '#1f2328',
  cursorAccent: '#ffffff',
  selectionBackground: '#b6d7ff',
  black: '#24292f',
  red: '#cf222e',
  green: '#116329',
  yellow: '#7d4e00',
  blue: '#0969da',
  magenta: '#8250df',
  cyan: '#1b7c83',
  white: '#6e7781',
  brightBlack: '#57606a',
  brightRed: '#a40e26',
  brightGreen: '#1a7f37',
  brightYellow: '#633c01',
  brightBlue: '#218bff',
  brightMagenta: '#a475f9',
  brightCyan: '#3192aa',
  brightWhite: '#8c959f',
};

const DARK: ITheme = {
  background: '#0d1117',
  foreground: '#e6edf3',
  cursor: '#e6edf3',
  cursorAccent: '#0d1117',
  selectionBackground: '#264f78',
  black: '#484f58',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#bc8cff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#6e7681',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#d2a8ff',
  brightCyan: '#56d4dd',
  brightWhite: '#ffffff',
};

/** True when the page prefers dark colours. */
export function prefersDark(): boolean {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
}

/**
 * The theme for `host`. `probe` is an element in the host's shadow root used
 * to turn any CSS colour (names, `hsl()`, `color-mix()`) into `rgb()`.
 */
export function readTheme(host: Element, probe: HTMLElement): ITheme {
  const theme: ITheme = { ...(prefersDark() ? DARK : LIGHT) };
  const style = getComputedStyle(host);
  for (const [prop, key] of Object.entries(THEME_PROPERTIES)) {
    const value = style.getPropertyValue(prop).trim();
    if (!value) continue;
    probe.style.color = '';
    probe.style.color = value;
    if (!probe.style.color) continue; // not a colour: keep the default
    (theme as Record<string, string>)[key] = getComputedStyle(probe).color;
  }
  return theme;
}
