import * as v from 'valibot';
import type { CommandName, CommandPayload, CommandResult } from './commands';
import type { LabEvent } from './events';

/**
 * What the renderer sees of the lab, whichever host it runs in.
 * The preload's object and the WebSocket client both satisfy it.
 */
export interface Bridge {
  /** Runs a command; rejects with an Error whose message is the lab's. */
  invoke<C extends CommandName>(name: C, payload: CommandPayload<C>): Promise<CommandResult<C>>;
  /** Subscribes to event batches; returns the unsubscribe function. */
  onEvents(listener: (batch: LabEvent[]) => void): () => void;
  /** Subscribes to the desktop menu's actions; in the browser there is no menu and nothing arrives. */
  onMenuAction(listener: (action: MenuAction) => void): () => void;
  /** Subscribes to session files the desktop's File ▸ Import dialog opened; the browser imports through its own picker. */
  onSessionFile(listener: (file: OpenedSessionFile) => void): () => void;
}

/** A session file read by the desktop app's main process, for the page to import. */
export const OpenedSessionFileSchema = v.object({ name: v.string(), bytes: v.instance(Uint8Array) });
export type OpenedSessionFile = v.InferOutput<typeof OpenedSessionFileSchema>;

export function isOpenedSessionFile(value: unknown): value is OpenedSessionFile {
  return v.is(OpenedSessionFileSchema, value);
}

/** What the desktop menu asks the renderer to do, like the keyboard shortcuts. */
export const MenuActionSchema = v.picklist(['spawn', 'follow', 'fit', 'export']);
export type MenuAction = v.InferOutput<typeof MenuActionSchema>;

export function isMenuAction(value: unknown): value is MenuAction {
  return v.is(MenuActionSchema, value);
}

/** The global name the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'ipcScope';
