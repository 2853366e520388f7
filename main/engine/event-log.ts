import type { LabEvent, LabEventBody } from '../../contract';
import type { Clock } from './clock';
import { createEventHistory, type HistoryPieces } from './event-history';

export interface EventLogOptions {
  clock: Clock;
  /** Events kept for late subscribers, 1 to MAX_HISTORY_CAPACITY; older ones are evicted and counted. */
  capacity?: number;
  /** What those events may hold, in bytes; whichever bound is hit first evicts. */
  maxBytes?: number;
  /** How long a busy log gathers events into one batch. */
  flushIntervalMs?: number;
  /** After a light batch (small, and from a slow stream), the next waits only this long: it is sent sooner. */
  lightFlushIntervalMs?: number;
  /** A batch is flushed early once it holds this many events. */
  maxBatch?: number;
}

/** A batch is flushed early once it holds this many events. */
export const DEFAULT_MAX_BATCH = 1_000;
/** Below this many events a batch is light: its per-batch cost is nothing next to what latency costs a click. */
const LIGHT_BATCH = 64;
/**
 * A stream this fast is busy however small its batches: 64 events in a 16 ms window. Counting only a batch's size
 * kept a steady 12 events a ms in 4 ms windows of ~50 events, 250 frames a second for the host and the page.
 */
const BUSY_EVENTS_PER_MS = 4;
/** ~25 MB of JSON in the engine, which a new window has in full within a second or two. */
export const DEFAULT_HISTORY_CAPACITY = 200_000;
/**
 * The bound. A history larger than the default keeps its chunks deflated (event-history.ts): a million echo
 * events then take ~20 MB instead of ~120 MB, for CPU on the thread pool (see `npm run bench`, scenario 4).
 */
export const MAX_HISTORY_CAPACITY = 1_000_000;
/** The history's byte budget by default: a flood of big events meets this long before the event count. */
export const DEFAULT_HISTORY_BYTES = 256 * 2 ** 20;
/** The smallest budget worth having: a few full batches. */
export const MIN_HISTORY_BYTES = 2 ** 20;

/** `json` is JSON.stringify(batch), made once per batch and shared by every subscriber and the history. */
export type BatchListener = (batch: LabEvent[], json: string) => void;

export interface EventLog {
  /**
   * Stamps `seq` and `t` onto the body itself (no copy: the caller made it for the log), keeps it, and
   * queues it for subscribers. A body appended before is copied first.
   */
  append(body: LabEventBody): LabEvent;
  /** Synchronous listener for the engine's own bookkeeping; never for hosts. */
  tap(listener: (event: LabEvent) => void): () => void;
  /** The retained history, read a piece at a time, plus the batched live stream after it: no gap, no overlap. */
  subscribe(listener: BatchListener): { history: HistoryPieces; evicted: number; unsubscribe: () => void };
  readonly lastSeq: number;
  readonly evicted: number;
  /** Events retained now, at most `capacity`. */
  readonly size: number;
  readonly capacity: number;
  readonly maxBytes: number;
  /** Forgets the retained history (not counted as evicted); subscribers still get what was pending. */
  clear(): void;
  flush(): void;
  close(): void;
}

function checkCapacity(capacity: number): number {
  if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_HISTORY_CAPACITY) {
    throw new RangeError(`history capacity must be a whole number from 1 to ${MAX_HISTORY_CAPACITY}`);
  }
  return capacity;
}

function checkMaxBytes(maxBytes: number): number {
  if (!Number.isSafeInteger(maxBytes) || maxBytes < MIN_HISTORY_BYTES) {
    throw new RangeError(
      `the history's byte budget must be a whole number of at least ${MIN_HISTORY_BYTES} (1 MiB)`,
    );
  }
  return maxBytes;
}

