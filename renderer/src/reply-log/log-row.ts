import type { ClientMode } from '../../../contract/events';
import { exitText } from '../lib/format';
import { type PayloadView, previewPayload } from '../lib/payload';
import { type Client, clientFailed } from '../store/clients-slice';
import { type ComposerConn, composerLabel } from '../store/composer-slice';
import type { Connection } from '../store/connections-slice';
import type { LogKey } from '../store/reply-log-slice';
import type { Trace } from '../store/trace-slice';
import { type TracedConnection, tracedConnections } from '../store/traced-connections';

/** Everything one reply-log row shows, for a spawned client or an external connection. */
export interface LogRow {
  key: LogKey;
  external: boolean;
  /** The client id, or `#connId` for an external connection. */
  label: string;
  mode: ClientMode | 'composer' | 'external' | 'traced';
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
  composers: ReadonlyMap<number, ComposerConn>;
  traces: ReadonlyMap<number, Trace>;
}

/**
 * The records one row is made of: a client and its connection, a composer connection, a connection, or one a
 * traced server accepted.
 */
export interface RowRecords {
  client?: Client;
  composer?: ComposerConn;
  conn?: Connection;
  traced?: TracedConnection;
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

export function connectionFailed(conn: Connection): boolean {
  return conn.error !== null || conn.cause === 'error';
}

export function composerFailed(composer: ComposerConn): boolean {
  return composer.error !== null || composer.closedBy === 'error';
}

const COMPOSER_CLOSE_TEXT = {
  composer: 'the composer closed it',
  server: 'the server closed it first',
  error: 'ended in an error',
} as const;

export function describeComposer(key: LogKey, composer: ComposerConn): LogRow {
  const sent = composer.exchanges.find((exchange) => exchange.direction === 'sent');
  const reply = composer.exchanges.find((exchange) => exchange.direction === 'received');
  return {
    key,
    external: false,
    label: composerLabel(composer.composerId),
    mode: 'composer',
    who: `to ${composer.target} from port ${composer.localPort}${composer.keep ? ' · kept open' : ''}`,
    sent: sent ? previewPayload(sent.data) : null,
    reply: reply ? previewPayload(reply.data).text : null,
    printed: null,
    end: composer.error ?? (composer.closedBy ? COMPOSER_CLOSE_TEXT[composer.closedBy] : null),
    failed: composerFailed(composer),
    latencyUs: reply ? reply.t - composer.openedAt : null,
  };
}

export function describeTraced(key: LogKey, traced: TracedConnection): LogRow {
  const { server, client } = traced;
  const by = client ? `tid ${client.tid}` : traced.peer;
  return {
    key,
    external: false,
    label: `trace #${traced.traceId}`,
    mode: 'traced',
    who: `${by} → server tid ${server.tid} · pid ${server.pid}`,
    sent: traced.sent ? previewPayload(traced.sent) : null,
    reply: traced.reply ? previewPayload(traced.reply).text : null,
    printed: null,
    end: traced.closedBy ? `the ${traced.closedBy} closed first` : null,
    failed: false,
    latencyUs: traced.repliedAt !== null ? traced.repliedAt - traced.openedAt : null,
  };
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

/** The client a `client:` key names, the composer connection a `composer:` key names, or a `conn:` key's connection. */
export function rowRecords(key: LogKey, { clients, connections, composers, traces }: LogSources): RowRecords {
  if (key.startsWith('trace:')) {
    const [, traceId, seq] = key.split(':');
    const trace = traces.get(Number(traceId));
    return { traced: trace ? tracedConnections(trace).get(Number(seq)) : undefined };
  }
  if (key.startsWith('client:')) {
    const client = clients.get(key.slice(7));
    const conn = client?.connId == null ? undefined : connections.get(client.connId);
    return { client, conn };
  }
  if (key.startsWith('composer:')) return { composer: composers.get(Number(key.slice(9))) };
  return { conn: connections.get(Number(key.slice(5))) };
}

export function describeRecords(key: LogKey, { client, composer, conn, traced }: RowRecords): LogRow | null {
  if (traced) return describeTraced(key, traced);
  if (client) return describeClient(key, client, conn);
  if (composer) return describeComposer(key, composer);
  return conn && key.startsWith('conn:') ? describeConnection(key, conn) : null;
}

export function describeRow(key: LogKey, sources: LogSources): LogRow | null {
  return describeRecords(key, rowRecords(key, sources));
}
