import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import {
  BRIDGE_GLOBAL,
  type Bridge,
  Channels,
  type CommandName,
  type CommandPayload,
  type CommandResult,
  type LabEvent,
  type Reply,
} from '../contract';

// Only these two narrow methods reach the page: never ipcRenderer itself.
const bridge = {
  async invoke<C extends CommandName>(name: C, payload: CommandPayload<C>): Promise<CommandResult<C>> {
    const reply = (await ipcRenderer.invoke(Channels.command, name, payload)) as Reply<CommandResult<C>>;
    if (!reply.ok) throw new Error(reply.error);
    return reply.value;
  },
  onEvents(listener: (batch: LabEvent[]) => void): () => void {
    const forward = (_event: IpcRendererEvent, batch: LabEvent[]) => listener(batch);
    ipcRenderer.on(Channels.events, forward);
    return () => {
      ipcRenderer.removeListener(Channels.events, forward);
    };
  },
} satisfies Bridge;

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
