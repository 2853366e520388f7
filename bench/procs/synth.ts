// Synthetic events for scenarios 2-4, appended straight to the lab's event log at a set rate.
import type { EventLog } from '../../main/engine/event-log';

export interface SynthRequest {
  /** Events per second; 0 means as fast as the log takes them. */
  rate: number;
  /** Stops after this many events... */
  events: number;
  /** ...or this long, whichever comes first. */
  maxSeconds: number;
  /** Events per connection: open, data, reply, `perConn - 4` extras, close (at least 4). */
  perConn?: number;
  /** Connections open at once (their events interleave), as on a busy server. */
  overlap?: number;
}

export interface SynthResult {
  firstSeq: number;
  lastSeq: number;
  appended: number;
  connections: number;
  seconds: number;
}

interface SynthConn {
  connId: number;
  /** Events this connection has had so far. */
  sent: number;
  data: string;
  size: number;
  text: string;
}

/** Synthetic connection ids start here, far from the echo server's own. */
const FIRST_CONN_ID = 1_000_000_000;
/** Yields back to the event loop after this many ms, so batches flush and the host sends while we push. */
const SLICE_MS = 2;

export function createSynth(log: EventLog) {
  let connections = 0;

  // The payload is `client:thread=<n>`, the lab's own message shape, so the engine's watchers skip the /proc
  // lookup a stranger's connection gets: this measures the path to the screen, not that lookup.
  function openConn(): SynthConn {
    connections += 1;
    const connId = FIRST_CONN_ID + connections;
    const raw = `client:thread=${connections}`;
    const conn = {
      connId,
      sent: 1,
      data: Buffer.from(raw).toString('base64'),
      size: raw.length,
      text: `server got: [b'${raw}']`,
    };
    const remotePort = 40_000 + (connections % 20_000);
    log.append({
      kind: 'conn:open',
      connId,
      role: 'echo',
      remoteAddress: '127.0.0.1',
      remotePort,
      localPort: 50_008,
    });
    return conn;
  }

  /** One more event of `conn`; true once it is closed. */
  function next(conn: SynthConn, perConn: number): boolean {
    const { connId, data, size, text } = conn;
    conn.sent += 1;
    if (conn.sent === perConn) {
      log.append({ kind: 'conn:close', connId, cause: 'client', bytesIn: size, bytesOut: text.length });
      return true;
    }
    if (conn.sent === 2) log.append({ kind: 'conn:data', connId, data, size });
    else if (conn.sent === 3) log.append({ kind: 'conn:reply', connId, text, size: text.length });
    else log.append({ kind: 'conn:extra', connId, data, size });
    return false;
  }

  async function run(request: SynthRequest): Promise<SynthResult> {
    const perConn = Math.max(4, request.perConn ?? 4);
    const overlap = Math.max(1, request.overlap ?? 1);
    const open: SynthConn[] = [];
    const connectionsBefore = connections;
    const firstSeq = log.lastSeq + 1;
    let appended = 0;
    let turn = 0;
    const start = performance.now();
    const deadline = start + request.maxSeconds * 1_000;
    const step = () => {
      appended += 1;
      if (open.length < overlap) {
        open.push(openConn());
        return;
      }
      turn = (turn + 1) % open.length;
      if (next(open[turn]!, perConn)) open.splice(turn, 1);
    };
    while (appended < request.events) {
      const now = performance.now();
      if (now > deadline) break;
      const due =
        request.rate > 0
          ? Math.min(request.events, Math.floor(((now - start) / 1_000) * request.rate))
          : request.events;
      const sliceEnd = now + SLICE_MS;
      while (appended < due && ((appended & 255) !== 0 || performance.now() < sliceEnd)) step();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    // No connection is left open for the next run to find.
    for (const conn of open) {
      conn.sent = perConn - 1;
      next(conn, perConn);
      appended += 1;
    }
    log.flush();
    return {
      firstSeq,
      lastSeq: log.lastSeq,
      appended,
      connections: connections - connectionsBefore,
      seconds: (performance.now() - start) / 1_000,
    };
  }

  return { run };
}
