import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { atMostEvery } from '../../renderer/src/lib/at-most-every';

describe('atMostEvery', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('runs the first ask at once, and the asks within the interval once, when it has passed', () => {
    const run = vi.fn();
    const paced = atMostEvery(33, run);
    paced.request();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10);
    paced.request();
    paced.request();
    vi.advanceTimersByTime(22);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2); // 33 ms after the first run, not after the asks
    vi.advanceTimersByTime(100);
    paced.request();
    expect(run).toHaveBeenCalledTimes(3); // quiet long enough: at once again
  });

  it('runs at most once an interval under a steady stream of asks', () => {
    const run = vi.fn();
    const paced = atMostEvery(33, run);
    for (let ms = 0; ms < 990; ms++) {
      paced.request();
      vi.advanceTimersByTime(1);
    }
    expect(run).toHaveBeenCalledTimes(31); // at 0 ms, then every 33 ms to 990: not once a ms
  });

  it('forgets a waiting run once cancelled', () => {
    const run = vi.fn();
    const paced = atMostEvery(33, run);
    paced.request();
    paced.request();
    paced.cancel();
    vi.advanceTimersByTime(100);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
