import { useMediaQuery } from '../lib/use-media-query';
import type { ColorScheme } from './terminal-theme';

/** The OS's light or dark preference, live: CSS follows it by itself, the terminal and canvases ask here. */
export function useColorScheme(): ColorScheme {
  return useMediaQuery('(prefers-color-scheme: dark)') ? 'dark' : 'light';
}
