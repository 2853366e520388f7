// The Electron host: small setupX() modules around the same engine and session the web host runs.
import path from 'node:path';
import { app, ipcMain } from 'electron';
import { registerAppScheme, setupAppProtocol } from './app-protocol';
import { createLab } from './engine/lab';
import { setupIpc } from './ipc';
import { setupMenu } from './menu';
import { CONTENT_SECURITY_POLICY, setupSecurity } from './security';
import { forkWithUtilityProcess } from './utility-fork';
import { createMainWindow } from './window';

const outDir = path.join(__dirname, '..');
// Child scripts are unpacked from the asar: python3 and utilityProcess read them as plain files.
const childrenDir = path
  .join(outDir, 'children')
  .replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.exit(0);

const lab = createLab({ host: 'electron', childrenDir, forkNode: forkWithUtilityProcess });

async function setupApp(): Promise<void> {
  setupSecurity();
  setupAppProtocol(path.join(outDir, 'renderer'), CONTENT_SECURITY_POLICY);
  await lab.start();
  const window = createMainWindow(
    path.join(outDir, 'preload/index.cjs'),
    path.join(app.getPath('userData'), 'window-state.json'),
  );
  const teardownIpc = setupIpc(ipcMain, lab, window.webContents);
  window.on('closed', teardownIpc);
  setupMenu(window);
}

// Electron's own SIGINT/SIGTERM/SIGHUP handlers call app.quit(); the lab's handlers never touch those
// three. Quitting waits here until every child has been ended (SIGTERM, grace, SIGKILL) and reaped.
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
app
  .whenReady()
  .then(setupApp)
  .catch((error: unknown) => {
    console.error('IPC Scope failed to start:', error);
    app.exit(1);
  });
