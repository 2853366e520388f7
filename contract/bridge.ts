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
}

/** The global name the preload exposes the bridge under. */
export const BRIDGE_GLOBAL = 'ipcScope';
