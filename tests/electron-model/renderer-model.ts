// A test-only model of the renderer-side Electron API that the preload uses, after electron/electron's source.
import { EventEmitter } from 'node:events';

type Invoke = (channel: string, args: unknown[]) => Promise<unknown>;

/** What main answers to an invoke; the test sets it. */
export const main: { handle: Invoke } = {
  handle: async (channel) => {
    throw new Error(`No handler registered for '${channel}'`);
  },
};

// lib/renderer/api/ipc-renderer.ts: an EventEmitter whose invoke rejects with main's error text, wrapped.
class IpcRenderer extends EventEmitter {
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    try {
      return structuredClone(await main.handle(channel, structuredClone(args)));
    } catch (error) {
      throw new Error(`Error invoking remote method '${channel}': ${String(error)}`);
    }
  }
  send(): never {
    throw new Error('the preload must not use ipcRenderer.send');
  }
  sendSync(): never {
    throw new Error('the preload must not use ipcRenderer.sendSync');
  }
}

export const ipcRenderer = new IpcRenderer();

/**
 * lib/renderer/init.ts and shell/renderer/api/electron_api_ipc_renderer.cc: a message from main reaches the
 * listeners as (event, ...args), the event carrying the sender and the ports.
 */
export function sendFromMain(channel: string, ...args: unknown[]): void {
  ipcRenderer.emit(channel, { sender: ipcRenderer, senderId: 0, ports: [] }, ...structuredClone(args));
}

/** The page's world: what contextBridge put there. */
export const mainWorld: Record<string, unknown> = {};

// shell/renderer/api/electron_api_context_bridge.cc: the API is copied into the page's world once; a key
// already there cannot be replaced.
export const contextBridge = {
  exposeInMainWorld(key: string, api: unknown): void {
    if (Object.hasOwn(mainWorld, key))
      throw new Error(`Cannot bind an API on top of an existing property on the window object`);
    mainWorld[key] = Object.freeze({ ...(api as object) });
  },
};
