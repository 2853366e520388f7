import type { AppendList } from './append-list';
import type { Trace, TraceFact } from './trace-slice';
import { closes, isUnix, receives, sends, socketEnds } from './traced-calls';

/** A connection a traced server accepted, as the reply log shows it: what came in, what went back, who closed. */
export interface TracedConnection {
  traceId: number;
  /** The accept's seq: the connection's key. */
  acceptSeq: number;
  server: { pid: number; tid: number };
  /** The client's address, and its traced thread when the client is traced too. */
  peer: string;
  client: { pid: number; tid: number } | null;
  openedAt: number;
  /** base64 of the first bytes the server received, and of its first send back. */
  sent: string | null;
  reply: string | null;
  repliedAt: number | null;
  closedBy: 'client' | 'server' | null;
}

/** A TCP connection's two ends, its own first: the reply log shows what traced servers took over TCP. */
function tcpEnds(endpoint: string | null | undefined): { local: string; remote: string } | null {
  const ends = socketEnds(endpoint);
  return ends && !isUnix(ends.local) ? ends : null;
}

const computed = new WeakMap<AppendList<TraceFact>, ReadonlyMap<number, TracedConnection>>();

/**
 * The connections a trace's servers accepted, by the accept's seq; worked out once per version of its facts.
 * The server's side is `S->C` in strace's fd names, the client's `C->S`.
 */
export function tracedConnections(trace: Trace): ReadonlyMap<number, TracedConnection> {
  const known = computed.get(trace.facts);
  if (known) return known;
  const bySeq = new Map<number, TracedConnection>();
  const byServerEnd = new Map<string, TracedConnection>();
  const byClientEnd = new Map<string, TracedConnection>();
  const calls = [...trace.facts].filter((fact) => fact.kind === 'trace:call');
  // Accepts first: a client's send can be printed before the accept that took its connection.
  for (const fact of calls) {
    const accepted = fact.call.startsWith('accept') ? tcpEnds(fact.newEndpoint) : null;
    if (accepted) {
      const { local: server, remote: peer } = accepted;
      const conn: TracedConnection = {
        traceId: trace.traceId,
        acceptSeq: fact.seq,
        server: { pid: fact.pid, tid: fact.tid },
        peer,
        client: null,
        openedAt: fact.at + (fact.durationUs ?? 0),
        sent: null,
        reply: null,
        repliedAt: null,
        closedBy: null,
      };
      bySeq.set(fact.seq, conn);
      byServerEnd.set(`${server}->${peer}`, conn);
      byClientEnd.set(`${peer}->${server}`, conn);
    }
  }
  for (const fact of calls) {
    const ends = tcpEnds(fact.endpoint);
    if (!ends) continue;
    const key = `${ends.local}->${ends.remote}`;
    const asServer = byServerEnd.get(key);
    const asClient = byClientEnd.get(key);
    if (asClient) asClient.client ??= { pid: fact.pid, tid: fact.tid };
    const conn = asServer ?? asClient;
    if (!conn) continue;
    if (closes(fact.call)) conn.closedBy ??= asServer ? 'server' : 'client';
    if (!asServer || (fact.size ?? 0) <= 0 || !fact.data) continue;
    if (receives(fact.call)) conn.sent ??= fact.data;
    else if (sends(fact.call) && conn.reply === null) {
      conn.reply = fact.data;
      conn.repliedAt = fact.at;
    }
  }
  computed.set(trace.facts, bySeq);
  return bySeq;
}
