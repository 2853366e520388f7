import type { LabEvent, LabEventBody } from '../../contract';
import type { Clock } from './clock';

export interface EventLogOptions {
  clock: Clock;
  /** Events kept for late subscribers; older ones are evicted and counted. */
  capacity?: number;
  flushIntervalMs?: number;
  /** A batch is flushed early once it holds this many events. */
  maxBatch?: number;
}

/** A batch is flushed early once it holds this many events. */
export const DEFAULT_MAX_BATCH = 1_000;

export type BatchListener = (batch: LabEvent[]) => void;

export interface EventLog {
  /** Stamps the event with its sequence number and time, keeps it, and queues it for subscribers. */
  append(body: LabEventBody): LabEvent;
  /** Synchronous listener for the engine's own bookkeeping; never for hosts. */
  tap(listener: (event: LabEvent) => void): () => void;
  /** The retained history plus the batched live stream after it, with no gap and no overlap. */
  subscribe(listener: BatchListener): { events: LabEvent[]; evicted: number; unsubscribe: () => void };
  readonly lastSeq: number;
  readonly evicted: number;
  flush(): void;
  close(): void;
}

export function createEventLog({
  clock,
  capacity = 200_000,
  flushIntervalMs = 16,
  maxBatch = DEFAULT_MAX_BATCH,
}: EventLogOptions): EventLog {
  const ring: LabEvent[] = [];
  let head = 0; // index of the oldest event once the ring is full
  let seq = 0;
  let evicted = 0;
  let evictedReported = 0;
  let pending: LabEvent[] = [];
  let timer: NodeJS.Timeout | null = null;
  const taps = new Set<(event: LabEvent) => void>();
  const subscribers = new Map<BatchListener, number>(); // listener -> last seq it has seen

  function keep(event: LabEvent): void {
    if (ring.length < capacity) {
      ring.push(event);
      return;
    }
    ring[head] = event;
    head = (head + 1) % capacity;
    evicted += 1;
  }

  function stamp(body: LabEventBody): LabEvent {
    seq += 1;
    const event = { ...body, seq, t: clock.now() } as LabEvent;
    keep(event);
    pending.push(event);
    return event;
  }

  function flush(): void {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    if (evicted > evictedReported) {
      stamp({ kind: 'log:evicted', count: evicted - evictedReported, total: evicted, capacity });
      evictedReported = evicted;
    }
    if (pending.length === 0) return;
    const batch = pending;
    const firstSeq = seq - batch.length + 1;
    pending = [];
    for (const [listener, seen] of subscribers) {
      const fresh = seen >= firstSeq ? batch.filter((event) => event.seq > seen) : batch;
      subscribers.set(listener, seq);
      if (fresh.length > 0) listener(fresh);
    }
  }

  return {
    append(body) {
      const event = stamp(body);
      for (const listener of taps) listener(event);
      if (pending.length >= maxBatch) flush();
      else timer ??= setTimeout(flush, flushIntervalMs);
      return event;
    },
    tap(listener) {
      taps.add(listener);
      return () => taps.delete(listener);
    },
    subscribe(listener) {
      const events = ring.length < capacity ? ring.slice() : [...ring.slice(head), ...ring.slice(0, head)];
      subscribers.set(listener, seq);
      return { events, evicted, unsubscribe: () => subscribers.delete(listener) };
    },
    get lastSeq() {
      return seq;
    },
    get evicted() {
      return evicted;
    },
    flush,
    close() {
      flush();
      subscribers.clear();
      taps.clear();
    },
  };
}
