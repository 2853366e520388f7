import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
// From the contract's files, not its index: the index would bring every schema into the preload.
import {
  BRIDGE_GLOBAL,
  type Bridge,
  isMenuAction,
  isOpenedSessionFile,
  type MenuAction,
  type OpenedSessionFile,
} from '../contract/bridge';
import { Channels } from '../contract/channels';
import type { CommandName, CommandPayload, CommandResult, Reply } from '../contract/commands';
import type { LabEvent } from '../contract/events';

/** Subscribes to a main-to-renderer channel, without ever handing the page Electron's event object. */
function listen(channel: string, listener: (payload: unknown) => void): () => void {
  const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

// Only these narrow methods reach the page: never ipcRenderer itself.
const bridge = {
  async invoke<C extends CommandName>(name: C, payload: CommandPayload<C>): Promise<CommandResult<C>> {
    const reply = (await ipcRenderer.invoke(Channels.command, name, payload)) as Reply<CommandResult<C>>;
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  },
  onEvents(listener: (batch: LabEvent[]) => void): () => void {
    return listen(Channels.events, (batch) => listener(batch as LabEvent[]));
  },
  onMenuAction(listener: (action: MenuAction) => void): () => void {
    return listen(Channels.menu, (action) => {
      if (isMenuAction(action)) listener(action);
    });
  },
  onSessionFile(listener: (file: OpenedSessionFile) => void): () => void {
    return listen(Channels.sessionFile, (file) => {
      if (isOpenedSessionFile(file)) listener(file);
    });
  },
} satisfies Bridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
