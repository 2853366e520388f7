import type { LabEvent } from '../../contract';
import type { EventLog } from './event-log';
import { findPeerProcess, type PeerProcess } from './peer-process';

export type PeerLookup = (ports: { peerPort: number; serverPort: number }) => Promise<PeerProcess | null>;

export interface PeerWatchOptions {
  log: EventLog;
  /** Finds the owner of the peer's socket; /proc by default. */
  lookup?: PeerLookup;
  /** A connection that has sent nothing after this long is looked up anyway (nc waiting for input). */
  quietMs?: number;
  /** Lookups waiting beyond this are answered "unknown" at once, so a flood costs nothing. */
  maxQueued?: number;
  /** Lookups started per second at most; each reads all of /proc/net/tcp, so a flood goes unnamed. */
  maxPerSecond?: number;
}

export interface PeerWatch {
  close(): void;
}

// What the lab's own clients send first; an outsider could too, and then goes unlooked-up until it closes.
const LAB_CLIENT_MESSAGE = /^client:(?:process|thread)=\d+$/;

interface Pending {
  peerPort: number;
  serverPort: number;
  timer: NodeJS.Timeout;
}

/**
 * Names the process behind each external echo connection, once, off the hot path: one lookup at a time,
 * each bounded by the lookup's own time limit. The lab's own clients are recognised and skipped.
 */
export function createPeerWatch({
  log,
  lookup = (ports) => findPeerProcess(ports),
  quietMs = 500,
  maxQueued = 32,
  maxPerSecond = 5,
}: PeerWatchOptions): PeerWatch {
  const pending = new Map<number, Pending>();
  const queue: { connId: number; peerPort: number; serverPort: number }[] = [];
  let busy = false;
  let closed = false;
  let budgetWindow = 0;
  let budgetUsed = 0;

  function withinBudget(): boolean {
    const now = Date.now();
    if (now - budgetWindow >= 1_000) {
      budgetWindow = now;
      budgetUsed = 0;
    }
    budgetUsed += 1;
    return budgetUsed <= maxPerSecond;
  }

  function report(connId: number, found: PeerProcess | null): void {
    if (closed) return;
    log.append({ kind: 'conn:peer', connId, pid: found?.pid ?? null, command: found?.command ?? null });
  }

  async function drain(): Promise<void> {
    if (busy) return;
    busy = true;
    for (let next = queue.shift(); next && !closed; next = queue.shift()) {
      const found = await lookup(next).catch(() => null);
      report(next.connId, found);
    }
    busy = false;
  }

  function lookUp(connId: number): void {
    const entry = pending.get(connId);
    if (!entry) return;
    forget(connId);
    if (!withinBudget()) return;
    // Taps must not append synchronously: the answer goes out after the event that caused it.
    if (queue.length >= maxQueued) {
      queueMicrotask(() => report(connId, null));
      return;
    }
    queue.push({ connId, peerPort: entry.peerPort, serverPort: entry.serverPort });
    void drain();
  }

  function forget(connId: number): void {
    const entry = pending.get(connId);
    if (!entry) return;
    clearTimeout(entry.timer);
    pending.delete(connId);
  }

  function onEvent(event: LabEvent): void {
    switch (event.kind) {
      case 'conn:open':
        if (event.role !== 'echo') return;
        pending.set(event.connId, {
          peerPort: event.remotePort,
          serverPort: event.localPort,
          timer: setTimeout(() => lookUp(event.connId), quietMs).unref(),
        });
        return;
      case 'conn:data': {
        if (!pending.has(event.connId)) return;
        const text = Buffer.from(event.data, 'base64').toString('latin1');
        if (LAB_CLIENT_MESSAGE.test(text)) forget(event.connId);
        else lookUp(event.connId);
        return;
      }
      case 'conn:identified':
        forget(event.connId);
        return;
      case 'conn:close': {
        forget(event.connId);
        // Its socket is gone from /proc by now: a queued lookup could only say "unknown".
        const index = queue.findIndex((waiting) => waiting.connId === event.connId);
        if (index >= 0) queue.splice(index, 1);
        return;
      }
    }
  }

  const untap = log.tap(onEvent);
  return {
    close() {
      closed = true;
      untap();
      for (const connId of [...pending.keys()]) forget(connId);
      queue.length = 0;
    },
  };
}
