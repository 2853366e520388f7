import type { CloseCause, ConnectionRole } from '../../../contract/events';
import { MapDraft } from './draft';
import type { BeginBatch } from './slice';

export interface Connection {
  connId: number;
  role: ConnectionRole;
  /** `address:port` of the other end. */
  peer: string;
  localPort: number;
  /** Lab time (µs). */
  openedAt: number;
  closedAt: number | null;
  /** Who closed first; null while open. */
  cause: CloseCause | null;
  bytesIn: number;
  bytesOut: number;
  /** The first chunk the peer sent (base64, as recv(1024) got it), and its size. */
  sent: string | null;
  sentSize: number;
  /** What the server answered, as text, and when (lab time, µs). */
  reply: string | null;
  repliedAt: number | null;
  /** The process holding the peer's end, read from /proc (external connections on Linux). */
  peerPid: number | null;
  peerCommand: string | null;
  /** Whether the lab has answered who the peer is (found or not). */
  peerKnown: boolean;
  error: string | null;
  runId: number | null;
  clientId: string | null;
  /** The composer connection on the other end, when the lab's composer made it. */
  composerId: number | null;
}

export interface ConnectionsData {
  connections: ReadonlyMap<number, Connection>;
}

export const initialConnections: ConnectionsData = { connections: new Map() };

export const beginConnectionsBatch: BeginBatch = (state) => {
  const connections = new MapDraft(state.connections);
  return {
    apply(event) {
      if (event.kind === 'conn:open') {
        connections.put(event.connId, {
          connId: event.connId,
          role: event.role,
          peer: `${event.remoteAddress}:${event.remotePort}`,
          localPort: event.localPort,
          openedAt: event.t,
          closedAt: null,
          cause: null,
          bytesIn: 0,
          bytesOut: 0,
          sent: null,
          sentSize: 0,
          reply: null,
          repliedAt: null,
          peerPid: null,
          peerCommand: null,
          peerKnown: false,
          error: null,
          runId: null,
          clientId: null,
          composerId: null,
        });
        return;
      }
      // An event for a connection whose open was evicted from the history has nothing to attach to.
      const edit = (connId: number, change: (conn: Connection) => void) => {
        const conn = connections.edit(connId);
        if (conn) change(conn);
      };
      switch (event.kind) {
        case 'conn:data':
          edit(event.connId, (conn) => {
            conn.bytesIn += event.size;
            conn.sent ??= event.data;
            conn.sentSize ||= event.size;
          });
          break;
        case 'conn:extra':
          edit(event.connId, (conn) => {
            conn.bytesIn += event.size;
          });
          break;
        case 'conn:reply':
          edit(event.connId, (conn) => {
            conn.reply = event.text;
            conn.repliedAt ??= event.t;
            conn.bytesOut += event.size;
          });
          break;
        case 'conn:peer':
          edit(event.connId, (conn) => {
            conn.peerPid = event.pid;
            conn.peerCommand = event.command;
            conn.peerKnown = true;
          });
          break;
        case 'conn:close':
          edit(event.connId, (conn) => {
            conn.closedAt = event.t;
            conn.cause = event.cause;
            conn.bytesIn = event.bytesIn;
            conn.bytesOut = event.bytesOut;
          });
          break;
        case 'conn:error':
          edit(event.connId, (conn) => {
            conn.error = `${event.code}: ${event.message}`;
          });
          break;
        case 'conn:identified':
          edit(event.connId, (conn) => {
            conn.runId = event.runId;
            conn.clientId = event.clientId;
          });
          break;
        case 'conn:composer':
          edit(event.connId, (conn) => {
            conn.composerId = event.composerId;
          });
          break;
      }
    },
    finish: () => ({ connections: connections.result() }),
  };
};
