// The Electron host: small setupX() modules around the same engine and session the web host runs.
import path from 'node:path';
import { app, ipcMain } from 'electron';
import { createLab, type Lab } from '../engine/lab';
import { CONTENT_SECURITY_POLICY } from '../shared/content-security-policy';
import { registerAppScheme, setupAppProtocol } from './app-protocol';
import { setupIpc } from './ipc';
import { setupMenu } from './menu';
import { setupSecurity } from './security';
import { openSessionFile } from './session-file-dialog';
import { createMainWindow, setupWindowRecovery } from './window';

const outDir = path.join(__dirname, '..');
// Child scripts are unpacked from the asar: python3, and this binary run as Node, read them as plain files.
const childrenDir = path
  .join(outDir, 'children')
  .replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);

function setupWindow(lab: Lab): void {
  setupSecurity();
  setupAppProtocol(path.join(outDir, 'renderer'), CONTENT_SECURITY_POLICY);
  const window = createMainWindow(
    path.join(outDir, 'preload/index.cjs'),
    path.join(app.getPath('userData'), 'window-state.json'),
  );
  const teardownIpc = setupIpc(ipcMain, lab, window.webContents);
  window.on('closed', teardownIpc);
  setupMenu(window, { importSession: () => openSessionFile(window) });
  setupWindowRecovery(window);
  app.on('second-instance', () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
}

// Electron's own SIGINT/SIGTERM/SIGHUP handlers call app.quit(); the lab's handlers never touch those
// three. Quitting waits here until every child has been ended (SIGTERM, grace, SIGKILL) and reaped.
function setupQuit(lab: Lab): void {
  let labClosed = false;
  app.on('before-quit', (event) => {
    if (labClosed) return;
    event.preventDefault();
    lab.shutdown().finally(() => {
      labClosed = true;
      app.quit();
    });
  });
  app.on('window-all-closed', () => app.quit());
}

function fail(error: unknown): void {
  console.error('IPC Scope failed to start:', error);
  app.exit(1);
}

function setupDesktop(): void {
  registerAppScheme();
  const lab = createLab({ host: 'electron', childrenDir });
  setupQuit(lab);
  // Started before ready, so SIGUSR1, SIGUSR2 and SIGALRM meet the lab's handlers, never their default
  // action (which ends the process). The window does not wait for the echo server: it shows as it binds.
  lab.start().catch(fail);
  app
    .whenReady()
    .then(() => setupWindow(lab))
    .catch(fail);
}

// A second start focuses the first window (see 'second-instance'). Before ready, app.exit ends the process at once.
if (app.requestSingleInstanceLock()) setupDesktop();
else app.exit(0);
