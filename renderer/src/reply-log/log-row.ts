import type { ClientMode } from '../../../contract/events';
import { exitText } from '../lib/format';
import { type PayloadView, previewPayload } from '../lib/payload';
import type { Client } from '../store/clients-slice';
import type { Connection } from '../store/connections-slice';
import type { LogKey } from '../store/reply-log-slice';

/** Everything one reply-log row shows, for a spawned client or an external connection. */
export interface LogRow {
  key: LogKey;
  external: boolean;
  /** The client id, or `#connId` for an external connection. */
  label: string;
  mode: ClientMode | 'external';
  /** pid and thread, or the peer address and (on Linux) its owning process. */
  who: string;
  sent: PayloadView | null;
  /** What the server answered. */
  reply: string | null;
  /** The line the client printed; external clients print where we cannot see. */
  printed: string | null;
  /** Exit status, or for an external connection how it closed. */
  end: string | null;
  failed: boolean;
  /** From connect to the server's reply, µs. */
  latencyUs: number | null;
}

export interface LogSources {
  clients: ReadonlyMap<string, Client>;
  connections: ReadonlyMap<number, Connection>;
}

const CLOSE_TEXT = {
  client: 'it closed first',
  server: 'the server closed it',
  'idle-timeout': 'closed after the idle timeout',
  error: 'ended in an error',
} as const;

function latency(conn: Connection | undefined): number | null {
  return conn?.repliedAt != null ? conn.repliedAt - conn.openedAt : null;
}

function peerOwner(conn: Connection): string {
  if (conn.peerPid !== null)
    return ` · pid ${conn.peerPid}${conn.peerCommand ? ` (${conn.peerCommand})` : ''}`;
  return conn.peerKnown ? ' · owner not visible' : '';
}

/** A client failed when it printed no reply, or exited with anything but 0. */
export function clientFailed(client: Client): boolean {
  if (!client.exit) return false;
  return client.reply === null || client.exit.code !== 0 || client.exit.signal !== null;
}

export function connectionFailed(conn: Connection): boolean {
  return conn.error !== null || conn.cause === 'error';
}

export function describeClient(key: LogKey, client: Client, conn: Connection | undefined): LogRow {
  return {
    key,
    external: false,
    label: client.clientId,
    mode: client.mode,
    who: `pid ${client.pid}${client.thread !== null ? ` · thread ${client.thread}` : ''}`,
    sent: conn?.sent ? previewPayload(conn.sent) : null,
    reply: conn?.reply ?? null,
    printed: client.reply,
    end: client.exit ? exitText(client.exit) : null,
    failed: clientFailed(client),
    latencyUs: latency(conn),
  };
}

export function describeConnection(key: LogKey, conn: Connection): LogRow {
  return {
    key,
    external: true,
    label: `#${conn.connId}`,
    mode: 'external',
    who: `${conn.peer}${peerOwner(conn)}`,
    sent: conn.sent ? previewPayload(conn.sent) : null,
    reply: conn.reply,
    printed: null,
    end: conn.cause ? CLOSE_TEXT[conn.cause] : null,
    failed: connectionFailed(conn),
    latencyUs: latency(conn),
  };
}

/** The client a `client:` key names, or the connection a `conn:` key names. */
export function rowRecords(key: LogKey, { clients, connections }: LogSources) {
  if (key.startsWith('client:')) {
    const client = clients.get(key.slice(7));
    const conn = client?.connId == null ? undefined : connections.get(client.connId);
    return { client, conn };
  }
  return { client: undefined, conn: connections.get(Number(key.slice(5))) };
}

export function describeRow(key: LogKey, sources: LogSources): LogRow | null {
  const { client, conn } = rowRecords(key, sources);
  if (client) return describeClient(key, client, conn);
  return conn && key.startsWith('conn:') ? describeConnection(key, conn) : null;
}

export function formatLatency(us: number | null): string {
  if (us === null) return '—';
  return us < 1_000 ? `${Math.round(us)} µs` : `${(us / 1_000).toFixed(us < 10_000 ? 2 : 1)} ms`;
}
