// Where the desktop app's own page lives. Plain data, so modules that never load Electron can use it.
export const APP_SCHEME = 'app';
export const APP_HOST = 'ipc-scope';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** The app's own pages: Node's URL parser does not know app:// is standard, so this compares text. */
export function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}
