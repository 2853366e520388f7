import { describe, expect, it } from 'vitest';
import type { LabEvent } from '../../contract';
import { createClock } from '../../main/engine/clock';
import { createEventLog } from '../../main/engine/event-log';

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
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(batches.map((batch) => batch.length)).toEqual([50, 50, 20]);
    log.close();
  });

  it('gives a late subscriber the history and then only newer events, with no gap and no overlap', () => {
    const log = createEventLog({ clock: createClock() });
    for (let i = 0; i < 10; i++) log.append(fired);
    const live: LabEvent[] = [];
    const { events } = log.subscribe((batch) => live.push(...batch));
    for (let i = 0; i < 5; i++) log.append(fired);
    log.flush();
    expect([...events, ...live].map((event) => event.seq)).toEqual(
      Array.from({ length: 15 }, (_, i) => i + 1),
    );
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
    const { events } = log.subscribe(() => {});
    expect(events).toHaveLength(100);
    expect(events[0]!.seq).toBe(152);
    expect(events.at(-1)!.kind).toBe('log:evicted');
    log.close();
  });
});
