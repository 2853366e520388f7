import type { ITheme } from '@xterm/xterm';

export type ColorScheme = 'light' | 'dark';

// Matched to the app's CSS variables (styles.css) so the terminal sits in its panel, not on top of it.
const LIGHT: ITheme = {
  background: '#f3f5f8',
  foreground: '#1d2330',
  cursor: '#1d2330',
  selectionBackground: '#b9d1fb',
  black: '#1d2330',
  red: '#c62828',
  green: '#1b7f3b',
  yellow: '#9a6700',
  blue: '#2f6fde',
  magenta: '#8a3fc1',
  cyan: '#0f7b8a',
  white: '#5f6b7d',
  brightBlack: '#5f6b7d',
  brightRed: '#d93838',
  brightGreen: '#22954a',
  brightYellow: '#b07a00',
  brightBlue: '#4a84ea',
  brightMagenta: '#a05ad6',
  brightCyan: '#148f9f',
  brightWhite: '#8792a3',
};

const DARK: ITheme = {
  background: '#151a22',
  foreground: '#e4e8ef',
  cursor: '#e4e8ef',
  selectionBackground: '#34507e',
  black: '#2d3442',
  red: '#ff7b72',
  green: '#56d38a',
  yellow: '#f0c05a',
  blue: '#6ea2f7',
  magenta: '#c49bf5',
  cyan: '#5ccfe0',
  white: '#c9d1dc',
  brightBlack: '#7d889a',
  brightRed: '#ffa198',
  brightGreen: '#7ee2a6',
  brightYellow: '#f6d98a',
  brightBlue: '#9bc0fa',
  brightMagenta: '#dabcfa',
  brightCyan: '#8fe0ec',
  brightWhite: '#ffffff',
};

export function terminalTheme(scheme: ColorScheme): ITheme {
  return scheme === 'dark' ? DARK : LIGHT;
}

/** Search highlights; the search addon wants #RRGGBB. */
export function searchColours(scheme: ColorScheme) {
  return scheme === 'dark'
    ? { match: '#5a4a12', active: '#b8860b', ruler: '#f0c05a' }
    : { match: '#fff1a8', active: '#ffb340', ruler: '#b07a00' };
}
