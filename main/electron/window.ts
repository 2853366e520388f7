import path from 'node:path';
import { app, BrowserWindow, dialog, screen } from 'electron';
import { APP_ORIGIN } from './app-origin';
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

/**
 * A renderer that crashes, is killed or runs out of memory leaves a blank window. The lab runs on in main,
 * so the user may reload (the page says hello again and gets the whole history) or quit.
 */
export function setupWindowRecovery(window: BrowserWindow): void {
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    console.error(`IPC Scope's window stopped: ${details.reason} (exit code ${details.exitCode})`);
    void dialog
      .showMessageBox(window, {
        type: 'error',
        message: 'The IPC Scope window stopped',
        detail: `Its renderer process ended (${details.reason}). The lab is still running: reload to see it again.`,
        buttons: ['Reload', 'Quit'],
        defaultId: 0,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (response === 1) app.quit();
        else if (!window.isDestroyed()) window.webContents.reload();
      });
  });
}
