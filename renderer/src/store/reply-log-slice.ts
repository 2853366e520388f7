import type { ConnectionRole } from '../../../contract/events';
import { replyLineIn } from './clients-slice';
import type { Connection } from './connections-slice';
import { ListDraft } from './draft';
import type { BeginBatch } from './slice';

/**
 * `client:<clientId>` for a spawned client, `composer:<id>` for the composer's, `conn:<connId>` for an external
 * one, `trace:<traceId>:<seq>` for a connection a traced server accepted (the accept's seq).
 */
export type LogKey =
  | `client:${string}`
  | `composer:${number}`
  | `conn:${number}`
  | `trace:${number}:${number}`;

const TRACED_ACCEPT = /^TCP(?:v6)?:\[.+->.+\]$/;

export interface ReplyLogData {
  /** One row per client and per external connection, in the order their fate was known. */
  logRows: readonly LogKey[];
  /** Rows let go past LOG_ROW_LIMIT, oldest first. */
  logTrimmed: number;
}

export const LOG_ROW_LIMIT = 100_000;

export const initialReplyLog: ReplyLogData = { logRows: [], logTrimmed: 0 };

/**
 * Whether an echo connection already has its row, read from what the connection records. A lab client's
 * connection gets its row through its client instead; the lab ties it (clientId) before its data arrives.
 * Read before the batch, so a connection tied in an earlier batch has no row of its own.
 */
function connectionLogged(conn: Connection): boolean {
  if (conn.role !== 'echo' || conn.clientId !== null || conn.composerId !== null) return false;
  return conn.sent !== null || conn.peerKnown || conn.closedAt !== null;
}

/**
 * A client gets its row when it prints its reply or exits, whichever comes first, so a row never waits for
 * news. An echo connection gets one when it shows it is not one of ours: it sent something before being tied to
 * a client, the lab looked up its owner, or it closed without being tied to a client.
 *
 * Whether a row exists is read from the state before the batch (a client with a reply or an exit has one),
 * so no set of keys is copied per batch: that copy would cost milliseconds at 100,000 rows.
 */
export const beginReplyLogBatch: BeginBatch = (state) => {
  const rows = new ListDraft<LogKey>(state.logRows, LOG_ROW_LIMIT, state.logTrimmed);
  const added = new Set<LogKey>();
  const spawned = new Set<string>();
  const roles = new Map<number, ConnectionRole>();
  const identified = new Set<number>();
  const composed = new Set<number>();

  const addClient = (clientId: string) => {
    const key: LogKey = `client:${clientId}`;
    const before = state.clients.get(clientId);
    if (added.has(key) || (!before && !spawned.has(clientId))) return;
    if (before && (before.reply !== null || before.exit !== null)) return;
    added.add(key);
    rows.push(key);
  };
  // Echo connections given their row in this batch, by id: asked on every chunk, peer and close, so no key is
  // built or hashed until a row is made.
  const connRows = new Set<number>();
  const addConnection = (connId: number) => {
    if (connRows.has(connId) || identified.has(connId)) return;
    const before = state.connections.get(connId);
    if (before && (before.clientId !== null || before.composerId !== null || connectionLogged(before)))
      return;
    if ((roles.get(connId) ?? before?.role) !== 'echo') return;
    connRows.add(connId);
    rows.push(`conn:${connId}`);
  };
  // Files exported before the lab tied its clients ahead of their first chunk have conn:identified after
  // conn:data: the connection may have got a row as an outsider, which its client's row replaces.
  let removed = false;
  const dropConnection = (connId: number) => {
    const before = state.connections.get(connId);
    if (!connRows.delete(connId) && !(before && connectionLogged(before))) return;
    removed = rows.remove(`conn:${connId}`) || removed;
  };
  // The composer's connection gets its row as it opens: the user is waiting to see it.
  const addComposer = (composerId: number) => {
    const key: LogKey = `composer:${composerId}`;
    if (composed.has(composerId) || state.composers.has(composerId)) return;
    composed.add(composerId);
    added.add(key);
    rows.push(key);
  };

  return {
    apply(event) {
      switch (event.kind) {
        case 'client:spawn':
          spawned.add(event.clientId);
          break;
        case 'client:output':
          if (event.stream === 'stdout' && replyLineIn(event.text)) addClient(event.clientId);
          break;
        case 'client:exit':
          addClient(event.clientId);
          break;
        case 'conn:open':
          roles.set(event.connId, event.role);
          break;
        case 'conn:identified':
        case 'conn:composer':
          identified.add(event.connId);
          dropConnection(event.connId);
          break;
        case 'composer:open':
          addComposer(event.composerId);
          break;
        case 'conn:data':
        case 'conn:peer':
        case 'conn:close':
          addConnection(event.connId);
          break;
        case 'trace:call':
          // A traced server took a connection: a row as it opens, filled in as its bytes come.
          if (event.call.startsWith('accept') && event.newEndpoint && TRACED_ACCEPT.test(event.newEndpoint)) {
            const key: LogKey = `trace:${event.traceId}:${event.seq}`;
            added.add(key);
            rows.push(key);
          }
          break;
      }
    },
    finish: () =>
      added.size > 0 || connRows.size > 0 || removed
        ? { logRows: rows.result(), logTrimmed: rows.trimmed }
        : {},
  };
};
