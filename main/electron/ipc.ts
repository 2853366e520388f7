import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { Channels, type LabEvent } from '../../contract';
import type { Lab } from '../engine/lab';
import { openSession } from '../engine/session';
import { isAppUrl } from './app-origin';

/** The parts of Electron the IPC layer uses, so tests can hand it typed fakes. */
export type IpcMainLike = Pick<IpcMain, 'handle' | 'removeHandler'>;
export type WebContentsLike = Pick<WebContents, 'id' | 'send' | 'isDestroyed'>;

/**
 * Mounts the lab's commands for one window: only that window may call them, every payload is
 * validated, and events flow only after the renderer's `lab:hello`, in batches, never to a destroyed window.
 */
export function setupIpc(ipcMain: IpcMainLike, lab: Lab, contents: WebContentsLike): () => void {
  // The event log batches by time (16 ms) and size; one batch is one message. Electron's send has no
  // backpressure to read, so the history is paced only by the session's slices of the event loop.
  const session = openSession(lab, {
    send(batch: LabEvent[]) {
      if (!contents.isDestroyed()) contents.send(Channels.events, batch);
    },
    ready: () => true,
  });

  ipcMain.handle(Channels.command, (event: IpcMainInvokeEvent, name: unknown, payload: unknown) => {
    // senderFrame is null once the frame is gone; a subframe or a page from elsewhere is never the app.
    const frame = event.senderFrame;
    if (event.sender.id !== contents.id || !frame || frame.parent !== null || !isAppUrl(frame.url)) {
      return { ok: false, error: 'refused: the command did not come from the IPC Scope window' };
    }
    return session.dispatch(name, payload);
  });

  return () => {
    ipcMain.removeHandler(Channels.command);
    session.close();
  };
}
