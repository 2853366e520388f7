import { type BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import { Channels, type MenuAction } from '../../contract';

export interface MenuHandlers {
  /** File ▸ Import opens its dialog in main: a menu click is no user gesture for the page's own picker. */
  importSession(): Promise<void>;
}

/** The usual roles, plus the lab's own actions, which the renderer carries out like its shortcuts. */
export function setupMenu(window: BrowserWindow, handlers: MenuHandlers): void {
  const send = (action: MenuAction) => () => {
    if (!window.isDestroyed()) window.webContents.send(Channels.menu, action);
  };
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        { label: 'Export Session…', accelerator: 'CmdOrCtrl+E', click: send('export') },
        {
          label: 'Import Session…',
          accelerator: 'CmdOrCtrl+O',
          click: () => void handlers.importSession(),
        },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'Lab',
      submenu: [
        { label: 'Spawn Clients', accelerator: 'CmdOrCtrl+Shift+S', click: send('spawn') },
        { label: 'Follow Live Events', accelerator: 'CmdOrCtrl+Shift+F', click: send('follow') },
        // Not CmdOrCtrl+0: the View menu's Actual Size has it.
        { label: 'Fit Timeline', accelerator: 'CmdOrCtrl+Shift+0', click: send('fit') },
      ],
    },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
