import path from 'node:path';
import { BrowserWindow, screen } from 'electron';
import { APP_ORIGIN } from './app-protocol';
import { readWindowState, writeWindowState } from './window-state';

const DEFAULT_SIZE = { width: 1280, height: 860 };

/** The main window: sandboxed, isolated, no Node; it reopens where the user left it. */
export function createMainWindow(preloadPath: string, stateFile: string): BrowserWindow {
  const saved = readWindowState(
    stateFile,
    screen.getAllDisplays().map((display) => display.workArea),
  );
  const window = new BrowserWindow({
    ...DEFAULT_SIZE,
    ...saved?.bounds,
    minWidth: 900,
    minHeight: 600,
    title: 'IPC Scope',
    show: false,
    webPreferences: {
      preload: path.resolve(preloadPath),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
      // Middle-click would otherwise open links in new windows, around setWindowOpenHandler.
      disableBlinkFeatures: 'Auxclick',
    },
  });
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  window.on('close', () => {
    writeWindowState(stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
  });
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
