import { describe, expect, it } from 'vitest';
import { createClock } from '../../main/engine/clock';
import { createCounter } from '../../main/engine/counter';
import { labClientMessage } from '../../main/engine/lab-client-message';
import { pause } from '../timeouts';

describe("a lab client's first message", () => {
  it('names a process client by pid and a thread client by its number', () => {
    expect(labClientMessage(Buffer.from('client:process=4242'))).toEqual({ by: 'process', id: 4242 });
    expect(labClientMessage(Buffer.from('client:thread=3'))).toEqual({ by: 'thread', id: 3 });
  });

  it('is the whole chunk or nothing: no prefix, suffix, other kind or missing number', () => {
    for (const text of ['xclient:process=1', 'client:process=1\n', 'client:fork=1', 'client:thread=', '']) {
      expect(labClientMessage(Buffer.from(text))).toBeNull();
    }
  });

  it('reads a chunk of up to 40 bytes and never a longer one', () => {
    const at40 = `client:process=${'1'.repeat(25)}`;
    expect(Buffer.byteLength(at40)).toBe(40);
    expect(labClientMessage(Buffer.from(at40))?.by).toBe('process');
    expect(labClientMessage(Buffer.from(`${at40}1`))).toBeNull();
  });
});

describe('the id counter', () => {
  it('hands out 1, 2, 3, … and each counter starts its own', () => {
    const ids = createCounter();
    expect([ids(), ids(), ids()]).toEqual([1, 2, 3]);
    expect(createCounter()()).toBe(1);
  });
});

describe('the lab clock', () => {
  it('counts whole microseconds from its start, and knows the wall clock at its start', async () => {
    const before = Date.now();
    const clock = createClock();
    const start = clock.now();
    expect(clock.startedAtMs).toBeGreaterThanOrEqual(before);
    expect(clock.startedAtMs).toBeLessThanOrEqual(Date.now());
    expect(start).toBeGreaterThanOrEqual(0);
    expect(start).toBeLessThan(1_000_000);
    await pause(30, 'time for the clock to measure: at least 25 ms of it, however late the timer');
    const later = clock.now();
    expect(Number.isInteger(later)).toBe(true);
    expect(later - start).toBeGreaterThanOrEqual(25_000);
    expect(later - start).toBeLessThan(30_000_000);
  });
});
