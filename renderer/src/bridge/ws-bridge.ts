import type { Bridge } from '../../../contract/bridge';
import type { LabEvent } from '../../../contract/events';
import type { CommandMessage } from '../../../contract/wire';
import type { HostLink, LinkStatus } from './link-status';
import { parseHostMessage } from './parse-host-message';

export const LOST_CONNECTION = 'lost the connection to the lab';
/** The host is this build's own: a frame the page cannot read means events it would otherwise miss unseen. */
export const UNREADABLE_FRAME = 'the lab sent a message this page cannot read (reload the page to reconnect)';

/** What the bridge needs of a socket; the browser's WebSocket and the `ws` package both fit behind it. */
export interface WireSocket {
  send(data: string): void;
  close(): void;
}

export interface WireHandlers {
  open(): void;
  message(data: string): void;
  close(): void;
}

export type ConnectSocket = (url: string, on: WireHandlers) => WireSocket;

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A Bridge over the web host's WebSocket: commands answered by id, events in batches. */
export function createWsBridge(url: string, connect: ConnectSocket): HostLink {
  const pending = new Map<number, Pending>();
  const eventListeners = new Set<(batch: LabEvent[]) => void>();
  const statusListeners = new Set<(status: LinkStatus) => void>();
  // Commands wait here until the socket opens, so callers need not know when that is.
  let queue: string[] | null = [];
  let opened = false;
  let lostReason: string | null = null;
  let nextId = 1;

  function lose(reason: string): void {
    if (lostReason !== null) return;
    lostReason = reason;
    queue = null;
    for (const call of pending.values()) call.reject(new Error(reason));
    pending.clear();
    for (const listener of statusListeners) listener({ state: 'lost', reason });
  }

  function handle(data: string): void {
    if (lostReason !== null) return; // after a gap, later events would be applied as if none were missing
    const message = parseHostMessage(data);
    if (!message) {
      lose(UNREADABLE_FRAME);
      socket.close();
      return;
    }
    if (message.type === 'events') {
      for (const listener of eventListeners) listener(message.events);
      return;
    }
    const call = pending.get(message.id);
    if (!call) return;
    pending.delete(message.id);
    if (message.reply.ok) call.resolve(message.reply.value);
    else call.reject(new Error(message.reply.error));
  }

  const socket = connect(url, {
    open() {
      opened = true;
      const waiting = queue ?? [];
      queue = null;
      for (const frame of waiting) socket.send(frame);
    },
    message: handle,
    close() {
      lose(
        opened ? LOST_CONNECTION : 'could not connect to the lab (is the address, with its token, right?)',
      );
    },
  });

  const bridge: Bridge = {
    invoke(name, payload) {
      if (lostReason !== null) return Promise.reject(new Error(lostReason));
      const id = nextId++;
      const message: CommandMessage = { type: 'command', id, name, payload };
      const frame = JSON.stringify(message);
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
        if (queue) queue.push(frame);
        else socket.send(frame);
      });
    },
    onEvents(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    // The browser has no application menu; its Import button opens the page's own file picker.
    onMenuAction: () => () => {},
    onSessionFile: () => () => {},
  };

  return {
    bridge,
    watchStatus(listener) {
      statusListeners.add(listener);
      if (lostReason !== null) listener({ state: 'lost', reason: lostReason });
      return () => statusListeners.delete(listener);
    },
  };
}
