import type { ClientMode, LabEvent, LabEventBody, LabEventOf } from '../../contract';
import type { EventLog } from './event-log';
import { labClientMessage } from './lab-client-message';

export interface RunTracker {
  /**
   * Ties a connection to the client that sent its first chunk, if it is one of an open run's: the
   * conn:identified it appends comes before that chunk's conn:data. The lab decides this here and only here.
   */
  identify(connId: number, chunk: Buffer): void;
  close(): void;
}

interface Client {
  pid: number;
  thread: number | undefined;
  connected: boolean;
}

interface Run {
  runId: number;
  mode: ClientMode;
  count: number;
  clients: Map<string, Client>;
  /** conn:open seq of each identified client: connections are identified after they open, in any order. */
  accepted: { seq: number; clientId: string }[];
  replied: string[];
  exited: string[];
}

interface Conn {
  openSeq: number;
  run: Run | null;
  clientId: string | null;
  replied: boolean;
}

/**
 * Ties echo connections to the clients that made them, by what they sent, and ends each run with the order
 * in which its clients were accepted, answered and exited.
 */
export function createRunTracker({ log }: { log: EventLog }): RunTracker {
  const runs = new Map<number, Run>(); // open runs, oldest first
  const byPid = new Map<number, { run: Run; clientId: string }>();
  const conns = new Map<number, Conn>();
  const outbox: LabEventBody[] = [];
  let closed = false;

  // Appending from inside a tap would show the new event to later taps before the one that caused it.
  function emit(body: LabEventBody): void {
    outbox.push(body);
    if (outbox.length === 1) queueMicrotask(flush);
  }

  function flush(): void {
    const bodies = outbox.splice(0);
    if (closed) return;
    for (const body of bodies) log.append(body);
  }

  function tie(connId: number, conn: Conn, run: Run, clientId: string): void {
    const client = run.clients.get(clientId);
    if (!client || client.connected || closed) return;
    client.connected = true;
    conn.run = run;
    conn.clientId = clientId;
    run.accepted.push({ seq: conn.openSeq, clientId });
    log.append({ kind: 'conn:identified', connId, runId: run.runId, clientId });
  }

  /** Thread i of the newest open thread run that still waits for it. */
  function threadClient(thread: number): { run: Run; clientId: string } | null {
    for (const run of [...runs.values()].reverse()) {
      if (run.mode !== 'thread') continue;
      for (const [clientId, client] of run.clients) {
        if (client.thread === thread && !client.connected) return { run, clientId };
      }
    }
    return null;
  }

  function onSpawn(event: LabEventOf<'client:spawn'>): void {
    const run = runs.get(event.runId);
    if (!run) return;
    run.clients.set(event.clientId, { pid: event.pid, thread: event.thread, connected: false });
    if (event.mode === 'thread') return;
    // A child's pid is known when it is spawned, before it can connect.
    byPid.set(event.pid, { run, clientId: event.clientId });
  }

  function identify(connId: number, chunk: Buffer): void {
    const conn = conns.get(connId);
    if (!conn || conn.clientId !== null) return;
    const message = labClientMessage(chunk);
    if (!message) return;
    const owner = message.by === 'process' ? byPid.get(message.id) : threadClient(message.id);
    if (owner) tie(connId, conn, owner.run, owner.clientId);
  }

  function onExit(event: LabEventOf<'client:exit'>): void {
    const run = runs.get(event.runId);
    if (!run || run.exited.includes(event.clientId)) return;
    run.exited.push(event.clientId);
    if (run.exited.length < run.count) return;
    runs.delete(run.runId);
    for (const client of run.clients.values()) {
      if (byPid.get(client.pid)?.run === run) byPid.delete(client.pid);
    }
    const accepted = run.accepted.sort((a, b) => a.seq - b.seq).map((entry) => entry.clientId);
    emit({ kind: 'run:end', runId: run.runId, accepted, replied: run.replied, exited: run.exited });
  }

  function onEvent(event: LabEvent): void {
    switch (event.kind) {
      case 'run:start':
        runs.set(event.runId, {
          runId: event.runId,
          mode: event.mode,
          count: event.count,
          clients: new Map(),
          accepted: [],
          replied: [],
          exited: [],
        });
        break;
      case 'client:spawn':
        onSpawn(event);
        break;
      case 'conn:open':
        // With no run in progress no lab client exists, so a flood of outside traffic costs nothing here.
        if (event.role === 'echo' && runs.size > 0) {
          conns.set(event.connId, { openSeq: event.seq, run: null, clientId: null, replied: false });
        }
        break;
      case 'conn:reply': {
        const conn = conns.get(event.connId);
        if (!conn?.run || conn.clientId === null || conn.replied || !runs.has(conn.run.runId)) break;
        conn.replied = true;
        conn.run.replied.push(conn.clientId);
        break;
      }
      case 'conn:close':
        conns.delete(event.connId);
        break;
      case 'client:exit':
        onExit(event);
        break;
    }
  }

  const untap = log.tap(onEvent);
  return {
    identify,
    close() {
      closed = true;
      untap();
    },
  };
}
