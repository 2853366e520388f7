import type { LabEvent } from '../../contract';
import type { EventLog } from './event-log';
import { findPeerProcesses, type PeerPorts, type PeerProcess } from './peer-process';

/** Names the process at the other end of each connection, in order; null where it cannot be told. */
export type PeerLookup = (connections: readonly PeerPorts[]) => Promise<(PeerProcess | null)[]>;

export interface PeerWatchOptions {
  log: EventLog;
  /** Finds the owners of the peers' sockets; /proc by default. */
  lookup?: PeerLookup;
  /**
   * Only a connection still open this long is looked up. A quick client (connect, send, recv, close) is
   * gone from /proc before a lookup could name it, so trying would only cost the server CPU.
   */
  minAgeMs?: number;
  /** The share of time lookups may take: after one that took d ms the next waits d × (1 / share - 1). */
  maxShare?: number;
  /** Connections looked up in one pass at most; the rest wait for the next pass. */
  maxBatch?: number;
}

export interface PeerWatch {
  close(): void;
}

interface Waiting extends PeerPorts {
  openedAt: number;
}

/**
 * Names the process behind each external echo connection that stays open, once, off the hot path: due
 * connections are looked up together in one pass over /proc, and passes are paced by what the last one
 * cost, so a flood of connections costs the server almost nothing. The lab's own clients are skipped.
 */
export function createPeerWatch({
  log,
  lookup = (connections) => findPeerProcesses(connections),
  minAgeMs = 200,
  maxShare = 0.05,
  maxBatch = 64,
}: PeerWatchOptions): PeerWatch {
  // In the order they opened, so the first entries are the first due.
  const waiting = new Map<number, Waiting>();
  let timer: NodeJS.Timeout | null = null;
  let busy = false;
  let closed = false;
  let nextPassAt = 0;
  // Connections in the pass under way that turned out to be the lab's own clients: their answer is dropped.
  const labClientsDuringPass = new Set<number>();

  function schedule(): void {
    if (timer || busy || closed) return;
    const oldest = waiting.values().next().value;
    if (!oldest) return;
    const at = Math.max(oldest.openedAt + minAgeMs, nextPassAt);
    timer = setTimeout(() => void pass(), Math.max(0, at - performance.now())).unref();
  }

  function takeDue(): [number, Waiting][] {
    const dueBefore = performance.now() - minAgeMs;
    const due: [number, Waiting][] = [];
    for (const entry of waiting) {
      if (entry[1].openedAt > dueBefore || due.length >= maxBatch) break;
      due.push(entry);
    }
    for (const [connId] of due) waiting.delete(connId);
    return due;
  }

  async function pass(): Promise<void> {
    timer = null;
    // A timer may fire a little early; the pause after the last pass is a promise to keep.
    if (performance.now() < nextPassAt) {
      schedule();
      return;
    }
    const due = takeDue();
    if (due.length > 0) {
      busy = true;
      const started = performance.now();
      try {
        const found = await lookup(due.map(([, { peerPort, serverPort }]) => ({ peerPort, serverPort })));
        // Taps must not append synchronously, and this runs after an await: the answer follows its cause.
        for (const [i, [connId]] of due.entries()) {
          if (!labClientsDuringPass.has(connId)) report(connId, found[i] ?? null);
        }
      } catch {
        // Nobody could be named this time; the connections stay unnamed rather than the lab failing.
      } finally {
        nextPassAt = started + (performance.now() - started) / maxShare;
        busy = false;
        labClientsDuringPass.clear();
      }
    }
    schedule();
  }

  function report(connId: number, found: PeerProcess | null): void {
    if (closed) return;
    log.append({ kind: 'conn:peer', connId, pid: found?.pid ?? null, command: found?.command ?? null });
  }

  /** The lab's own client needs no name, even when it turns out to be one while its pass runs. */
  function skip(connId: number): void {
    waiting.delete(connId);
    if (busy) labClientsDuringPass.add(connId);
  }

  function onEvent(event: LabEvent): void {
    switch (event.kind) {
      case 'conn:open':
        if (event.role !== 'echo') return;
        waiting.set(event.connId, {
          peerPort: event.remotePort,
          serverPort: event.localPort,
          openedAt: performance.now(),
        });
        schedule();
        return;
      // The lab ties its own clients before their first chunk is recorded.
      case 'conn:identified':
      case 'conn:composer':
        skip(event.connId);
        return;
      case 'conn:close':
        // One closed during a pass keeps its answer: who it was is still worth showing.
        waiting.delete(event.connId);
        return;
    }
  }

  const untap = log.tap(onEvent);
  return {
    close() {
      closed = true;
      untap();
      if (timer) clearTimeout(timer);
      timer = null;
      waiting.clear();
    },
  };
}
