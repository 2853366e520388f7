import type { CommandPayload, CommandResult } from '../../../contract/commands';
import { targetText } from '../../../contract/compose';
import type { ComposerCloser, LabEvent } from '../../../contract/events';
import { MapDraft } from './draft';
import type { BeginBatch, SliceContext } from './slice';

/** One send or one chunk received, in the order they happened. */
export interface ComposerExchange {
  /** Lab time (µs). */
  t: number;
  direction: 'sent' | 'received';
  /** base64, as the engine records payloads. */
  data: string;
  size: number;
}

/** A connection the composer made, as its events tell it. */
export interface ComposerConn {
  composerId: number;
  /** `host:port` it connected to. */
  target: string;
  localPort: number;
  keep: boolean;
  openedAt: number;
  /** The lab's side of it, when the target was the lab's echo server. */
  connId: number | null;
  exchanges: readonly ComposerExchange[];
  closedAt: number | null;
  /** Who closed first; null while open. */
  closedBy: ComposerCloser | null;
  error: string | null;
  bytesIn: number;
  bytesOut: number;
}

export interface ComposerData {
  composers: ReadonlyMap<number, ComposerConn>;
}

export interface ComposerSlice extends ComposerData {
  /** These reject with the lab's words: the composer shows them beside the message, not as an app error. */
  composerSend(request: CommandPayload<'composer:send'>): Promise<CommandResult<'composer:send'>>;
  composerOpen(request: CommandPayload<'composer:open'>): Promise<CommandResult<'composer:open'>>;
  composerClose(connection: number): Promise<void>;
}

/** A composer connection's name, as its chip, its transcript and the reply log show it. */
export function composerLabel(composerId: number): string {
  return `composer-${composerId}`;
}

/** The newest kept connection still open, if any: after a reload too, so it can still be closed. */
export function openKeptConnection(composers: ReadonlyMap<number, ComposerConn>): number | null {
  let newest: number | null = null;
  for (const conn of composers.values()) {
    if (conn.keep && conn.closedAt === null) newest = Math.max(newest ?? 0, conn.composerId);
  }
  return newest;
}

export const initialComposers: ComposerData = { composers: new Map() };

export function createComposerSlice({ bridge }: SliceContext): ComposerSlice {
  return {
    ...initialComposers,
    composerSend: (request) => bridge.invoke('composer:send', request),
    composerOpen: (request) => bridge.invoke('composer:open', request),
    async composerClose(connection) {
      await bridge.invoke('composer:close', { connection });
    },
  };
}

function newComposerConn(composerId: number, t: number): ComposerConn {
  return {
    composerId,
    target: '',
    localPort: 0,
    keep: false,
    openedAt: t,
    connId: null,
    exchanges: [],
    closedAt: null,
    closedBy: null,
    error: null,
    bytesIn: 0,
    bytesOut: 0,
  };
}

const copyConn = (conn: ComposerConn): ComposerConn => ({ ...conn, exchanges: [...conn.exchanges] });

type ComposerEvent = Extract<LabEvent, { composerId: number }>;

export const beginComposerBatch: BeginBatch = (state) => {
  const composers = new MapDraft(state.composers, copyConn);
  // The engine sends composer:open first; an entry made by a later event is one whose open was evicted.
  const edit = (event: ComposerEvent): ComposerConn => {
    const existing = composers.edit(event.composerId);
    if (existing) return existing;
    const conn = newComposerConn(event.composerId, event.t);
    composers.put(event.composerId, conn);
    return conn;
  };
  const exchange = (
    event: LabEvent & { data: string; size: number },
    direction: ComposerExchange['direction'],
  ) => ({ t: event.t, direction, data: event.data, size: event.size }) satisfies ComposerExchange;
  return {
    apply(event) {
      switch (event.kind) {
        case 'composer:open':
          Object.assign(edit(event), {
            target: targetText(event),
            localPort: event.localPort,
            keep: event.keep,
            openedAt: event.t,
          });
          break;
        case 'conn:composer':
          edit(event).connId = event.connId;
          break;
        case 'composer:sent':
          (edit(event).exchanges as ComposerExchange[]).push(exchange(event, 'sent'));
          break;
        case 'composer:received':
          (edit(event).exchanges as ComposerExchange[]).push(exchange(event, 'received'));
          break;
        case 'composer:error':
          edit(event).error = event.message;
          break;
        case 'composer:closed':
          Object.assign(edit(event), {
            closedAt: event.t,
            closedBy: event.by,
            bytesIn: event.bytesIn,
            bytesOut: event.bytesOut,
          });
          break;
      }
    },
    finish: () => ({ composers: composers.result() }),
  };
};
