import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { type BrowserWindow, dialog } from 'electron';
import { Channels, type OpenedSessionFile } from '../../contract';

/** Far above a full history (1M events is ~150 MB), well below what a window can take in one message. */
const MAX_SESSION_FILE_BYTES = 1024 * 1024 * 1024;

/**
 * File ▸ Import: the dialog opens in main, because Chromium opens a page's own file picker only on a user
 * gesture, and a menu click is none. The page gets the file's name and bytes and imports them as a drop.
 */
export async function openSessionFile(window: BrowserWindow): Promise<void> {
  const { canceled, filePaths } = await dialog.showOpenDialog(window, {
    title: 'Import session',
    properties: ['openFile'],
    filters: [
      { name: 'IPC Scope sessions', extensions: ['ndjson', 'jsonl', 'json'] },
      { name: 'All files', extensions: ['*'] },
    ],
  });
  const [file] = filePaths;
  if (canceled || file === undefined) return;
  const name = path.basename(file);
  try {
    const { size } = await stat(file);
    if (size > MAX_SESSION_FILE_BYTES) {
      throw new Error(`it holds ${Math.ceil(size / 2 ** 20)} MB; IPC Scope imports up to 1024 MB`);
    }
    const opened: OpenedSessionFile = { name, bytes: await readFile(file) };
    if (!window.isDestroyed()) window.webContents.send(Channels.sessionFile, opened);
  } catch (error) {
    if (window.isDestroyed()) return;
    await dialog.showMessageBox(window, {
      type: 'error',
      message: `Could not import ${name}`,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}
