import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LabEvent } from '../../contract/events';
import { createReplayer, type ReplayPosition } from '../../renderer/src/session-files/replayer';

/** Alarm events at the lab times given (µs): any kind will do, only the times matter here. */
const at = (...times: number[]): LabEvent[] =>
  times.map((t, i) => ({ kind: 'alarm:cancelled', remaining: 0, seq: i + 1, t }));

describe('the slow-motion replayer', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function replay(events: LabEvent[], start = 0) {
    const shown: number[][] = [];
    const positions: ReplayPosition[] = [];
    const player = createReplayer(
      events,
      start,
      (batch) => shown.push(batch.map((event) => event.seq)),
      (position) => positions.push(position),
    );
    return { player, shown, positions };
  }

  it('shows each event after the lab time since the one before, slowed down, and events a frame apart together', () => {
    const { player, shown } = replay(at(0, 1_000, 1_010, 3_000));
    player.setSlowdown(100);
    player.play();
    vi.advanceTimersByTime(0);
    expect(shown).toEqual([[1]]);
    vi.advanceTimersByTime(99); // 1 ms of lab time is 100 ms at 1/100
    expect(shown).toEqual([[1]]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([[1], [2, 3]]); // 10 µs apart is 1 ms: the same frame
    vi.advanceTimersByTime(198); // from 1,010 to 3,000 µs is 199 ms
    expect(shown).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([[1], [2, 3], [4]]);
  });

  it('shortens an idle stretch to a second, however slow the replay', () => {
    const { player, shown, positions } = replay(at(0, 60_000_000));
    player.setSlowdown(1_000);
    player.play();
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(1_000);
    expect(shown).toEqual([[1], [2]]);
    expect(positions.at(-1)).toEqual({ slowdown: 1_000, playing: false, at: 2, total: 2 });
  });

  it('pauses, steps one event at a time, and shows nothing once stopped', () => {
    const { player, shown, positions } = replay(at(0, 10, 20, 30), 1);
    player.step();
    expect(shown).toEqual([[2]]);
    expect(positions.at(-1)).toMatchObject({ playing: false, at: 2 });
    player.play();
    player.pause();
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual([[2]]);
    player.stop();
    player.step();
    player.play();
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual([[2]]);
  });
});
