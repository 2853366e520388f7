import { describe, expect, it, vi } from 'vitest';
import type { LabEvent } from '../../contract';
import { createClock } from '../../main/engine/clock';
import { createEventLog, MAX_HISTORY_CAPACITY, MIN_HISTORY_BYTES } from '../../main/engine/event-log';
import { readHistory } from '../history';
import { pause, QUIET_MS, TIMEOUT, waitFor } from '../timeouts';

const fired = { kind: 'alarm:fired', repeat: false } as const;

describe('event log', () => {
  it('stamps gap-free sequence numbers and monotonic microsecond times', () => {
    const log = createEventLog({ clock: createClock() });
    const events = Array.from({ length: 100 }, () => log.append(fired));
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    for (let i = 1; i < events.length; i++) expect(events[i]!.t).toBeGreaterThanOrEqual(events[i - 1]!.t);
    log.close();
  });

  it('flushes batches every interval or at the size cap, never one message per event', async () => {
    const log = createEventLog({ clock: createClock(), flushIntervalMs: 16, maxBatch: 50 });
    const batches: LabEvent[][] = [];
    log.subscribe((batch) => batches.push(batch));
    for (let i = 0; i < 120; i++) log.append(fired);
    expect(batches.map((batch) => batch.length)).toEqual([50, 50]);
    await waitFor(() => batches.length === 3, 'the flush of the last 20 events', TIMEOUT.io);
    await pause(QUIET_MS, 'a fourth batch, which must not come, would come a flush interval later');
    expect(batches.map((batch) => batch.length)).toEqual([50, 50, 20]);
    log.close();
  });

  it('sends at once when quiet, with the events appended in the same turn', async () => {
    const log = createEventLog({
      clock: createClock(),
      flushIntervalMs: 10_000,
      lightFlushIntervalMs: 10_000,
    });
    const batches: LabEvent[][] = [];
    log.subscribe((batch) => batches.push(batch));
    for (let i = 0; i < 3; i++) log.append(fired);
    expect(batches).toHaveLength(0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches.map((batch) => batch.length)).toEqual([3]);
    log.append(fired);
    await new Promise((resolve) => setImmediate(resolve));
    expect(batches.map((batch) => batch.length)).toEqual([3]); // the window after a flush is still open
    log.close();
  });

  it('waits the short window after a light batch, and the full one after a busy stream, even of small batches', () => {
    vi.useFakeTimers({
      toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate', 'performance'],
    });
    try {
      const log = createEventLog({ clock: createClock(), flushIntervalMs: 16, lightFlushIntervalMs: 4 });
      const sizes: number[] = [];
      log.subscribe((batch) => sizes.push(batch.length));
      const append = (count: number) => {
        for (let i = 0; i < count; i++) log.append(fired);
      };
      append(1);
      vi.advanceTimersByTime(0);
      expect(sizes).toEqual([1]); // quiet: at once
      append(1);
      vi.advanceTimersByTime(4);
      expect(sizes).toEqual([1, 1]); // light: within the short window
      vi.advanceTimersByTime(100);
      append(2);
      vi.advanceTimersByTime(0);
      expect(sizes).toEqual([1, 1, 2]); // quiet again: at once
      for (let ms = 0; ms < 4; ms++) {
        append(12); // 12 events a ms: each batch is small, the stream is not
        vi.advanceTimersByTime(1);
      }
      expect(sizes).toEqual([1, 1, 2, 48]);
      append(12);
      vi.advanceTimersByTime(4);
      expect(sizes).toEqual([1, 1, 2, 48]); // busy: the full window
      vi.advanceTimersByTime(12);
      expect(sizes).toEqual([1, 1, 2, 48, 12]);
      vi.advanceTimersByTime(100);
      append(100);
      vi.advanceTimersByTime(0);
      append(1);
      vi.advanceTimersByTime(4);
      expect(sizes).toEqual([1, 1, 2, 48, 12, 100]); // a heavy batch is busy whatever its pace
      log.close();
    } finally {
      vi.useRealTimers();
    }
  });

  it('gives a late subscriber the history and then only newer events, with no gap and no overlap', () => {
    const log = createEventLog({ clock: createClock() });
    for (let i = 0; i < 10; i++) log.append(fired);
    const live: LabEvent[] = [];
    const { history } = log.subscribe((batch) => live.push(...batch));
    for (let i = 0; i < 5; i++) log.append(fired);
    log.flush();
    const events = readHistory(history); // read after the live batch, as a host that sends slowly does
    expect([...events, ...live].map((event) => event.seq)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
    log.close();
  });

  it('keeps a subscriber history as it was, while newer events evict and clear the log', () => {
    const log = createEventLog({ clock: createClock(), capacity: 3_000, maxBatch: 500 });
    for (let i = 0; i < 5_000; i++) log.append(fired);
    const { history } = log.subscribe(() => {});
    const newest = log.lastSeq;
    expect(history.size).toBe(3_000);
    const first = history.next();
    for (let i = 0; i < 10_000; i++) log.append(fired);
    log.clear();
    const events = [...(first ?? []), ...readHistory(history)];
    expect(events).toHaveLength(3_000);
    expect(events.map((event) => event.seq)).toEqual(
      Array.from({ length: 3_000 }, (_, i) => newest - 2_999 + i),
    );
    expect(history.next()).toBeNull();
    log.close();
  });

  it('evicts the oldest events past its capacity and reports how many', () => {
    const log = createEventLog({ clock: createClock(), capacity: 100 });
    const live: LabEvent[] = [];
    log.subscribe((batch) => live.push(...batch));
    for (let i = 0; i < 250; i++) log.append(fired);
    log.flush();
    expect(log.evicted).toBe(151);
    const report = live.find((event) => event.kind === 'log:evicted');
    expect(report).toMatchObject({ kind: 'log:evicted', count: 150, total: 150, capacity: 100 });
    const events = readHistory(log.subscribe(() => {}).history);
    expect(events).toHaveLength(100);
    expect(events[0]!.seq).toBe(152);
    expect(events.at(-1)!.kind).toBe('log:evicted');
    log.close();
  });
});

describe('event log history and batches', () => {
  const data = (n: number) => ({ kind: 'conn:data', connId: n, data: 'YQ==', size: 1 }) as const;

  it('stamps the body itself, and copies a body that was appended before', () => {
    const log = createEventLog({ clock: createClock() });
    const body = { kind: 'alarm:fired', repeat: true } as const;
    const first = log.append(body);
    const second = log.append(body);
    expect(first).toBe(body);
    expect(second).not.toBe(body);
    expect([first.seq, second.seq]).toEqual([1, 2]);
    log.close();
  });

  it('hands each subscriber the batch and its JSON, made once and the same for all', () => {
    const log = createEventLog({ clock: createClock() });
    const seen: [LabEvent[], string][] = [];
    log.subscribe((batch, json) => seen.push([batch, json]));
    log.subscribe((batch, json) => seen.push([batch, json]));
    for (let i = 0; i < 3; i++) log.append(data(i));
    log.flush();
    expect(seen).toHaveLength(2);
    expect(seen[0]![1]).toBe(JSON.stringify(seen[0]![0]));
    expect(seen[1]![1]).toBe(seen[0]![1]);
    log.close();
  });

  it('gives back exactly the newest events across many batches, past the bound', () => {
    const log = createEventLog({ clock: createClock(), capacity: 25_000, maxBatch: 700 });
    for (let i = 0; i < 60_000; i++) log.append(data(i));
    log.flush();
    const { history, evicted } = log.subscribe(() => {});
    const events = readHistory(history);
    expect(log.size).toBe(25_000);
    expect(events).toHaveLength(25_000);
    expect(evicted).toBe(log.lastSeq - 25_000);
    expect(events.map((event) => event.seq)).toEqual(
      Array.from({ length: 25_000 }, (_, i) => log.lastSeq - 25_000 + 1 + i),
    );
    const reports = events.filter((event) => event.kind === 'log:evicted');
    expect(reports.length).toBeGreaterThan(0);
    log.close();
  });

  it('forgets its history on clear, keeps counting seq, and does not count the cleared as evicted', () => {
    const log = createEventLog({ clock: createClock() });
    const live: LabEvent[] = [];
    log.subscribe((batch) => live.push(...batch));
    for (let i = 0; i < 10; i++) log.append(fired);
    log.clear();
    expect(live).toHaveLength(10); // what was pending still went out
    expect(log.size).toBe(0);
    expect(log.evicted).toBe(0);
    log.append(fired);
    const events = readHistory(log.subscribe(() => {}).history);
    expect(events.map((event) => event.seq)).toEqual([11]);
    log.close();
  });

  it('refuses a history capacity outside 1 to MAX_HISTORY_CAPACITY', () => {
    const clock = createClock();
    expect(() => createEventLog({ clock, capacity: 0 })).toThrow(RangeError);
    expect(() => createEventLog({ clock, capacity: MAX_HISTORY_CAPACITY + 1 })).toThrow(RangeError);
    createEventLog({ clock, capacity: MAX_HISTORY_CAPACITY }).close();
  });
});

describe('a history larger than the default', () => {
  it('keeps its chunks deflated and gives every event back, byte for byte', async () => {
    const log = createEventLog({ clock: createClock(), capacity: 300_000 });
    const sent: LabEvent[] = [];
    log.subscribe((batch) => sent.push(...batch));
    for (let i = 0; i < 20_000; i++) {
      log.append({
        kind: 'client:output',
        runId: 1,
        clientId: '1.1',
        stream: 'stdout',
        text: `line ${i} ✓ "q" \\`,
      });
    }
    log.flush();
    // The read is right either way; waiting lets the thread pool deflate the chunks, so it reads those.
    await pause(200, 'the chunks are deflated meanwhile');
    const events = readHistory(log.subscribe(() => {}).history);
    expect(JSON.stringify(events)).toBe(JSON.stringify(sent));
    log.close();
  });
});

describe('a history bounded in bytes', () => {
  const big = (n: number) =>
    ({ kind: 'conn:extra', connId: n, data: 'x'.repeat(16 * 1024), size: 12 * 1024 }) as const;

  it('evicts the oldest events once they hold more than its byte budget, whatever their count', async () => {
    const log = createEventLog({ clock: createClock(), capacity: 200_000, maxBytes: MIN_HISTORY_BYTES });
    const live: LabEvent[] = [];
    log.subscribe((batch) => live.push(...batch));
    // 400 events of ~16 KB: ~6.4 MB of JSON into a 1 MiB budget, in batches of 50.
    for (let i = 0; i < 400; i++) {
      log.append(big(i));
      if (i % 50 === 49) log.flush();
    }
    log.flush();
    await new Promise((resolve) => setImmediate(resolve)); // the report goes out with the next flush
    const kept = readHistory(log.subscribe(() => {}).history);
    const keptBytes = kept.reduce((sum, event) => sum + JSON.stringify(event).length, 0);
    expect(keptBytes).toBeLessThanOrEqual(MIN_HISTORY_BYTES);
    expect(keptBytes).toBeGreaterThan(MIN_HISTORY_BYTES / 4);
    // No gap: the kept ones are the newest, and everything before them is counted as evicted.
    const seqs = kept.map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect(log.evicted).toBe((seqs[0] ?? 0) - 1);
    const report = live.filter((event) => event.kind === 'log:evicted').at(-1);
    expect(report).toMatchObject({ total: log.evicted, capacity: 200_000, maxBytes: MIN_HISTORY_BYTES });
    expect(log.size).toBe(kept.length);
    log.close();
  });

  it('keeps as many events as both bounds allow when both bite at once, and counts each evicted one once', () => {
    const eventBytes = JSON.stringify({ ...big(0), seq: 1, t: 1 }).length;
    const fitting = Math.floor(MIN_HISTORY_BYTES / eventBytes); // ~63 of these ~16 KB events fit in 1 MiB
    const capacity = fitting - 2; // so a batch of 20 passes both bounds in the same flush
    const log = createEventLog({ clock: createClock(), capacity, maxBytes: MIN_HISTORY_BYTES });
    for (let i = 0; i < 400; i++) {
      log.append(big(i));
      if (i % 20 === 19) log.flush();
    }
    log.flush();
    const kept = readHistory(log.subscribe(() => {}).history).filter((event) => event.kind === 'conn:extra');
    // Whole chunks (64 KB, ~4 of these events) go at a time: up to two chunks' worth fewer than fit, no more.
    expect(kept.length).toBeGreaterThanOrEqual(Math.min(capacity, fitting) - 8);
    expect(log.evicted + log.size).toBe(log.lastSeq);
    log.close();
  });

  it('refuses a byte budget under 1 MiB', () => {
    expect(() => createEventLog({ clock: createClock(), maxBytes: MIN_HISTORY_BYTES - 1 })).toThrow(
      /at least 1048576/,
    );
  });
});

describe('event log subscribers and taps', () => {
  it('accepts a history of one event, and refuses a fractional capacity or byte budget', () => {
    const clock = createClock();
    const log = createEventLog({ clock, capacity: 1 });
    log.append(fired);
    log.append(fired);
    log.flush();
    expect(readHistory(log.subscribe(() => {}).history).map((event) => event.kind)).toEqual(['log:evicted']);
    log.close();
    expect(() => createEventLog({ clock, capacity: 1.5 })).toThrow(/whole number from 1 to 1000000/);
    expect(() => createEventLog({ clock, maxBytes: MIN_HISTORY_BYTES + 0.5 })).toThrow(RangeError);
  });

  it('gives one that subscribes while a batch is delivered only the part its history lacks', () => {
    const log = createEventLog({ clock: createClock() });
    const late: number[][] = [];
    let lateHistory: number[] = [];
    let subscribed = false;
    log.subscribe(() => {
      if (subscribed) return;
      subscribed = true;
      log.append(fired); // pending when the late one subscribes: its history gets it
      const { history } = log.subscribe((batch) => late.push(batch.map((event) => event.seq)));
      lateHistory = readHistory(history).map((event) => event.seq);
    });
    log.append(fired);
    log.append(fired);
    log.flush();
    log.append(fired);
    log.flush();
    expect(lateHistory).toEqual([1, 2, 3]);
    expect(late).toEqual([[4]]);
    log.close();
  });

  it('stops calling a tap or a subscriber once it unsubscribed, and everyone once closed', () => {
    const log = createEventLog({ clock: createClock() });
    const tapped: number[] = [];
    const batches: number[] = [];
    const untap = log.tap((event) => tapped.push(event.seq));
    const { unsubscribe } = log.subscribe((batch) => batches.push(batch.length));
    log.append(fired);
    log.flush();
    untap();
    unsubscribe();
    log.append(fired);
    log.flush();
    expect([tapped, batches]).toEqual([[1], [1]]);
    const after: number[] = [];
    log.tap((event) => after.push(event.seq));
    log.subscribe((batch) => after.push(batch.length));
    log.close();
    log.append(fired);
    log.flush();
    expect(after).toEqual([]);
  });

  it('sends nothing for a flush with nothing pending', () => {
    const log = createEventLog({ clock: createClock() });
    const batches: LabEvent[][] = [];
    log.subscribe((batch) => batches.push(batch));
    log.flush();
    log.append(fired);
    log.flush();
    log.flush();
    expect(batches).toHaveLength(1);
    log.close();
  });

  it('hands every subscriber the very same batch, and reports only the events evicted since the last report', () => {
    const log = createEventLog({ clock: createClock(), capacity: 10 });
    const seen: LabEvent[][] = [];
    log.subscribe((batch) => seen.push(batch));
    log.subscribe((batch) => seen.push(batch));
    for (let i = 0; i < 15; i++) log.append(fired);
    log.flush();
    for (let i = 0; i < 3; i++) log.append(fired);
    log.flush();
    expect(seen[0]).toBe(seen[1]);
    const reports = seen.flat().filter((event) => event.kind === 'log:evicted');
    expect(reports.map((event) => [event.count, event.total])).toEqual([
      [5, 5],
      [5, 5],
      [3, 9], // the first report itself evicted one more, which it could not count
      [3, 9],
    ]);
    log.close();
  });
});
