import type { Reply } from './commands';
import type { LabEvent } from './events';

/** Renderer -> host over WebSocket: one command, answered by a reply with the same id. */
export interface CommandMessage {
  type: 'command';
  id: number;
  name: string;
  payload: unknown;
}

/** Host -> renderer over WebSocket. Events come in batches, after the `lab:hello` reply that subscribes. */
export type HostMessage =
  | { type: 'reply'; id: number; reply: Reply<unknown> }
  | { type: 'events'; events: LabEvent[] };

/** Path of the WebSocket endpoint; the access token rides in the `token` query parameter. */
export const WS_PATH = '/ws';
