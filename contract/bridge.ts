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
export interface OpenedSessionFile {
  name: string;
  bytes: Uint8Array;
}

export function isOpenedSessionFile(value: unknown): value is OpenedSessionFile {
  if (typeof value !== 'object' || value === null) return false;
  const { name, bytes } = value as Partial<OpenedSessionFile>;
  return typeof name === 'string' && bytes instanceof Uint8Array;
}

/** What the desktop menu asks the renderer to do, like the keyboard shortcuts. */
export const MENU_ACTIONS = ['spawn', 'follow', 'fit', 'export'] as const;
export type MenuAction = (typeof MENU_ACTIONS)[number];

export function isMenuAction(value: unknown): value is MenuAction {
  return typeof value === 'string' && (MENU_ACTIONS as readonly string[]).includes(value);
}

/** The global name the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'ipcScope';
