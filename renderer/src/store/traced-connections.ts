import type { LabEventOf } from '../../../contract/events';
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

/** What one trace's facts have made so far, kept to be carried on when the trace's list grows. */
interface Index {
  /** How many facts are in, and the last one: a longer list that holds it there continues this one. */
  length: number;
  last: TraceFact | undefined;
  connections: ReadonlyMap<number, TracedConnection>;
  /** `local->remote` of a server's end, and of a client's, to the accept's seq. */
  byServerEnd: Map<string, number>;
  byClientEnd: Map<string, number>;
  /** Calls on TCP ends no accept has claimed yet: a client's send can be printed before its accept. */
  unclaimed: Map<string, Call[]>;
}

type Call = LabEventOf<'trace:call'>;

/** The connections of each list version asked for; the newest index of each trace, by its first fact. */
const byVersion = new WeakMap<AppendList<TraceFact>, ReadonlyMap<number, TracedConnection>>();
const byTrace = new WeakMap<TraceFact, Index>();

/**
 * The connections a trace's servers accepted, by the accept's seq. The server's side is `S->C` in strace's fd
 * names, the client's `C->S`. Worked out as the trace grows: a batch costs its own calls, and the connections
 * they touch are copied, so an older state's rows stay as they were.
 */
export function tracedConnections(trace: Trace): ReadonlyMap<number, TracedConnection> {
  const { facts } = trace;
  const known = byVersion.get(facts);
  if (known) return known;
  const first = facts.at(0);
  if (!first) return new Map();
  let index = byTrace.get(first);
  const continues = index && index.length <= facts.length && facts.at(index.length - 1) === index.last;
  if (!index || !continues) index = emptyIndex();
  const next = extend(index, trace.traceId, facts);
  byTrace.set(first, next);
  byVersion.set(facts, next.connections);
  return next.connections;
}

function emptyIndex(): Index {
  return {
    length: 0,
    last: undefined,
    connections: new Map(),
    byServerEnd: new Map(),
    byClientEnd: new Map(),
    unclaimed: new Map(),
  };
}

function extend(index: Index, traceId: number, facts: AppendList<TraceFact>): Index {
  const connections = new Map(index.connections);
  const copied = new Set<number>();
  const edit = (acceptSeq: number): TracedConnection => {
    const conn = connections.get(acceptSeq) as TracedConnection;
    if (copied.has(acceptSeq)) return conn;
    copied.add(acceptSeq);
    const copy = { ...conn };
    connections.set(acceptSeq, copy);
    return copy;
  };
  const apply = (call: Call, key: string) => {
    const asServer = index.byServerEnd.get(key);
    const asClient = index.byClientEnd.get(key);
    const seq = asServer ?? asClient;
    if (seq === undefined) {
      const waiting = index.unclaimed.get(key);
      if (waiting) waiting.push(call);
      else index.unclaimed.set(key, [call]);
      return;
    }
    const conn = edit(seq);
    if (asClient !== undefined) conn.client ??= { pid: call.pid, tid: call.tid };
    if (closes(call.call)) conn.closedBy ??= asServer !== undefined ? 'server' : 'client';
    if (asServer === undefined || (call.size ?? 0) <= 0 || !call.data) return;
    if (receives(call.call)) conn.sent ??= call.data;
    else if (sends(call.call) && conn.reply === null) {
      conn.reply = call.data;
      conn.repliedAt = call.at;
    }
  };
  for (let i = index.length; i < facts.length; i += 1) {
    const fact = facts.at(i) as TraceFact;
    if (fact.kind !== 'trace:call') continue;
    const accepted = fact.call.startsWith('accept') ? tcpEnds(fact.newEndpoint) : null;
    if (accepted) {
      const { local: server, remote: peer } = accepted;
      connections.set(fact.seq, {
        traceId,
        acceptSeq: fact.seq,
        server: { pid: fact.pid, tid: fact.tid },
        peer,
        client: null,
        openedAt: fact.at + (fact.durationUs ?? 0),
        sent: null,
        reply: null,
        repliedAt: null,
        closedBy: null,
      });
      copied.add(fact.seq);
      const serverKey = `${server}->${peer}`;
      const clientKey = `${peer}->${server}`;
      index.byServerEnd.set(serverKey, fact.seq);
      index.byClientEnd.set(clientKey, fact.seq);
      // What came on these ends before the accept was printed, in the order it was printed.
      const early = [serverKey, clientKey].flatMap((key) => index.unclaimed.get(key) ?? []);
      index.unclaimed.delete(serverKey);
      index.unclaimed.delete(clientKey);
      for (const call of early.sort((a, b) => a.seq - b.seq)) apply(call, endsKey(call) as string);
    }
    const key = endsKey(fact);
    if (key !== null) apply(fact, key);
  }
  return { ...index, length: facts.length, last: facts.at(facts.length - 1), connections };
}

function endsKey(call: Call): string | null {
  const ends = tcpEnds(call.endpoint);
  return ends ? `${ends.local}->${ends.remote}` : null;
}
