import { app, session } from 'electron';
import { isAppUrl } from './app-origin';

// The Copy buttons' navigator.clipboard.writeText asks for this one; nothing else is granted.
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

function isGranted(permission: string, url: string, isMainFrame: boolean): boolean {
  return GRANTED_PERMISSIONS.has(permission) && isMainFrame && isAppUrl(url);
}

/** Electron's security checklist: one permission for our own page, no navigation, no new windows, no webviews. */
export function setupSecurity(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isGranted(permission, details.requestingUrl, details.isMainFrame)),
  );
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    isGranted(permission, requestingOrigin, details.isMainFrame),
  );
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}