export function createEventLog({
  clock,
  capacity = DEFAULT_HISTORY_CAPACITY,
  maxBytes = DEFAULT_HISTORY_BYTES,
  flushIntervalMs = 16,
  lightFlushIntervalMs = 4,
  maxBatch = DEFAULT_MAX_BATCH,
}: EventLogOptions): EventLog {
  checkCapacity(capacity);
  checkMaxBytes(maxBytes);
  const history = createEventHistory({ deflate: capacity > DEFAULT_HISTORY_CAPACITY, maxBytes });
  let seq = 0;
  let retained = 0; // history plus pending, at most capacity
  let evicted = 0;
  let evictedReported = 0;
  let pending: LabEvent[] = [];
  // An early flush (batch full) leaves the timer armed; it then flushes whatever came since, or nothing.
  let timer: NodeJS.Timeout | null = null;
  let immediate: NodeJS.Immediate | null = null;
  let armed = false;
  let lastFlushAt = Number.NEGATIVE_INFINITY;
  let lastBatchLight = true;
  const taps = new Set<(event: LabEvent) => void>();
  const subscribers = new Map<BatchListener, number>(); // listener -> seq it had seen when it subscribed

  function stamp(body: LabEventBody): LabEvent {
    const event = ((body as Partial<LabEvent>).seq === undefined ? body : { ...body }) as LabEvent;
    seq += 1;
    event.seq = seq;
    event.t = clock.now();
    if (retained < capacity) retained += 1;
    else evicted += 1;
    pending.push(event);
    return event;
  }

  function onTimer(): void {
    armed = false;
    timer = immediate = null;
    flush();
  }

  /**
   * A quiet log sends at once, with whatever this turn of the event loop appends, and a light stream within a
   * few ms (a click's reply shows a frame sooner). A busy one waits for the rest of its window, so a flood
   * costs at most one flush per window.
   */
  function arm(): void {
    if (armed) return;
    armed = true;
    const windowMs = lastBatchLight ? lightFlushIntervalMs : flushIntervalMs;
    const wait = lastFlushAt + windowMs - performance.now();
    if (wait <= 0) immediate = setImmediate(onTimer);
    else timer = setTimeout(onTimer, wait);
  }

  function flush(): void {
    if (evicted > evictedReported) {
      stamp({ kind: 'log:evicted', count: evicted - evictedReported, total: evicted, capacity, maxBytes });
      evictedReported = evicted;
    }
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const now = performance.now();
    // Gathered over at least the short window: a batch that came in one turn says little of the stream's pace.
    const gatheredMs = Math.max(now - lastFlushAt, lightFlushIntervalMs);
    lastBatchLight = batch.length < LIGHT_BATCH && batch.length < BUSY_EVENTS_PER_MS * gatheredMs;
    lastFlushAt = now;
    const json = JSON.stringify(batch);
    history.add(json, batch.length);
    history.trimTo(retained);
    if (history.size < retained) {
      // The byte budget let more go than the count did: counted like the rest, and reported with the next
      // flush, which this arms. (The count's evictions were counted as they were stamped.)
      evicted += retained - history.size;
      retained = history.size;
      arm();
    }
    const firstSeq = seq - batch.length + 1; // a batch is every event since the last flush
    for (const [listener, seen] of subscribers) {
      if (seen < firstSeq) listener(batch, json);
      else {
        // Subscribed while this batch was being delivered: its history already holds part of it.
        const fresh = batch.filter((event) => event.seq > seen);
        if (fresh.length > 0) listener(fresh, JSON.stringify(fresh));
      }
    }
  }

  return {
    append(body) {
      const event = stamp(body);
      for (const listener of taps) listener(event);
      if (pending.length >= maxBatch) flush();
      else arm();
      return event;
    },
    tap(listener) {
      taps.add(listener);
      return () => taps.delete(listener);
    },
    subscribe(listener) {
      flush(); // the pending events go out to earlier subscribers, and into the history this one gets
      subscribers.set(listener, seq);
      return { history: history.pieces(), evicted, unsubscribe: () => subscribers.delete(listener) };
    },
    get lastSeq() {
      return seq;
    },
    get evicted() {
      return evicted;
    },
    get size() {
      return retained;
    },
    capacity,
    maxBytes,
    clear() {
      flush();
      history.clear();
      retained = 0;
    },
    flush,
    close() {
      flush();
      clearTimeout(timer ?? undefined);
      clearImmediate(immediate ?? undefined);
      timer = immediate = null;
      armed = false;
      subscribers.clear();
      taps.clear();
    },
  };
}
